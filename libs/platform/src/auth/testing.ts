import { DEFAULT_LOCAL_AUDIENCE, DEFAULT_LOCAL_ISSUER, signLocalToken } from './local-token.service';
import type { Role } from './roles';

export interface TestTokenClaims {
  roles: Role[];
  userId?: string;
  username?: string;
  displayName?: string;
  unitId?: string;
  issuer?: string;
  audience?: string;
  /** Lifetime from now; negative gives an already expired token. Default one hour. */
  expiresInSeconds?: number;
}

/**
 * Mints a local-mode (HS256) token for tests, accepted by `AuthModule.forRoot({ mode: 'local', jwtSecret: secret })`
 * with the default issuer and audience. Tests only: production tokens come from `POST /auth/token`.
 */
export function signTestToken(secret: string, claims: TestTokenClaims): Promise<string> {
  const now = Math.floor(Date.now() / 1000);
  const expiresAt = now + (claims.expiresInSeconds ?? 3600);
  const principal = {
    userId: claims.userId ?? '00000000-0000-4000-8000-000000000001',
    username: claims.username ?? 'test-user',
    roles: claims.roles,
    ...(claims.displayName !== undefined ? { displayName: claims.displayName } : {}),
    ...(claims.unitId !== undefined ? { unitId: claims.unitId } : {}),
  };
  return signLocalToken(new TextEncoder().encode(secret), principal, {
    issuer: claims.issuer ?? DEFAULT_LOCAL_ISSUER,
    audience: claims.audience ?? DEFAULT_LOCAL_AUDIENCE,
    expiresAt,
    issuedAt: Math.min(now, expiresAt - 60),
  });
}
