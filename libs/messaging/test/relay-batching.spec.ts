/**
 * The relay publishes the events of a store batch together (one Kafka request per batch), with real
 * PostgreSQL and the Kafka broker of the global setup: every event arrives once and in order per key,
 * the checkpoint advances only after the broker acknowledged the whole batch, and a relay restarted
 * from its checkpoint neither loses nor repeats a message.
 */
import { randomUUID } from 'node:crypto';
import { Kafka, logLevel, type Admin } from 'kafkajs';
import { createPostgresEventStore, type EventStore, type PostgresEventStore } from '@tiep-dan/event-store';
import {
  KafkaMessageBus,
  MessageHeaders,
  parseBrokers,
  Relay,
  silentLogger,
  type BusSubscription,
  type InboundMessage,
  type TopicMessages,
} from '../src';
import { createTestDatabase, type TestDatabase } from '@tiep-dan/testing';
import { TEST_CONSUMER_TUNING } from './support/kafka';
import { delay, waitFor } from './support/wait-for';

const brokers = parseBrokers(process.env.KAFKA_BROKERS ?? '');

/** The relay's bus: a refused request fails quickly, so that the relay's own retry loop runs. */
function newBus(clientId: string): KafkaMessageBus {
  return new KafkaMessageBus({
    brokers,
    clientId,
    clientRetry: { initialRetryTime: 50, maxRetryTime: 200, retries: 1 },
    logger: silentLogger,
  });
}

/** Counts the requests (and their messages) a relay sends through the bus. */
function counting(bus: KafkaMessageBus): {
  publishBatch: (batch: readonly TopicMessages[]) => Promise<void>;
  requests: number[];
  refused: number;
} {
  const counter = {
    requests: [] as number[],
    refused: 0,
    publishBatch: async (batch: readonly TopicMessages[]) => {
      try {
        await bus.publishBatch(batch);
      } catch (error) {
        counter.refused += 1;
        throw error;
      }
      counter.requests.push(batch.reduce((sum, t) => sum + t.messages.length, 0));
    },
  };
  return counter;
}

/** Every record of the topic, taken once per (partition, offset), in each partition's log order. */
async function readTopic(
  reader: KafkaMessageBus,
  topic: string,
  expected: number,
): Promise<{ log: InboundMessage[] }> {
  const records = new Map<string, InboundMessage>();
  const subscription: BusSubscription = await reader.subscribe({
    group: `check-${randomUUID()}`,
    topics: [topic],
    fromBeginning: true,
    handler: async (m) => void records.set(`${m.partition}:${m.offset.padStart(20, '0')}`, m),
  });
  try {
    await waitFor(() => records.size >= expected, `${expected} records on ${topic}`, 30_000);
    // Long enough for a duplicate to show up too.
    await delay(1000);
  } finally {
    await subscription.stop();
  }
  const log = [...records.entries()].sort(([a], [b]) => (a < b ? -1 : 1)).map(([, m]) => m);
  return { log };
}

/** Each key's versions in log order: must be 0, 1, 2, ... exactly once. */
function versionsByKey(log: InboundMessage[]): Map<string, number[]> {
  const byKey = new Map<string, number[]>();
  for (const m of log)
    byKey.set(m.key, [...(byKey.get(m.key) ?? []), (m.value as { version: number }).version]);
  return byKey;
}

function range(n: number): number[] {
  return Array.from({ length: n }, (_, i) => i);
}

