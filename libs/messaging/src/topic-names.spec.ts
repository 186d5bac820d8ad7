import {
  assertTopicName,
  deadLetterTopic,
  InvalidTopicNameError,
  isValidTopicName,
  topicName,
} from './topic-names';

describe('topic names', () => {
  it.each([
    'intake.petition-events.v1',
    'routing.case-events.v12',
    'routing.unit-assignments.ubnd-xa-1.v1',
    'units.case-updates.v2',
  ])('accepts %s', (topic) => expect(isValidTopicName(topic)).toBe(true));

  it.each([
    'intake.petition-events',
    'intake.v1',
    'Intake.petition-events.v1',
    'intake.petition events.v1',
    'intake.petition-events.v0',
    'intake..x.v1',
    'intake.x.v1.dlq',
  ])('rejects %s', (topic) => expect(() => assertTopicName(topic)).toThrow(InvalidTopicNameError));

  it('builds <service>.<what>.v<N>', () => {
    expect(topicName('intake', 'petition-events', 1)).toBe('intake.petition-events.v1');
    expect(() => topicName('intake', 'Petition Events', 1)).toThrow(InvalidTopicNameError);
  });

  it('names the dead-letter topic <topic>.dlq, and never loops a DLQ into itself', () => {
    expect(deadLetterTopic('intake.petition-events.v1')).toBe('intake.petition-events.v1.dlq');
    expect(deadLetterTopic('intake.petition-events.v1.dlq')).toBe('intake.petition-events.v1.dlq.dlq');
  });
});
