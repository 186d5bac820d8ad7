import { execFileSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { Kafka, logLevel, type Consumer, type Producer } from 'kafkajs';
import { startLocalKafka, type LocalKafka } from '../src/kafka/local-kafka';

/**
 * Proves that kafkajs 2.2.4 works against the Kafka version of deploy/local/kafka (3.9.x, KRaft) for what
 * the services rely on: multi-partition topics, idempotent producer with acks=all, consumer groups with
 * explicit offset commits, rebalancing, and a broker restart that keeps topics and committed offsets.
 */
process.env.KAFKAJS_NO_PARTITIONER_WARNING = '1';

const TOPIC = 'local-kafka.spec.v1';
const GROUP = 'local-kafka-spec';

interface Received {
  key: string;
  value: string;
  partition: number;
  offset: string;
}

let broker: LocalKafka;
let startMs = 0;

function client(): Kafka {
  return new Kafka({ clientId: 'local-kafka-spec', brokers: [broker.brokers], logLevel: logLevel.NOTHING });
}

async function waitFor(condition: () => boolean, what: string, timeoutMs = 20_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!condition()) {
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await new Promise((done) => setTimeout(done, 50));
  }
}

function messages(from: number, to: number): Array<{ key: string; value: string }> {
  const out: Array<{ key: string; value: string }> = [];
  for (let i = from; i < to; i++) out.push({ key: `case-${i % 7}`, value: String(i) });
  return out;
}

async function produce(producer: Producer, from: number, to: number): Promise<void> {
  await producer.send({ topic: TOPIC, acks: -1, messages: messages(from, to) });
}

/** A consumer (autoCommit off) that commits each message explicitly after "processing" it. */
async function groupConsumer(
  kafka: Kafka,
  sink: Received[],
  options: { commit: (value: number) => boolean; joins?: Array<Record<string, number[]>> },
): Promise<Consumer> {
  const consumer = kafka.consumer({
    groupId: GROUP,
    sessionTimeout: 6000,
    heartbeatInterval: 300,
    maxWaitTimeInMs: 500, // short fetch long-polls: quicker rebalances and disconnects
    retry: { retries: 10 },
  });
  consumer.on(consumer.events.GROUP_JOIN, (event) => options.joins?.push(event.payload.memberAssignment));
  await consumer.connect();
  await consumer.subscribe({ topic: TOPIC, fromBeginning: true });
  await consumer.run({
    autoCommit: false,
    eachMessage: async ({ topic, partition, message }) => {
      const value = message.value?.toString() ?? '';
      sink.push({ key: message.key?.toString() ?? '', value, partition, offset: message.offset });
      if (options.commit(Number(value))) {
        await consumer.commitOffsets([
          { topic, partition, offset: (BigInt(message.offset) + 1n).toString() },
        ]);
      }
    },
  });
  return consumer;
}

function brokerProcesses(dataDir: string): string {
  try {
    return execFileSync('pgrep', ['-f', `kafka.Kafka ${dataDir}`], { encoding: 'utf8' }).trim();
  } catch {
    return ''; // pgrep exits 1 when nothing matches
  }
}

