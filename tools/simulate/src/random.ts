/**
 * A seeded pseudo-random generator: the same seed gives the same sequence on every machine and Node
 * version, which `Math.random` cannot promise. The core is xoshiro128** (Blackman and Vigna), 32-bit
 * integer arithmetic only, seeded through splitmix32 so that close seeds (1, 2, 3) give unrelated
 * streams. Not for secrets.
 */

/** A weighted choice: `[value, weight]`; weights need not sum to 1. */
export type Weighted<T> = readonly (readonly [T, number])[];

export class Random {
  private readonly s = new Uint32Array(4);

  constructor(seed: number | string) {
    let x = typeof seed === 'number' ? seed >>> 0 : hashString(seed);
    // A seed can be any 32-bit value but the state must never be all zeros; splitmix32 never gives that.
    for (let i = 0; i < 4; i++) {
      x = (x + 0x9e3779b9) >>> 0;
      let z = x;
      z = Math.imul(z ^ (z >>> 16), 0x85ebca6b) >>> 0;
      z = Math.imul(z ^ (z >>> 13), 0xc2b2ae35) >>> 0;
      this.s[i] = (z ^ (z >>> 16)) >>> 0;
    }
  }

  /** An independent stream for one part of the simulation, so that changing one part leaves the others as they were. */
  fork(label: string): Random {
    return new Random(`${this.uint32()}:${label}`);
  }

  /** A uniform 32-bit unsigned integer. */
  uint32(): number {
    const s = this.s;
    const result = Math.imul(rotl(Math.imul(s[1], 5) >>> 0, 7), 9) >>> 0;
    const t = (s[1] << 9) >>> 0;
    s[2] ^= s[0];
    s[3] ^= s[1];
    s[1] ^= s[2];
    s[0] ^= s[3];
    s[2] ^= t;
    s[3] = rotl(s[3], 11);
    return result;
  }

  /** Uniform in [0, 1). */
  next(): number {
    return this.uint32() / 4294967296;
  }

  /** Uniform integer in [min, max], both included. */
  int(min: number, max: number): number {
    if (!Number.isInteger(min) || !Number.isInteger(max) || max < min) {
      throw new RangeError(`int(${min}, ${max}): need integers with min <= max`);
    }
    return min + Math.floor(this.next() * (max - min + 1));
  }

  /** True with probability `p`. */
  chance(p: number): boolean {
    return this.next() < p;
  }

  pick<T>(items: readonly T[]): T {
    if (items.length === 0) throw new RangeError('pick from an empty list');
    return items[Math.floor(this.next() * items.length)];
  }

  weighted<T>(choices: Weighted<T>): T {
    let total = 0;
    for (const [, w] of choices) {
      if (!(w >= 0) || !Number.isFinite(w)) throw new RangeError(`invalid weight ${w}`);
      total += w;
    }
    if (total <= 0) throw new RangeError('weighted pick needs a positive total weight');
    let r = this.next() * total;
    for (const [value, w] of choices) {
      if (r < w) return value;
      r -= w;
    }
    // Floating-point rounding can leave r a hair above the last weight.
    for (let i = choices.length - 1; i >= 0; i--) if (choices[i][1] > 0) return choices[i][0];
    throw new RangeError('unreachable');
  }

  /** Normal distribution (Box–Muller). */
  normal(mean: number, sd: number): number {
    const u = 1 - this.next();
    const v = this.next();
    return mean + sd * Math.sqrt(-2 * Math.log(u)) * Math.cos(2 * Math.PI * v);
  }

  /** Normal, rounded and clamped to [min, max]: ages, group sizes. */
  normalInt(mean: number, sd: number, min: number, max: number): number {
    return Math.min(max, Math.max(min, Math.round(this.normal(mean, sd))));
  }

  /** Poisson-distributed count with mean `lambda` (arrivals per day, walk-ins per session). */
  poisson(lambda: number): number {
    if (!(lambda >= 0)) throw new RangeError(`poisson(${lambda}): lambda must be >= 0`);
    if (lambda > 30) return Math.max(0, Math.round(this.normal(lambda, Math.sqrt(lambda))));
    // Knuth's method: exact, and fast for the small means a commune sees.
    const limit = Math.exp(-lambda);
    let k = 0;
    let p = this.next();
    while (p > limit) {
      k++;
      p *= this.next();
    }
    return k;
  }

  /** A copy of `items` in random order (Fisher–Yates). */
  shuffle<T>(items: readonly T[]): T[] {
    const copy = [...items];
    for (let i = copy.length - 1; i > 0; i--) {
      const j = Math.floor(this.next() * (i + 1));
      [copy[i], copy[j]] = [copy[j], copy[i]];
    }
    return copy;
  }

  /** `count` decimal digits, leading zeros allowed. */
  digits(count: number): string {
    let out = '';
    for (let i = 0; i < count; i++) out += String(this.int(0, 9));
    return out;
  }
}

/**
 * A cumulative table for drawing many times from the same weights: each draw is a binary search, so a
 * year of arrivals over 365 days costs O(log 365) per petition.
 */
export class WeightedTable<T> {
  private readonly values: T[] = [];
  private readonly cumulative: number[] = [];

  constructor(choices: Weighted<T>) {
    let total = 0;
    for (const [value, w] of choices) {
      if (!(w >= 0) || !Number.isFinite(w)) throw new RangeError(`invalid weight ${w}`);
      if (w === 0) continue;
      total += w;
      this.values.push(value);
      this.cumulative.push(total);
    }
  }

  get empty(): boolean {
    return this.values.length === 0;
  }

  draw(random: Random): T {
    if (this.empty) throw new RangeError('draw from an empty table');
    const r = random.next() * this.cumulative[this.cumulative.length - 1];
    let lo = 0;
    let hi = this.cumulative.length - 1;
    while (lo < hi) {
      const mid = (lo + hi) >>> 1;
      if (this.cumulative[mid] > r) hi = mid;
      else lo = mid + 1;
    }
    return this.values[lo];
  }
}

function rotl(x: number, k: number): number {
  return ((x << k) | (x >>> (32 - k))) >>> 0;
}

/** cyrb53-style 32-bit mix of a string: string seeds and fork labels. */
export function hashString(text: string): number {
  let h1 = 0xdeadbeef;
  let h2 = 0x41c6ce57;
  for (let i = 0; i < text.length; i++) {
    const ch = text.charCodeAt(i);
    h1 = Math.imul(h1 ^ ch, 2654435761);
    h2 = Math.imul(h2 ^ ch, 1597334677);
  }
  h1 = Math.imul(h1 ^ (h1 >>> 16), 2246822507) ^ Math.imul(h2 ^ (h2 >>> 13), 3266489909);
  h2 = Math.imul(h2 ^ (h2 >>> 16), 2246822507) ^ Math.imul(h1 ^ (h1 >>> 13), 3266489909);
  return (h1 ^ h2) >>> 0;
}
