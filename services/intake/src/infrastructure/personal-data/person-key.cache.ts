/** What the vault knows of one person's key. */
export type PersonKeyState = { state: 'active'; key: Buffer; version: number } | { state: 'erased' };

interface Entry {
  value: PersonKeyState;
  expiresAt: number;
}

/**
 * Unwrapped keys kept in memory, least recently used evicted first, so that reading a page of petitions
 * does not unwrap the same keys again and again. An active key expires after `ttlMs`: that bounds how
 * long this process may still decrypt after another process erased the person. An erasure is final, so
 * an erased entry never goes stale and is never replaced by an active key loaded before it.
 */
export class PersonKeyCache {
  private readonly entries = new Map<string, Entry>();

  constructor(private readonly options: { maxEntries: number; ttlMs: number; now: () => number }) {
    if (!(options.maxEntries >= 1)) throw new Error('the key cache needs room for at least one key');
  }

  get(personId: string): PersonKeyState | undefined {
    const entry = this.entries.get(personId);
    if (!entry) return undefined;
    this.entries.delete(personId);
    if (entry.expiresAt <= this.options.now()) return undefined;
    this.entries.set(personId, entry);
    return entry.value;
  }

  set(personId: string, value: PersonKeyState): void {
    const current = this.entries.get(personId);
    if (value.state === 'active' && current?.value.state === 'erased') return;
    this.entries.delete(personId);
    const expiresAt = value.state === 'erased' ? Infinity : this.options.now() + this.options.ttlMs;
    this.entries.set(personId, { value, expiresAt });
    while (this.entries.size > this.options.maxEntries) {
      const oldest = this.entries.keys().next().value as string;
      this.entries.delete(oldest);
    }
  }

  get size(): number {
    return this.entries.size;
  }
}
