/** One item's outcome in a batch: its own value or its own error. */
export type Settled<T> = { ok: true; value: T } | { ok: false; error: unknown };

export interface GroupCommitOptions<I, O> {
  /**
   * Runs one batch and returns one outcome per item, in order. Throwing fails every item of the batch
   * with that error: never a success that was not made durable.
   */
  run(items: readonly I[]): Promise<readonly Settled<O>[]>;
  /** Items per batch at most. Default 64. */
  maxBatch?: number;
  /** Batches running at once at most; further items wait and go together in the next batch. Default 1. */
  maxInFlight?: number;
}

/**
 * Group commit of concurrent callers' writes: an item submitted while fewer than `maxInFlight` batches
 * run goes at once (alone, or with the items submitted in the same turn of the event loop); otherwise it
 * waits for a running batch to finish and goes with every item that arrived meanwhile. No timer: at low
 * load nothing waits, under load one round trip (and one transaction) serves many callers.
 */
export class GroupCommit<I, O> {
  private queue: { item: I; resolve: (value: O) => void; reject: (error: unknown) => void }[] = [];
  private inFlight = 0;
  private scheduled = false;
  private readonly maxBatch: number;
  private readonly maxInFlight: number;

  constructor(private readonly options: GroupCommitOptions<I, O>) {
    this.maxBatch = Math.max(1, options.maxBatch ?? 64);
    this.maxInFlight = Math.max(1, options.maxInFlight ?? 1);
  }

  submit(item: I): Promise<O> {
    return new Promise<O>((resolve, reject) => {
      this.queue.push({ item, resolve, reject });
      this.schedule();
    });
  }

  /** Items waiting for a batch (tests and metrics). */
  get waiting(): number {
    return this.queue.length;
  }

  private schedule(): void {
    if (this.scheduled || this.inFlight >= this.maxInFlight) return;
    this.scheduled = true;
    // Items submitted in the same turn of the event loop (requests parsed from one read) share a batch.
    setImmediate(() => {
      this.scheduled = false;
      this.drain();
    });
  }

  private drain(): void {
    while (this.inFlight < this.maxInFlight && this.queue.length > 0) {
      const batch = this.queue.splice(0, this.maxBatch);
      this.inFlight += 1;
      void this.runBatch(batch).finally(() => {
        this.inFlight -= 1;
        this.drain();
      });
    }
  }

  private async runBatch(batch: GroupCommit<I, O>['queue']): Promise<void> {
    let outcomes: readonly Settled<O>[];
    try {
      outcomes = await this.options.run(batch.map((entry) => entry.item));
      if (outcomes.length !== batch.length)
        throw new Error(`group commit: ${outcomes.length} outcomes for ${batch.length} items`);
    } catch (error) {
      for (const entry of batch) entry.reject(error);
      return;
    }
    outcomes.forEach((outcome, i) => {
      if (outcome.ok) batch[i].resolve(outcome.value);
      else batch[i].reject(outcome.error);
    });
  }
}

/** The outcome of a promise as a value. */
export function settle<T>(promise: Promise<T>): Promise<Settled<T>> {
  return promise.then(
    (value) => ({ ok: true as const, value }),
    (error: unknown) => ({ ok: false as const, error }),
  );
}
