import { DomainError, type DomainErrorKind } from '@tiep-dan/contracts';

/** Stable codes of the Open311 interface; the response carries them in the `X-Error-Code` header. */
export type Open311ErrorCode =
  | 'OPEN311.INVALID_API_KEY'
  | 'OPEN311.INVALID_REQUEST'
  | 'OPEN311.LOCATION_REQUIRED'
  | 'OPEN311.INVALID_QUERY'
  | 'OPEN311.UNKNOWN_SERVICE'
  | 'OPEN311.REQUEST_NOT_FOUND';

export function open311Error(
  code: Open311ErrorCode,
  message: string,
  kind: DomainErrorKind = 'validation',
  details?: Record<string, unknown>,
): DomainError {
  return new DomainError(code, message, kind, details);
}

export const requestNotFound = (): DomainError =>
  open311Error('OPEN311.REQUEST_NOT_FOUND', 'Không tìm thấy phản ánh với mã này.', 'not_found');
