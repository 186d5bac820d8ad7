import { hash } from 'node:crypto';

export { nameBasedUuid } from '@tiep-dan/event-store';

/** SHA-256 of a value's canonical JSON (object keys sorted), to compare two requests. */
export function requestHash(value: unknown): string {
  return hash('sha256', canonicalJson(value), 'hex');
}

/**
 * JSON with every object's keys in code-unit order and its `undefined` members left out; an `undefined`
 * array element is written as nothing (`[1,]`), as `Array.prototype.join` did in the first version.
 * Request hashes are stored with the petitions and compared on retries, so this text must never change:
 * a test holds it to the first version's output.
 */
export function canonicalJson(value: unknown): string {
  if (value === null || typeof value !== 'object') return JSON.stringify(value) ?? '';
  if (Array.isArray(value)) {
    let out = '[';
    for (let i = 0; i < value.length; i++) {
      if (i > 0) out += ',';
      out += canonicalJson(value[i]);
    }
    return `${out}]`;
  }
  const record = value as Record<string, unknown>;
  const keys = Object.keys(record).sort();
  let out = '{';
  let first = true;
  for (const key of keys) {
    const member = record[key];
    if (member === undefined) continue;
    if (!first) out += ',';
    first = false;
    out += `${JSON.stringify(key)}:${canonicalJson(member)}`;
  }
  return `${out}}`;
}
