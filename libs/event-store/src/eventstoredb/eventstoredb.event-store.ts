import {
  ANY,
  BACKWARDS,
  END,
  EventStoreDBClient,
  FORWARDS,
  NO_STREAM,
  START,
  STREAM_EXISTS,
  StreamNotFoundError,
  WrongExpectedVersionError as EsdbWrongExpectedVersionError,
  eventTypeFilter,
  excludeSystemEvents,
  jsonEvent,
  streamNameFilter,
  type AllStreamSubscription,
  type AppendExpectedRevision,
  type Filter,
  type JSONType,
  type Position,
  type ReadPosition,
  type ResolvedEvent,
} from '@eventstore/db-client';
import {
  WrongExpectedVersionError,
  type AppendOptions,
  type AppendResult,
  type BatchSubscribeOptions,
  type EventMetadata,
  type EventStore,
  type ExpectedVersion,
  type NewEvent,
  type ReadStreamOptions,
  type RecordedEvent,
  type SubscribeOptions,
  type Subscription,
} from '../event-store.port';
import { batchLimit, isBatchSubscription } from '../support/batches';
import { validateBatch } from '../support/expected-version';
import { matchesFilter, normalizeFilter } from '../support/filter';
import { UpcasterRegistry, type Upcaster } from '../upcasting';

export interface EventStoreDbEventStoreOptions {
  /** e.g. `esdb://localhost:2113?tls=false`; or pass a client. */
  connectionString?: string;
  client?: EventStoreDBClient;
  upcasters?: readonly Upcaster[];
  /** Prefix of the streams that hold durable checkpoints. Default `checkpoint-`. */
  checkpointStreamPrefix?: string;
}

/** Our schema version travels in the event metadata under this key (EventStoreDB has no such field). */
const SCHEMA_VERSION_KEY = '$schemaVersion';
/**
 * Checkpoint events have a `$`-type: `excludeSystemEvents()` keeps them out of unfiltered
 * subscriptions, and no stream-prefix or type filter of ours matches them.
 */
const CHECKPOINT_EVENT_TYPE = '$tiepdan.checkpoint';

interface CheckpointData {
  commit: string;
  prepare: string;
}

/**
 * Event store on EventStoreDB / KurrentDB (distributed mode). Stream versions are the stream's
 * revisions, positions `"<commit>:<prepare>"` in `$all`. Durable checkpoints are events in
 * `<checkpointStreamPrefix><subscriberId>` (max count 1). Retries rely on the server's idempotent
 * append (same ids at the same expected revision); the server does not make ids unique across
 * streams, so this adapter never throws `DuplicateEventIdError`.
 */
export class EventStoreDbEventStore implements EventStore {
  readonly client: EventStoreDBClient;
  private readonly ownsClient: boolean;
  private readonly upcasters: UpcasterRegistry;
  private readonly checkpointStreamPrefix: string;
  private readonly subscriptions = new Set<Subscription>();
  private readonly checkpointStreamsConfigured = new Set<string>();

  constructor(options: EventStoreDbEventStoreOptions) {
    if (options.client) {
      this.client = options.client;
      this.ownsClient = false;
    } else if (options.connectionString) {
      this.client = EventStoreDBClient.connectionString(options.connectionString);
      this.ownsClient = true;
    } else {
      throw new Error('EventStoreDbEventStore needs a connectionString or a client');
    }
    this.upcasters = new UpcasterRegistry(options.upcasters);
    this.checkpointStreamPrefix = options.checkpointStreamPrefix ?? 'checkpoint-';
  }

