import { type JWTVerifyGetKey, createRemoteJWKSet, jwtVerify } from 'jose';
import { type ClaimMapping, principalFromClaims } from './claims';
import { toTokenVerificationError } from './jose-errors';
import type { AuthPrincipal } from './principal';
import type { Role } from './roles';
import type { TokenVerifier } from './token-verifier';

export interface OidcVerifierOptions {
  jwksUrl: string;
  issuer: string;
  audience: string | string[];
  /** Dot path of the roles claim, e.g. `realm_access.roles` (Keycloak) or `roles`. */
  rolesClaim?: string;
  roleMapping?: Readonly<Record<string, Role>>;
  unitClaim?: string;
  /** Asymmetric algorithms only: accepting HS256 here would let anyone sign with the public key. */
  algorithms?: string[];
  clockToleranceSeconds?: number;
}

export const DEFAULT_OIDC_ALGORITHMS = ['RS256', 'PS256', 'ES256', 'EdDSA'];

/**
 * Verifies tokens of any OIDC provider (Keycloak, the province's SSO…) against its JWKS. jose caches
 * the key set and refetches it when a token names an unknown `kid`, which follows key rotation.
 */
export class OidcTokenVerifier implements TokenVerifier {
  private readonly jwks: JWTVerifyGetKey;
  private readonly mapping: ClaimMapping;

  constructor(private readonly options: OidcVerifierOptions) {
    this.jwks = createRemoteJWKSet(new URL(options.jwksUrl));
    this.mapping = {
      rolesClaim: options.rolesClaim ?? 'realm_access.roles',
      unitClaim: options.unitClaim ?? 'unit_id',
    };
    if (options.roleMapping) this.mapping.roleMapping = options.roleMapping;
  }

  async verify(token: string): Promise<AuthPrincipal> {
    try {
      const { payload } = await jwtVerify(token, this.jwks, {
        algorithms: this.options.algorithms ?? DEFAULT_OIDC_ALGORITHMS,
        issuer: this.options.issuer,
        audience: this.options.audience,
        clockTolerance: this.options.clockToleranceSeconds ?? 30,
        requiredClaims: ['sub', 'exp'],
      });
      return principalFromClaims(payload, this.mapping);
    } catch (error) {
      throw toTokenVerificationError(error);
    }
  }
}
