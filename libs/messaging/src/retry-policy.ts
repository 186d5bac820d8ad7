/**
 * The one backoff implementation of the lib: the consumers of both adapters use it with a bounded
 * number of attempts, the relay with an unbounded one. Hand-written rather than a retry package
 * because the callers need two hooks those packages lack in CommonJS form: an AbortSignal that
 * interrupts the wait (a stopping consumer must not sit out a backoff) and a callback between
 * attempts (the Kafka consumer heartbeats there, or the broker would evict it mid-retry).
 */

export interface RetryPolicy {
  /** Attempts in total, the first included. `Infinity` retries forever. */
  maxAttempts: number;
  initialDelayMs: number;
  maxDelayMs: number;
  multiplier: number;
}

/** 5 attempts, waiting 100, 200, 400, 800 ms in between (capped at 2 s for longer policies). */
export const DEFAULT_RETRY_POLICY: RetryPolicy = {
  maxAttempts: 5,
  initialDelayMs: 100,
  maxDelayMs: 2000,
  multiplier: 2,
};

export function retryPolicy(
  overrides: Partial<RetryPolicy> = {},
  base: RetryPolicy = DEFAULT_RETRY_POLICY,
): RetryPolicy {
  const policy = { ...base, ...stripUndefined(overrides) };
  if (!(policy.maxAttempts >= 1)) throw new RangeError('retry maxAttempts must be at least 1');
  if (policy.initialDelayMs < 0 || policy.maxDelayMs < policy.initialDelayMs || policy.multiplier < 1) {
    throw new RangeError('retry delays must satisfy 0 <= initialDelayMs <= maxDelayMs and multiplier >= 1');
  }
  return policy;
}

/** Delay before attempt `attempt + 1`, after `attempt` (1-based) failed. */
export function backoffDelay(policy: RetryPolicy, attempt: number): number {
  return Math.min(policy.maxDelayMs, policy.initialDelayMs * policy.multiplier ** Math.max(0, attempt - 1));
}

/**
 * Thrown by a handler for a message that no retry can fix (e.g. it fails validation): it goes to the
 * dead-letter topic at once instead of after the remaining attempts.
 */
export class PermanentMessageError extends Error {
  readonly code = 'MESSAGING.PERMANENT_FAILURE';
  constructor(message: string, options?: { cause?: unknown }) {
    super(message, options);
    this.name = 'PermanentMessageError';
  }
}

/** Rejection of a wait or retry loop that was aborted (consumer or relay stopping). */
export class AbortedError extends Error {
  readonly code = 'MESSAGING.ABORTED';
  constructor() {
    super('aborted');
    this.name = 'AbortedError';
  }
}

/** Resolves after `ms`, or rejects with `AbortedError` as soon as `signal` aborts. */
export function sleep(ms: number, signal?: AbortSignal): Promise<void> {
  if (signal?.aborted) return Promise.reject(new AbortedError());
  return new Promise((resolve, reject) => {
    const onAbort = (): void => {
      clearTimeout(timer);
      reject(new AbortedError());
    };
    const timer = setTimeout(() => {
      signal?.removeEventListener('abort', onAbort);
      resolve();
    }, ms);
    signal?.addEventListener('abort', onAbort, { once: true });
  });
}

export type RetryOutcome<T> =
  | { ok: true; value: T; attempts: number }
  | { ok: false; error: unknown; attempts: number; permanent: boolean };

export interface RetryHooks {
  signal?: AbortSignal;
  /** Called after a failed attempt, before waiting `delayMs`. */
  onRetry?: (error: unknown, attempt: number, delayMs: number) => void | Promise<void>;
  /** Called after each wait, before the next attempt. */
  afterWait?: () => void | Promise<void>;
  /** Whether an error may be retried; `false` ends the run at once, as `PermanentMessageError` does. */
  retryable?: (error: unknown) => boolean;
}

/**
 * Runs `attempt` until it resolves, the attempts are used up, it throws `PermanentMessageError` (or an
 * error `retryable` refuses), or `signal` aborts (then rejects with `AbortedError`; an aborted run is neither success nor failure).
 */
export async function retryWithBackoff<T>(
  policy: RetryPolicy,
  attempt: (attemptNumber: number) => Promise<T>,
  hooks: RetryHooks = {},
): Promise<RetryOutcome<T>> {
  for (let n = 1; ; n++) {
    if (hooks.signal?.aborted) throw new AbortedError();
    try {
      return { ok: true, value: await attempt(n), attempts: n };
    } catch (error) {
      if (error instanceof AbortedError) throw error;
      const permanent = error instanceof PermanentMessageError || hooks.retryable?.(error) === false;
      if (permanent || n >= policy.maxAttempts) return { ok: false, error, attempts: n, permanent };
      const delayMs = backoffDelay(policy, n);
      await hooks.onRetry?.(error, n, delayMs);
      await sleep(delayMs, hooks.signal);
      await hooks.afterWait?.();
    }
  }
}

function stripUndefined<T extends object>(value: Partial<T>): Partial<T> {
  return Object.fromEntries(Object.entries(value).filter(([, v]) => v !== undefined)) as Partial<T>;
}
