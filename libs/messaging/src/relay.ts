/**
 * The per-service relay (ARCHITECTURE.md, "Shape"): follows the service's own streams in the event
 * store and publishes their integration events to the bus. It is the only way events reach Kafka, so
 * a handler never writes to both (no dual write).
 *
 * Guarantees: at-least-once, in order per key. The events come in store order, a batch at a time (one
 * read of the store, at most `batchSize`); a batch is published in one request to the bus
 * (`publishBatch`: one Kafka produce request), or in several consecutive ones when its messages exceed
 * `maxBatchBytes`, each acknowledged (acks=all) before the next is sent. The durable checkpoint
 * (`relay:<service>`) advances only after the whole batch was acknowledged. A failed publish is
 * retried with backoff forever — never skipped, and nothing after it is published meanwhile, so no
 * reordering. A crash between the ack and the checkpoint republishes the batch once more: consumers
 * are idempotent on the `event-id` header.
 */
import {
  compareGlobalPositions,
  type EventStore,
  type RecordedEvent,
  type Subscription,
} from '@tiep-dan/event-store';
import { assertPublishable, encodeMessage } from './delivery';
import { consoleLogger, errorMessage, type MessagingLogger } from './logger';
import {
  MessageHeaders,
  type MessageBus,
  type OutgoingMessage,
  type TopicMessages,
} from './message-bus.port';
import {
  AbortedError,
  backoffDelay,
  retryPolicy,
  retryWithBackoff,
  sleep,
  type RetryPolicy,
} from './retry-policy';
import { assertTopicName } from './topic-names';

/** What the service's mapper makes of one of its events. */
export interface RelayMessage {
  topic: string;
  /** Defaults to the event's stream id (the aggregate id). */
  key?: string;
  value: OutgoingMessage['value'];
  /** Added to (and overriding) the standard event-id / event-type / correlation / causation headers. */
  headers?: Record<string, string>;
}

/**
 * Returns `null` for internal events that are not published, or several messages for an event that
 * goes to several topics (a case assignment: the case-events topic and the unit's own topic). Several
 * messages are published in the same request; a failure republishes all of them (consumers
 * de-duplicate by event id).
 */
export type RelayMapper = (event: RecordedEvent) => RelayMessage | readonly RelayMessage[] | null;

export interface RelayOptions {
  /** Service name; the durable subscription is `relay:<service>`. */
  service: string;
  store: EventStore;
  bus: Pick<MessageBus, 'publishBatch'>;
  /** The service's own streams, e.g. `['petition-']`. */
  streamPrefixes: string[];
  map: RelayMapper;
  /** Backoff between publish attempts; `maxAttempts` is ignored (the relay never gives up). Default 100 ms → 5 s. */
  retry?: Partial<Omit<RetryPolicy, 'maxAttempts'>>;
  logger?: MessagingLogger;
  /** Called after each event was published and acknowledged (not for skipped events). */
  onPublished?: (event: RecordedEvent, message: RelayMessage) => void;
  /** Streams whose last relayed version is remembered for the order check (least recently used dropped). Default 10 000. */
  trackedStreams?: number;
  /** Most events taken from the store and published at once. Default 100. */
  batchSize?: number;
  /**
   * Most bytes (values, keys and headers) in one request to the bus; a batch above it goes in several
   * consecutive requests, an event above it alone. Default 512 KiB: Kafka refuses a partition's batch
   * above `message.max.bytes` (1 MiB by default).
   */
  maxBatchBytes?: number;
}

/** A mapped message, encoded once (its size bounds the request). */
interface PreparedMessage {
  topic: string;
  mapped: RelayMessage;
  message: OutgoingMessage;
  bytes: number;
}

/** An event that passed the order check, with its messages (none for an internal event). */
interface PreparedEvent {
  event: RecordedEvent;
  messages: PreparedMessage[];
  bytes: number;
}

export const DEFAULT_RELAY_BATCH_SIZE = 100;
export const DEFAULT_RELAY_MAX_BATCH_BYTES = 512 * 1024;

