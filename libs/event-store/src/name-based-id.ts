import { createHash } from 'node:crypto';

/** Namespace of Tiếp Dân's name-based ids (a fixed random UUID). */
const NAMESPACE = Buffer.from('6f1d2c3a9b8e4f7a8c5d0e1f2a3b4c5d', 'hex');

/**
 * A name-based UUID (RFC 4122 version 5, SHA-1): the same name always gives the same id. It makes
 * retries idempotent: a command retried under one key addresses one stream, and the event store's
 * expected-version check lets only one of two concurrent attempts create it.
 */
export function nameBasedUuid(name: string): string {
  const hash = createHash('sha1').update(NAMESPACE).update(name, 'utf8').digest();
  hash[6] = (hash[6] & 0x0f) | 0x50;
  hash[8] = (hash[8] & 0x3f) | 0x80;
  const hex = hash.subarray(0, 16).toString('hex');
  return `${hex.slice(0, 8)}-${hex.slice(8, 12)}-${hex.slice(12, 16)}-${hex.slice(16, 20)}-${hex.slice(20)}`;
}
