/**
 * The messaging port (ARCHITECTURE.md, "Messaging port"). Two adapters implement it with the same
 * semantics and pass the same contract suite: Kafka (distributed mode) and in-process (embedded mode).
 *
 * Semantics both adapters keep:
 * - a topic has N partitions; the key picks the partition, so messages with one key stay in order;
 * - every consumer group receives every message; members of one group share the partitions;
 * - a group's offset is committed only after its handler resolved, so delivery is at-least-once and a
 *   re-subscribed group resumes after its last committed message;
 * - a handler that throws is retried with exponential backoff (bounded); a message that still fails,
 *   or cannot even be decoded, goes to the dead-letter topic `<topic>.dlq` and the group moves on.
 */
import type { RetryPolicy } from './retry-policy';

/** DI token for the service's bus. */
export const MESSAGE_BUS = Symbol('MESSAGE_BUS');

/** Header names used on every integration message. */
export const MessageHeaders = {
  eventId: 'event-id',
  eventType: 'event-type',
  correlationId: 'correlation-id',
  causationId: 'causation-id',
  contentType: 'content-type',
  /** Schema version of the event payload, so that a consumer can upcast or reject old shapes. */
  schemaVersion: 'schema-version',
} as const;

/** Headers added to a message when it is moved to its dead-letter topic. */
export const DeadLetterHeaders = {
  reason: 'dlq-reason',
  originalTopic: 'dlq-original-topic',
  originalPartition: 'dlq-original-partition',
  originalOffset: 'dlq-original-offset',
  attempts: 'dlq-attempts',
  failedAt: 'dlq-failed-at',
  consumerGroup: 'dlq-consumer-group',
} as const;

export const ContentTypes = {
  json: 'application/json',
  text: 'text/plain; charset=utf-8',
  binary: 'application/octet-stream',
} as const;

export interface OutgoingMessage {
  /** Partitioning key: the aggregate (stream) id, so that one aggregate's messages stay in order. */
  key: string;
  /**
   * An object is sent as JSON (`content-type: application/json`); a string as text and a Buffer as
   * bytes, unless `headers['content-type']` says otherwise.
   */
  value: object | string | Buffer;
  headers?: Record<string, string>;
}

/** Messages for one topic, in the order they are to be appended. */
export interface TopicMessages {
  topic: string;
  messages: OutgoingMessage[];
}

export interface InboundMessage<TValue = unknown> {
  topic: string;
  partition: number;
  /** Kafka offsets are 64-bit: kept as a decimal string. */
  offset: string;
  key: string;
  /** Parsed JSON for JSON messages, a string for `text/*`, otherwise the bytes. Validate before use. */
  value: TValue;
  headers: Record<string, string>;
  /** The value exactly as received. */
  raw: Buffer;
  timestamp: Date;
}

export type MessageHandler = (message: InboundMessage) => Promise<void>;

export interface SubscribeOptions {
  /** Consumer group: each group gets every message once; its members share the partitions. */
  group: string;
  topics: string[];
  handler: MessageHandler;
  /** Where a group without committed offsets starts: the oldest message (true) or new ones only. */
  fromBeginning?: boolean;
  /** Overrides the bus's retry policy for this subscription. */
  retry?: Partial<RetryPolicy>;
  /**
   * Hand messages over undecoded: `value` is the bytes, `key` is '' when absent. For dead-letter
   * tooling, which must read exactly what could not be decoded.
   */
  raw?: boolean;
}

export interface BusSubscription {
  /** Leaves the group; resolves when the in-flight handler finished. Uncommitted messages are redelivered. */
  stop(): Promise<void>;
}

export interface EnsureTopicsOptions {
  partitions?: number;
}

export interface MessageBus {
  /** Resolves only when every message is durably acknowledged (Kafka: acks=all). */
  publish(topic: string, messages: OutgoingMessage[]): Promise<void>;
  /**
   * Publishes to several topics at once (Kafka: one produce request per broker, instead of one per
   * topic). Resolves only when every message is durably acknowledged. When it rejects, nothing can be
   * assumed about any of them (some may be written): publish the whole batch again. Each topic's
   * messages keep their order per key, as with `publish`; there is no order across topics.
   */
  publishBatch(batch: readonly TopicMessages[]): Promise<void>;
  /** Resolves once this member has joined its group. */
  subscribe(options: SubscribeOptions): Promise<BusSubscription>;
  /** Creates the topics that do not exist yet (existing ones are left as they are). */
  ensureTopics(topics: string[], options?: EnsureTopicsOptions): Promise<void>;
  /** Last known health, for a cheap readiness probe. */
  isReady(): boolean;
  /** Asks the broker now; never throws. */
  ping(): Promise<boolean>;
  close(): Promise<void>;
}
