import { SignJWT, jwtVerify } from 'jose';
import { principalFromClaims } from './claims';
import { toTokenVerificationError } from './jose-errors';
import type { AuthPrincipal } from './principal';
import type { TokenVerifier } from './token-verifier';

export const DEFAULT_LOCAL_ISSUER = 'tiep-dan';
export const DEFAULT_LOCAL_AUDIENCE = 'tiep-dan';
/** A working day: the admin UI has no refresh token, and this is also how long a disabled user's token stays usable. */
export const DEFAULT_TOKEN_TTL_SECONDS = 8 * 3600;
/** HS256 is only as strong as its secret: 32 bytes is the key size of the algorithm. */
export const MIN_SECRET_LENGTH = 32;

export interface LocalTokenOptions {
  secret: string;
  issuer?: string;
  audience?: string;
  tokenTtlSeconds?: number;
}

export interface IssuedToken {
  accessToken: string;
  expiresIn: number;
  tokenType: 'Bearer';
}

/**
 * Embedded mode's own tokens: HS256 signed with a shared secret, so every service process that knows
 * the secret can verify them without calling anyone. Issuer and audience are checked to refuse tokens
 * minted for another system that happens to share the secret.
 */
export class LocalTokenService implements TokenVerifier {
  private readonly key: Uint8Array;
  readonly issuer: string;
  readonly audience: string;
  readonly ttlSeconds: number;

  constructor(options: LocalTokenOptions) {
    if (options.secret.length < MIN_SECRET_LENGTH) {
      throw new Error(`the JWT secret must be at least ${MIN_SECRET_LENGTH} characters`);
    }
    this.key = new TextEncoder().encode(options.secret);
    this.issuer = options.issuer ?? DEFAULT_LOCAL_ISSUER;
    this.audience = options.audience ?? DEFAULT_LOCAL_AUDIENCE;
    this.ttlSeconds = options.tokenTtlSeconds ?? DEFAULT_TOKEN_TTL_SECONDS;
  }

  async issue(principal: AuthPrincipal): Promise<IssuedToken> {
    const accessToken = await signLocalToken(this.key, principal, {
      issuer: this.issuer,
      audience: this.audience,
      expiresAt: Math.floor(Date.now() / 1000) + this.ttlSeconds,
    });
    return { accessToken, expiresIn: this.ttlSeconds, tokenType: 'Bearer' };
  }

  async verify(token: string): Promise<AuthPrincipal> {
    try {
      const { payload } = await jwtVerify(token, this.key, {
        algorithms: ['HS256'],
        issuer: this.issuer,
        audience: this.audience,
        requiredClaims: ['sub', 'exp'],
      });
      return principalFromClaims(payload, { rolesClaim: 'roles' });
    } catch (error) {
      throw toTokenVerificationError(error);
    }
  }
}

/** The claims of our tokens: standard names (OIDC `preferred_username`, `name`) so the admin UI reads both kinds alike. */
export async function signLocalToken(
  key: Uint8Array,
  principal: AuthPrincipal,
  options: { issuer: string; audience: string; expiresAt: number; issuedAt?: number },
): Promise<string> {
  const claims: Record<string, unknown> = { preferred_username: principal.username, roles: principal.roles };
  if (principal.displayName !== undefined) claims['name'] = principal.displayName;
  if (principal.unitId !== undefined) claims['unit_id'] = principal.unitId;
  return new SignJWT(claims)
    .setProtectedHeader({ alg: 'HS256', typ: 'JWT' })
    .setSubject(principal.userId)
    .setIssuer(options.issuer)
    .setAudience(options.audience)
    .setIssuedAt(options.issuedAt ?? Math.min(Math.floor(Date.now() / 1000), options.expiresAt))
    .setExpirationTime(options.expiresAt)
    .sign(key);
}
