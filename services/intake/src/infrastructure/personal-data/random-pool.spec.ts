import { pooledRandomBytes } from './random-pool';

describe('pooledRandomBytes', () => {
  it('hands out values of the asked size, never the same twice, across refills of its buffer', () => {
    const seen = new Set<string>();
    for (let i = 0; i < 2000; i++) {
      const value = pooledRandomBytes(i % 2 === 0 ? 12 : 32);
      expect(value).toHaveLength(i % 2 === 0 ? 12 : 32);
      seen.add(value.toString('hex'));
    }
    expect(seen.size).toBe(2000);
  });

  it('gives each caller its own copy: changing one value changes no later one', () => {
    const first = pooledRandomBytes(32);
    const next = pooledRandomBytes(32);
    const kept = Buffer.from(next);
    first.fill(0);
    expect(next.equals(kept)).toBe(true);
    expect(next.equals(Buffer.alloc(32))).toBe(false);
  });

  it('looks random: about half of the bits set, every byte value present', () => {
    const bytes = Buffer.concat(Array.from({ length: 1000 }, () => pooledRandomBytes(16)));
    let ones = 0;
    for (const byte of bytes) for (let bit = 0; bit < 8; bit++) ones += (byte >> bit) & 1;
    expect(ones / (bytes.length * 8)).toBeGreaterThan(0.48);
    expect(ones / (bytes.length * 8)).toBeLessThan(0.52);
    expect(new Set(bytes).size).toBe(256);
  });

  it('serves large sizes directly', () => {
    expect(pooledRandomBytes(5000)).toHaveLength(5000);
  });
});