  async appendToStream(streamId: string, events: NewEvent[], options: AppendOptions): Promise<AppendResult> {
    validateBatch(
      streamId,
      events.map((e) => e.id),
    );
    const data = events.map((event) =>
      jsonEvent({
        id: event.id.toLowerCase(),
        type: event.type,
        data: toJson(event.data),
        metadata: { ...(event.metadata ?? {}), [SCHEMA_VERSION_KEY]: event.schemaVersion ?? 1 },
      }),
    );
    try {
      const result = await this.client.appendToStream(streamId, data, {
        expectedRevision: toExpectedRevision(options.expectedVersion),
      });
      return {
        nextExpectedVersion: Number(result.nextExpectedRevision),
        lastGlobalPosition: result.position ? formatPosition(result.position) : '0:0',
      };
    } catch (error) {
      if (error instanceof EsdbWrongExpectedVersionError) {
        const actual = error.actualVersion === NO_STREAM ? -1 : Number(error.actualVersion);
        throw new WrongExpectedVersionError(streamId, options.expectedVersion, actual);
      }
      throw error;
    }
  }

  async readStream(streamId: string, options: ReadStreamOptions = {}): Promise<RecordedEvent[]> {
    const events: RecordedEvent[] = [];
    try {
      const read = this.client.readStream(streamId, {
        direction: FORWARDS,
        fromRevision: BigInt(Math.max(0, options.fromVersion ?? 0)),
      });
      for await (const resolved of read) {
        const event = this.toEvent(resolved);
        if (event) events.push(event);
      }
    } catch (error) {
      if (error instanceof StreamNotFoundError) return [];
      throw error;
    }
    return events;
  }

  /** Newest non-system event of `$all`; system events (statistics, checkpoints) are skipped. */
  async headPosition(): Promise<string | undefined> {
    const read = this.client.readAll({ direction: BACKWARDS, fromPosition: END, maxCount: 200 });
    for await (const resolved of read) {
      const event = resolved.event;
      if (event && !isSystemEvent(event.streamId, event.type)) {
        await read.cancel();
        return formatPosition(event.position);
      }
    }
    return undefined;
  }

  async readCheckpoint(subscriberId: string): Promise<string | undefined> {
    try {
      const read = this.client.readStream(this.checkpointStream(subscriberId), {
        direction: BACKWARDS,
        fromRevision: END,
        maxCount: 1,
      });
      for await (const resolved of read) {
        const data = resolved.event?.data as Partial<CheckpointData> | undefined;
        if (data?.commit !== undefined && data.prepare !== undefined) return `${data.commit}:${data.prepare}`;
      }
    } catch (error) {
      if (error instanceof StreamNotFoundError) return undefined;
      throw error;
    }
    return undefined;
  }

  async subscribe(options: SubscribeOptions | BatchSubscribeOptions): Promise<Subscription> {
    const { subscriberId } = options;
    const handle = eventHandler(options);
    const filter = normalizeFilter(options.filter);
    const stored = subscriberId ? await this.readCheckpoint(subscriberId) : undefined;
    const from = stored ?? options.from ?? 'start';
    let position: string | undefined = from === 'start' ? undefined : from;
    const fromPosition: ReadPosition = from === 'start' ? START : parsePosition(from);

    const subscription: AllStreamSubscription = this.client.subscribeToAll({
      fromPosition,
      filter: serverFilter(filter),
    });
    subscription.on('caughtUp', () => options.onCaughtUp?.());
    let stopped = false;

    // for-await pulls one event at a time, so handlers run strictly in order and the server is
    // back-pressured while a handler is busy.
    const running = (async () => {
      try {
        for await (const resolved of subscription) {
          if (stopped) break;
          const event = resolved.event;
          if (!event || isSystemEvent(event.streamId, event.type)) continue;
          // The server applies one filter; a second criterion (stream + type) is checked here.
          if (!matchesFilter(filter, event.streamId, event.type)) continue;
          const recorded = this.toEvent(resolved);
          if (!recorded) continue;
          await handle(recorded);
          position = recorded.globalPosition;
          if (subscriberId) await this.saveCheckpoint(subscriberId, event.position);
        }
      } catch (error) {
        if (!stopped) options.onError?.(error);
      } finally {
        stopped = true;
        await subscription.unsubscribe().catch(() => undefined);
      }
    })();

    const result: Subscription = {
      stop: async () => {
        stopped = true;
        await subscription.unsubscribe().catch(() => undefined);
        await running;
        this.subscriptions.delete(result);
      },
      get position() {
        return position;
      },
    };
    this.subscriptions.add(result);
    return result;
  }

