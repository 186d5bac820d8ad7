export * from './database';
export { startLocalKafka, type LocalKafka } from './kafka/local-kafka';
export { KafkaTestClient, type CollectedMessage } from './kafka/kafka-test-client';
export * from './processes';
export {
  leaseServiceGroups,
  SERVICE_GROUPS_LEASE_WAIT_MS,
  type ServiceGroupsLease,
} from './kafka/service-groups-lease';
export { openServiceScope, serviceScopeTimeout, type ServiceScope } from './kafka/service-scope';
