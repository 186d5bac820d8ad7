import { TokenVerificationError } from './auth.errors';
import { LocalTokenService } from './local-token.service';
import { signTestToken } from './testing';

const secret = 'a-test-secret-that-is-long-enough-123456';
const service = new LocalTokenService({ secret });

async function codeOf(p: Promise<unknown>): Promise<string | undefined> {
  try {
    await p;
    return undefined;
  } catch (e) {
    return e instanceof TokenVerificationError ? e.code : 'other';
  }
}

describe('LocalTokenService', () => {
  it('verifies the tokens it issues', async () => {
    const principal = {
      userId: 'u1',
      username: 'chutich',
      displayName: 'Chủ tịch',
      roles: ['chairman' as const],
      unitId: 'ubnd',
    };
    const issued = await service.issue(principal);
    expect(issued).toMatchObject({ tokenType: 'Bearer', expiresIn: 8 * 3600 });
    await expect(service.verify(issued.accessToken)).resolves.toEqual(principal);
  });

  it('accepts tokens minted by signTestToken', async () => {
    const token = await signTestToken(secret, { roles: ['police'], userId: 'p1' });
    await expect(service.verify(token)).resolves.toMatchObject({ userId: 'p1', roles: ['police'] });
  });

  it('says TOKEN_EXPIRED for an expired token', async () => {
    expect(
      await codeOf(service.verify(await signTestToken(secret, { roles: ['police'], expiresInSeconds: -60 }))),
    ).toBe('AUTH.TOKEN_EXPIRED');
  });

  it('says TOKEN_INVALID for another secret, issuer or audience, or garbage', async () => {
    expect(
      await codeOf(
        service.verify(await signTestToken('another-secret-that-is-long-enough-xx', { roles: [] })),
      ),
    ).toBe('AUTH.TOKEN_INVALID');
    expect(
      await codeOf(service.verify(await signTestToken(secret, { roles: [], issuer: 'someone-else' }))),
    ).toBe('AUTH.TOKEN_INVALID');
    expect(
      await codeOf(service.verify(await signTestToken(secret, { roles: [], audience: 'someone-else' }))),
    ).toBe('AUTH.TOKEN_INVALID');
    expect(await codeOf(service.verify('not.a.jwt'))).toBe('AUTH.TOKEN_INVALID');
  });

  it('refuses a short secret', () => {
    expect(() => new LocalTokenService({ secret: 'short' })).toThrow(/at least 32/);
  });
});