  async close(): Promise<void> {
    await Promise.all([...this.subscriptions].map((s) => s.stop()));
    if (this.ownsClient) await this.client.dispose();
  }

  private checkpointStream(subscriberId: string): string {
    return `${this.checkpointStreamPrefix}${subscriberId}`;
  }

  private async saveCheckpoint(subscriberId: string, at: Position): Promise<void> {
    const stream = this.checkpointStream(subscriberId);
    const data: CheckpointData = { commit: at.commit.toString(), prepare: at.prepare.toString() };
    await this.client.appendToStream(stream, jsonEvent({ type: CHECKPOINT_EVENT_TYPE, data: { ...data } }));
    if (!this.checkpointStreamsConfigured.has(stream)) {
      // Only the newest checkpoint matters; let the server scavenge the rest.
      await this.client.setStreamMetadata(stream, { maxCount: 1 });
      this.checkpointStreamsConfigured.add(stream);
    }
  }

  private toEvent(resolved: ResolvedEvent): RecordedEvent | undefined {
    const event = resolved.event;
    if (!event || !event.isJson) return undefined;
    const rawMetadata = (event.metadata ?? {}) as EventMetadata;
    const { [SCHEMA_VERSION_KEY]: schemaVersion, ...metadata } = rawMetadata;
    return this.upcasters.apply({
      id: event.id,
      streamId: event.streamId,
      streamVersion: Number(event.revision),
      globalPosition: event.position ? formatPosition(event.position) : '',
      type: event.type,
      schemaVersion: typeof schemaVersion === 'number' ? schemaVersion : 1,
      data: event.data,
      metadata,
      recordedAt: event.created,
    });
  }
}

/** A batch subscriber gets one event per batch: for-await pulls the events one at a time. */
function eventHandler(
  options: SubscribeOptions | BatchSubscribeOptions,
): (event: RecordedEvent) => Promise<void> {
  if (!isBatchSubscription(options)) return options.handler;
  batchLimit(options, 1); // validates maxBatchSize
  return (event) => options.handleBatch([event]);
}

function toExpectedRevision(expected: ExpectedVersion): AppendExpectedRevision {
  switch (expected) {
    case 'any':
      return ANY;
    case 'no_stream':
      return NO_STREAM;
    case 'stream_exists':
      return STREAM_EXISTS;
    default:
      if (!Number.isInteger(expected) || expected < -1)
        throw new Error(`Invalid expected version ${expected}`);
      return expected === -1 ? NO_STREAM : BigInt(expected);
  }
}

function serverFilter(filter: ReturnType<typeof normalizeFilter>): Filter {
  if (filter.streamPrefixes) return streamNameFilter({ prefixes: filter.streamPrefixes });
  if (filter.eventTypes)
    return eventTypeFilter({ regex: `^(?:${filter.eventTypes.map(escapeRegex).join('|')})$` });
  return excludeSystemEvents();
}

function isSystemEvent(streamId: string, type: string): boolean {
  return streamId.startsWith('$') || type.startsWith('$');
}

function toJson(data: unknown): JSONType {
  // The client's JSON events take objects, arrays or strings; refuse the rest loudly rather than lose it.
  if (typeof data === 'string' || Array.isArray(data)) return data;
  if (data !== null && typeof data === 'object') return data as Record<string, unknown>;
  throw new Error('EventStoreDB event data must be a JSON object, array or string');
}

function escapeRegex(text: string): string {
  return text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}

function formatPosition(position: Position): string {
  return `${position.commit}:${position.prepare}`;
}

function parsePosition(position: string): Position {
  const match = /^(\d+):(\d+)$/.exec(position);
  if (!match) throw new Error(`Invalid EventStoreDB position "${position}" (expected "<commit>:<prepare>")`);
  return { commit: BigInt(match[1]), prepare: BigInt(match[2]) };
}
