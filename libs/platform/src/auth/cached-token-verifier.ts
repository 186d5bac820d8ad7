import { decodeJwt } from 'jose';
import type { AuthPrincipal } from './principal';
import type { TokenVerifier } from './token-verifier';

export interface CachedTokenVerifierOptions {
  /** Verified tokens kept, least recently used dropped first. Default 1,000. */
  maxEntries?: number;
  /** Longest a verification is reused. Default 30 s. */
  ttlMs?: number;
  /** Clock, in milliseconds. */
  now?: () => number;
}

interface Entry {
  principal: AuthPrincipal;
  /** The earlier of the token's `exp` and the end of the TTL. */
  until: number;
}

/**
 * Reuses a successful verification of the same token for a short while: a client sends the same
 * bearer token with every request, and checking its signature (HMAC or RSA) costs more than the rest of
 * the guard. What this changes, and what it does not:
 * - a token is never accepted after its `exp`: an entry lives until the earlier of `exp` and the TTL,
 *   and the wrapped verifier decides again afterwards (answering AUTH.TOKEN_EXPIRED when it is);
 * - a failure is not remembered, so a refused token is checked again on every request;
 * - tokens are not revocable one by one here (a disabled local user's token stays valid until `exp`,
 *   see `LocalTokenService`), so the one thing the cache delays is a signing key withdrawn by the
 *   identity provider: a token verified with it keeps working for at most the TTL afterwards.
 * Callers get their own copy of the principal, so one request cannot change what another one sees.
 */
export class CachedTokenVerifier implements TokenVerifier {
  private readonly entries = new Map<string, Entry>();
  private readonly maxEntries: number;
  private readonly ttlMs: number;
  private readonly now: () => number;

  constructor(
    private readonly verifier: TokenVerifier,
    options: CachedTokenVerifierOptions = {},
  ) {
    this.maxEntries = options.maxEntries ?? 1_000;
    this.ttlMs = options.ttlMs ?? 30_000;
    this.now = options.now ?? Date.now;
    if (!(this.maxEntries >= 1)) throw new Error('the token cache needs room for at least one token');
    if (!(this.ttlMs > 0)) throw new Error('the token cache needs a positive TTL');
  }

  async verify(token: string): Promise<AuthPrincipal> {
    const cached = this.entries.get(token);
    if (cached) {
      this.entries.delete(token);
      if (cached.until > this.now()) {
        this.entries.set(token, cached);
        return copy(cached.principal);
      }
    }
    const principal = await this.verifier.verify(token);
    const until = Math.min(this.now() + this.ttlMs, expiresAt(token));
    if (until > this.now()) {
      this.entries.set(token, { principal: copy(principal), until });
      if (this.entries.size > this.maxEntries) {
        const oldest = this.entries.keys().next();
        if (!oldest.done) this.entries.delete(oldest.value);
      }
    }
    return principal;
  }

  get size(): number {
    return this.entries.size;
  }
}

/** The token's `exp` in ms; a verified token without one (a verifier that allows it) is not cached. */
function expiresAt(token: string): number {
  try {
    const { exp } = decodeJwt(token);
    return typeof exp === 'number' ? exp * 1000 : -Infinity;
  } catch {
    return -Infinity;
  }
}

function copy(principal: AuthPrincipal): AuthPrincipal {
  return { ...principal, roles: [...principal.roles] };
}