describe('Relay batching with Kafka and PostgreSQL', () => {
  let database: TestDatabase;
  let admin: Admin;
  /** Reads the topics, with kafkajs' default retries (a fresh broker may still be electing its group coordinator). */
  let reader: KafkaMessageBus;
  const stores: EventStore[] = [];
  const buses: KafkaMessageBus[] = [];
  const relays: Relay[] = [];

  beforeAll(async () => {
    database = await createTestDatabase('relay_batch');
    admin = new Kafka({ brokers, clientId: 'relay-batching-admin', logLevel: logLevel.NOTHING }).admin();
    await admin.connect();
    reader = new KafkaMessageBus({
      brokers,
      clientId: 'relay-batching-reader',
      consumer: TEST_CONSUMER_TUNING,
      logger: silentLogger,
    });
  }, 60_000);

  afterEach(async () => {
    await Promise.all(relays.splice(0).map((r) => r.stop()));
    await Promise.all(buses.splice(0).map((b) => b.close()));
    await Promise.all(stores.splice(0).map((s) => s.close()));
  });

  afterAll(async () => {
    await reader?.close();
    await admin?.disconnect();
    await database?.drop();
  });

  async function openStore(schema: string): Promise<PostgresEventStore> {
    const store = await createPostgresEventStore({ connectionString: database.url, schema });
    stores.push(store);
    return store;
  }

  function bus(clientId: string): KafkaMessageBus {
    const created = newBus(clientId);
    buses.push(created);
    return created;
  }

  function relay(store: EventStore, publisher: Pick<KafkaMessageBus, 'publishBatch'>, topic: string): Relay {
    const created = new Relay({
      service: 'intake',
      store,
      bus: publisher,
      streamPrefixes: ['petition-'],
      map: (event) => ({ topic, value: { streamId: event.streamId, version: event.streamVersion } }),
      retry: { initialDelayMs: 50, maxDelayMs: 200 },
      logger: silentLogger,
    });
    relays.push(created);
    return created;
  }

  /** Appends `count` events round-robin over `streams` streams, some appends with two events. */
  async function appendEvents(
    store: EventStore,
    versions: Map<string, number>,
    count: number,
    streams: number,
    pauseMs = 0,
  ): Promise<void> {
    for (let i = 0; i < count;) {
      const streamId = `petition-${i % streams}`;
      const size = i % 7 === 0 && i + 1 < count ? 2 : 1;
      const version = versions.get(streamId) ?? -1;
      await store.appendToStream(
        streamId,
        range(size).map(() => ({ id: randomUUID(), type: 'PetitionReceived', data: { i } })),
        { expectedVersion: version },
      );
      versions.set(streamId, version + size);
      i += size;
      if (pauseMs > 0) await delay(pauseMs);
    }
  }

  it('publishes 300 events of 12 streams in a few requests, once each and in order per key, then checkpoints', async () => {
    const topic = `intake.relay-batch-${randomUUID().slice(0, 8)}.v1`;
    const store = await openStore('batch_order');
    const kafka = bus('relay-batch-order');
    await kafka.ensureTopics([topic], { partitions: 3 });
    const versions = new Map<string, number>();
    await appendEvents(store, versions, 300, 12);

    const publisher = counting(kafka);
    const r = relay(store, publisher, topic);
    await r.start();
    const { log } = await readTopic(reader, topic, 300);
    await waitFor(async () => !(await r.lag()).behind, 'the relay to catch up');

    expect(log).toHaveLength(300);
    for (const [key, sequence] of versionsByKey(log))
      expect({ key, sequence }).toEqual({ key, sequence: range((versions.get(key) ?? -1) + 1) });
    // The store hands over batches of at most 100 events (the relay's default batchSize).
    expect(publisher.requests).toEqual([100, 100, 100]);
    expect(await store.readCheckpoint('relay:intake')).toBe(await store.headPosition());
    for (const m of log) expect(m.headers[MessageHeaders.eventType]).toBe('PetitionReceived');
  }, 120_000);

  it('keeps its checkpoint while the broker refuses the batch, and publishes the batch once it is accepted', async () => {
    const topic = `intake.relay-refused-${randomUUID().slice(0, 8)}.v1`;
    const store = await openStore('batch_refused');
    const kafka = bus('relay-batch-refused');
    // The broker refuses a partition's record batch above max.message.bytes: 1,000 bytes is less than
    // the 10 events of one stream together (but more than any one of them).
    await admin.createTopics({
      waitForLeaders: true,
      topics: [{ topic, numPartitions: 1, configEntries: [{ name: 'max.message.bytes', value: '1000' }] }],
    });
    const versions = new Map<string, number>();
    await appendEvents(store, versions, 20, 2);

    const publisher = counting(kafka);
    const r = relay(store, publisher, topic);
    await r.start();
    await waitFor(() => publisher.refused >= 3, 'three refused attempts');
    expect(publisher.requests).toEqual([]);
    expect(r.status().consecutiveFailures).toBeGreaterThanOrEqual(3);
    expect(await store.readCheckpoint('relay:intake')).toBeUndefined();
    expect((await r.lag()).behind).toBe(true);

    await admin.alterConfigs({
      validateOnly: false,
      resources: [{ type: 2, name: topic, configEntries: [{ name: 'max.message.bytes', value: '1048588' }] }],
    });
    const { log } = await readTopic(reader, topic, 20);
    await waitFor(async () => (await store.readCheckpoint('relay:intake')) !== undefined, 'the checkpoint');
    expect(publisher.requests).toEqual([20]);
    expect(log).toHaveLength(20);
    for (const [key, sequence] of versionsByKey(log))
      expect({ key, sequence }).toEqual({ key, sequence: range((versions.get(key) ?? -1) + 1) });
    expect(await store.readCheckpoint('relay:intake')).toBe(await store.headPosition());
    expect(r.status().consecutiveFailures).toBe(0);
  }, 120_000);

  it('neither loses nor repeats a message when the relay is stopped and another process takes over from the checkpoint', async () => {
    const topic = `intake.relay-restart-${randomUUID().slice(0, 8)}.v1`;
    const schema = 'batch_restart';
    const writer = await openStore(schema);
    const kafka = bus('relay-batch-restart-1');
    await kafka.ensureTopics([topic], { partitions: 3 });
    const versions = new Map<string, number>();

    const first = relay(await openStore(schema), counting(kafka), topic);
    await first.start();
    const appending = appendEvents(writer, versions, 400, 10, 2);
    await waitFor(
      async () => (await writer.readCheckpoint('relay:intake')) !== undefined,
      'a first checkpoint',
    );
    await delay(300);
    await first.stop();
    const checkpoint = await writer.readCheckpoint('relay:intake');
    expect(checkpoint).toBeDefined();

    // Another process: its own store (pool) and its own producer.
    const second = relay(await openStore(schema), counting(bus('relay-batch-restart-2')), topic);
    await second.start();
    await appending;
    const { log } = await readTopic(reader, topic, 400);
    await waitFor(async () => !(await second.lag()).behind, 'the relay to catch up');

    expect(log).toHaveLength(400);
    for (const [key, sequence] of versionsByKey(log))
      expect({ key, sequence }).toEqual({ key, sequence: range((versions.get(key) ?? -1) + 1) });
    expect(await writer.readCheckpoint('relay:intake')).toBe(await writer.headPosition());
  }, 120_000);
});
