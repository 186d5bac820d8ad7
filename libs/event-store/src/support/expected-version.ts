import type { ExpectedVersion } from '../event-store.port';

/** Whether a stream whose last version is `current` (-1: no stream) satisfies `expected`. */
export function satisfiesExpectedVersion(expected: ExpectedVersion, current: number): boolean {
  switch (expected) {
    case 'any':
      return true;
    case 'no_stream':
      return current === -1;
    case 'stream_exists':
      return current >= 0;
    default:
      return current === expected;
  }
}

/**
 * Whether already-stored events (found by the ids of a new batch) are exactly that batch written by an
 * earlier attempt: all present, consecutive, in order and, for a numeric expectation, right after it.
 */
export function isRetryOfStoredBatch(
  expected: ExpectedVersion,
  batchIds: readonly string[],
  stored: ReadonlyMap<string, number>,
): boolean {
  if (batchIds.length === 0 || stored.size !== batchIds.length) return false;
  const first = stored.get(batchIds[0]);
  if (first === undefined) return false;
  const firstExpected = typeof expected === 'number' ? expected + 1 : expected === 'no_stream' ? 0 : first;
  if (first !== firstExpected) return false;
  return batchIds.every((id, i) => stored.get(id) === first + i);
}

export function validateBatch(streamId: string, ids: readonly string[]): void {
  if (!streamId) throw new Error('Stream id must not be empty');
  if (ids.length === 0) throw new Error(`Stream ${streamId}: nothing to append`);
  if (new Set(ids).size !== ids.length) throw new Error(`Stream ${streamId}: the batch repeats an event id`);
}