describe('local Kafka broker (KRaft, no Docker) with kafkajs', () => {
  beforeAll(async () => {
    delete process.env.KAFKA_BROKERS;
    const started = Date.now();
    broker = await startLocalKafka();
    startMs = Date.now() - started;
  }, 120_000);

  afterAll(async () => {
    const dataDir = broker?.dataDir;
    await broker?.stop();
    if (dataDir) {
      expect(brokerProcesses(dataDir)).toBe('');
      expect(existsSync(dataDir)).toBe(false);
    }
  }, 30_000);

  it('starts a broker that answers on 127.0.0.1', async () => {
    expect(broker.brokers).toBe(`127.0.0.1:${broker.port}`);
    expect(broker.controllerPort).not.toBe(broker.port);
    expect(startMs).toBeLessThan(60_000);
    const admin = client().admin();
    await admin.connect();
    const cluster = await admin.describeCluster();
    await admin.disconnect();
    expect(cluster.brokers).toEqual([
      expect.objectContaining({ nodeId: 1, host: '127.0.0.1', port: broker.port }),
    ]);
  });

  it('produces idempotently, commits explicitly, resumes, rebalances and survives a restart', async () => {
    const kafka = client();
    const admin = kafka.admin();
    await admin.connect();
    await admin.createTopics({ topics: [{ topic: TOPIC, numPartitions: 3 }], waitForLeaders: true });
    const [metadata] = (await admin.fetchTopicMetadata({ topics: [TOPIC] })).topics;
    expect(metadata.partitions).toHaveLength(3);

    const producer = kafka.producer({ idempotent: true, maxInFlightRequests: 1 });
    await producer.connect();
    await produce(producer, 0, 30);

    // 1. A group member consumes everything but commits only messages 0..19.
    const first: Received[] = [];
    const a = await groupConsumer(kafka, first, { commit: (value) => value < 20 });
    await waitFor(() => first.length >= 30, 'the first consumer to receive 30 messages');
    await a.disconnect();
    expect(first.map((m) => Number(m.value)).sort((x, y) => x - y)).toEqual([...Array(30).keys()]);
    // Same key, same partition, in produce order.
    const byKey = new Map<string, Received[]>();
    for (const m of first) byKey.set(m.key, [...(byKey.get(m.key) ?? []), m]);
    for (const list of byKey.values()) {
      expect(new Set(list.map((m) => m.partition)).size).toBe(1);
      const values = list.map((m) => Number(m.value));
      expect(values).toEqual([...values].sort((x, y) => x - y));
    }
    expect(new Set(first.map((m) => m.partition)).size).toBeGreaterThan(1);

    // 2. A new member of the same group resumes after the committed offsets: 20..29, then new ones.
    await produce(producer, 30, 40);
    const second: Received[] = [];
    const secondJoins: Array<Record<string, number[]>> = [];
    const b = await groupConsumer(kafka, second, { commit: () => true, joins: secondJoins });
    await waitFor(() => second.length >= 20, 'the second consumer to receive 20 messages');
    await new Promise((done) => setTimeout(done, 500)); // nothing else may arrive
    expect(second.map((m) => Number(m.value)).sort((x, y) => x - y)).toEqual(
      [...Array(20).keys()].map((i) => i + 20),
    );
    expect(secondJoins[0][TOPIC]?.length).toBe(3);

    // 3. A third member joins: the group rebalances and both members get partitions.
    const third: Received[] = [];
    const thirdJoins: Array<Record<string, number[]>> = [];
    const joinsBefore = secondJoins.length;
    const c = await groupConsumer(kafka, third, { commit: () => true, joins: thirdJoins });
    await waitFor(
      () => thirdJoins.length > 0 && secondJoins.length > joinsBefore,
      'both members to join the rebalanced group',
    );
    const partsB = secondJoins[secondJoins.length - 1][TOPIC] ?? [];
    const partsC = thirdJoins[thirdJoins.length - 1][TOPIC] ?? [];
    expect(partsB.length).toBeGreaterThan(0);
    expect(partsC.length).toBeGreaterThan(0);
    expect([...partsB, ...partsC].sort()).toEqual([0, 1, 2]);

    const before = second.length;
    await produce(producer, 40, 70);
    await waitFor(
      () => second.length - before + third.length >= 30,
      'the two members to receive 30 messages',
    );
    await new Promise((done) => setTimeout(done, 500)); // no duplicates trailing in
    const after = [...second.slice(before), ...third].map((m) => Number(m.value)).sort((x, y) => x - y);
    expect(after).toEqual([...Array(30).keys()].map((i) => i + 40));
    expect(third.every((m) => partsC.includes(m.partition))).toBe(true);
    await Promise.all([b.disconnect(), c.disconnect()]);

    const committed = await admin.fetchOffsets({ groupId: GROUP, topics: [TOPIC] });
    const offsets = committed[0].partitions
      .map((p) => [p.partition, p.offset] as const)
      .sort((x, y) => x[0] - y[0]);
    expect(offsets.reduce((sum, [, offset]) => sum + Number(offset), 0)).toBe(70);
    await producer.disconnect();
    await admin.disconnect();

    // 4. Stop keeping the data, restart on the same ports: topic and committed offsets are still there.
    const { dataDir, port, controllerPort } = broker;
    await broker.stop({ keepData: true });
    expect(brokerProcesses(dataDir)).toBe('');
    expect(existsSync(dataDir)).toBe(true);
    broker = await startLocalKafka({ dataDir, port, controllerPort });
    expect(broker.brokers).toBe(`127.0.0.1:${port}`);

    const kafka2 = client();
    const admin2 = kafka2.admin();
    await admin2.connect();
    expect(await admin2.listTopics()).toContain(TOPIC);
    const [metadata2] = (await admin2.fetchTopicMetadata({ topics: [TOPIC] })).topics;
    expect(metadata2.partitions).toHaveLength(3);
    // Right after a restart the group coordinator may still be loading its offsets: a retriable answer.
    const committed2 = await fetchOffsetsOnceLoaded(() =>
      admin2.fetchOffsets({ groupId: GROUP, topics: [TOPIC] }),
    );
    expect(
      committed2[0].partitions.map((p) => [p.partition, p.offset] as const).sort((x, y) => x[0] - y[0]),
    ).toEqual(offsets);
    await admin2.disconnect();

    // ...and the group resumes there: only a message produced after the restart is delivered.
    const producer2 = kafka2.producer({ idempotent: true, maxInFlightRequests: 1 });
    await producer2.connect();
    await produce(producer2, 70, 71);
    await producer2.disconnect();
    const fourth: Received[] = [];
    const d = await groupConsumer(kafka2, fourth, { commit: () => true });
    await waitFor(() => fourth.length >= 1, 'the restarted group to receive the new message');
    await new Promise((done) => setTimeout(done, 500));
    await d.disconnect();
    expect(fourth.map((m) => m.value)).toEqual(['70']);
  }, 90_000);
});

async function fetchOffsetsOnceLoaded<T>(fetch: () => Promise<T>): Promise<T> {
  for (let attempt = 1; ; attempt++) {
    try {
      return await fetch();
    } catch (error) {
      const retriable = (error as { retriable?: boolean }).retriable === true;
      if (!retriable || attempt >= 30) throw error;
      await new Promise((resolve) => setTimeout(resolve, 500));
    }
  }
}
