import { HttpException, HttpStatus } from '@nestjs/common';

export type AuthErrorCode =
  | 'AUTH.UNAUTHENTICATED'
  | 'AUTH.TOKEN_EXPIRED'
  | 'AUTH.TOKEN_INVALID'
  | 'AUTH.FORBIDDEN'
  | 'AUTH.INVALID_CREDENTIALS'
  | 'AUTH.PROVIDER_UNAVAILABLE'
  | 'AUTH.VALIDATION_FAILED'
  | 'AUTH.USER_NOT_FOUND'
  | 'AUTH.USERNAME_TAKEN'
  | 'AUTH.SELF_LOCKOUT';

/** The JSON body every auth error answers with; `details` only for validation failures. */
export interface AuthErrorBody {
  statusCode: number;
  code: AuthErrorCode;
  message: string;
  details?: unknown;
}

/**
 * An HTTP error whose body is exactly `{statusCode, code, message}`: Nest's default exception filter
 * sends an object response as-is, so no global filter is needed for these stable codes.
 */
export class AuthHttpError extends HttpException {
  constructor(status: HttpStatus, code: AuthErrorCode, message: string, details?: unknown) {
    const body: AuthErrorBody = { statusCode: status, code, message };
    if (details !== undefined) body.details = details;
    super(body, status);
  }
}

/** A token could not be verified; the guard turns it into a 401 (or 503 when the identity provider is down). */
export class TokenVerificationError extends Error {
  constructor(
    readonly code: 'AUTH.TOKEN_EXPIRED' | 'AUTH.TOKEN_INVALID' | 'AUTH.PROVIDER_UNAVAILABLE',
    message: string,
  ) {
    super(message);
    this.name = 'TokenVerificationError';
  }
}

/** A rule of the local user store was broken. */
export class UserStoreError extends Error {
  constructor(
    readonly code: 'AUTH.USER_NOT_FOUND' | 'AUTH.USERNAME_TAKEN' | 'AUTH.VALIDATION_FAILED',
    message: string,
  ) {
    super(message);
    this.name = 'UserStoreError';
  }
}
