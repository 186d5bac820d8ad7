import { DomainError } from '@tiep-dan/contracts';

export const MATCHING_ERROR_CODES = [
  'MATCHING.INVALID_RECEIVED_ON',
  'MATCHING.DUPLICATE_PETITION_ID',
  'MATCHING.INVALID_OPTIONS',
  'MATCHING.INVALID_PLACE_ALIAS',
  'MATCHING.CONFLICTING_PLACE_ALIAS',
] as const;

export type MatchingErrorCode = (typeof MATCHING_ERROR_CODES)[number];

/** Matching input or configuration the caller got wrong; never caused by a citizen's text. */
export function matchingError(
  code: MatchingErrorCode,
  message: string,
  details?: Record<string, unknown>,
): DomainError {
  return new DomainError(code, message, 'validation', details);
}
