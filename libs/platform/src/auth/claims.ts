import { TokenVerificationError } from './auth.errors';
import type { AuthPrincipal } from './principal';
import { type Role, isRole } from './roles';

export interface ClaimMapping {
  /** Dot path of the roles claim: `roles` (our tokens), `realm_access.roles` (Keycloak), `groups`… */
  rolesClaim: string;
  /**
   * External role name → our role, for providers whose roles are named differently
   * (e.g. `{ 'tiepdan-admin': 'administrator' }`). Names already equal to one of our roles map to
   * themselves; anything else is ignored so a provider's unrelated roles never grant access here.
   */
  roleMapping?: Readonly<Record<string, Role>>;
  /** Claim holding the user's unit id; `unit_id` by default. */
  unitClaim?: string;
}

/** Reads a value at a dot path; `undefined` when any step is missing or not an object. */
export function readClaimPath(payload: Readonly<Record<string, unknown>>, path: string): unknown {
  let current: unknown = payload;
  for (const key of path.split('.')) {
    if (typeof current !== 'object' || current === null || Array.isArray(current)) return undefined;
    current = (current as Record<string, unknown>)[key];
  }
  return current;
}

/** Maps a claim value (array of names, or a single space/comma separated string) to our roles, unknown names dropped. */
export function mapRoles(value: unknown, roleMapping: Readonly<Record<string, Role>> = {}): Role[] {
  const names: unknown[] = Array.isArray(value)
    ? value
    : typeof value === 'string'
      ? value.split(/[\s,]+/)
      : [];
  const roles = new Set<Role>();
  for (const name of names) {
    if (typeof name !== 'string') continue;
    const mapped = Object.prototype.hasOwnProperty.call(roleMapping, name) ? roleMapping[name] : name;
    if (isRole(mapped)) roles.add(mapped);
  }
  return [...roles];
}

/** Builds the principal from verified JWT claims. A token without `sub` identifies nobody and is rejected. */
export function principalFromClaims(
  payload: Readonly<Record<string, unknown>>,
  mapping: ClaimMapping,
): AuthPrincipal {
  const sub = payload['sub'];
  if (typeof sub !== 'string' || sub.length === 0) {
    throw new TokenVerificationError('AUTH.TOKEN_INVALID', 'the token has no subject');
  }
  const username = firstString(payload['preferred_username'], payload['username'], payload['email']) ?? sub;
  const principal: AuthPrincipal = {
    userId: sub,
    username,
    roles: mapRoles(readClaimPath(payload, mapping.rolesClaim), mapping.roleMapping),
  };
  const displayName = firstString(payload['name']);
  if (displayName !== undefined) principal.displayName = displayName;
  const unitId = firstString(readClaimPath(payload, mapping.unitClaim ?? 'unit_id'));
  if (unitId !== undefined) principal.unitId = unitId;
  return principal;
}

function firstString(...values: unknown[]): string | undefined {
  for (const v of values) if (typeof v === 'string' && v.length > 0) return v;
  return undefined;
}
