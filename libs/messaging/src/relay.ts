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
import type { EventStore, RecordedEvent, Subscription } from '@tiep-dan/event-store';
import { consoleLogger, errorMessage, type MessagingLogger } from './logger';
import { MessageHeaders, type MessageBus, type OutgoingMessage } from './message-bus.port';
import { AbortedError, backoffDelay, retryPolicy, retryWithBackoff, sleep, type RetryPolicy } from './retry-policy';
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

/** Returns `null` for internal events that are not published. */
export type RelayMapper = (event: RecordedEvent) => RelayMessage | null;

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

const RELAY_BACKOFF: RetryPolicy = { maxAttempts: Infinity, initialDelayMs: 100, maxDelayMs: 5000, multiplier: 2 };

export class Relay {
  readonly subscriberId: string;
  private readonly logger: MessagingLogger;
  private readonly backoff: RetryPolicy;
  private subscription: Subscription | undefined;
  private abort = new AbortController();
  private running = false;
  private caughtUp = false;
  private consecutiveFailures = 0;
  private supervisor: Promise<void> | undefined;
  private stopRequested: (() => void) | undefined;

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
    let failed: (error: unknown) => void = () => undefined;
    const subscriptionFailed = (): Promise<unknown> => new Promise((resolve) => (failed = resolve));
    let failure = subscriptionFailed();
    this.subscription = await this.subscribe((error) => failed(error));
    const stopped = new Promise<void>((resolve) => (this.stopRequested = resolve));
    // The event store ends a subscription whose handler threw (a mapper bug, the database gone):
    // resubscribe from the checkpoint after a backoff, for as long as the relay runs.
    this.supervisor = (async () => {
      for (let restarts = 1; ; restarts++) {
        const error = await Promise.race([failure, stopped.then(() => undefined)]);
        if (!this.running) return;
        const delayMs = backoffDelay(this.backoff, restarts);
        this.logger.error({ subscriberId: this.subscriberId, error: errorMessage(error), delayMs }, 'relay subscription failed: restarting');
        await this.subscription?.stop().catch(() => undefined);
        try {
          await sleep(delayMs, this.abort.signal);
          failure = subscriptionFailed();
          this.subscription = await this.subscribe((e) => failed(e));
          restarts = 0;
        } catch (restartError) {
          if (restartError instanceof AbortedError) return;
          failure = Promise.resolve(restartError);
        }
      }
    })();
  }

  /** Stops after the event in flight; an unacknowledged event stays unpublished in the checkpoint's eyes. */
  async stop(): Promise<void> {
    if (!this.running) return;
    this.running = false;
    this.abort.abort();
    this.stopRequested?.();
    await this.supervisor;
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
   * How far the relay is behind the head of the store, in global positions (for the `relay_lag`
   * metric). 0 once caught up: the head may be another service's event, which this relay never sees.
   * `undefined` when the store's positions are not numbers.
   */
  async lag(): Promise<number | undefined> {
    if (this.caughtUp) return 0;
    const head = await this.options.store.headPosition();
    if (head === undefined) return 0;
    const position = this.subscription?.position ?? (await this.options.store.readCheckpoint(this.subscriberId)) ?? '0';
    if (!/^\d+$/.test(head) || !/^\d+$/.test(position)) return undefined;
    const lag = BigInt(head) - BigInt(position);
    return lag > 0n ? Number(lag) : 0;
  }

  private subscribe(onError: (error: unknown) => void): Promise<Subscription> {
    return this.options.store.subscribe({
      subscriberId: this.subscriberId,
      from: 'start',
      filter: { streamPrefixes: this.options.streamPrefixes },
      handler: (event) => this.relay(event),
      onCaughtUp: () => {
        this.caughtUp = true;
      },
      onError: (error) => {
        if (!(error instanceof AbortedError)) onError(error);
      },
    });
  }

  private async relay(event: RecordedEvent): Promise<void> {
    this.caughtUp = false;
    const mapped = this.options.map(event);
    if (!mapped) return;
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
          { subscriberId: this.subscriberId, eventId: event.id, position: event.globalPosition, topic, attempt, delayMs, error: errorMessage(error) },
          'relay publish failed: retrying',
        );
      },
    });
    // With unbounded attempts the only other outcome is a PermanentMessageError from the bus, which
    // must not be skipped either: failing the subscription retries it after a backoff.
    if (!outcome.ok) throw outcome.error;
    this.consecutiveFailures = 0;
    this.options.onPublished?.(event, mapped);
  }
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
