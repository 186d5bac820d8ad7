import { DomainError } from '@tiep-dan/contracts';
import { z } from 'zod';
import { checkUuid, parseInput } from './request-input';

describe('request input', () => {
  const schema = z
    .object({ page: z.coerce.number().int().min(1).default(1), q: z.string().max(3).optional() })
    .strict();

  it('returns the parsed value with its defaults', () => {
    expect(parseInput(schema, {}, 'X.INVALID')).toEqual({ page: 1 });
  });

  it('answers the first issue as a 400 with the given code and the field path', () => {
    const error = (() => {
      try {
        parseInput(schema, { q: 'quá dài' }, 'X.INVALID');
      } catch (e) {
        return e;
      }
    })() as DomainError;
    expect(error).toBeInstanceOf(DomainError);
    expect(error).toMatchObject({ code: 'X.INVALID', kind: 'validation', details: { path: 'q' } });
    expect(error.message).toContain('"q"');
  });

  it('treats a path id that is not a UUID as not found, and lower-cases a valid one', () => {
    expect(() => checkUuid('abc', 'X.NOT_FOUND', 'none')).toThrow(
      expect.objectContaining({ kind: 'not_found' }),
    );
    expect(checkUuid('6F1C1F5E-1C2A-4A53-9A55-0D1B7C2E9F01', 'X.NOT_FOUND', 'none')).toBe(
      '6f1c1f5e-1c2a-4a53-9a55-0d1b7c2e9f01',
    );
  });
});
