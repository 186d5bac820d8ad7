import { decodeJwt } from 'jose';
import { TokenVerificationError } from './auth.errors';
import { CachedTokenVerifier } from './cached-token-verifier';
import { LocalTokenService, signLocalToken } from './local-token.service';
import type { AuthPrincipal } from './principal';
import type { TokenVerifier } from './token-verifier';

const SECRET = 'cached-verifier-secret-0123456789abcdef';
const KEY = new TextEncoder().encode(SECRET);
const clerk: AuthPrincipal = { userId: 'u1', username: 'tiepdan', roles: ['reception_officer'] };
const chairman: AuthPrincipal = { userId: 'u2', username: 'chutich', roles: ['chairman'] };

/** Verifies like the real thing, against a clock the test moves, and counts its calls. */
class ClockedVerifier implements TokenVerifier {
  calls = 0;
  refuse = false;
  constructor(private readonly clock: { now: number }) {}

  async verify(token: string): Promise<AuthPrincipal> {
    this.calls++;
    if (this.refuse) throw new TokenVerificationError('AUTH.TOKEN_INVALID', 'the token is not valid');
    const claims = decodeJwt(token);
    if (typeof claims.exp !== 'number' || claims.exp * 1000 <= this.clock.now)
      throw new TokenVerificationError('AUTH.TOKEN_EXPIRED', 'the token has expired');
    return {
      userId: String(claims.sub),
      username: String(claims['preferred_username']),
      roles: claims['roles'] as AuthPrincipal['roles'],
    };
  }
}

const token = (principal: AuthPrincipal, expiresAtMs: number) =>
  signLocalToken(KEY, principal, {
    issuer: 'tiep-dan',
    audience: 'tiep-dan',
    expiresAt: Math.floor(expiresAtMs / 1000),
    issuedAt: Math.floor(expiresAtMs / 1000) - 60,
  });

const codeOf = (promise: Promise<unknown>) =>
  promise.then(
    () => 'accepted',
    (error: unknown) => (error instanceof TokenVerificationError ? error.code : String(error)),
  );

describe('CachedTokenVerifier', () => {
  const clock = { now: 1_800_000_000_000 };
  const now = () => clock.now;

  it('verifies a token once and reuses the result until the TTL ends', async () => {
    const inner = new ClockedVerifier(clock);
    const cached = new CachedTokenVerifier(inner, { ttlMs: 30_000, now });
    const t = await token(clerk, clock.now + 3_600_000);
    expect(await cached.verify(t)).toEqual(clerk);
    clock.now += 29_000;
    expect(await cached.verify(t)).toEqual(clerk);
    expect(inner.calls).toBe(1);
    clock.now += 1_000;
    expect(await cached.verify(t)).toEqual(clerk);
    expect(inner.calls).toBe(2);
  });

  it('never accepts a token after its exp, even within the TTL: the verifier answers it has expired', async () => {
    const inner = new ClockedVerifier(clock);
    const cached = new CachedTokenVerifier(inner, { ttlMs: 60_000, now });
    const t = await token(clerk, clock.now + 10_000);
    expect(await codeOf(cached.verify(t))).toBe('accepted');
    clock.now += 9_000;
    expect(await codeOf(cached.verify(t))).toBe('accepted');
    expect(inner.calls).toBe(1);
    clock.now += 1_000;
    expect(await codeOf(cached.verify(t))).toBe('AUTH.TOKEN_EXPIRED');
    expect(inner.calls).toBe(2);
    expect(cached.size).toBe(0);
  });

  it('does not remember a refused token: it is checked again on every request', async () => {
    const inner = new ClockedVerifier(clock);
    inner.refuse = true;
    const cached = new CachedTokenVerifier(inner, { now });
    const t = await token(clerk, clock.now + 3_600_000);
    expect(await codeOf(cached.verify(t))).toBe('AUTH.TOKEN_INVALID');
    expect(await codeOf(cached.verify(t))).toBe('AUTH.TOKEN_INVALID');
    expect(inner.calls).toBe(2);
    inner.refuse = false;
    expect(await codeOf(cached.verify(t))).toBe('accepted');
  });

  it('keeps each token apart, and at most maxEntries of them, the least recently used dropped first', async () => {
    const inner = new ClockedVerifier(clock);
    const cached = new CachedTokenVerifier(inner, { maxEntries: 2, now });
    const a = await token(clerk, clock.now + 3_600_000);
    const b = await token(chairman, clock.now + 3_600_000);
    const c = await token({ ...clerk, userId: 'u3' }, clock.now + 3_600_000);
    expect(await cached.verify(a)).toEqual(clerk);
    expect(await cached.verify(b)).toEqual(chairman);
    expect(await cached.verify(a)).toEqual(clerk);
    expect(inner.calls).toBe(2);
    await cached.verify(c);
    expect(cached.size).toBe(2);
    await cached.verify(a);
    expect(inner.calls).toBe(3);
    await cached.verify(b);
    expect(inner.calls).toBe(4);
  });

  it('gives every caller its own copy of the principal', async () => {
    const cached = new CachedTokenVerifier(new ClockedVerifier(clock), { now });
    const t = await token(clerk, clock.now + 3_600_000);
    const first = await cached.verify(t);
    first.roles.push('chairman');
    first.username = 'someone else';
    expect(await cached.verify(t)).toEqual(clerk);
  });

  it('refuses with the real verifier a token signed with another secret, also after a good one was cached', async () => {
    const cached = new CachedTokenVerifier(new LocalTokenService({ secret: SECRET }));
    const good = (await new LocalTokenService({ secret: SECRET }).issue(clerk)).accessToken;
    const forged = (await new LocalTokenService({ secret: `${SECRET}-other` }).issue(clerk)).accessToken;
    expect(await codeOf(cached.verify(good))).toBe('accepted');
    expect(await codeOf(cached.verify(forged))).toBe('AUTH.TOKEN_INVALID');
  });
});
