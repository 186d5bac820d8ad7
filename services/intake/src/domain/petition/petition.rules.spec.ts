import { DomainError, petitionSubmissionSchema, type PetitionSubmissionInput } from '@tiep-dan/contracts';
import { checkSubmission } from './petition.rules';
import { sampleSubmission } from './petition.test-fixtures';

const TODAY = '2026-11-29';

function check(overrides: Partial<PetitionSubmissionInput> = {}) {
  return checkSubmission(petitionSubmissionSchema.parse(sampleSubmission(overrides)), TODAY);
}

function codeOf(fn: () => unknown): string | undefined {
  try {
    fn();
    return undefined;
  } catch (error) {
    return error instanceof DomainError ? error.code : String(error);
  }
}

describe('submission rules', () => {
  it('finds nothing missing in a complete complaint', () => {
    expect(check().missingElements).toEqual([]);
  });

  it('rejects a classification that belongs to another kind', () => {
    expect(codeOf(() => check({ classification: 'corruption' }))).toBe('PETITION.INVALID_CLASSIFICATION');
    expect(
      check({ kind: 'denunciation', classification: 'corruption', learnedOfDecisionOn: undefined }),
    ).toBeDefined();
  });

  it('rejects a receipt date in the future and an impossible date', () => {
    expect(codeOf(() => check({ receivedOn: '2026-11-30' }))).toBe('PETITION.DATE_IN_FUTURE');
    expect(codeOf(() => check({ receivedOn: '2026-02-30' }))).toBe('PETITION.INVALID_DATE');
  });

  it('rejects a writing date or a learned-of date after the receipt date', () => {
    expect(codeOf(() => check({ writtenOn: '2026-11-21' }))).toBe('PETITION.DATE_AFTER_RECEIPT');
    expect(codeOf(() => check({ learnedOfDecisionOn: '2026-11-25' }))).toBe('PETITION.DATE_AFTER_RECEIPT');
  });

  it('accepts the date the petitioner learned of the decision only on complaints', () => {
    expect(
      codeOf(() =>
        check({ kind: 'recommendation', classification: 'land', learnedOfDecisionOn: '2026-10-01' }),
      ),
    ).toBe('PETITION.FIELD_NOT_APPLICABLE');
  });

  it('lists the TT 05/2021 elements a petition lacks instead of refusing it', () => {
    const result = check({
      eligibility: { vietnameseOrTranslated: false, dated: false, signedOrFingerprinted: false },
      writtenOn: undefined,
      respondent: undefined,
    });
    expect(result.missingElements).toEqual([
      'language',
      'date',
      'signature',
      'respondent',
      'complaint_content',
    ]);
  });

  it('marks an anonymous denunciation without concrete evidence', () => {
    const result = check({
      kind: 'denunciation',
      classification: 'corruption',
      learnedOfDecisionOn: undefined,
      petitioners: { type: 'anonymous', persons: [] },
      eligibility: {
        vietnameseOrTranslated: true,
        dated: true,
        signedOrFingerprinted: false,
        namesAccusedAndViolation: true,
      },
    });
    expect(result.missingElements).toEqual(['signature', 'name', 'concrete_evidence']);
  });

  it('asks for an address when no petitioner gives one', () => {
    const result = check({ petitioners: { type: 'individual', persons: [{ fullName: 'Lê Thị Bình' }] } });
    expect(result.missingElements).toContain('address');
  });
});
