import { Client, Pool } from 'pg';
import { createTestDatabase, type TestDatabase } from '@tiep-dan/testing';
import {
  DuplicateEventIdError,
  WrongExpectedVersionError,
  createPostgresEventStore,
  migrateEventStore,
  type AppendResult,
  type PostgresEventStore,
} from '../src';
import { eventStoreContract } from './event-store.contract';

eventStoreContract('PostgreSQL', async () => {
  const db = await createTestDatabase('event_store_contract');
  return {
    connect: ({ upcasters } = {}) =>
      createPostgresEventStore({
        connectionString: db.url,
        schema: 'contract',
        upcasters,
        poolConfig: { max: 4 },
      }),
    teardown: () => db.drop(),
  };
});

describe('PostgreSQL event store', () => {
  let db: TestDatabase;
  const stores: PostgresEventStore[] = [];
  const open = async (schema: string, pollIntervalMs?: number) => {
    const store = await createPostgresEventStore({ connectionString: db.url, schema, pollIntervalMs });
    stores.push(store);
    return store;
  };

  beforeAll(async () => {
    db = await createTestDatabase('event_store_pg');
  });

  afterAll(async () => {
    await Promise.all(stores.map((s) => s.close()));
    await db.drop();
  });

  it('applies its migrations exactly once when several processes start at the same time', async () => {
    const pools = Array.from({ length: 5 }, () => new Pool({ connectionString: db.url, max: 1 }));
    try {
      const applied = await Promise.all(pools.map((pool) => migrateEventStore(pool, 'intake')));
      expect(applied.flat()).toEqual([1, 2]);
      const rows = await pools[0].query('SELECT version FROM intake.event_store_migrations');
      expect(rows.rows).toEqual([{ version: 1 }, { version: 2 }]);
    } finally {
      await Promise.all(pools.map((p) => p.end()));
    }
  });

  it('keeps each service in its own schema', async () => {
    const intake = await open('svc_intake');
    const routing = await open('svc_routing');
    await intake.appendToStream(
      'petition-1',
      [{ id: crypto.randomUUID(), type: 'PetitionReceived', data: {} }],
      {
        expectedVersion: 'no_stream',
      },
    );
    await routing.appendToStream('petition-1', [{ id: crypto.randomUUID(), type: 'Other', data: {} }], {
      expectedVersion: 'no_stream',
    });
    expect((await intake.readStream('petition-1')).map((e) => e.type)).toEqual(['PetitionReceived']);
    expect((await routing.readStream('petition-1')).map((e) => e.type)).toEqual(['Other']);
  });

  it('rejects schema names that are not plain identifiers', async () => {
    await expect(
      createPostgresEventStore({ connectionString: db.url, schema: 'x"; DROP TABLE y; --' }),
    ).rejects.toThrow(/Invalid event store schema name/);
  });

  it('holds back events of a transaction that is still open behind an earlier one, then delivers them in order', async () => {
    const store = await open('visibility', 100);
    const seen: string[] = [];
    const subscription = await store.subscribe({ handler: async (e) => void seen.push(e.type) });
    // An open transaction with an xid (as a slow writer would have) keeps later commits invisible.
    const blocker = new Client({ connectionString: db.url });
    await blocker.connect();
    try {
      await blocker.query('BEGIN');
      await blocker.query('SELECT pg_current_xact_id()');
      await store.appendToStream('s-1', [{ id: crypto.randomUUID(), type: 'AfterBlocker', data: {} }], {
        expectedVersion: 'any',
      });
      await sleep(500);
      expect(seen).toEqual([]);
      expect(await store.headPosition()).toBeUndefined();
      await blocker.query('COMMIT');
      await eventually(() => seen.length === 1);
      expect(seen).toEqual(['AfterBlocker']);
    } finally {
      await blocker.end();
      await subscription.stop();
    }
  });

  it('keeps delivering by polling while the LISTEN connection is down, and reconnects it', async () => {
    const store = await open('listener', 300);
    const seen: string[] = [];
    const subscription = await store.subscribe({ handler: async (e) => void seen.push(e.id) });
    const admin = new Client({ connectionString: db.url });
    await admin.connect();
    try {
      const listenerPid = async () =>
        (
          await admin.query<{ pid: number }>(
            "SELECT pid FROM pg_stat_activity WHERE application_name = 'event-store-listener:listener' AND datname = current_database()",
          )
        ).rows.map((r) => r.pid);
      await eventually(async () => (await listenerPid()).length === 1);
      const [before] = await listenerPid();
      await admin.query('SELECT pg_terminate_backend($1)', [before]);

      const id = crypto.randomUUID();
      await store.appendToStream('s-1', [{ id, type: 'WhileDown', data: {} }], { expectedVersion: 'any' });
      await eventually(() => seen.includes(id));
      await eventually(async () => {
        const pids = await listenerPid();
        return pids.length === 1 && pids[0] !== before;
      });
    } finally {
      await admin.end();
      await subscription.stop();
    }
  });

  it('orders transaction ids as numbers, not as text, when they gain a digit (999 before 1000)', async () => {
    const store = await open('digits');
    // Rows as transactions 999 and 1000 would have written them (long finished, so deliverable).
    await store.pool.query(
      `INSERT INTO digits.events (transaction_id, stream_id, stream_version, event_id, type, schema_version, data, metadata)
       VALUES ('1000'::xid8, 's-b', 0, $1, 'Later', 1, '{}', '{}'), ('999'::xid8, 's-a', 0, $2, 'Earlier', 1, '{}', '{}')`,
      [crypto.randomUUID(), crypto.randomUUID()],
    );
    const seen: string[] = [];
    const subscription = await store.subscribe({ handler: async (e) => void seen.push(e.globalPosition) });
    try {
      await eventually(() => seen.length === 2);
      expect(seen.map((p) => p.split(':')[0])).toEqual(['999', '1000']);
      expect((await store.headPosition())?.split(':')[0]).toBe('1000');
    } finally {
      await subscription.stop();
    }
  });

  it('delivers soon after an older transaction that held the events back ends, not at the next poll', async () => {
    const store = await open('held_back', 10_000);
    const seen: string[] = [];
    let caughtUp = false;
    const subscription = await store.subscribe({
      handler: async (e) => void seen.push(e.id),
      onCaughtUp: () => (caughtUp = true),
    });
    // A transaction of anyone in the cluster that started before the append and is still running.
    const blocker = new Client({ connectionString: db.url });
    await blocker.connect();
    try {
      await eventually(() => caughtUp);
      await blocker.query('BEGIN');
      await blocker.query('SELECT pg_current_xact_id()');
      const writer = await open('held_back');
      const id = crypto.randomUUID();
      await writer.appendToStream('s-1', [{ id, type: 'Late', data: {} }], { expectedVersion: 'any' });
      // The NOTIFY has arrived by now, but the event must not be delivered while the blocker runs.
      await sleep(400);
      expect(seen).not.toContain(id);
      const released = Date.now();
      await blocker.query('COMMIT');
      await eventually(() => seen.includes(id), 5_000);
      expect(Date.now() - released).toBeLessThan(2_000);
    } finally {
      await blocker.end();
      await subscription.stop();
    }
  });

  it("reads a filtered subscriber's next batch after other streams' events it passed over, still delivering and checkpointing only its own", async () => {
    const store = await open('passed_over', 100);
    const seen: string[] = [];
    const subscriberId = 'reception-list';
    const subscription = await store.subscribe({
      subscriberId,
      filter: { streamPrefixes: ['reception-'] },
      handler: async (e) => void seen.push(e.id),
    });
    const append = (streamId: string, type: string) =>
      store.appendToStream(streamId, [{ id: crypto.randomUUID(), type, data: {} }], {
        expectedVersion: 'any',
      });
    try {
      const first = await append('reception-1', 'SessionOpened');
      await eventually(() => seen.length === 1);
      let last = first;
      for (let i = 0; i < 30; i++) last = await append(`petition-${i}`, 'PetitionReceived');

      // Every statement of the subscriber now starts after the last petition event.
      const reads: unknown[][] = [];
      const query = store.pool.query.bind(store.pool);
      store.pool.query = ((...args: Parameters<typeof query>) => {
        const values = args[1];
        if (typeof args[0] === 'string' && args[0].includes('LIKE ANY') && Array.isArray(values))
          reads.push(values);
        return query(...args);
      }) as typeof store.pool.query;
      await eventually(() => reads.length >= 2);
      const [transactionId, position] = last.lastGlobalPosition.split(':');
      expect(reads.at(-1)?.slice(0, 2)).toEqual([transactionId, position]);

      const second = await append('reception-1', 'SessionClosed');
      await eventually(() => seen.length === 2);
      await sleep(300);
      expect(seen).toHaveLength(2);
      await subscription.stop();
      expect(subscription.position).toBe(second.lastGlobalPosition);
      expect(await store.readCheckpoint(subscriberId)).toBe(second.lastGlobalPosition);
    } finally {
      await subscription.stop();
    }
  });

  it("reads with index range scans only, also on a large table whose statistics were never gathered (a subscriber's every wake-up)", async () => {
    const store = await open('read_plan', 60_000);
    await store.pool.query('ALTER TABLE read_plan.events SET (autovacuum_enabled = false)');
    for (let batch = 0; batch < 10; batch++)
      await store.appendToStream(
        `petition-${batch}`,
        Array.from({ length: 500 }, () => ({ id: crypto.randomUUID(), type: 'PetitionReceived', data: {} })),
        { expectedVersion: 'any' },
      );
    const reads = new Map<string, unknown[]>();
    const query = store.pool.query.bind(store.pool);
    store.pool.query = ((...args: Parameters<typeof query>) => {
      const [text, values] = args;
      // Every statement of the subscriptions that reads the events (appends go through a function).
      if (typeof text === 'string' && text.includes('"read_plan".events') && Array.isArray(values))
        reads.set(text, values);
      return query(...args);
    }) as typeof store.pool.query;
    const subscriptions = await Promise.all([
      store.subscribe({ subscriberId: 'all', handler: async () => undefined }),
      store.subscribe({
        subscriberId: 'some',
        filter: { streamPrefixes: ['reception-'] },
        handler: async () => undefined,
      }),
    ]);
    try {
      await store.appendToStream('reception-1', [{ id: crypto.randomUUID(), type: 'Opened', data: {} }], {
        expectedVersion: 'any',
      });
      await eventually(() => subscriptions.every((s) => s.position !== undefined));
      expect(reads.size).toBeGreaterThanOrEqual(2);
      const { rows } = await store.pool.query<{ reltuples: number }>(
        `SELECT reltuples FROM pg_class WHERE oid = 'read_plan.events'::regclass`,
      );
      expect(rows[0].reltuples).toBeLessThan(0); // never analysed
      for (const [text, values] of reads) {
        const plan = await query<{ 'QUERY PLAN': unknown }>(`EXPLAIN (FORMAT JSON) ${text}`, values);
        expect(JSON.stringify(plan.rows[0]['QUERY PLAN'])).not.toContain('Seq Scan');
      }
    } finally {
      await Promise.all(subscriptions.map((s) => s.stop()));
    }
  });

  it('lets a subscription kept busy by appends read at most once per minReadIntervalMs, delivering every event, and a quiet one at once', async () => {
    const store = await createPostgresEventStore({
      connectionString: db.url,
      schema: 'read_interval',
      pollIntervalMs: 60_000,
      minReadIntervalMs: 200,
    });
    stores.push(store);
    let reads = 0;
    const query = store.pool.query.bind(store.pool);
    store.pool.query = ((...args: Parameters<typeof query>) => {
      if (typeof args[0] === 'string' && args[0].includes('pg_snapshot_xmin')) reads += 1;
      return query(...args);
    }) as typeof store.pool.query;
    const seen: string[] = [];
    const subscription = await store.subscribe({ handler: async (e) => void seen.push(e.id) });
    const append = () =>
      store.appendToStream('s-1', [{ id: crypto.randomUUID(), type: 'E', data: {} }], {
        expectedVersion: 'any',
      });
    try {
      await eventually(() => reads >= 1);
      await sleep(300);
      // After a quiet spell: read and delivered at once, not after the interval.
      const quiet = Date.now();
      const first = await append();
      await eventually(() => seen.length === 1);
      expect(Date.now() - quiet).toBeLessThan(150);
      expect(first.nextExpectedVersion).toBe(0);
      // 40 appends over ~800 ms, one every 20 ms: about 800 / 200 reads, not 40.
      const before = reads;
      const started = Date.now();
      for (let i = 0; i < 40; i++) {
        await append();
        await sleep(20);
      }
      await eventually(() => seen.length === 41);
      const elapsed = Date.now() - started;
      expect(reads - before).toBeLessThanOrEqual(Math.ceil(elapsed / 200) + 2);
      expect(new Set(seen).size).toBe(41);
    } finally {
      await subscription.stop();
    }
  });

  it('wakes subscribers through NOTIFY well before the next poll', async () => {
    const store = await open('notify', 10_000);
    const seen: string[] = [];
    let caughtUp = false;
    const subscription = await store.subscribe({
      handler: async (e) => void seen.push(e.id),
      onCaughtUp: () => (caughtUp = true),
    });
    try {
      await eventually(() => caughtUp);
      await sleep(200);
      // Another process: only NOTIFY can wake the subscriber before its 10 s poll.
      const writer = await open('notify');
      const id = crypto.randomUUID();
      const started = Date.now();
      await writer.appendToStream('s-1', [{ id, type: 'Live', data: {} }], { expectedVersion: 'any' });
      await eventually(() => seen.includes(id), 5_000);
      expect(Date.now() - started).toBeLessThan(2_000);
    } finally {
      await subscription.stop();
    }
  });

  describe('group commit', () => {
    // One batch at a time: appends made in the same turn of the event loop go in one statement.
    const openBatched = async (schema: string) => {
      const store = await createPostgresEventStore({
        connectionString: db.url,
        schema,
        groupCommit: { maxInFlight: 1 },
      });
      stores.push(store);
      return store;
    };
    const tick = (by: string) => ({ id: crypto.randomUUID(), type: 'Ticked', data: { by } });
    const transactionOf = (result: AppendResult) => result.lastGlobalPosition.split(':')[0];

    it("gives each append of one batch its own outcome: conflicts on the same stream, a retry, the other streams' appends", async () => {
      const store = await openBatched('group_commit_outcomes');
      await store.appendToStream('old', [tick('setup')], { expectedVersion: 'no_stream' });
      const retried = [tick('r1'), tick('r2')];
      const settled = await Promise.allSettled([
        ...Array.from({ length: 10 }, (_, i) =>
          store.appendToStream(`new-${i}`, [tick(`n${i}`)], { expectedVersion: 'no_stream' }),
        ),
        store.appendToStream('twice', [tick('first')], { expectedVersion: 'no_stream' }),
        store.appendToStream('twice', [tick('second')], { expectedVersion: 'no_stream' }),
        store.appendToStream('retried', retried, { expectedVersion: 'no_stream' }),
        store.appendToStream('retried', retried, { expectedVersion: 'no_stream' }),
        store.appendToStream('old', [tick('stale')], { expectedVersion: 5 }),
        store.appendToStream('old', [tick('next')], { expectedVersion: 0 }),
      ]);
      const value = (i: number) => (settled[i] as PromiseFulfilledResult<AppendResult>).value;
      const reason = (i: number) => (settled[i] as PromiseRejectedResult).reason as unknown;
      expect(settled.map((s) => s.status)).toEqual([
        ...Array<string>(10).fill('fulfilled'),
        'fulfilled',
        'rejected',
        'fulfilled',
        'fulfilled',
        'rejected',
        'fulfilled',
      ]);
      // One statement, one transaction for the whole batch.
      expect(new Set([0, 5, 9, 10, 12, 15].map((i) => transactionOf(value(i)))).size).toBe(1);
      expect(reason(11)).toBeInstanceOf(WrongExpectedVersionError);
      expect(reason(11)).toMatchObject({ streamId: 'twice', expected: 'no_stream', actual: 0 });
      expect(value(13)).toEqual(value(12));
      expect(reason(14)).toMatchObject({ streamId: 'old', expected: 5, actual: 0 });
      expect(value(15).nextExpectedVersion).toBe(1);
      expect((await store.readStream('twice')).map((e) => e.data)).toEqual([{ by: 'first' }]);
      expect((await store.readStream('retried')).map((e) => e.id)).toEqual(retried.map((e) => e.id));
      expect((await store.readStream('old')).map((e) => e.data)).toEqual([{ by: 'setup' }, { by: 'next' }]);
      expect(await store.readStream('new-7')).toHaveLength(1);
    });

    it('lets exactly one of many batched writers that read the same version win, across two stores', async () => {
      const a = await openBatched('group_commit_race');
      const b = await openBatched('group_commit_race');
      await a.appendToStream('contended', [tick('setup')], { expectedVersion: 'no_stream' });
      const settled = await Promise.allSettled(
        Array.from({ length: 12 }, (_, i) =>
          (i % 2 ? a : b).appendToStream('contended', [tick(`w${i}`)], { expectedVersion: 0 }),
        ),
      );
      expect(settled.filter((s) => s.status === 'fulfilled')).toHaveLength(1);
      for (const s of settled.filter((r): r is PromiseRejectedResult => r.status === 'rejected'))
        expect(s.reason).toMatchObject({ code: 'EVENT_STORE.WRONG_EXPECTED_VERSION', actual: 1 });
      expect(await a.readStream('contended')).toHaveLength(2);
    });

    it('fails only the appends whose own statement fails when a batch is rolled back, and writes the others once', async () => {
      const store = await openBatched('group_commit_failure');
      const reused = tick('reused');
      await store.appendToStream('owner', [reused], { expectedVersion: 'any' });
      const settled = await Promise.allSettled([
        store.appendToStream('ok-1', [tick('1')], { expectedVersion: 'no_stream' }),
        // An event id of another stream: the batch's statement fails on the unique constraint.
        store.appendToStream('thief', [reused], { expectedVersion: 'any' }),
        // Not a uuid: fails in the statement too.
        store.appendToStream('broken', [{ id: 'not-a-uuid', type: 'Ticked', data: {} }], {
          expectedVersion: 'any',
        }),
        store.appendToStream('ok-2', [tick('2')], { expectedVersion: 'no_stream' }),
      ]);
      expect(settled.map((s) => s.status)).toEqual(['fulfilled', 'rejected', 'rejected', 'fulfilled']);
      expect((settled[1] as PromiseRejectedResult).reason).toBeInstanceOf(DuplicateEventIdError);
      expect(await store.readStream('thief')).toEqual([]);
      expect(await store.readStream('broken')).toEqual([]);
      expect(await store.readStream('ok-1')).toHaveLength(1);
      expect(await store.readStream('ok-2')).toHaveLength(1);
    });

    it('delivers the events of a batch in the order of its appends and of their stream versions', async () => {
      const store = await openBatched('group_commit_delivery');
      const seen: string[] = [];
      const subscription = await store.subscribe({
        handler: async (e) => void seen.push(`${e.streamId}@${e.streamVersion}`),
      });
      const results = await Promise.all([
        store.appendToStream('x', [tick('x0'), tick('x1')], { expectedVersion: 'no_stream' }),
        store.appendToStream('y', [tick('y0')], { expectedVersion: 'no_stream' }),
        store.appendToStream('x', [tick('x2')], { expectedVersion: 1 }),
      ]);
      expect(new Set(results.map(transactionOf)).size).toBe(1);
      await eventually(() => seen.length === 4);
      await subscription.stop();
      expect(seen).toEqual(['x@0', 'x@1', 'y@0', 'x@2']);
    });
  });
});

async function eventually(condition: () => boolean | Promise<boolean>, timeoutMs = 10_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!(await condition())) {
    if (Date.now() > deadline) throw new Error(`Condition not met within ${timeoutMs} ms`);
    await sleep(20);
  }
}

function sleep(ms: number): Promise<void> {
  return new Promise((resolve) => setTimeout(resolve, ms));
}
