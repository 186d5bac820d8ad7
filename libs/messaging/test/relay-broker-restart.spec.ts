/**
 * The relay keeps publishing across a broker outage: the broker is stopped (data kept) while events
 * keep being appended, and restarted on the same port. Nothing may be lost and nothing published out
 * of order per key; duplicates (at-least-once) are counted and reported.
 *
 * Uses its own broker, so stopping it does not disturb the other suites.
 */
import { randomUUID } from 'node:crypto';
import { createPostgresEventStore, type EventStore } from '@tiep-dan/event-store';
import { KafkaMessageBus, MessageHeaders, Relay, type InboundMessage, type MessagingLogger } from '../src';
import { createTestDatabase, startLocalKafka, type LocalKafka, type TestDatabase } from '@tiep-dan/testing';
import { TEST_CONSUMER_TUNING } from './support/kafka';
import { delay, waitFor } from './support/wait-for';

const TOPIC = 'intake.petition-events.v1';
const STREAMS = 5;
const EVENTS_BEFORE = 40;
const EVENTS_DURING = 40;
const EVENTS_AFTER = 40;
const TOTAL = EVENTS_BEFORE + EVENTS_DURING + EVENTS_AFTER;

/** Counts the relay's publish failures instead of printing kafkajs' connection errors. */
function countingLogger(): MessagingLogger & {
  relayRetries: number;
  relayErrors: string[];
  resubscriptions: string[];
} {
  const logger = {
    relayRetries: 0,
    resubscriptions: [] as string[],
    relayErrors: [] as string[],
    debug: () => undefined,
    info: () => undefined,
    warn: (obj: Record<string, unknown>, msg: string) => {
      if (!msg.startsWith('relay publish failed')) return;
      logger.relayRetries += 1;
      logger.relayErrors.push(String(obj.error));
    },
    error: (obj: Record<string, unknown>, msg: string) => {
      if (msg.startsWith('relay subscription failed')) logger.resubscriptions.push(String(obj.error));
    },
  };
  return logger;
}

describe('Relay across a Kafka broker restart', () => {
  let kafka: LocalKafka;
  let database: TestDatabase;
  let store: EventStore;
  let bus: KafkaMessageBus;
  let relay: Relay;
  const logger = countingLogger();

  beforeAll(async () => {
    [kafka, database] = await Promise.all([startLocalKafka(), createTestDatabase('relay')]);
    store = await createPostgresEventStore({ connectionString: database.url, schema: 'intake' });
    bus = new KafkaMessageBus({
      brokers: [kafka.brokers],
      clientId: 'relay-restart',
      consumer: TEST_CONSUMER_TUNING,
      // Short kafkajs retries so that the outage also exercises the relay's own retry loop.
      clientRetry: { initialRetryTime: 100, maxRetryTime: 1000, retries: 3 },
      connectionTimeout: 1000,
      requestTimeout: 5000,
      logger,
    });
    await bus.ensureTopics([TOPIC], { partitions: 3 });
  }, 120_000);

  afterAll(async () => {
    await relay?.stop();
    await bus?.close();
    await store?.close();
    await database?.drop();
    await kafka?.stop();
  }, 60_000);

  it('publishes every event, in order per key, through a broker stop and restart', async () => {
    relay = new Relay({
      service: 'intake',
      store,
      bus,
      streamPrefixes: ['petition-'],
      map: (event) => ({ topic: TOPIC, value: { streamId: event.streamId, version: event.streamVersion } }),
      retry: { initialDelayMs: 100, maxDelayMs: 1000 },
      logger,
    });
    await relay.start();

    const versions = new Map<string, number>();
    const appended: string[] = [];
    const appendSome = async (count: number): Promise<void> => {
      for (let i = 0; i < count; i++) {
        const streamId = `petition-${i % STREAMS}`;
        const version = versions.get(streamId) ?? -1;
        const id = randomUUID();
        await store.appendToStream(streamId, [{ id, type: 'PetitionReceived', data: { i } }], {
          expectedVersion: version,
        });
        versions.set(streamId, version + 1);
        appended.push(id);
        await delay(10);
      }
    };

    await appendSome(EVENTS_BEFORE);
    const stoppedAt = Date.now();
    await kafka.stop({ keepData: true });
    await appendSome(EVENTS_DURING);
    await delay(2000);
    kafka = await startLocalKafka({
      dataDir: kafka.dataDir,
      port: kafka.port,
      controllerPort: kafka.controllerPort,
    });
    const outageMs = Date.now() - stoppedAt;
    await appendSome(EVENTS_AFTER);

    const published = new Set<string>();
    const received: InboundMessage[] = [];
    const reader = await bus.subscribe({
      group: `check-${randomUUID()}`,
      topics: [TOPIC],
      fromBeginning: true,
      handler: async (m) => {
        received.push(m);
        published.add(m.headers[MessageHeaders.eventId] ?? '');
      },
    });
    await waitFor(() => published.size >= TOTAL, `all ${TOTAL} events on the topic`, 60_000).catch(
      async (error: Error) => {
        const state = {
          seen: published.size,
          relay: relay.status(),
          lag: await relay.lag(),
          resubscriptions: logger.resubscriptions.length,
          firstResubscription: logger.resubscriptions[0],
        };
        throw new Error(`${error.message}: ${JSON.stringify(state)}`);
      },
    );
    await waitFor(async () => !(await relay.lag()).behind, 'the relay to catch up');
    await delay(500);
    await reader.stop();

    // The topic's content in log order. The reader itself may see a record twice (a commit refused
    // while the restarted broker still loads its group offsets is redelivered): that is the
    // consumer's at-least-once, not the relay's, so records are taken once per (partition, offset).
    const records = new Map<string, InboundMessage>();
    for (const m of received) records.set(`${m.partition}:${m.offset.padStart(20, '0')}`, m);
    const log = [...records.entries()].sort(([a], [b]) => (a < b ? -1 : 1)).map(([, m]) => m);

    expect(appended).toHaveLength(TOTAL);
    for (const id of appended) expect(published.has(id)).toBe(true);
    for (let s = 0; s < STREAMS; s++) {
      const key = `petition-${s}`;
      const sequence = log.filter((m) => m.key === key).map((m) => (m.value as { version: number }).version);
      // At-least-once may repeat an event, but an older one never follows a newer one.
      const outOfOrder = sequence.filter((version, i) => i > 0 && version < (sequence[i - 1] as number));
      expect({ key, outOfOrder, sequence }).toEqual({ key, outOfOrder: [], sequence });
      expect(new Set(sequence).size).toBe((versions.get(key) ?? -1) + 1);
    }
    const duplicates = log.length - published.size;
    console.info(
      `relay across broker restart: ${TOTAL} events, outage ${outageMs} ms, ${logger.relayRetries} relay publish retries, ` +
        `${duplicates} duplicates on the topic, ${received.length - log.length} redeliveries to the reader, ` +
        `${logger.resubscriptions.length} resubscriptions${logger.resubscriptions.map((e) => `\n  ${e}`).join('')}`,
    );
    expect((await relay.lag()).seconds).toBe(0);
    // A publish that kafkajs gave up on fails loudly, naming the topic, and the relay retried it.
    for (const error of logger.relayErrors)
      expect(error).toMatch(/^Publishing to intake\.petition-events\.v1 failed: /);
  }, 150_000);
});