/** The store handed over a stream's events with a gap: resubscribing from the checkpoint fixes it. */
export class StreamOrderError extends Error {
  readonly code = 'MESSAGING.RELAY_STREAM_GAP';
  constructor(event: RecordedEvent, last: number) {
    super(
      `Event store delivered ${event.streamId} version ${event.streamVersion} after version ${last} (position ${event.globalPosition}): resubscribing`,
    );
    this.name = 'StreamOrderError';
  }
}

export interface RelayLag {
  /** Newest visible position of the store (any service's event). */
  head: string | undefined;
  /** Position of the last event this relay handled. */
  checkpoint: string | undefined;
  /** Events are waiting to be published. */
  behind: boolean;
  /** Age of the oldest event being published; 0 when idle. */
  seconds: number;
}

export interface RelayStatus {
  running: boolean;
  /** Nothing left to publish at the last look. */
  caughtUp: boolean;
  /** Global position of the last event handled (published or skipped). */
  position: string | undefined;
  /** Failed publish attempts since the last success; > 0 means the broker is not acknowledging. */
  consecutiveFailures: number;
}

const RELAY_BACKOFF: RetryPolicy = {
  maxAttempts: Infinity,
  initialDelayMs: 100,
  maxDelayMs: 5000,
  multiplier: 2,
};

export class Relay {
  readonly subscriberId: string;
  private readonly logger: MessagingLogger;
  private readonly backoff: RetryPolicy;
  private subscription: Subscription | undefined;
  private abort = new AbortController();
  private running = false;
  private caughtUp = false;
  private consecutiveFailures = 0;
  private inFlight: RecordedEvent | undefined;
  /** streamId → last version relayed by this process; Map order doubles as LRU order. */
  private readonly lastVersions = new Map<string, number>();
  private restarts = 0;
  private restarting: Promise<void> | undefined;

  constructor(private readonly options: RelayOptions) {
    this.subscriberId = `relay:${options.service}`;
    this.logger = options.logger ?? consoleLogger;
    this.backoff = retryPolicy({ ...options.retry, maxAttempts: Infinity }, RELAY_BACKOFF);
  }

  /**
   * Starts following the store from the durable checkpoint; resolves once the subscription is open. A
   * relay may be started again after `stop()` (leadership regained): what it remembers of the versions
   * it published is dropped then, since another process's relay may have published since.
   */
  async start(): Promise<void> {
    if (this.running) return;
    this.running = true;
    this.abort = new AbortController();
    this.lastVersions.clear();
    this.caughtUp = false;
    this.subscription = await this.openSubscription();
  }

  /** Stops after the request in flight (a retry is cut short); an unacknowledged batch keeps the checkpoint where it was. */
  async stop(): Promise<void> {
    if (!this.running) return;
    this.running = false;
    this.abort.abort();
    await this.restarting;
    await this.subscription?.stop();
    this.subscription = undefined;
  }

  status(): RelayStatus {
    return {
      running: this.running,
      caughtUp: this.caughtUp,
      position: this.subscription?.position,
      consecutiveFailures: this.consecutiveFailures,
    };
  }

  /**
   * How far the relay is behind, for the `relay_lag` metrics. Global positions are opaque (no
   * arithmetic, see `RecordedEvent.globalPosition`), so the distance is given in time: the age of the
   * oldest event being published, which keeps growing while the broker does not acknowledge.
   */
  async lag(now: Date = new Date()): Promise<RelayLag> {
    const head = await this.options.store.headPosition();
    const checkpoint =
      this.subscription?.position ?? (await this.options.store.readCheckpoint(this.subscriberId));
    const inFlight = this.inFlight;
    const behind =
      inFlight !== undefined ||
      (!this.caughtUp &&
        head !== undefined &&
        (checkpoint === undefined || compareGlobalPositions(head, checkpoint) > 0));
    const seconds = inFlight ? Math.max(0, (now.getTime() - inFlight.recordedAt.getTime()) / 1000) : 0;
    return { head, checkpoint, behind, seconds };
  }

