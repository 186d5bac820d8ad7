/**
 * The bus of the distributed mode, on kafkajs.
 *
 * Producer: idempotent (`idempotent: true` with `maxInFlightRequests: 1`, the setting KIP-98 and the
 * kafkajs docs ask for, so that a retried batch can neither be duplicated nor overtake the next one),
 * acks=-1 (all in-sync replicas). kafkajs retries a send itself; when it gives up (broker unreachable
 * longer than `clientRetry` allows, about 25 s by default) `publish` rejects with
 * `MessagePublishError`, and the caller (the relay) retries. Because the promise settles only after
 * kafkajs stopped trying, a failed publish never lands later behind a newer one.
 *
 * Consumer: one kafkajs consumer per subscription, `autoCommit: false`, `eachMessage` (one message at a
 * time per partition); the offset is committed only after `deliver` resolved, i.e. after the handler
 * (and its transaction) succeeded or the message is in the dead-letter topic.
 */
import {
  Kafka,
  logLevel,
  Partitioners,
  type Admin,
  type Consumer,
  type IHeaders,
  type KafkaMessage,
  type LogEntry,
  type Message,
  type Producer,
  type RetryOptions,
} from 'kafkajs';
import { assertPublishable, deliver, encodeMessage, type RawDelivery, type RawRecord } from '../delivery';
import { consoleLogger, errorMessage, type MessagingLogger } from '../logger';
import type {
  BusSubscription,
  EnsureTopicsOptions,
  MessageBus,
  OutgoingMessage,
  SubscribeOptions,
  TopicMessages,
} from '../message-bus.port';
import { AbortedError, retryPolicy, retryWithBackoff, type RetryPolicy } from '../retry-policy';
import { deadLetterTopic } from '../topic-names';

export interface KafkaConsumerTuning {
  /** The broker's `group.min.session.timeout.ms` (6 s by default) is the lower bound. */
  sessionTimeout?: number;
  heartbeatInterval?: number;
  rebalanceTimeout?: number;
  /** Longest a fetch waits for new messages; lower means lower latency and more requests. */
  maxWaitTimeInMs?: number;
  /** Partitions of one subscription handled concurrently (messages of one partition never are). */
  partitionsConsumedConcurrently?: number;
  /** `subscribe` rejects if the member has not joined its group by then. */
  joinTimeoutMs?: number;
}

export interface KafkaMessageBusOptions {
  brokers: string[];
  clientId: string;
  /** Handler retries before a message goes to the dead-letter topic. */
  retry?: Partial<RetryPolicy>;
  /** kafkajs' own retries of a request (connect, produce, commit) before it gives up. */
  clientRetry?: RetryOptions;
  connectionTimeout?: number;
  requestTimeout?: number;
  consumer?: KafkaConsumerTuning;
  /** Partitions of a dead-letter topic the bus creates on first use. */
  deadLetterPartitions?: number;
  /** Partitions when `ensureTopics` is not told. */
  defaultPartitions?: number;
  logger?: MessagingLogger;
}

/** `publish` (or `publishBatch`, naming its topics) gave up: the broker did not acknowledge. Nothing can be assumed about delivery; retry. */
export class MessagePublishError extends Error {
  readonly code = 'MESSAGING.PUBLISH_FAILED';
  constructor(
    readonly topic: string,
    cause: unknown,
  ) {
    super(`Publishing to ${topic} failed: ${errorMessage(cause)}`, { cause });
    this.name = 'MessagePublishError';
  }
}

/** Start-up requests (creating topics, a consumer joining) while the cluster may not be ready yet. */
const STARTUP_RETRY: RetryPolicy = {
  maxAttempts: 10,
  initialDelayMs: 200,
  maxDelayMs: 3000,
  multiplier: 2,
};

const DEFAULT_CLIENT_RETRY: RetryOptions = { initialRetryTime: 300, maxRetryTime: 5000, retries: 8 };

export class KafkaMessageBus implements MessageBus {
  private readonly kafka: Kafka;
  private readonly producer: Producer;
  private readonly logger: MessagingLogger;
  private readonly policy: RetryPolicy;
  private producerConnected: Promise<void> | undefined;
  private adminConnected: Promise<Admin> | undefined;
  private readonly subscriptions = new Set<BusSubscription>();
  private readonly knownDeadLetterTopics = new Set<string>();
  private ready = false;
  private closed = false;

