import type { PetitionSubmissionInput } from '@tiep-dan/contracts';

/** A complete, valid complaint for tests; override what a test is about. */
export function sampleSubmission(overrides: Partial<PetitionSubmissionInput> = {}): PetitionSubmissionInput {
  return {
    kind: 'complaint',
    channel: 'in_person',
    receivedOn: '2026-11-20',
    writtenOn: '2026-11-18',
    petitioners: {
      type: 'individual',
      persons: [
        { fullName: 'Nguyễn Văn An', citizenId: '001085012345', phone: '0912345678', hamletCode: 'thon-3' },
      ],
    },
    summary: 'Khiếu nại quyết định thu hồi đất của UBND xã',
    classification: 'administrative.land_housing',
    sensitiveTags: ['land'],
    eligibility: {
      vietnameseOrTranslated: true,
      dated: true,
      signedOrFingerprinted: true,
      statesRespondentContentReasonsRequest: true,
    },
    respondent: {
      type: 'decision',
      level: 'commune',
      description: 'Quyết định số 12/QĐ-UBND',
      isChairman: true,
    },
    learnedOfDecisionOn: '2026-10-01',
    ...overrides,
  };
}
