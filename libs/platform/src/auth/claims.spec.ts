import { TokenVerificationError } from './auth.errors';
import { mapRoles, principalFromClaims, readClaimPath } from './claims';

describe('readClaimPath', () => {
  it('follows a dot path into nested claims', () => {
    expect(readClaimPath({ realm_access: { roles: ['chairman'] } }, 'realm_access.roles')).toEqual([
      'chairman',
    ]);
    expect(readClaimPath({ roles: ['police'] }, 'roles')).toEqual(['police']);
  });

  it('returns undefined when a step is missing or not an object', () => {
    expect(readClaimPath({}, 'realm_access.roles')).toBeUndefined();
    expect(readClaimPath({ realm_access: 'x' }, 'realm_access.roles')).toBeUndefined();
    expect(readClaimPath({ realm_access: [1] }, 'realm_access.0')).toBeUndefined();
  });
});

describe('mapRoles', () => {
  it('keeps our role names and ignores unknown ones', () => {
    expect(mapRoles(['chairman', 'offline_access', 'uma_authorization', 'police'])).toEqual([
      'chairman',
      'police',
    ]);
  });

  it('maps provider role names through the mapping', () => {
    expect(
      mapRoles(['tiepdan-admin', 'tiepdan-ctxa'], {
        'tiepdan-admin': 'administrator',
        'tiepdan-ctxa': 'chairman',
      }),
    ).toEqual(['administrator', 'chairman']);
  });

  it('accepts a space- or comma-separated string claim', () => {
    expect(mapRoles('unit_handler unit_head,police')).toEqual(['unit_handler', 'unit_head', 'police']);
  });

  it('drops duplicates and non-strings, and gives no role for a missing claim', () => {
    expect(mapRoles(['police', 'police', 7, null])).toEqual(['police']);
    expect(mapRoles(undefined)).toEqual([]);
  });

  it('does not let a prototype key pass as a mapping', () => {
    expect(mapRoles(['constructor', 'toString'])).toEqual([]);
  });
});

describe('principalFromClaims', () => {
  it('builds the principal from standard OIDC claims', () => {
    expect(
      principalFromClaims(
        {
          sub: 'abc',
          preferred_username: 'nguyenvana',
          name: 'Nguyễn Văn A',
          realm_access: { roles: ['reception_officer', 'x'] },
          unit_id: 'vp-ubnd',
        },
        { rolesClaim: 'realm_access.roles' },
      ),
    ).toEqual({
      userId: 'abc',
      username: 'nguyenvana',
      displayName: 'Nguyễn Văn A',
      roles: ['reception_officer'],
      unitId: 'vp-ubnd',
    });
  });

  it('falls back to the subject as the username', () => {
    expect(principalFromClaims({ sub: 'abc' }, { rolesClaim: 'roles' })).toEqual({
      userId: 'abc',
      username: 'abc',
      roles: [],
    });
  });

  it('rejects a token without subject', () => {
    expect(() => principalFromClaims({ roles: ['chairman'] }, { rolesClaim: 'roles' })).toThrow(
      TokenVerificationError,
    );
  });
});
