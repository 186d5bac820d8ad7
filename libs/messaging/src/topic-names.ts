/**
 * Integration topics are named `<service>.<what>.v<N>` (ARCHITECTURE.md, "Messaging port"): the
 * version is part of the name because a breaking change of a payload is a new topic, never a new
 * meaning for an old one. `<what>` may have several dot-separated segments
 * (`routing.unit-assignments.<unit>.v1`).
 *
 * Every topic `T` has a dead-letter topic `T.dlq` holding the messages a consumer could not apply
 * (malformed, or still failing after the bounded retries), unchanged, with `dlq-*` headers saying why
 * and where they came from. One DLQ per source topic (not per consumer group) keeps the name
 * predictable for operators; the `dlq-consumer-group` header tells which group gave up.
 */

const SEGMENT = '[a-z0-9](?:[a-z0-9_-]*[a-z0-9])?';
const TOPIC_PATTERN = new RegExp(`^[a-z](?:[a-z0-9-]*[a-z0-9])?(?:\\.${SEGMENT})+\\.v[1-9][0-9]*$`);
/** Kafka's own limit on topic name length. */
const MAX_TOPIC_LENGTH = 249;
const DLQ_SUFFIX = '.dlq';

export class InvalidTopicNameError extends Error {
  readonly code = 'MESSAGING.INVALID_TOPIC_NAME';
  constructor(readonly topic: string) {
    super(
      `Invalid topic name "${topic}": expected <service>.<what>.v<N> in lower case (e.g. intake.petition-events.v1)`,
    );
    this.name = 'InvalidTopicNameError';
  }
}

export function isValidTopicName(topic: string): boolean {
  return topic.length <= MAX_TOPIC_LENGTH - DLQ_SUFFIX.length && TOPIC_PATTERN.test(topic);
}

/** Throws `InvalidTopicNameError` unless `topic` follows `<service>.<what>.v<N>`. */
export function assertTopicName(topic: string): string {
  if (!isValidTopicName(topic)) throw new InvalidTopicNameError(topic);
  return topic;
}

/** `topicName('intake', 'petition-events', 1)` → `intake.petition-events.v1`, validated. */
export function topicName(service: string, what: string, version: number): string {
  return assertTopicName(`${service}.${what}.v${version}`);
}

/**
 * The dead-letter topic of `topic`: `<topic>.dlq`. A consumer of a DLQ that gives up writes to
 * `<topic>.dlq.dlq` rather than back into the topic it reads, which would loop.
 */
export function deadLetterTopic(topic: string): string {
  return `${topic}${DLQ_SUFFIX}`;
}

export function isDeadLetterTopic(topic: string): boolean {
  return topic.endsWith(DLQ_SUFFIX);
}
