import { DomainError, type DomainErrorKind } from '@tiep-dan/contracts';

export type ProcessingErrorCode =
  | 'PROCESSING.NOT_FOUND'
  | 'PROCESSING.ALREADY_DECIDED'
  | 'PROCESSING.CANCELLED'
  | 'PROCESSING.OVERRIDE_REASON_REQUIRED'
  | 'PROCESSING.UNIT_REQUIRED'
  | 'PROCESSING.BODY_REQUIRED'
  | 'PROCESSING.FILING_REASON_REQUIRED'
  | 'PROCESSING.NOT_PROPOSED';

const KINDS: Record<ProcessingErrorCode, DomainErrorKind> = {
  'PROCESSING.NOT_FOUND': 'not_found',
  'PROCESSING.ALREADY_DECIDED': 'conflict',
  'PROCESSING.CANCELLED': 'gone',
  'PROCESSING.OVERRIDE_REASON_REQUIRED': 'validation',
  'PROCESSING.UNIT_REQUIRED': 'validation',
  'PROCESSING.BODY_REQUIRED': 'validation',
  'PROCESSING.FILING_REASON_REQUIRED': 'validation',
  'PROCESSING.NOT_PROPOSED': 'unprocessable',
};

/** A broken rule of petition processing (xử lý đơn). */
export class ProcessingError extends DomainError {
  constructor(code: ProcessingErrorCode, message: string, details?: Record<string, unknown>) {
    super(code, message, KINDS[code], details);
    this.name = 'ProcessingError';
  }
}
