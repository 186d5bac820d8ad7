import type { AuthPrincipal } from './principal';

/**
 * Turns a bearer token into a principal, or throws TokenVerificationError. One implementation per
 * identity source (local HS256 tokens in embedded mode, any OIDC provider's JWKS in production).
 */
export interface TokenVerifier {
  verify(token: string): Promise<AuthPrincipal>;
}

export const TOKEN_VERIFIER = Symbol('TOKEN_VERIFIER');