  private openSubscription(): Promise<Subscription> {
    return this.options.store.subscribe({
      subscriberId: this.subscriberId,
      from: 'start',
      filter: { streamPrefixes: this.options.streamPrefixes },
      maxBatchSize: this.options.batchSize ?? DEFAULT_RELAY_BATCH_SIZE,
      handleBatch: (events) => this.relay(events),
      onCaughtUp: () => {
        this.caughtUp = true;
      },
      onError: (error) => {
        if (this.running && !(error instanceof AbortedError)) this.restartLater(error);
      },
    });
  }

  /**
   * The event store ends a subscription whose handler threw (a mapper bug, the database gone):
   * resubscribe from the checkpoint after a backoff, for as long as the relay runs.
   */
  private restartLater(error: unknown): void {
    this.restarts += 1;
    const delayMs = backoffDelay(this.backoff, this.restarts);
    this.logger.error(
      { subscriberId: this.subscriberId, error: errorMessage(error), delayMs },
      'relay subscription failed: restarting',
    );
    const failed = this.subscription;
    this.restarting = (async () => {
      try {
        await sleep(delayMs, this.abort.signal);
        await failed?.stop().catch(() => undefined);
        this.subscription = await this.openSubscription();
      } catch (restartError) {
        if (!(restartError instanceof AbortedError)) this.restartLater(restartError);
      }
    })();
  }

  /**
   * Publishes a batch of events, in as few requests as `maxBatchBytes` allows. An event that cannot be
   * published (the mapper threw, a bad topic, a gap in its stream) fails the subscription after the
   * events before it were published: it resumes from the checkpoint, before the batch, and the events
   * already published are then skipped as replays, so the relay stalls at the failing event as it
   * would one event at a time.
   */
  private async relay(events: readonly RecordedEvent[]): Promise<void> {
    this.caughtUp = false;
    const { prepared, failure } = this.prepare(events);
    for (const request of this.requests(prepared)) await this.publishRequest(request);
    if (failure) throw failure.error;
  }

  /**
   * Order per key is the relay's promise, so it does not take the store's order on trust: a version
   * already relayed is a replay (skip it, it was acknowledged), a gap means the store handed events over
   * out of order (fail the subscription; it resumes from the checkpoint). Stops at the first event
   * that fails.
   */
  private prepare(events: readonly RecordedEvent[]): {
    prepared: PreparedEvent[];
    failure?: { error: unknown };
  } {
    const prepared: PreparedEvent[] = [];
    // Versions reached by the events of this batch, which are remembered only once acknowledged.
    const reached = new Map<string, number>();
    for (const event of events) {
      const last = reached.get(event.streamId) ?? this.lastVersions.get(event.streamId);
      if (last !== undefined && event.streamVersion <= last) {
        this.logger.warn(
          { subscriberId: this.subscriberId, streamId: event.streamId, version: event.streamVersion, last },
          'relay skipped an event it already published',
        );
        continue;
      }
      try {
        if (last !== undefined && event.streamVersion > last + 1) throw new StreamOrderError(event, last);
        const messages = relayMessages(this.options.map(event)).map((mapped) =>
          prepareMessage(event, mapped),
        );
        prepared.push({ event, messages, bytes: messages.reduce((sum, m) => sum + m.bytes, 0) });
        reached.set(event.streamId, event.streamVersion);
      } catch (error) {
        return { prepared, failure: { error } };
      }
    }
    return { prepared };
  }

  /** Consecutive runs of events whose messages stay within `maxBatchBytes` (an event above it alone). */
  private *requests(prepared: PreparedEvent[]): Generator<PreparedEvent[]> {
    const limit = this.options.maxBatchBytes ?? DEFAULT_RELAY_MAX_BATCH_BYTES;
    let request: PreparedEvent[] = [];
    let bytes = 0;
    for (const item of prepared) {
      if (request.length > 0 && bytes + item.bytes > limit) {
        yield request;
        request = [];
        bytes = 0;
      }
      request.push(item);
      bytes += item.bytes;
    }
    if (request.length > 0) yield request;
  }