  constructor(private readonly options: KafkaMessageBusOptions) {
    this.logger = options.logger ?? consoleLogger;
    this.policy = retryPolicy(options.retry);
    const logger = this.logger;
    this.kafka = new Kafka({
      clientId: options.clientId,
      brokers: options.brokers,
      connectionTimeout: options.connectionTimeout ?? 3000,
      requestTimeout: options.requestTimeout ?? 30000,
      retry: options.clientRetry ?? DEFAULT_CLIENT_RETRY,
      logLevel: logLevel.WARN,
      logCreator: () => (entry: LogEntry) => kafkajsLog(logger, entry),
    });
    this.producer = this.kafka.producer({
      idempotent: true,
      maxInFlightRequests: 1,
      createPartitioner: Partitioners.DefaultPartitioner,
      retry: options.clientRetry ?? DEFAULT_CLIENT_RETRY,
    });
  }

  async publish(topic: string, messages: OutgoingMessage[]): Promise<void> {
    assertPublishable(topic, messages);
    await this.send(topic, messages.map(encodeMessage));
  }

  /** One `sendBatch`: one produce request per broker for all the topics. */
  async publishBatch(batch: readonly TopicMessages[]): Promise<void> {
    for (const { topic, messages } of batch) assertPublishable(topic, messages);
    const topicMessages = batch
      .filter(({ messages }) => messages.length > 0)
      .map(({ topic, messages }) => ({ topic, messages: messages.map(encodeMessage).map(toKafkaMessage) }));
    if (topicMessages.length === 0) return;
    this.assertOpen();
    try {
      await this.connectProducer();
      await this.producer.sendBatch({ acks: -1, topicMessages });
      this.ready = true;
    } catch (error) {
      this.ready = false;
      throw new MessagePublishError(topicMessages.map((t) => t.topic).join(', '), error);
    }
  }

  /** Sends records as they are (null key or value allowed); dead-lettering and tests use it. */
  async produceRaw(topic: string, record: RawRecord): Promise<void> {
    await this.send(topic, [record]);
  }

  async subscribe(options: SubscribeOptions): Promise<BusSubscription> {
    this.assertOpen();
    const abort = new AbortController();
    // Services that start together create each other's topics: a topic can exist before its partitions
    // have leaders, and the consumer's metadata request then fails with a retriable error
    // (UNKNOWN_TOPIC_OR_PARTITION, LEADER_NOT_AVAILABLE). Start again with a fresh consumer rather than
    // fail the service's start. Other errors (a join time-out, a bad group) are not retried.
    const outcome = await retryWithBackoff(STARTUP_RETRY, () => this.startConsumer(options, abort.signal), {
      retryable: isRetriableKafkaError,
      onRetry: (error, attempt, delayMs) =>
        this.logger.warn(
          { group: options.group, topics: options.topics, attempt, delayMs, reason: errorMessage(error) },
          'subscribing failed; retrying',
        ),
    });
    if (!outcome.ok) throw outcome.error;
    const consumer = outcome.value;
    let stopped: Promise<void> | undefined;
    const subscription: BusSubscription = {
      stop: () => {
        stopped ??= (async () => {
          this.subscriptions.delete(subscription);
          abort.abort();
          await consumer.disconnect();
        })();
        return stopped;
      },
    };
    this.subscriptions.add(subscription);
    return subscription;
  }

  /** Connects a consumer of `options.group`, subscribes it and resolves once it joined its group. */
  private async startConsumer(options: SubscribeOptions, signal: AbortSignal): Promise<Consumer> {
    const tuning = this.options.consumer ?? {};
    const policy = retryPolicy(options.retry, this.policy);
    const consumer = this.kafka.consumer({
      groupId: options.group,
      sessionTimeout: tuning.sessionTimeout ?? 30000,
      heartbeatInterval: tuning.heartbeatInterval ?? 3000,
      rebalanceTimeout: tuning.rebalanceTimeout ?? 60000,
      maxWaitTimeInMs: tuning.maxWaitTimeInMs ?? 1000,
      allowAutoTopicCreation: false,
    });
    const joined = waitForJoin(consumer, tuning.joinTimeoutMs ?? 60000);
    try {
      await consumer.connect();
      await consumer.subscribe({ topics: options.topics, fromBeginning: options.fromBeginning ?? false });
      await consumer.run({
        autoCommit: false,
        partitionsConsumedConcurrently: tuning.partitionsConsumedConcurrently ?? 1,
        eachMessage: async ({ topic, partition, message, heartbeat }) => {
          await deliver(toDelivery(topic, partition, message), {
            group: options.group,
            handler: options.handler,
            raw: options.raw ?? false,
            policy,
            logger: this.logger,
            signal,
            deadLetter: (record) => this.sendDeadLetter(topic, record),
            betweenAttempts: heartbeat,
          });
          await consumer.commitOffsets([
            { topic, partition, offset: (BigInt(message.offset) + 1n).toString() },
          ]);
        },
      });
      await joined.promise;
      return consumer;
    } catch (error) {
      joined.cancel();
      await consumer.disconnect().catch(() => undefined);
      throw error;
    }
  }

