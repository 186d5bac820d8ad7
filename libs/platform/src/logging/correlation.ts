import { AsyncLocalStorage } from 'node:async_hooks';
import { randomUUID } from 'node:crypto';

interface CorrelationContext {
  readonly correlationId: string;
}

// One store per process: HTTP requests, bus handlers and relay batches each run inside their own context,
// so a log line or an outgoing message finds the id without it being passed through every call.
const storage = new AsyncLocalStorage<CorrelationContext>();

/** Runs `fn` (and everything it awaits or schedules) with `correlationId` as the current correlation id. */
export function runWithCorrelation<T>(correlationId: string, fn: () => T): T {
  return storage.run({ correlationId }, fn);
}

/** The correlation id of the current request or message, if any. */
export function currentCorrelationId(): string | undefined {
  return storage.getStore()?.correlationId;
}

export function newCorrelationId(): string {
  return randomUUID();
}

/**
 * Whether an id received from outside (an HTTP header, a Kafka header) may be reused. Anything else is
 * replaced: a free-form header would let a caller inject text or personal data into every log line.
 */
export function isAcceptableCorrelationId(value: unknown): value is string {
  return typeof value === 'string' && /^[A-Za-z0-9._:-]{1,128}$/.test(value);
}
