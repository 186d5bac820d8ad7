import { randomUUID } from 'node:crypto';
import { createPostgresEventStore, type PostgresEventStore } from '@tiep-dan/event-store';
import { Relay, silentLogger, type TopicMessages } from '@tiep-dan/messaging';
import { createTestDatabase, type TestDatabase, until } from '@tiep-dan/testing';
import { Client } from 'pg';
import { createLogger } from '../src/logging';
import { memoryDestination } from '../src/logging/logging.test-helpers';
import { LeaderElection } from '../src/runtime/leader-election';

const TOPIC = 'intake.petition-events.v1';
const INTERVAL_MS = 100;

/** One process of intake as far as its relay goes: its own store (pool), relay and election. */
interface Process {
  name: string;
  store: PostgresEventStore;
  relay: Relay;
  election: LeaderElection;
  /** What the process logged, one message (with its reason) per line. */
  log: () => string;
}

/** What reached "Kafka": the event number of each message, with the process that published it. */
interface Published {
  n: number;
  by: string;
}

describe("a service's relay with several processes (leader election on PostgreSQL)", () => {
  let db: TestDatabase;
  let published: Published[];
  const processes: Process[] = [];
  let appended = 0;

  beforeEach(async () => {
    db = await createTestDatabase('relay_leader');
    published = [];
    appended = 0;
  });

  afterEach(async () => {
    for (const process of processes.splice(0)) {
      await process.election.stop();
      await process.store.close();
    }
    await db.drop();
  });

  async function startProcess(name: string): Promise<Process> {
    const store = await createPostgresEventStore({
      connectionString: db.url,
      schema: 'intake',
      pollIntervalMs: 50,
    });
    const relay = new Relay({
      service: 'intake',
      store,
      bus: {
        publishBatch: async (batch: readonly TopicMessages[]) => {
          for (const { messages } of batch)
            for (const message of messages)
              published.push({ n: JSON.parse(String(message.value)).n as number, by: name });
        },
      },
      streamPrefixes: ['petition-'],
      map: (event) => ({ topic: TOPIC, value: event.data as object }),
      retry: { initialDelayMs: 5, maxDelayMs: 20 },
      logger: silentLogger,
    });
    const destination = memoryDestination();
    const election = new LeaderElection({
      databaseUrl: db.url,
      name: 'relay:intake',
      intervalMs: INTERVAL_MS,
      lead: () => relay.start(),
      stepDown: () => relay.stop(),
      logger: createLogger({ service: 'intake', level: 'info', destination }),
    });
    await election.start();
    const log = () =>
      destination
        .lines()
        .map((line) => `${String(line.msg)} ${String(line.reason ?? '')}`)
        .join('\n');
    const process = { name, store, relay, election, log };
    processes.push(process);
    return process;
  }

  /** Appends `count` events over a few streams, numbered in order. */
  async function append(store: PostgresEventStore, count: number): Promise<void> {
    for (let i = 0; i < count; i++) {
      const n = appended++;
      await store.appendToStream(
        `petition-${n % 3}`,
        [{ id: randomUUID(), type: 'PetitionReceived', data: { n } }],
        {
          expectedVersion: 'any',
        },
      );
    }
  }

  const numbers = (by?: string) => published.filter((p) => by === undefined || p.by === by).map((p) => p.n);
  const range = (from: number, to: number) => Array.from({ length: to - from }, (_, i) => from + i);

  it('publishes every event once: the first process leads, the second stands by and takes over when the first stops', async () => {
    const a = await startProcess('a');
    const b = await startProcess('b');
    expect(a.election.isLeader).toBe(true);
    expect(b.election.isLeader).toBe(false);
    expect(b.relay.status().running).toBe(false);
    expect(b.log()).toContain('another process leads: this one stands by');

    await append(a.store, 30);
    await until(() => published.length >= 30, 10_000);
    // Several standby attempts go by: b never publishes while a leads.
    await new Promise((resolve) => setTimeout(resolve, 4 * INTERVAL_MS));
    expect(numbers('a').sort((x, y) => x - y)).toEqual(range(0, 30));
    expect(numbers('b')).toEqual([]);

    await a.election.stop();
    expect(a.relay.status().running).toBe(false);
    await until(() => b.election.isLeader, 5_000);
    await append(b.store, 30);
    await until(() => published.length >= 60, 10_000);
    await new Promise((resolve) => setTimeout(resolve, 2 * INTERVAL_MS));
    // A clean hand-over: every event exactly once, the later ones by b.
    expect(numbers().sort((x, y) => x - y)).toEqual(range(0, 60));
    expect(numbers('b').sort((x, y) => x - y)).toEqual(range(30, 60));
    expect(b.log()).toContain('this process now leads');
  });

  it("stops the leader's relay when its lock's connection is lost, and a standby carries on from the checkpoint", async () => {
    const a = await startProcess('a');
    const b = await startProcess('b');
    await append(a.store, 10);
    await until(() => published.length >= 10, 10_000);

    // The database ends a's lock session (a restart, a failover, an administrator): the lock is free.
    const admin = new Client({ connectionString: db.url });
    await admin.connect();
    try {
      const { rowCount } = await admin.query(
        "SELECT pg_terminate_backend(pid) FROM pg_stat_activity WHERE application_name = 'tiepdan-leader:relay:intake' AND datname = current_database() AND pid IN (SELECT pid FROM pg_locks WHERE locktype = 'advisory' AND granted)",
      );
      expect(rowCount).toBe(1);
    } finally {
      await admin.end();
    }
    await until(() => !a.relay.status().running, 5_000);
    expect(a.log()).toMatch(/steps down.*connection/);
    await until(() => a.election.isLeader || b.election.isLeader, 5_000);

    await append(b.store, 10);
    await until(() => new Set(numbers()).size >= 20, 10_000);
    // At least once and in order: every event arrived; whoever leads now published the new ones.
    expect([...new Set(numbers())].sort((x, y) => x - y)).toEqual(range(0, 20));
    const leader = a.election.isLeader ? 'a' : 'b';
    expect(numbers(leader)).toEqual(expect.arrayContaining(range(10, 20)));
    expect(processes.filter((p) => p.relay.status().running)).toHaveLength(1);
  });

  it('frees the lock when the leader cannot start its work, so that another process takes it', async () => {
    const destination = memoryDestination();
    const logger = createLogger({ service: 'routing', level: 'info', destination });
    const contender = (lead: () => Promise<void>) =>
      new LeaderElection({
        databaseUrl: db.url,
        name: 'relay:routing',
        intervalMs: INTERVAL_MS,
        lead,
        stepDown: async () => undefined,
        logger,
      });
    let attempts = 0;
    const failing = contender(async () => {
      attempts += 1;
      throw new Error('cannot start');
    });
    let led = 0;
    const other = contender(async () => {
      led += 1;
    });
    try {
      await failing.start();
      expect(attempts).toBe(1);
      expect(failing.isLeader).toBe(false);
      await other.start();
      expect(other.isLeader).toBe(true);
      // The failing process keeps trying, but the lock is held now.
      await new Promise((resolve) => setTimeout(resolve, 3 * INTERVAL_MS));
      expect(attempts).toBe(1);
      expect(led).toBe(1);
    } finally {
      await failing.stop();
      await other.stop();
    }
    expect(destination.lines().map((line) => String(line.reason))).toContain('cannot start');
  });
});
