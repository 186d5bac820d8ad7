import { randomUUID } from 'node:crypto';
import { Kafka, logLevel, type Consumer, type Producer } from 'kafkajs';

/** A message as a test reads it: key, decoded value, headers as strings. */
export interface CollectedMessage<V = string> {
  key: string;
  value: V;
  headers: Record<string, string>;
  /**
   * Where the message is stored. A collector may be handed a message again (a rebalance before its
   * group committed an offset): the same partition and offset; a message published twice has two.
   */
  partition: number;
  offset: string;
}

/**
 * An independent Kafka client for end-to-end tests (a unit's system, routing's relay, an auditor): an
 * idempotent producer, and collectors that read a topic from its beginning into an array as messages
 * arrive, each in a group of its own. `close()` disconnects everything it opened.
 */
export class KafkaTestClient {
  private readonly consumers: Consumer[] = [];

  private constructor(
    readonly kafka: Kafka,
    readonly producer: Producer,
  ) {}

  /** Connects to `brokers` (default: the KAFKA_BROKERS the test environment sets). */
  static async connect(clientId: string, brokers = process.env.KAFKA_BROKERS): Promise<KafkaTestClient> {
    if (!brokers) throw new Error('KAFKA_BROKERS is not set: start a broker first (startLocalKafka)');
    const kafka = new Kafka({ clientId, brokers: brokers.split(','), logLevel: logLevel.NOTHING });
    const producer = kafka.producer({ idempotent: true, maxInFlightRequests: 1 });
    await producer.connect();
    return new KafkaTestClient(kafka, producer);
  }

  /**
   * Every message of `topic` from its beginning, appended as it arrives (the array fills in the
   * background). The topic is created first when missing, so that a collector may start before the
   * system publishes; `decode` turns each value (UTF-8) into what the test reads.
   */
  async collect<V = string>(
    topic: string,
    options: { partitions?: number; decode?: (value: string) => V } = {},
  ): Promise<CollectedMessage<V>[]> {
    const decode = options.decode ?? ((value: string) => value as unknown as V);
    const admin = this.kafka.admin();
    await admin.connect();
    try {
      await admin.createTopics({ topics: [{ topic, numPartitions: options.partitions ?? 3 }] });
    } finally {
      await admin.disconnect();
    }
    const consumer = this.kafka.consumer({ groupId: `e2e-${randomUUID()}` });
    this.consumers.push(consumer);
    const messages: CollectedMessage<V>[] = [];
    await consumer.connect();
    await consumer.subscribe({ topic, fromBeginning: true });
    await consumer.run({
      eachMessage: async ({ partition, message }) => {
        const headers: Record<string, string> = {};
        for (const [k, v] of Object.entries(message.headers ?? {})) headers[k] = String(v);
        messages.push({
          key: String(message.key),
          value: decode(String(message.value)),
          headers,
          partition,
          offset: message.offset,
        });
      },
    });
    return messages;
  }

  async close(): Promise<void> {
    await Promise.all(this.consumers.map((consumer) => consumer.disconnect()));
    await this.producer.disconnect();
  }
}
