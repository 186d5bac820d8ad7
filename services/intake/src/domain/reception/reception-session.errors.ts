import { DomainError, type DomainErrorKind } from '@tiep-dan/contracts';

/**
 * Every rule of reception sessions (tiếp công dân) that can be broken, with how an interface answers
 * it. Clients and tests match on the code `RECEPTION.<REASON>`; the kind gives the HTTP status.
 */
export const RECEPTION_ERRORS = {
  INVALID_INPUT: 'validation',
  INVALID_DATE: 'validation',
  INVALID_MONTH: 'validation',
  DATE_IN_FUTURE: 'validation',
  /** Periodic reception by the chairman: only he, or a deputy where the rule in force allows it. */
  CHAIRMAN_MUST_PRESIDE: 'validation',
  DUPLICATE_OFFICIAL: 'validation',
  DUPLICATE_LINKED_SITE: 'validation',
  /** Five or more people are a mass delegation (đoàn đông người) and must be recorded as one. */
  DELEGATION_REQUIRED: 'validation',
  DELEGATION_TOO_SMALL: 'validation',
  INVALID_PEOPLE_COUNT: 'validation',
  REPRESENTATIVES_REQUIRED: 'validation',
  TOO_MANY_REPRESENTATIVES: 'validation',
  INVALID_VISITOR_REF: 'validation',
  PETITION_REQUIRED: 'validation',
  DUPLICATE_PETITION_IN_VISIT: 'validation',
  REFUSAL_REASON_REQUIRED: 'validation',
  TEXT_REQUIRED: 'validation',
  CORRECTION_REASON_REQUIRED: 'validation',
  VISIT_RECORDED_NO_PETITION: 'validation',
  LAST_PETITION_OF_VISIT: 'validation',
  INVALID_RULES: 'validation',
  NO_RULE_FOR_MONTH: 'validation',
  SESSION_NOT_FOUND: 'not_found',
  VISIT_NOT_FOUND: 'not_found',
  PETITION_NOT_LINKED: 'not_found',
  SESSION_ALREADY_EXISTS: 'conflict',
  SESSION_CLOSED: 'conflict',
  DUPLICATE_VISIT_ID: 'conflict',
  DUPLICATE_NOTE_ID: 'conflict',
  PETITION_ALREADY_LINKED: 'conflict',
  CONCURRENT_UPDATE: 'conflict',
} as const satisfies Record<string, DomainErrorKind>;

export type ReceptionErrorReason = keyof typeof RECEPTION_ERRORS;
export type ReceptionErrorCode = `RECEPTION.${ReceptionErrorReason}`;

export function receptionError(
  reason: ReceptionErrorReason,
  message: string,
  details?: Record<string, unknown>,
): DomainError {
  return new DomainError(`RECEPTION.${reason}`, message, RECEPTION_ERRORS[reason], details);
}