  async ensureTopics(topics: string[], options: EnsureTopicsOptions = {}): Promise<void> {
    if (topics.length === 0) return;
    // Several services create the same topics when they start together; while one creation is still
    // electing leaders, the others' metadata requests fail with retriable errors
    // (UNKNOWN_TOPIC_OR_PARTITION). Retry those rather than fail the service's start.
    const outcome = await retryWithBackoff(
      STARTUP_RETRY,
      async () => {
        const admin = await this.admin();
        await admin.createTopics({
          waitForLeaders: true,
          topics: topics.map((topic) => ({
            topic,
            numPartitions: options.partitions ?? this.options.defaultPartitions ?? 3,
          })),
        });
      },
      {
        onRetry: (error, attempt) =>
          this.logger.warn(
            { topics, attempt, reason: errorMessage(error) },
            'creating topics failed; retrying',
          ),
      },
    );
    if (!outcome.ok) throw outcome.error;
  }

  isReady(): boolean {
    return this.ready && !this.closed;
  }

  async ping(): Promise<boolean> {
    try {
      const admin = await this.admin();
      await admin.describeCluster();
      this.ready = true;
    } catch (error) {
      this.logger.warn({ error: errorMessage(error) }, 'Kafka ping failed');
      this.ready = false;
    }
    return this.isReady();
  }

  async close(): Promise<void> {
    if (this.closed) return;
    this.closed = true;
    await Promise.allSettled([...this.subscriptions].map((s) => s.stop()));
    const admin = this.adminConnected;
    await Promise.allSettled([
      this.producerConnected ? this.producer.disconnect() : Promise.resolve(),
      admin ? admin.then((a) => a.disconnect()) : Promise.resolve(),
    ]);
  }

  private async send(topic: string, records: RawRecord[]): Promise<void> {
    this.assertOpen();
    try {
      await this.connectProducer();
      await this.producer.send({
        topic,
        acks: -1,
        messages: records.map(toKafkaMessage),
      });
      this.ready = true;
    } catch (error) {
      this.ready = false;
      throw new MessagePublishError(topic, error);
    }
  }

  /** Dead-letter topics are created on first use, so that a broker without auto-creation still works. */
  private async sendDeadLetter(sourceTopic: string, record: RawRecord): Promise<void> {
    const topic = deadLetterTopic(sourceTopic);
    if (!this.knownDeadLetterTopics.has(topic)) {
      await this.ensureTopics([topic], { partitions: this.options.deadLetterPartitions ?? 1 });
      this.knownDeadLetterTopics.add(topic);
    }
    await this.send(topic, [record]);
  }

  /** Connects lazily and again after a failed attempt (e.g. the broker was down at start-up). */
  private connectProducer(): Promise<void> {
    this.producerConnected ??= this.producer.connect().catch((error: unknown) => {
      this.producerConnected = undefined;
      throw error;
    });
    return this.producerConnected;
  }

  private admin(): Promise<Admin> {
    this.assertOpen();
    this.adminConnected ??= (async () => {
      const admin = this.kafka.admin();
      await admin.connect();
      return admin;
    })().catch((error: unknown) => {
      this.adminConnected = undefined;
      throw error;
    });
    return this.adminConnected;
  }

  private assertOpen(): void {
    if (this.closed) throw new Error('The Kafka message bus is closed');
  }
}

export function createKafkaMessageBus(options: KafkaMessageBusOptions): KafkaMessageBus {
  return new KafkaMessageBus(options);
}

/** `KAFKA_BROKERS=host1:9092,host2:9092` → `['host1:9092', 'host2:9092']`. */
export function parseBrokers(value: string): string[] {
  return value
    .split(',')
    .map((b) => b.trim())
    .filter((b) => b.length > 0);
}

function toKafkaMessage(record: RawRecord): Message {
  return { key: record.key, value: record.value, headers: record.headers };
}

function toDelivery(topic: string, partition: number, message: KafkaMessage): RawDelivery {
  return {
    topic,
    partition,
    offset: message.offset,
    key: message.key,
    value: message.value,
    headers: headersToStrings(message.headers),
    timestamp: new Date(Number(message.timestamp)),
  };
}

