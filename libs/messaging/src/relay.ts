/**
 * The per-service relay (ARCHITECTURE.md, "Shape"): follows the service's own streams in the event
 * store and publishes their integration events to the bus. It is the only way events reach Kafka, so
 * a handler never writes to both (no dual write).
 *
 * Guarantees: at-least-once, in order per key. Events are handled one at a time in store order; the
 * durable checkpoint (`relay:<service>`) advances only after `publish` resolved, i.e. after Kafka
 * acknowledged with acks=all. A failed publish is retried with backoff forever — never skipped, and
 * nothing after it is published meanwhile, so no reordering. A crash between the ack and the
 * checkpoint republishes the event once more: consumers are idempotent on the `event-id` header.
 */
import {
  compareGlobalPositions,
  type EventStore,
  type RecordedEvent,
  type Subscription,
} from '@tiep-dan/event-store';
import { consoleLogger, errorMessage, type MessagingLogger } from './logger';
import { MessageHeaders, type MessageBus, type OutgoingMessage } from './message-bus.port';
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
 * messages are published in order; a failure republishes all of them (consumers de-duplicate by event id).
 */
export type RelayMapper = (event: RecordedEvent) => RelayMessage | readonly RelayMessage[] | null;

export interface RelayOptions {
  /** Service name; the durable subscription is `relay:<service>`. */
  service: string;
  store: EventStore;
  bus: Pick<MessageBus, 'publish'>;
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
}

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
  /** Age of the event being published; 0 when idle. */
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

  /** Starts following the store; resolves once the subscription is open. */
  async start(): Promise<void> {
    if (this.running) return;
    this.running = true;
    this.abort = new AbortController();
    this.subscription = await this.openSubscription();
  }

  /** Stops after the event in flight; an unacknowledged event keeps the checkpoint where it was. */
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
   * event being published, which keeps growing while the broker does not acknowledge.
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
      handler: (event) => this.relay(event),
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

  private async relay(event: RecordedEvent): Promise<void> {
    this.caughtUp = false;
    this.inFlight = event;
    try {
      await this.publish(event);
    } finally {
      this.inFlight = undefined;
    }
  }

  private async publish(event: RecordedEvent): Promise<void> {
    // Order per key is the relay's promise, so it does not take the store's order on trust: a version
    // already relayed is a replay (skip it, it was acknowledged), a gap means the store handed events
    // over out of order (fail the subscription; it resumes from the checkpoint).
    const last = this.lastVersions.get(event.streamId);
    if (last !== undefined && event.streamVersion <= last) {
      this.logger.warn(
        { subscriberId: this.subscriberId, streamId: event.streamId, version: event.streamVersion, last },
        'relay skipped an event it already published',
      );
      return;
    }
    if (last !== undefined && event.streamVersion > last + 1) throw new StreamOrderError(event, last);
    const mapped = this.options.map(event);
    for (const message of relayMessages(mapped)) await this.publishMapped(event, message);
    this.remember(event);
  }

  private remember(event: RecordedEvent): void {
    this.lastVersions.delete(event.streamId);
    this.lastVersions.set(event.streamId, event.streamVersion);
    if (this.lastVersions.size > (this.options.trackedStreams ?? 10_000)) {
      const oldest = this.lastVersions.keys().next();
      if (!oldest.done) this.lastVersions.delete(oldest.value);
    }
  }

  private async publishMapped(event: RecordedEvent, mapped: RelayMessage): Promise<void> {
    const topic = assertTopicName(mapped.topic);
    const message: OutgoingMessage = {
      key: mapped.key ?? event.streamId,
      value: mapped.value,
      headers: { ...standardHeaders(event), ...mapped.headers },
    };
    const outcome = await retryWithBackoff(this.backoff, () => this.options.bus.publish(topic, [message]), {
      signal: this.abort.signal,
      onRetry: (error, attempt, delayMs) => {
        this.consecutiveFailures += 1;
        this.logger.warn(
          {
            subscriberId: this.subscriberId,
            eventId: event.id,
            position: event.globalPosition,
            topic,
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
    this.consecutiveFailures = 0;
    this.restarts = 0;
    this.options.onPublished?.(event, mapped);
  }
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
