import { createHash } from 'node:crypto';
import { sampleSubmission } from '../../domain/petition/petition.test-fixtures';
import { canonicalJson, requestHash } from './deterministic-id';

/** The first version, kept as the reference: stored request hashes were made with it. */
function firstCanonicalJson(value: unknown): string {
  if (Array.isArray(value)) return `[${value.map(firstCanonicalJson).join(',')}]`;
  if (value && typeof value === 'object') {
    const entries = Object.entries(value as Record<string, unknown>)
      .filter(([, v]) => v !== undefined)
      .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
    return `{${entries.map(([k, v]) => `${JSON.stringify(k)}:${firstCanonicalJson(v)}`).join(',')}}`;
  }
  return JSON.stringify(value);
}

describe('canonicalJson and requestHash', () => {
  const cases: unknown[] = [
    sampleSubmission(),
    sampleSubmission({ summary: 'Khiếu nại "trích dẫn" \\ và xuống dòng\n', sensitiveTags: [] }),
    { b: 1, a: [3, undefined, null, { z: undefined, y: 'ý' }], c: { e: {}, d: [] } },
    { Đ: 1, D: 2, d: 3, '\u00e9': 4, e: 5, 'e\u0301': 6, '10': 7, '9': 8, '': 9 },
    { n: [0, -0, 1.5, 1e21, -1e-7, Number.MAX_SAFE_INTEGER], t: true, f: false },
    [[[]], [{}], 'x', 0],
    'chuỗi',
    42,
    null,
  ];

  it.each(cases.map((c, i) => [i, c]))('writes case %i exactly as the first version did', (_i, value) => {
    expect(canonicalJson(value)).toBe(firstCanonicalJson(value));
  });

  it('gives the same hash as the first version, whatever the order of the keys', () => {
    const value = sampleSubmission();
    const reordered = Object.fromEntries(Object.entries(value).reverse());
    const first = createHash('sha256').update(firstCanonicalJson(value)).digest('hex');
    expect(requestHash(value)).toBe(first);
    expect(requestHash(reordered)).toBe(first);
    expect(requestHash({ ...value, summary: `${value.summary}.` })).not.toBe(first);
  });
});
