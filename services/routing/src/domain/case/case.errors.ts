import { DomainError, type DomainErrorKind } from '@tiep-dan/contracts';

const KINDS = {
  'CASE.NOT_FOUND': 'not_found',
  'CASE.ALREADY_OPENED': 'conflict',
  'CASE.INVALID_INPUT': 'validation',
  'CASE.REASON_REQUIRED': 'validation',
  'CASE.INVALID_TRANSITION': 'conflict',
  'CASE.NOT_ASSIGNED_UNIT': 'forbidden',
  'CASE.SAME_UNIT': 'validation',
  'CASE.NOT_A_DENUNCIATION': 'conflict',
  'CASE.DENUNCIATION_NOT_ACCEPTED': 'conflict',
  'CASE.DENUNCIATION_ALREADY_TRANSFERRED': 'conflict',
  'CASE.EXTENSION_NOT_ALLOWED': 'conflict',
  'CASE.DEADLINE_PASSED': 'conflict',
  'CASE.NOTICE_NOT_DUE': 'conflict',
  'CASE.CANNOT_REOPEN': 'conflict',
  'CASE.ENFORCEMENT_NOT_REQUIRED': 'conflict',
  'CASE.ENFORCEMENT_PENDING': 'conflict',
  'CASE.NOT_A_FIRST_COMPLAINT': 'conflict',
  'CASE.SECOND_COMPLAINT_ALREADY_FILED': 'conflict',
  'CASE.SECOND_COMPLAINT_PREMATURE': 'conflict',
  'CASE.SECOND_COMPLAINT_OUT_OF_TIME': 'unprocessable',
} as const satisfies Record<string, DomainErrorKind>;

/** Stable codes of the case aggregate; clients and tests match on them. */
export type CaseErrorCode = keyof typeof KINDS;
export const CASE_ERROR_CODES = Object.keys(KINDS) as CaseErrorCode[];

/** A broken rule of case resolution. */
export class CaseError extends DomainError {
  constructor(code: CaseErrorCode, message: string, details?: Record<string, unknown>) {
    super(code, message, KINDS[code], details);
    this.name = 'CaseError';
  }
}
