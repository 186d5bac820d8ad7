import type { KafkaConsumerTuning } from '../../src';

/**
 * Fast group joins and rebalances for tests; 6 s is the broker's minimum session timeout
 * (group.min.session.timeout.ms), and the local broker has group.initial.rebalance.delay.ms=0.
 */
export const TEST_CONSUMER_TUNING: KafkaConsumerTuning = {
  sessionTimeout: 6000,
  heartbeatInterval: 300,
  rebalanceTimeout: 6000,
  maxWaitTimeInMs: 100,
  joinTimeoutMs: 30000,
};
