import { errors } from 'jose';
import { TokenVerificationError } from './auth.errors';

/**
 * Maps a failure of jose's `jwtVerify` to our codes. Expiry is told apart so a client knows to log in
 * again; a JWKS endpoint that is down or answers garbage is the provider's fault (503), not the
 * caller's; everything else (signature, issuer, audience, algorithm, malformed token) is "invalid".
 */
export function toTokenVerificationError(error: unknown): TokenVerificationError {
  if (error instanceof TokenVerificationError) return error;
  if (error instanceof errors.JWTExpired)
    return new TokenVerificationError('AUTH.TOKEN_EXPIRED', 'the token has expired');
  if (
    error instanceof errors.JWKSTimeout ||
    (error instanceof errors.JOSEError && error.code === 'ERR_JOSE_GENERIC')
  ) {
    return new TokenVerificationError(
      'AUTH.PROVIDER_UNAVAILABLE',
      `the identity provider's key set is unavailable: ${error.message}`,
    );
  }
  if (!(error instanceof errors.JOSEError) && isNetworkError(error)) {
    return new TokenVerificationError(
      'AUTH.PROVIDER_UNAVAILABLE',
      `the identity provider's key set is unreachable: ${error.message}`,
    );
  }
  const reason = error instanceof Error ? error.message : 'unknown reason';
  return new TokenVerificationError('AUTH.TOKEN_INVALID', `the token is not valid: ${reason}`);
}

/** Duck-typed: errors from Node's socket layer may come from another realm (Jest's VM), where `instanceof Error` fails. */
function isNetworkError(error: unknown): error is { code: string; message: string } {
  if (typeof error !== 'object' || error === null) return false;
  const { code, message } = error as { code?: unknown; message?: unknown };
  return typeof code === 'string' && /^E[A-Z]+$/.test(code) && typeof message === 'string';
}
