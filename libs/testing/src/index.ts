export * from './database';
export { startLocalKafka, type LocalKafka } from './kafka/local-kafka';
export * from './processes';
