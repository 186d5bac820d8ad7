import { KafkaMessageBus, parseBrokers, silentLogger } from '../src';
import { CONTRACT_RETRY, messageBusContract } from './support/message-bus.contract';
import { TEST_CONSUMER_TUNING } from './support/kafka';

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
