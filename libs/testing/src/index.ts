export * from './database';
export { startLocalKafka, type LocalKafka } from './kafka/local-kafka';
export { KafkaTestClient, type CollectedMessage } from './kafka/kafka-test-client';
export * from './processes';
