import type { BatchSubscribeOptions, SubscribeOptions } from '../event-store.port';

/** Whether the subscriber takes its events in batches (`handleBatch`) rather than one by one. */
export function isBatchSubscription(
  options: SubscribeOptions | BatchSubscribeOptions,
): options is BatchSubscribeOptions {
  return typeof (options as Partial<BatchSubscribeOptions>).handleBatch === 'function';
}

/** The most events a batch may hold: the subscriber's `maxBatchSize`, never more than `readSize`. */
export function batchLimit(options: BatchSubscribeOptions, readSize: number): number {
  const max = options.maxBatchSize ?? readSize;
  if (!Number.isSafeInteger(max) || max < 1)
    throw new Error(`maxBatchSize must be a positive integer, got ${String(options.maxBatchSize)}`);
  return Math.min(max, readSize);
}
