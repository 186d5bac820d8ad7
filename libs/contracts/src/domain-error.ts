/**
 * The one error type that domain code throws for a broken rule. `code` is stable (`CONTEXT.REASON`,
 * e.g. `PETITION.INVALID_CITIZEN_ID`): clients and tests match on it. `kind` says how an interface
 * answers it: HTTP maps it to a status (validation 400, not_found 404, conflict 409, forbidden 403,
 * gone 410, unprocessable 422 — e.g. an idempotency key reused for another request); a message consumer sends a `validation` error to the dead-letter topic at once.
 */
export type DomainErrorKind =
  'validation' | 'not_found' | 'conflict' | 'forbidden' | 'gone' | 'unprocessable';

export class DomainError extends Error {
  constructor(
    readonly code: string,
    message: string,
    readonly kind: DomainErrorKind = 'validation',
    /** Machine-readable detail (field path, limit...), never personal data. */
    readonly details?: Record<string, unknown>,
  ) {
    super(message);
    this.name = 'DomainError';
  }
}

export function isDomainError(error: unknown): error is DomainError {
  return error instanceof DomainError;
}
