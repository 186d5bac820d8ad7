import { DomainError, isClassificationOf, type PetitionSubmission } from '@tiep-dan/contracts';
import { validatePetitioners, nfc, type ValidatedPetitioners } from './petitioner.rules';

/** The earliest receipt date accepted: older paper petitions are entered with their real date. */
const EARLIEST_DATE = '2000-01-01';

export interface CheckedSubmission {
  petitioners: ValidatedPetitioners;
  summary: string;
  fullText?: string;
  missingElements: string[];
}

/**
 * The rules of a submission that need the law or today's date; the shape was checked by the contract
 * schema. `today` is the commune's calendar date (Asia/Ho_Chi_Minh), given by the caller.
 */
export function checkSubmission(submission: PetitionSubmission, today: string): CheckedSubmission {
  checkClassification(submission.kind, submission.classification);
  checkDates(submission, today);
  if (submission.learnedOfDecisionOn !== undefined && submission.kind !== 'complaint') {
    throw new DomainError(
      'PETITION.FIELD_NOT_APPLICABLE',
      'Ngày biết được quyết định, hành vi chỉ áp dụng cho đơn khiếu nại.',
      'validation',
      { field: 'learnedOfDecisionOn' },
    );
  }
  const petitioners = validatePetitioners(submission.petitioners, today);
  return {
    petitioners,
    summary: nfc(submission.summary),
    ...(submission.fullText !== undefined ? { fullText: submission.fullText.normalize('NFC') } : {}),
    missingElements: missingElements(submission, petitioners),
  };
}

export function checkClassification(kind: PetitionSubmission['kind'], classification: string): void {
  if (!isClassificationOf(kind, classification)) {
    throw new DomainError(
      'PETITION.INVALID_CLASSIFICATION',
      `Phân loại "${classification}" không thuộc danh mục của loại đơn này.`,
      'validation',
      { kind, classification },
    );
  }
}

function checkDates(submission: PetitionSubmission, today: string): void {
  const dates: Array<[string, string | undefined]> = [
    ['receivedOn', submission.receivedOn],
    ['writtenOn', submission.writtenOn],
    ['learnedOfDecisionOn', submission.learnedOfDecisionOn],
  ];
  for (const [field, value] of dates) {
    if (value === undefined) continue;
    if (!isRealDate(value)) {
      throw new DomainError('PETITION.INVALID_DATE', `Ngày không hợp lệ: ${value}.`, 'validation', { field });
    }
    if (value > today) {
      throw new DomainError('PETITION.DATE_IN_FUTURE', 'Ngày không được ở tương lai.', 'validation', {
        field,
      });
    }
    if (value < EARLIEST_DATE) {
      throw new DomainError(
        'PETITION.DATE_OUT_OF_RANGE',
        `Ngày phải từ ${EARLIEST_DATE} trở đi.`,
        'validation',
        {
          field,
        },
      );
    }
  }
  for (const field of ['writtenOn', 'learnedOfDecisionOn'] as const) {
    const value = submission[field];
    if (value !== undefined && value > submission.receivedOn) {
      throw new DomainError(
        'PETITION.DATE_AFTER_RECEIPT',
        'Ngày này không thể sau ngày nhận đơn.',
        'validation',
        {
          field,
        },
      );
    }
  }
}

export function isRealDate(value: string): boolean {
  const match = /^(\d{4})-(\d{2})-(\d{2})$/.exec(value);
  if (!match) return false;
  const date = new Date(Date.UTC(Number(match[1]), Number(match[2]) - 1, Number(match[3])));
  return date.toISOString().slice(0, 10) === value;
}

/** What eligibility depends on (TT 05/2021 art. 6). */
export interface EligibilityFacts {
  kind: PetitionSubmission['kind'];
  eligibility: PetitionSubmission['eligibility'];
  writtenOn?: string;
  anonymous: boolean;
  hasAddress: boolean;
  hasRespondent: boolean;
}

/**
 * The elements TT 05/2021 art. 6 requires that this petition lacks. A petition that lacks some is still
 * recorded (routing decides to guide or file it away); the list says why.
 */
export function missingElements(submission: PetitionSubmission, petitioners: ValidatedPetitioners): string[] {
  return missingElementsOf({
    kind: submission.kind,
    eligibility: submission.eligibility,
    ...(submission.writtenOn !== undefined ? { writtenOn: submission.writtenOn } : {}),
    anonymous: petitioners.type === 'anonymous',
    hasAddress: petitioners.persons.some((p) => p.address !== undefined || p.hamletCode !== undefined),
    hasRespondent: submission.respondent !== undefined,
  });
}

export function missingElementsOf(facts: EligibilityFacts): string[] {
  const missing: string[] = [];
  const { eligibility } = facts;
  if (!eligibility.vietnameseOrTranslated) missing.push('language');
  if (!eligibility.dated && facts.writtenOn === undefined) missing.push('date');
  if (!eligibility.signedOrFingerprinted) missing.push('signature');
  if (facts.anonymous) missing.push('name');
  else if (!facts.hasAddress) missing.push('address');
  switch (facts.kind) {
    case 'complaint':
      if (!facts.hasRespondent) missing.push('respondent');
      if (eligibility.statesRespondentContentReasonsRequest !== true) missing.push('complaint_content');
      break;
    case 'denunciation':
      if (eligibility.namesAccusedAndViolation !== true) missing.push('denunciation_content');
      if (facts.anonymous && eligibility.concreteEvidence !== true) missing.push('concrete_evidence');
      break;
    default:
      break;
  }
  return missing;
}
