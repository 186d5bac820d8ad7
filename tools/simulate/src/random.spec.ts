import { Random, WeightedTable, hashString } from './random';

const draw = (random: Random, n: number) => Array.from({ length: n }, () => random.uint32());

describe('seeded random generator', () => {
  it('gives the same sequence for the same seed, numeric or text', () => {
    expect(draw(new Random(42), 50)).toEqual(draw(new Random(42), 50));
    expect(draw(new Random('phượng-tiến'), 50)).toEqual(draw(new Random('phượng-tiến'), 50));
  });

  it('gives unrelated sequences for neighbouring seeds', () => {
    const a = draw(new Random(1), 100);
    const b = draw(new Random(2), 100);
    expect(a.filter((x, i) => x === b[i])).toHaveLength(0);
  });

  it('keeps a fork independent of what its parent draws afterwards', () => {
    const first = new Random(7);
    const forkA = first.fork('people');
    first.uint32();
    const second = new Random(7);
    const forkB = second.fork('people');
    expect(draw(forkA, 20)).toEqual(draw(forkB, 20));
    expect(draw(new Random(7).fork('people'), 20)).not.toEqual(draw(new Random(7).fork('text'), 20));
  });

  it('draws integers within both bounds and reaches each of them', () => {
    const random = new Random(3);
    const seen = new Set<number>();
    for (let i = 0; i < 2000; i++) {
      const n = random.int(-2, 3);
      expect(n).toBeGreaterThanOrEqual(-2);
      expect(n).toBeLessThanOrEqual(3);
      seen.add(n);
    }
    expect([...seen].sort((a, b) => a - b)).toEqual([-2, -1, 0, 1, 2, 3]);
  });

  it('follows the weights of a weighted pick', () => {
    const random = new Random(11);
    const counts = { a: 0, b: 0, c: 0 };
    for (let i = 0; i < 20000; i++)
      counts[
        random.weighted([
          ['a', 6],
          ['b', 3],
          ['c', 1],
        ] as const)
      ]++;
    expect(counts.a / 20000).toBeCloseTo(0.6, 1);
    expect(counts.b / 20000).toBeCloseTo(0.3, 1);
    expect(counts.c / 20000).toBeCloseTo(0.1, 1);
  });

  it('never picks a zero weight, from a weighted table either', () => {
    const random = new Random(5);
    const table = new WeightedTable([
      ['never', 0],
      ['always', 2],
    ] as const);
    for (let i = 0; i < 1000; i++) {
      expect(
        random.weighted([
          ['never', 0],
          ['always', 1],
        ] as const),
      ).toBe('always');
      expect(table.draw(random)).toBe('always');
    }
  });

  it('draws Poisson counts with the requested mean, small and large', () => {
    const random = new Random(9);
    for (const lambda of [0.5, 4, 60]) {
      let total = 0;
      for (let i = 0; i < 5000; i++) total += random.poisson(lambda);
      expect(total / 5000).toBeCloseTo(lambda, lambda < 10 ? 1 : 0);
    }
  });

  it('draws a normal distribution with the requested mean and spread', () => {
    const random = new Random(13);
    const values = Array.from({ length: 10000 }, () => random.normal(50, 10));
    const mean = values.reduce((a, b) => a + b, 0) / values.length;
    const sd = Math.sqrt(values.reduce((a, b) => a + (b - mean) ** 2, 0) / values.length);
    expect(mean).toBeCloseTo(50, 0);
    expect(Math.abs(sd - 10)).toBeLessThan(0.5);
  });

  it('shuffles without losing or duplicating items', () => {
    const items = Array.from({ length: 30 }, (_, i) => i);
    const shuffled = new Random(1).shuffle(items);
    expect(shuffled).not.toEqual(items);
    expect([...shuffled].sort((a, b) => a - b)).toEqual(items);
  });

  it('refuses an empty pick and an impossible range', () => {
    expect(() => new Random(1).pick([])).toThrow(RangeError);
    expect(() => new Random(1).int(5, 4)).toThrow(RangeError);
    expect(() => new Random(1).weighted([['x', 0]] as const)).toThrow(RangeError);
  });

  it('hashes text seeds stably (a changed hash would change every generated year)', () => {
    expect(hashString('abc')).toBe(hashString('abc'));
    expect(hashString('abc')).not.toBe(hashString('abd'));
  });
});
