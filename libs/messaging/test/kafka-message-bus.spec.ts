import { isRetriableKafkaError, KafkaMessageBus, parseBrokers, silentLogger } from '../src';
import { CONTRACT_RETRY, messageBusContract } from './support/message-bus.contract';
import { TEST_CONSUMER_TUNING } from './support/kafka';
import { waitFor } from './support/wait-for';

messageBusContract('Kafka', async () => {
  const bus = new KafkaMessageBus({
    brokers: parseBrokers(process.env.KAFKA_BROKERS ?? ''),
    clientId: 'messaging-contract',
    retry: CONTRACT_RETRY,
    consumer: TEST_CONSUMER_TUNING,
    logger: silentLogger,
  });
  return {
    bus,
    produceRaw: (topic, record) => bus.produceRaw(topic, record),
    settleMs: 1500,
    close: () => bus.close(),
  };
});

describe('KafkaMessageBus subscribing while its topic is not ready yet', () => {
  it('retries the start of its consumer until the topic another process creates is there, then delivers', async () => {
    const topic = `test.not-ready-${Date.now()}.v1`;
    const warnings: string[] = [];
    const bus = new KafkaMessageBus({
      brokers: parseBrokers(process.env.KAFKA_BROKERS ?? ''),
      clientId: 'messaging-not-ready',
      // kafkajs gives up its own metadata retries after ~100 ms: what is left is the bus's retry.
      clientRetry: { retries: 1, initialRetryTime: 50, maxRetryTime: 100 },
      consumer: TEST_CONSUMER_TUNING,
      logger: { ...silentLogger, warn: (_fields: unknown, message: string) => void warnings.push(message) },
    });
    const creator = new KafkaMessageBus({
      brokers: parseBrokers(process.env.KAFKA_BROKERS ?? ''),
      clientId: 'messaging-not-ready-creator',
      logger: silentLogger,
    });
    try {
      const received: unknown[] = [];
      const subscribed = bus.subscribe({
        group: `not-ready-${Date.now()}`,
        topics: [topic],
        fromBeginning: true,
        handler: async (message) => void received.push(message.value),
      });
      // The other service creates the topic a moment later.
      await new Promise((resolve) => setTimeout(resolve, 1_000));
      await creator.ensureTopics([topic], { partitions: 1 });
      const subscription = await subscribed;
      expect(warnings).toContain('subscribing failed; retrying');
      await creator.publish(topic, [{ key: 'k', value: { n: 1 } }]);
      await waitFor(async () => received.length === 1, 'the message');
      expect(received).toEqual([{ n: 1 }]);
      await subscription.stop();
    } finally {
      await bus.close();
      await creator.close();
    }
  }, 60_000);

  it('tells the errors of a cluster not ready yet from the others', () => {
    const protocol = (type: string) => Object.assign(new Error(type), { type, retriable: true });
    expect(isRetriableKafkaError(protocol('UNKNOWN_TOPIC_OR_PARTITION'))).toBe(true);
    expect(isRetriableKafkaError(protocol('LEADER_NOT_AVAILABLE'))).toBe(true);
    // kafkajs wraps the last error when its own retries run out.
    expect(
      isRetriableKafkaError(
        Object.assign(new Error('retries exceeded'), {
          originalError: protocol('UNKNOWN_TOPIC_OR_PARTITION'),
        }),
      ),
    ).toBe(true);
    expect(isRetriableKafkaError(protocol('GROUP_AUTHORIZATION_FAILED'))).toBe(false);
    expect(isRetriableKafkaError(new Error('did not join its group within 30000 ms'))).toBe(false);
    expect(isRetriableKafkaError(undefined)).toBe(false);
  });
});
