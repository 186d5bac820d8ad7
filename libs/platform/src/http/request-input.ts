import { DomainError } from '@tiep-dan/contracts';
import type { z } from 'zod';

/** Parses a request part with `schema`; the first issue becomes a 400 with `code` and its field path. */
export function parseInput<S extends z.ZodTypeAny>(schema: S, value: unknown, code: string): z.output<S> {
  const result = schema.safeParse(value ?? {});
  if (result.success) return result.data as z.output<S>;
  const issue = result.error.issues[0];
  const path = issue?.path.join('.') ?? '';
  throw new DomainError(
    code,
    `Dữ liệu không hợp lệ tại "${path || '(gốc)'}": ${issue?.message ?? ''}`,
    'validation',
    {
      path,
    },
  );
}

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/** A path id that is not a UUID names nothing: answered as not found with `code`. */
export function checkUuid(id: string, code: string, message: string): string {
  if (!UUID.test(id)) throw new DomainError(code, message, 'not_found');
  return id.toLowerCase();
}
