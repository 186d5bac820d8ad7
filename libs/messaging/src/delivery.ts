/**
 * The adapter-independent half of consuming: encoding on publish, decoding on receipt, running the
 * handler under the retry policy and building the dead-letter record. Both adapters call it, so the
 * Kafka and in-process buses cannot drift apart in what they retry or dead-letter.
 */
import {
  ContentTypes,
  DeadLetterHeaders,
  MessageHeaders,
  type InboundMessage,
  type MessageHandler,
  type OutgoingMessage,
} from './message-bus.port';
import { runInMessageContext } from './message-context';
import { errorMessage, type MessagingLogger } from './logger';
import { retryWithBackoff, type RetryPolicy } from './retry-policy';

/** A message as it sits in a partition: bytes and string headers. */
export interface RawRecord {
  key: Buffer | null;
  value: Buffer | null;
  headers: Record<string, string>;
}

export interface RawDelivery extends RawRecord {
  topic: string;
  partition: number;
  offset: string;
  timestamp: Date;
}

/** Keeps DLQ headers readable and well under Kafka's record size limits. */
const MAX_REASON_LENGTH = 2000;

export function encodeMessage(message: OutgoingMessage): RawRecord {
  const headers = { ...(message.headers ?? {}) };
  let value: Buffer;
  if (Buffer.isBuffer(message.value)) {
    value = message.value;
    headers[MessageHeaders.contentType] ??= ContentTypes.binary;
  } else if (typeof message.value === 'string') {
    value = Buffer.from(message.value, 'utf8');
    headers[MessageHeaders.contentType] ??= ContentTypes.text;
  } else {
    value = Buffer.from(JSON.stringify(message.value), 'utf8');
    headers[MessageHeaders.contentType] ??= ContentTypes.json;
  }
  return { key: Buffer.from(message.key, 'utf8'), value, headers };
}

/** Rejects messages no consumer could route: the bus would otherwise hide a producer bug in a DLQ. */
export function assertPublishable(topic: string, messages: OutgoingMessage[]): void {
  for (const message of messages) {
    if (typeof message.key !== 'string' || message.key.length === 0) {
      throw new TypeError(
        `Message for ${topic} has no key: every integration message is keyed by its aggregate id`,
      );
    }
  }
}

export type DecodeResult = { ok: true; message: InboundMessage } | { ok: false; reason: string };

/**
 * A message without `content-type` is taken as JSON: that is what every integration topic carries,
 * and it lets tools such as kcat produce test messages without headers.
 */
export function decodeDelivery(delivery: RawDelivery, raw = false): DecodeResult {
  const key = delivery.key?.toString('utf8') ?? '';
  if (raw) return { ok: true, message: inbound(delivery, key, delivery.value ?? Buffer.alloc(0)) };
  if (key.length === 0) return { ok: false, reason: 'malformed: missing key' };
  if (delivery.value === null) return { ok: false, reason: 'malformed: missing value' };
  const contentType = (delivery.headers[MessageHeaders.contentType] ?? ContentTypes.json).toLowerCase();
  let value: unknown = delivery.value;
  if (contentType.startsWith('application/json')) {
    try {
      value = JSON.parse(delivery.value.toString('utf8'));
    } catch (error) {
      return { ok: false, reason: `malformed: invalid JSON (${errorMessage(error)})` };
    }
  } else if (contentType.startsWith('text/')) {
    value = delivery.value.toString('utf8');
  }
  return { ok: true, message: inbound(delivery, key, value) };
}

function inbound(delivery: RawDelivery, key: string, value: unknown): InboundMessage {
  return {
    topic: delivery.topic,
    partition: delivery.partition,
    offset: delivery.offset,
    key,
    value,
    headers: delivery.headers,
    raw: delivery.value ?? Buffer.alloc(0),
    timestamp: delivery.timestamp,
  };
}

export function deadLetterRecord(
  delivery: RawDelivery,
  details: { reason: string; attempts: number; group: string; failedAt: Date },
): RawRecord {
  return {
    key: delivery.key,
    value: delivery.value,
    headers: {
      ...delivery.headers,
      [DeadLetterHeaders.reason]: details.reason.slice(0, MAX_REASON_LENGTH),
      [DeadLetterHeaders.originalTopic]: delivery.topic,
      [DeadLetterHeaders.originalPartition]: String(delivery.partition),
      [DeadLetterHeaders.originalOffset]: delivery.offset,
      [DeadLetterHeaders.attempts]: String(details.attempts),
      [DeadLetterHeaders.failedAt]: details.failedAt.toISOString(),
      [DeadLetterHeaders.consumerGroup]: details.group,
    },
  };
}

export interface DeliverOptions {
  group: string;
  handler: MessageHandler;
  policy: RetryPolicy;
  logger: MessagingLogger;
  /** Skip decoding (see `SubscribeOptions.raw`). */
  raw?: boolean;
  /** Aborts the retry waits when the consumer stops; the message is then left uncommitted. */
  signal: AbortSignal;
  /** Writes the record to the dead-letter topic; must resolve only once it is durable. */
  deadLetter: (record: RawRecord) => Promise<void>;
  /** Kafka: heartbeat between attempts so that a long retry does not cost the group membership. */
  betweenAttempts?: () => Promise<void>;
}

export type DeliveryOutcome = 'handled' | 'dead-lettered';

/**
 * Decodes and handles one message. Resolves when the caller may commit its offset: the handler
 * succeeded, or the message is safely in the dead-letter topic. Rejects (do not commit) when the
 * consumer is stopping (`AbortedError`) or the dead-letter write failed.
 */
export async function deliver(delivery: RawDelivery, options: DeliverOptions): Promise<DeliveryOutcome> {
  const { logger, group } = options;
  const coordinates = {
    topic: delivery.topic,
    partition: delivery.partition,
    offset: delivery.offset,
    group,
  };
  const decoded = decodeDelivery(delivery, options.raw);
  if (!decoded.ok) {
    logger.warn(
      { ...coordinates, reason: decoded.reason },
      'message cannot be decoded: moving it to the dead-letter topic',
    );
    await options.deadLetter(
      deadLetterRecord(delivery, { reason: decoded.reason, attempts: 0, group, failedAt: new Date() }),
    );
    return 'dead-lettered';
  }
  const message = decoded.message;
  const context = {
    topic: message.topic,
    partition: message.partition,
    offset: message.offset,
    key: message.key,
    group,
    eventId: message.headers[MessageHeaders.eventId],
    eventType: message.headers[MessageHeaders.eventType],
    correlationId: message.headers[MessageHeaders.correlationId],
    causationId: message.headers[MessageHeaders.causationId],
  };
  const outcome = await retryWithBackoff(
    options.policy,
    () => runInMessageContext(context, () => options.handler(message)),
    {
      signal: options.signal,
      onRetry: async (error, attempt, delayMs) => {
        logger.warn(
          { ...coordinates, attempt, delayMs, error: errorMessage(error) },
          'message handler failed: retrying',
        );
        await options.betweenAttempts?.();
      },
      afterWait: options.betweenAttempts,
    },
  );
  if (outcome.ok) return 'handled';
  const reason = outcome.permanent
    ? `permanent failure: ${errorMessage(outcome.error)}`
    : `handler failed after ${outcome.attempts} attempts: ${errorMessage(outcome.error)}`;
  logger.error({ ...coordinates, reason }, 'giving up on message: moving it to the dead-letter topic');
  await options.deadLetter(
    deadLetterRecord(delivery, { reason, attempts: outcome.attempts, group, failedAt: new Date() }),
  );
  return 'dead-lettered';
}
