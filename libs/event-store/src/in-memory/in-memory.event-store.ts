import {
  DuplicateEventIdError,
  WrongExpectedVersionError,
  type AppendOptions,
  type AppendResult,
  type BatchSubscribeOptions,
  type EventMetadata,
  type EventStore,
  type NewEvent,
  type ReadStreamOptions,
  type RecordedEvent,
  type SubscribeOptions,
  type Subscription,
} from '../event-store.port';
import { batchLimit, isBatchSubscription } from '../support/batches';
import { isRetryOfStoredBatch, satisfiesExpectedVersion, validateBatch } from '../support/expected-version';
import { matchesFilter, normalizeFilter } from '../support/filter';
import { Wakeup } from '../support/wakeup';
import { UpcasterRegistry, type Upcaster } from '../upcasting';

/** Most events handed to a batch subscriber at once (`BatchSubscribeOptions.maxBatchSize` may lower it). */
const IN_MEMORY_BATCH_SIZE = 500;

/**
 * The storage behind in-memory stores. Several `InMemoryEventStore` instances may share one log (as
 * several processes share one database), e.g. to give each test writer its own store.
 */
export class InMemoryEventLog {
  /** Index i holds the event at global position i + 1. */
  readonly events: RecordedEvent[] = [];
  readonly streams = new Map<string, RecordedEvent[]>();
  readonly byId = new Map<string, RecordedEvent>();
  readonly checkpoints = new Map<string, string>();
  readonly listeners = new Set<() => void>();
}

export interface InMemoryEventStoreOptions {
  log?: InMemoryEventLog;
  upcasters?: readonly Upcaster[];
}

/**
 * Event store for unit tests of handlers: same semantics as the PostgreSQL adapter (expected versions,
 * idempotent retries, filters, durable checkpoints, upcasting), positions `"1"`, `"2"`, ...
 * Data and metadata go through JSON on the way in and out, as they would through jsonb.
 */
export class InMemoryEventStore implements EventStore {
  readonly log: InMemoryEventLog;
  private readonly upcasters: UpcasterRegistry;
  private readonly subscriptions = new Set<Subscription>();

  constructor(options: InMemoryEventStoreOptions = {}) {
    this.log = options.log ?? new InMemoryEventLog();
    this.upcasters = new UpcasterRegistry(options.upcasters);
  }

  async appendToStream(streamId: string, events: NewEvent[], options: AppendOptions): Promise<AppendResult> {
    validateBatch(
      streamId,
      events.map((e) => e.id),
    );
    // Everything up to the push happens synchronously, which makes the append atomic.
    const stream = this.log.streams.get(streamId) ?? [];
    const current = stream.length - 1;
    const existing = events.map((e) => this.log.byId.get(e.id)).filter((e): e is RecordedEvent => !!e);
    if (existing.length > 0) {
      const inStream = new Map(
        existing.filter((e) => e.streamId === streamId).map((e) => [e.id, e.streamVersion]),
      );
      const ids = events.map((e) => e.id);
      if (!isRetryOfStoredBatch(options.expectedVersion, ids, inStream)) {
        if (!satisfiesExpectedVersion(options.expectedVersion, current)) {
          throw new WrongExpectedVersionError(streamId, options.expectedVersion, current);
        }
        throw new DuplicateEventIdError(
          streamId,
          existing.map((e) => e.id),
        );
      }
      const last = existing[existing.length - 1];
      return { nextExpectedVersion: last.streamVersion, lastGlobalPosition: last.globalPosition };
    }
    if (!satisfiesExpectedVersion(options.expectedVersion, current)) {
      throw new WrongExpectedVersionError(streamId, options.expectedVersion, current);
    }
    const recordedAt = new Date();
    for (const [i, event] of events.entries()) {
      const recorded: RecordedEvent = {
        id: event.id,
        streamId,
        streamVersion: current + 1 + i,
        globalPosition: String(this.log.events.length + 1),
        type: event.type,
        schemaVersion: event.schemaVersion ?? 1,
        data: jsonCopy(event.data),
        metadata: jsonCopy(event.metadata ?? {}) as EventMetadata,
        recordedAt,
      };
      this.log.events.push(recorded);
      stream.push(recorded);
      this.log.byId.set(recorded.id, recorded);
    }
    this.log.streams.set(streamId, stream);
    for (const listener of this.log.listeners) listener();
    await Promise.resolve();
    return {
      nextExpectedVersion: current + events.length,
      lastGlobalPosition: String(this.log.events.length),
    };
  }

