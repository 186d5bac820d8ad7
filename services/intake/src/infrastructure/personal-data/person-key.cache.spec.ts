import { PersonKeyCache, type PersonKeyState } from './person-key.cache';

const active = (n: number): PersonKeyState => ({ state: 'active', key: Buffer.alloc(32, n), version: 1 });

describe('cache of unwrapped person keys', () => {
  let clock = 0;
  const cache = (maxEntries = 3, ttlMs = 1000) => new PersonKeyCache({ maxEntries, ttlMs, now: () => clock });

  beforeEach(() => {
    clock = 0;
  });

  it('holds at most maxEntries keys, evicting the least recently used', () => {
    const c = cache(3);
    c.set('a', active(1));
    c.set('b', active(2));
    c.set('c', active(3));
    expect(c.get('a')).toEqual(active(1));
    c.set('d', active(4));
    expect(c.size).toBe(3);
    expect(c.get('b')).toBeUndefined();
    expect(c.get('a')).toEqual(active(1));
    expect(c.get('c')).toEqual(active(3));
    expect(c.get('d')).toEqual(active(4));
  });

  it('forgets an active key after its TTL, bounding staleness after an erasure elsewhere', () => {
    const c = cache(3, 1000);
    c.set('a', active(1));
    clock = 999;
    expect(c.get('a')).toBeDefined();
    clock = 1000;
    expect(c.get('a')).toBeUndefined();
  });

  it('keeps an erasure beyond the TTL, since an erasure is final', () => {
    const c = cache(3, 1000);
    c.set('a', { state: 'erased' });
    clock = 10_000_000;
    expect(c.get('a')).toEqual({ state: 'erased' });
  });

  it('never lets a key loaded before an erasure replace the erasure', () => {
    const c = cache();
    c.set('a', { state: 'erased' });
    c.set('a', active(1));
    expect(c.get('a')).toEqual({ state: 'erased' });
  });

  it('lets an erasure replace an active key at once', () => {
    const c = cache();
    c.set('a', active(1));
    c.set('a', { state: 'erased' });
    expect(c.get('a')).toEqual({ state: 'erased' });
  });
});
