import { decideAccess, extractBearerToken } from './auth.guard';
import type { AuthPrincipal } from './principal';

const processor: AuthPrincipal = { userId: 'u1', username: 'xuly', roles: ['petition_processor'] };
const chairman: AuthPrincipal = { userId: 'u2', username: 'chutich', roles: ['chairman', 'unit_head'] };

describe('decideAccess', () => {
  it('lets anyone reach a public endpoint', () => {
    expect(decideAccess({ isPublic: true, requiredRoles: undefined, principal: undefined })).toEqual({
      allow: true,
    });
  });

  it('a public endpoint stays open even when it also lists roles', () => {
    expect(
      decideAccess({ isPublic: true, requiredRoles: ['administrator'], principal: undefined }).allow,
    ).toBe(true);
  });

  it('refuses a caller without a token with 401 AUTH.UNAUTHENTICATED', () => {
    expect(decideAccess({ isPublic: false, requiredRoles: undefined, principal: undefined })).toMatchObject({
      allow: false,
      status: 401,
      code: 'AUTH.UNAUTHENTICATED',
    });
  });

  it('lets any authenticated role in when no role is required', () => {
    expect(decideAccess({ isPublic: false, requiredRoles: undefined, principal: processor }).allow).toBe(
      true,
    );
    expect(decideAccess({ isPublic: false, requiredRoles: [], principal: processor }).allow).toBe(true);
  });

  it('lets a caller holding one of the required roles in', () => {
    expect(
      decideAccess({ isPublic: false, requiredRoles: ['chairman', 'administrator'], principal: chairman })
        .allow,
    ).toBe(true);
  });

  it('refuses a caller without any required role with 403 AUTH.FORBIDDEN', () => {
    expect(
      decideAccess({ isPublic: false, requiredRoles: ['administrator'], principal: chairman }),
    ).toMatchObject({
      allow: false,
      status: 403,
      code: 'AUTH.FORBIDDEN',
    });
  });

  it('refuses a principal with no roles at all on a role-restricted endpoint', () => {
    const nobody: AuthPrincipal = { userId: 'u3', username: 'x', roles: [] };
    expect(decideAccess({ isPublic: false, requiredRoles: ['police'], principal: nobody }).allow).toBe(false);
  });
});

describe('extractBearerToken', () => {
  it('reads a Bearer token, scheme case-insensitive', () => {
    expect(extractBearerToken('Bearer abc.def.ghi')).toBe('abc.def.ghi');
    expect(extractBearerToken('bearer abc')).toBe('abc');
  });

  it('ignores other schemes and malformed headers', () => {
    expect(extractBearerToken('Basic dXNlcjpwYXNz')).toBeUndefined();
    expect(extractBearerToken('Bearer')).toBeUndefined();
    expect(extractBearerToken('Bearer a b')).toBeUndefined();
    expect(extractBearerToken(undefined)).toBeUndefined();
  });
});