/** kafkajs hands headers over as Buffers (or arrays of them when a name repeats): the first value wins. */
function headersToStrings(headers: IHeaders | undefined): Record<string, string> {
  const result: Record<string, string> = {};
  for (const [name, raw] of Object.entries(headers ?? {})) {
    const value = Array.isArray(raw) ? raw[0] : raw;
    if (value !== undefined) result[name] = value.toString();
  }
  return result;
}

/**
 * Resolves on the member's first GROUP_JOIN (so that callers know partitions are assigned), rejects on
 * a crash kafkajs will not restart from, or after `timeoutMs`.
 */
function waitForJoin(consumer: Consumer, timeoutMs: number): { promise: Promise<void>; cancel: () => void } {
  const removers: Array<() => void> = [];
  let timer: NodeJS.Timeout | undefined;
  const cancel = (): void => {
    clearTimeout(timer);
    for (const remove of removers.splice(0)) remove();
  };
  const promise = new Promise<void>((resolve, reject) => {
    removers.push(
      consumer.on(consumer.events.GROUP_JOIN, () => {
        cancel();
        resolve();
      }),
      consumer.on(consumer.events.CRASH, (event) => {
        if (event.payload.restart) return;
        cancel();
        reject(event.payload.error);
      }),
    );
    timer = setTimeout(() => {
      cancel();
      reject(new Error(`Consumer did not join its group within ${timeoutMs} ms`));
    }, timeoutMs);
  });
  promise.catch(() => undefined);
  return { promise, cancel };
}

function kafkajsLog(logger: MessagingLogger, entry: LogEntry): void {
  const { message, ...rest } = entry.log;
  const obj = { ...rest, namespace: entry.namespace };
  const level = kafkajsLogLevel(entry);
  if (level === 'error') logger.error(obj, `kafkajs: ${message}`);
  else if (level === 'warn') logger.warn(obj, `kafkajs: ${message}`);
  else logger.debug(obj, `kafkajs: ${message}`);
}

/**
 * Broker answers kafkajs logs as errors on the connection although it retries them itself, and which a
 * healthy start or a leader change produces: the group coordinator being elected or loading, a
 * partition's leader moving, topics that already exist (several services create the same ones). If
 * one persists, the operation fails and the caller reports it (a consumer that cannot join, a
 * publish that the relay retries, a start that fails).
 */
const RETRIED_BY_KAFKAJS = [
  /group coordinator is not available/i,
  /coordinator is loading/i,
  /not the correct coordinator/i,
  /no leader for this topic-partition/i,
  /does not host this topic-partition/i,
  /^Topic creation errors$/,
];

/** The level a kafkajs log entry gets in our logs. */
export function kafkajsLogLevel(
  entry: Pick<LogEntry, 'level' | 'namespace' | 'log'>,
): 'error' | 'warn' | 'debug' {
  const { message, ...rest } = entry.log;
  if (isExpected(message, rest)) return 'debug';
  const retried =
    entry.namespace === 'Connection' &&
    message.startsWith('Response ') &&
    typeof rest.error === 'string' &&
    RETRIED_BY_KAFKAJS.some((pattern) => pattern.test(rest.error as string));
  if (retried) return 'debug';
  if (entry.level === logLevel.ERROR) return 'error';
  if (entry.level === logLevel.WARN) return 'warn';
  return 'debug';
}

function isExpected(message: string, fields: Record<string, unknown>): boolean {
  return (
    message.startsWith('Limiting retries for the idempotent producer') || fields.error instanceof AbortedError
  );
}

/** Kafka error types that only say the cluster's metadata has not caught up yet (a topic just created). */
const METADATA_NOT_READY = new Set([
  'UNKNOWN_TOPIC_OR_PARTITION',
  'LEADER_NOT_AVAILABLE',
  'NOT_LEADER_FOR_PARTITION',
  'NOT_LEADER_OR_FOLLOWER',
  'NOT_COORDINATOR',
  'COORDINATOR_NOT_AVAILABLE',
  'COORDINATOR_LOAD_IN_PROGRESS',
]);

/**
 * Whether a consumer's start failed only because the cluster was not ready for it yet: a KafkaJS
 * protocol error of one of those types, also when kafkajs gave up its own retries around it.
 */
export function isRetriableKafkaError(error: unknown): boolean {
  for (let current = error, depth = 0; current && depth < 5; depth++) {
    const candidate = current as { type?: unknown; originalError?: unknown; cause?: unknown };
    if (typeof candidate.type === 'string' && METADATA_NOT_READY.has(candidate.type)) return true;
    current = candidate.originalError ?? candidate.cause;
  }
  return false;
}
