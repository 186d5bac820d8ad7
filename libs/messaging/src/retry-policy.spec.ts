import {
  AbortedError,
  backoffDelay,
  PermanentMessageError,
  retryPolicy,
  retryWithBackoff,
  sleep,
} from './retry-policy';

describe('retry policy', () => {
  it('doubles the delay from the initial one up to the cap', () => {
    const policy = retryPolicy({ initialDelayMs: 100, maxDelayMs: 2000, multiplier: 2 });
    expect([1, 2, 3, 4, 5, 6].map((attempt) => backoffDelay(policy, attempt))).toEqual([
      100, 200, 400, 800, 1600, 2000,
    ]);
  });

  it('rejects a policy without attempts or with inverted delays', () => {
    expect(() => retryPolicy({ maxAttempts: 0 })).toThrow(RangeError);
    expect(() => retryPolicy({ initialDelayMs: 500, maxDelayMs: 100 })).toThrow(RangeError);
  });

  it('stops after maxAttempts and reports the last error', async () => {
    let calls = 0;
    const outcome = await retryWithBackoff(
      retryPolicy({ maxAttempts: 3, initialDelayMs: 1, maxDelayMs: 1 }),
      async () => {
        calls += 1;
        throw new Error(`failure ${calls}`);
      },
    );
    expect(calls).toBe(3);
    expect(outcome).toMatchObject({ ok: false, attempts: 3, permanent: false });
    expect(outcome.ok ? undefined : (outcome.error as Error).message).toBe('failure 3');
  });

  it('returns the value of the first successful attempt', async () => {
    let calls = 0;
    const retries: number[] = [];
    const outcome = await retryWithBackoff(
      retryPolicy({ maxAttempts: 5, initialDelayMs: 1, maxDelayMs: 1 }),
      async () => {
        calls += 1;
        if (calls < 3) throw new Error('not yet');
        return 'done';
      },
      { onRetry: (_error, attempt) => void retries.push(attempt) },
    );
    expect(outcome).toEqual({ ok: true, value: 'done', attempts: 3 });
    expect(retries).toEqual([1, 2]);
  });

  it('gives up at once on a PermanentMessageError', async () => {
    const outcome = await retryWithBackoff(retryPolicy({ maxAttempts: 5 }), async () => {
      throw new PermanentMessageError('invalid');
    });
    expect(outcome).toMatchObject({ ok: false, attempts: 1, permanent: true });
  });

  it('retries only what `retryable` allows, and gives up at once on the rest', async () => {
    const fast = retryPolicy({ maxAttempts: 5, initialDelayMs: 1, maxDelayMs: 1 });
    const errors = [new Error('not ready'), new Error('not ready'), new Error('forbidden')];
    let calls = 0;
    const outcome = await retryWithBackoff(
      fast,
      async () => {
        throw errors[calls++];
      },
      { retryable: (error) => (error as Error).message === 'not ready' },
    );
    expect(calls).toBe(3);
    expect(outcome).toMatchObject({ ok: false, attempts: 3, permanent: true, error: errors[2] });
  });

  it('interrupts the backoff wait when aborted', async () => {
    const abort = new AbortController();
    const started = Date.now();
    const run = retryWithBackoff(
      retryPolicy({ maxAttempts: 5, initialDelayMs: 10000, maxDelayMs: 10000 }),
      async () => {
        throw new Error('down');
      },
      { signal: abort.signal },
    );
    setTimeout(() => abort.abort(), 20);
    await expect(run).rejects.toBeInstanceOf(AbortedError);
    expect(Date.now() - started).toBeLessThan(1000);
  });

  it('sleep rejects at once when already aborted', async () => {
    const abort = new AbortController();
    abort.abort();
    await expect(sleep(1000, abort.signal)).rejects.toBeInstanceOf(AbortedError);
  });
});
