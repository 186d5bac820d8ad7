import type { EventStore, RecordedEvent, Subscription } from '@tiep-dan/event-store';

export interface DurableSubscriberOptions {
  store: EventStore;
  /** Checkpoint name in the event store. */
  subscriberId: string;
  streamPrefixes: string[];
  handler: (event: RecordedEvent) => Promise<void>;
  onError: (error: unknown, restartInMs: number) => void;
  /** First and longest pause before resubscribing after a failed handler. Default 200 ms → 10 s. */
  backoffMs?: { initial: number; max: number };
}

/**
 * A catch-up subscription on routing's own streams that survives a failing handler: the event store
 * ends a subscription whose handler threw, so this one resubscribes from its checkpoint after a
 * growing pause. Handlers must be idempotent: after a crash the last events are delivered again.
 */
export class DurableSubscriber {
  private subscription: Subscription | undefined;
  private running = false;
  private failures = 0;
  private timer: NodeJS.Timeout | undefined;
  private caughtUpWaiters: Array<() => void> = [];
  private caughtUp = false;

  constructor(private readonly options: DurableSubscriberOptions) {}

  async start(): Promise<void> {
    this.running = true;
    await this.open();
  }

  async stop(): Promise<void> {
    this.running = false;
    if (this.timer) clearTimeout(this.timer);
    await this.subscription?.stop();
    this.subscription = undefined;
  }

  /** Resolves once the subscriber has read everything there was when it was called (tests, start-up). */
  whenCaughtUp(): Promise<void> {
    if (this.caughtUp) return Promise.resolve();
    return new Promise((resolve) => this.caughtUpWaiters.push(resolve));
  }

  private async open(): Promise<void> {
    this.subscription = await this.options.store.subscribe({
      subscriberId: this.options.subscriberId,
      filter: { streamPrefixes: this.options.streamPrefixes },
      handler: async (event) => {
        this.caughtUp = false;
        await this.options.handler(event);
        this.failures = 0;
      },
      onCaughtUp: () => {
        this.caughtUp = true;
        for (const resolve of this.caughtUpWaiters.splice(0)) resolve();
      },
      onError: (error) => this.restartLater(error),
    });
  }

  private restartLater(error: unknown): void {
    if (!this.running) return;
    this.failures += 1;
    const { initial, max } = this.options.backoffMs ?? { initial: 200, max: 10_000 };
    const delay = Math.min(max, initial * 2 ** (this.failures - 1));
    this.options.onError(error, delay);
    this.timer = setTimeout(() => {
      if (!this.running) return;
      void this.subscription
        ?.stop()
        .catch(() => undefined)
        .then(() => (this.running ? this.open() : undefined))
        .catch((openError: unknown) => this.restartLater(openError));
    }, delay);
  }
}