  async readStream(streamId: string, options: ReadStreamOptions = {}): Promise<RecordedEvent[]> {
    const stream = this.log.streams.get(streamId) ?? [];
    return stream.slice(Math.max(0, options.fromVersion ?? 0)).map((e) => this.deliver(e));
  }

  async headPosition(): Promise<string | undefined> {
    const count = this.log.events.length;
    return count === 0 ? undefined : String(count);
  }

  async readCheckpoint(subscriberId: string): Promise<string | undefined> {
    return this.log.checkpoints.get(subscriberId);
  }

  async subscribe(options: SubscribeOptions | BatchSubscribeOptions): Promise<Subscription> {
    const filter = normalizeFilter(options.filter);
    const batches = isBatchSubscription(options)
      ? { handle: options.handleBatch, limit: batchLimit(options, IN_MEMORY_BATCH_SIZE) }
      : undefined;
    const stored = options.subscriberId ? this.log.checkpoints.get(options.subscriberId) : undefined;
    const from = stored ?? options.from ?? 'start';
    let next = from === 'start' ? 0 : Number(from);
    if (!Number.isSafeInteger(next) || next < 0)
      throw new Error(`Invalid position for the in-memory store: ${from}`);
    let position: string | undefined = from === 'start' ? undefined : from;
    let stopped = false;
    const wakeup = new Wakeup();
    const listener = () => wakeup.wake();
    this.log.listeners.add(listener);

    const loop = (async () => {
      try {
        while (!stopped) {
          while (!stopped && next < this.log.events.length) {
            if (batches) {
              const batch: RecordedEvent[] = [];
              let end = next;
              while (end < this.log.events.length && batch.length < batches.limit) {
                const event = this.log.events[end];
                if (matchesFilter(filter, event.streamId, event.type)) batch.push(this.deliver(event));
                end += 1;
              }
              if (batch.length > 0) {
                await batches.handle(batch);
                position = batch[batch.length - 1].globalPosition;
                if (options.subscriberId) this.log.checkpoints.set(options.subscriberId, position);
              }
              next = end;
              continue;
            }
            const event = this.log.events[next];
            if (matchesFilter(filter, event.streamId, event.type)) {
              await (options as SubscribeOptions).handler(this.deliver(event));
              position = event.globalPosition;
              if (options.subscriberId) this.log.checkpoints.set(options.subscriberId, position);
            }
            next += 1;
          }
          if (stopped) break;
          options.onCaughtUp?.();
          await wakeup.wait();
        }
      } catch (error) {
        stopped = true;
        options.onError?.(error);
      } finally {
        this.log.listeners.delete(listener);
      }
    })();

    const subscription: Subscription = {
      stop: async () => {
        stopped = true;
        wakeup.wake();
        await loop;
        this.subscriptions.delete(subscription);
      },
      get position() {
        return position;
      },
    };
    this.subscriptions.add(subscription);
    return subscription;
  }

  async close(): Promise<void> {
    await Promise.all([...this.subscriptions].map((s) => s.stop()));
  }

  private deliver(event: RecordedEvent): RecordedEvent {
    return this.upcasters.apply({
      ...event,
      data: jsonCopy(event.data),
      metadata: jsonCopy(event.metadata) as EventMetadata,
      recordedAt: new Date(event.recordedAt),
    });
  }
}

function jsonCopy(value: unknown): unknown {
  return value === undefined ? null : JSON.parse(JSON.stringify(value));
}