  private async publishRequest(request: PreparedEvent[]): Promise<void> {
    const batch = byTopic(request);
    if (batch.length > 0) {
      const first = request[0].event;
      const last = request[request.length - 1].event;
      this.inFlight = first;
      try {
        const outcome = await retryWithBackoff(this.backoff, () => this.options.bus.publishBatch(batch), {
          signal: this.abort.signal,
          onRetry: (error, attempt, delayMs) => {
            this.consecutiveFailures += 1;
            this.logger.warn(
              {
                subscriberId: this.subscriberId,
                eventId: first.id,
                position: first.globalPosition,
                lastPosition: last.globalPosition,
                events: request.length,
                topics: batch.map((t) => t.topic),
                attempt,
                delayMs,
                error: errorMessage(error),
              },
              'relay publish failed: retrying',
            );
          },
        });
        // With unbounded attempts the only other outcome is a PermanentMessageError from the bus, which
        // must not be skipped either: failing the subscription retries it after a backoff.
        if (!outcome.ok) throw outcome.error;
      } finally {
        this.inFlight = undefined;
      }
      this.consecutiveFailures = 0;
      this.restarts = 0;
    }
    for (const { event, messages } of request) {
      this.remember(event);
      for (const { mapped } of messages) this.options.onPublished?.(event, mapped);
    }
  }

  private remember(event: RecordedEvent): void {
    this.lastVersions.delete(event.streamId);
    this.lastVersions.set(event.streamId, event.streamVersion);
    if (this.lastVersions.size > (this.options.trackedStreams ?? 10_000)) {
      const oldest = this.lastVersions.keys().next();
      if (!oldest.done) this.lastVersions.delete(oldest.value);
    }
  }
}

/** The message with its standard headers, its value encoded once (the bus sends the bytes as they are). */
function prepareMessage(event: RecordedEvent, mapped: RelayMessage): PreparedMessage {
  const topic = assertTopicName(mapped.topic);
  const outgoing: OutgoingMessage = {
    key: mapped.key ?? event.streamId,
    value: mapped.value,
    headers: { ...standardHeaders(event), ...mapped.headers },
  };
  // Refused here rather than by the bus, so that the events before it in the batch are published.
  assertPublishable(topic, [outgoing]);
  const { key } = outgoing;
  const { value, headers } = encodeMessage(outgoing);
  const body = value ?? Buffer.alloc(0);
  let bytes = Buffer.byteLength(key) + body.length;
  for (const [name, text] of Object.entries(headers)) bytes += name.length + Buffer.byteLength(text);
  return { topic, mapped, message: { key, value: body, headers }, bytes };
}

/** The request's messages per topic, topics in order of first appearance, each in event order. */
function byTopic(request: PreparedEvent[]): TopicMessages[] {
  const topics = new Map<string, OutgoingMessage[]>();
  for (const { messages } of request) {
    for (const { topic, message } of messages) {
      let list = topics.get(topic);
      if (!list) topics.set(topic, (list = []));
      list.push(message);
    }
  }
  return [...topics].map(([topic, messages]) => ({ topic, messages }));
}

/** A mapper's result as a list (empty for an internal event). */
export function relayMessages(mapped: ReturnType<RelayMapper>): readonly RelayMessage[] {
  if (mapped === null) return [];
  return isMessageList(mapped) ? mapped : [mapped];
}

function isMessageList(mapped: RelayMessage | readonly RelayMessage[]): mapped is readonly RelayMessage[] {
  return Array.isArray(mapped);
}

/** Creates and starts a relay. */
export async function startRelay(options: RelayOptions): Promise<Relay> {
  const relay = new Relay(options);
  await relay.start();
  return relay;
}

function standardHeaders(event: RecordedEvent): Record<string, string> {
  const { correlationId, causationId } = event.metadata;
  return {
    [MessageHeaders.eventId]: event.id,
    [MessageHeaders.eventType]: event.type,
    [MessageHeaders.schemaVersion]: String(event.schemaVersion),
    // An event without a correlation id starts its own correlation.
    [MessageHeaders.correlationId]: correlationId ?? event.id,
    ...(causationId ? { [MessageHeaders.causationId]: causationId } : {}),
  };
}
