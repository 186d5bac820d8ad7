import { integrationEventSchema } from './integration-event';
import { probeSentDataSchema } from './probe.events';

const valid = {
  eventId: '7d9f2c1e-3b4a-4c5d-8e6f-102030405060',
  type: 'ProbeSent',
  schemaVersion: 1,
  aggregateId: 'abc',
  aggregateVersion: 0,
  occurredAt: '2026-11-28T10:00:00.000+07:00',
  data: { x: 1 },
};

describe('integration event envelope', () => {
  it('accepts a complete envelope', () => {
    expect(integrationEventSchema.parse(valid)).toEqual(valid);
  });

  it.each([
    ['a non-uuid event id', { eventId: 'x' }],
    ['a zero schema version', { schemaVersion: 0 }],
    ['a negative aggregate version', { aggregateVersion: -1 }],
    ['a date without time', { occurredAt: '2026-11-28' }],
    ['data that is not an object', { data: 'text' }],
  ])('rejects %s', (_name, change) => {
    expect(integrationEventSchema.safeParse({ ...valid, ...change }).success).toBe(false);
  });

  it('limits a probe note to 200 characters and names a known origin', () => {
    const probe = { probeId: valid.eventId, origin: 'intake', sentAt: valid.occurredAt };
    expect(probeSentDataSchema.safeParse(probe).success).toBe(true);
    expect(probeSentDataSchema.safeParse({ ...probe, note: 'x'.repeat(201) }).success).toBe(false);
    expect(probeSentDataSchema.safeParse({ ...probe, origin: 'police' }).success).toBe(false);
  });
});
