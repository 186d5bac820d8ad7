/**
 * A consumer that receives the same message twice applies it once, with real PostgreSQL, on both
 * adapters (Kafka with the broker of the global setup, and in-process).
 */
import { randomUUID } from 'node:crypto';
import { Pool } from 'pg';
import {
  IdempotentConsumer,
  InProcessMessageBus,
  KafkaMessageBus,
  MessageHeaders,
  parseBrokers,
  silentLogger,
  type BusSubscription,
  type MessageBus,
} from '../src';
import { createTestDatabase, type TestDatabase } from '@tiep-dan/testing';
import { TEST_CONSUMER_TUNING } from './support/kafka';
import { waitFor } from './support/wait-for';

const adapters: Array<[string, () => MessageBus]> = [
  [
    'Kafka',
    () =>
      new KafkaMessageBus({
        brokers: parseBrokers(process.env.KAFKA_BROKERS ?? ''),
        clientId: 'idempotent-consumer',
        retry: { maxAttempts: 3, initialDelayMs: 20, maxDelayMs: 100 },
        consumer: TEST_CONSUMER_TUNING,
        logger: silentLogger,
      }),
  ],
  [
    'in-process',
    () =>
      new InProcessMessageBus({
        retry: { maxAttempts: 3, initialDelayMs: 20, maxDelayMs: 100 },
        logger: silentLogger,
      }),
  ],
];

describe.each(adapters)('IdempotentConsumer on the %s bus', (_name, createBus) => {
  let database: TestDatabase;
  let pool: Pool;
  let bus: MessageBus;
  let subscription: BusSubscription | undefined;

  beforeAll(async () => {
    database = await createTestDatabase('idem');
    pool = new Pool({ connectionString: database.url, max: 4 });
    bus = createBus();
    await pool.query('CREATE SCHEMA routing');
    await pool.query('CREATE TABLE routing.cases (petition_id text NOT NULL, opened_by text NOT NULL)');
  });

  afterEach(async () => {
    await subscription?.stop();
    subscription = undefined;
  });

  afterAll(async () => {
    await bus.close();
    await pool.end();
    await database.drop();
  });

  async function topic(): Promise<string> {
    const name = `routing.idem-${randomUUID().slice(0, 8)}.v1`;
    await bus.ensureTopics([name], { partitions: 1 });
    return name;
  }

  it('applies a message delivered twice only once', async () => {
    const name = await topic();
    const group = `routing-${randomUUID()}`;
    const consumer = new IdempotentConsumer({ pool, schema: 'routing', consumer: group });
    await Promise.all([consumer.migrate(), consumer.migrate(), consumer.migrate()]);
    const outcomes: string[] = [];
    subscription = await bus.subscribe({
      group,
      topics: [name],
      fromBeginning: true,
      handler: async (message) => {
        const outcome = await consumer.apply(message, async (m, tx) => {
          const { petitionId } = m.value as { petitionId: string };
          await tx.query('INSERT INTO routing.cases (petition_id, opened_by) VALUES ($1, $2)', [
            petitionId,
            m.headers[MessageHeaders.eventId],
          ]);
        });
        outcomes.push(outcome);
      },
    });
    const eventId = randomUUID();
    const petitionId = `petition-${randomUUID()}`;
    const message = {
      key: petitionId,
      value: { petitionId },
      headers: { [MessageHeaders.eventId]: eventId },
    };
    await bus.publish(name, [message]);
    await bus.publish(name, [message]);
    await waitFor(() => outcomes.length === 2, 'both deliveries');

    expect(outcomes).toEqual(['applied', 'duplicate']);
    const rows = await pool.query('SELECT opened_by FROM routing.cases WHERE petition_id = $1', [petitionId]);
    expect(rows.rows).toEqual([{ opened_by: eventId }]);
    const processed = await pool.query(
      'SELECT message_id FROM routing.processed_messages WHERE consumer = $1',
      [group],
    );
    expect(processed.rows).toEqual([{ message_id: eventId }]);
  });

  it('rolls the message id back with the handler’s writes when the handler fails, so the retry applies it', async () => {
    const name = await topic();
    const group = `routing-${randomUUID()}`;
    const consumer = new IdempotentConsumer({ pool, schema: 'routing', consumer: group });
    await consumer.migrate();
    let attempts = 0;
    subscription = await bus.subscribe({
      group,
      topics: [name],
      fromBeginning: true,
      handler: consumer.wrap(async (m, tx) => {
        attempts += 1;
        const { petitionId } = m.value as { petitionId: string };
        await tx.query('INSERT INTO routing.cases (petition_id, opened_by) VALUES ($1, $2)', [
          petitionId,
          `attempt-${attempts}`,
        ]);
        if (attempts === 1) throw new Error('deadlock detected');
      }),
    });
    const petitionId = `petition-${randomUUID()}`;
    await bus.publish(name, [
      { key: petitionId, value: { petitionId }, headers: { [MessageHeaders.eventId]: randomUUID() } },
    ]);
    await waitFor(
      async () =>
        (await pool.query('SELECT 1 FROM routing.cases WHERE petition_id = $1', [petitionId])).rowCount === 1,
      'the applied message',
    );

    expect(attempts).toBe(2);
    const rows = await pool.query('SELECT opened_by FROM routing.cases WHERE petition_id = $1', [petitionId]);
    expect(rows.rows).toEqual([{ opened_by: 'attempt-2' }]);
  });

  it('identifies a message without event-id by its topic, partition and offset', async () => {
    const name = await topic();
    const group = `routing-${randomUUID()}`;
    const consumer = new IdempotentConsumer({ pool, schema: 'routing', consumer: group });
    await consumer.migrate();
    const seen: string[] = [];
    subscription = await bus.subscribe({
      group,
      topics: [name],
      fromBeginning: true,
      handler: consumer.wrap(async (m) => void seen.push(m.offset)),
    });
    await bus.publish(name, [{ key: 'k', value: {} }]);
    await waitFor(() => seen.length === 1, 'the message');
    const processed = await pool.query(
      'SELECT message_id FROM routing.processed_messages WHERE consumer = $1',
      [group],
    );
    expect(processed.rows).toEqual([{ message_id: `${name}/0/0` }]);
  });
});
