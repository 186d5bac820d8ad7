/**
 * Event store append throughput against plain single-row INSERTs (run by hand, not by the tests).
 *
 *   npx swc bench/event-store libs/event-store/src libs/platform/src/embedded -d dist/bench-build --config-file .swcrc -q \
 *     && node dist/bench-build/bench/event-store/event-store.bench.js
 *
 * Uses DATABASE_URL when set, otherwise starts an embedded PostgreSQL in a temporary directory.
 * BENCH_SECONDS (default 5) sets the measuring time of each scenario.
 *
 * Event store: each transaction appends 1 or 10 events to a fresh stream with expectedVersion
 * 'no_stream' (the check runs), one pg pool of one connection per writer.
 * Plain: the same columns (jsonb data and metadata) in a table with only a primary key, one row per
 * INSERT in autocommit, the same number of writers. Target: the event store reaches at least 50% of
 * the plain rate.
 */
import { randomBytes, randomUUID } from 'node:crypto';
import { chmodSync, mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Client, Pool } from 'pg';
import { createPostgresEventStore, type NewEvent, type PostgresEventStore } from '../../libs/event-store/src';
import { startEmbeddedPostgres } from '../../libs/platform/src/embedded/embedded-postgres';

const SECONDS = Number(process.env.BENCH_SECONDS ?? 5);
const SCHEMA = 'bench';

interface Figure {
  transactions: number;
  events: number;
  seconds: number;
}

const perSecond = (f: Figure) => ({ tps: f.transactions / f.seconds, eps: f.events / f.seconds });

function sampleEvent(): NewEvent {
  return {
    id: randomUUID(),
    type: 'PetitionReceived',
    schemaVersion: 1,
    data: {
      petitionId: randomUUID(),
      kind: 'complaint',
      channel: 'web',
      petitioner: { name: 'Nguyễn Văn A', phone: '0912345678', address: 'Phường 1, Quận 3' },
      summary: 'Khiếu nại về quyết định thu hồi đất',
    },
    metadata: { correlationId: randomUUID(), actor: 'user:42', occurredAt: new Date().toISOString() },
  };
}

/** Runs `writers` loops of `step` until the deadline; each step returns the events it wrote. */
async function measure(
  writers: number,
  step: (writer: number, i: number) => Promise<number>,
): Promise<Figure> {
  // Short warm-up so that connection set-up and statement preparation are not measured.
  await Promise.all(Array.from({ length: writers }, (_, w) => step(w, -1)));
  const started = performance.now();
  const deadline = started + SECONDS * 1000;
  let transactions = 0;
  let events = 0;
  await Promise.all(
    Array.from({ length: writers }, async (_, w) => {
      for (let i = 0; performance.now() < deadline; i++) {
        // Await first: `events += await ...` would read `events` before the await and lose updates.
        const written = await step(w, i);
        events += written;
        transactions += 1;
      }
    }),
  );
  return { transactions, events, seconds: (performance.now() - started) / 1000 };
}

async function benchEventStore(url: string, writers: number, eventsPerTx: number): Promise<Figure> {
  const stores: PostgresEventStore[] = await Promise.all(
    Array.from({ length: writers }, () =>
      createPostgresEventStore({ connectionString: url, schema: SCHEMA, poolConfig: { max: 1 } }),
    ),
  );
  const run = randomBytes(4).toString('hex');
  try {
    return await measure(writers, async (w, i) => {
      const events = Array.from({ length: eventsPerTx }, sampleEvent);
      await stores[w].appendToStream(`petition-${run}-${w}-${i}`, events, { expectedVersion: 'no_stream' });
      return eventsPerTx;
    });
  } finally {
    await Promise.all(stores.map((s) => s.close()));
  }
}

async function benchPlain(url: string, writers: number): Promise<Figure> {
  const pools = Array.from({ length: writers }, () => new Pool({ connectionString: url, max: 1 }));
  pools.forEach((p) => p.on('error', (error) => console.error('idle connection lost:', error.message)));
  const run = randomBytes(4).toString('hex');
  try {
    return await measure(writers, async (w, i) => {
      const e = sampleEvent();
      await pools[w].query({
        name: 'plain-insert',
        text: `INSERT INTO ${SCHEMA}.plain_events (stream_id, stream_version, event_id, type, schema_version, data, metadata)
               VALUES ($1, 0, $2, $3, $4, $5, $6)`,
        values: [
          `petition-${run}-${w}-${i}`,
          e.id,
          e.type,
          e.schemaVersion,
          JSON.stringify(e.data),
          JSON.stringify(e.metadata),
        ],
      });
      return 1;
    });
  } finally {
    await Promise.all(pools.map((p) => p.end()));
  }
}

async function withDatabase<T>(fn: (url: string) => Promise<T>): Promise<T> {
  let adminUrl = process.env.DATABASE_URL;
  let stopServer: (() => Promise<void>) | undefined;
  if (!adminUrl) {
    const dir = mkdtempSync(join(tmpdir(), 'tiepdan-bench-pg-'));
    // When run as root, PostgreSQL runs as `postgres` and must be able to enter the directory.
    chmodSync(dir, 0o777);
    const pg = await startEmbeddedPostgres({ dataDir: join(dir, 'data'), persistent: false });
    adminUrl = pg.url;
    stopServer = () => pg.stop();
  }
  const name = `bench_es_${randomBytes(4).toString('hex')}`;
  const admin = new Client({ connectionString: adminUrl });
  await admin.connect();
  await admin.query(`CREATE DATABASE ${name}`);
  const url = new URL(adminUrl);
  url.pathname = `/${name}`;
  try {
    return await fn(url.toString());
  } finally {
    await admin.query(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`);
    await admin.end();
    await stopServer?.();
  }
}

async function main(): Promise<void> {
  await withDatabase(async (url) => {
    const setup = await createPostgresEventStore({ connectionString: url, schema: SCHEMA });
    await setup.pool.query(`CREATE TABLE ${SCHEMA}.plain_events (
      global_position bigserial PRIMARY KEY,
      transaction_id xid8 NOT NULL DEFAULT pg_current_xact_id(),
      stream_id text NOT NULL,
      stream_version integer NOT NULL,
      event_id uuid NOT NULL,
      type text NOT NULL,
      schema_version integer NOT NULL,
      data jsonb NOT NULL,
      metadata jsonb NOT NULL,
      recorded_at timestamptz NOT NULL DEFAULT now()
    )`);
    const settings = await setup.pool.query<{ name: string; setting: string }>(
      `SELECT name, setting FROM pg_settings WHERE name IN ('fsync', 'synchronous_commit', 'server_version') ORDER BY name`,
    );
    await setup.close();
    console.log(
      `PostgreSQL ${settings.rows.map((r) => `${r.name}=${r.setting}`).join(' ')}; ${SECONDS} s per scenario`,
    );

    const rows: string[][] = [];
    for (const writers of [1, 8]) {
      const plain = perSecond(await benchPlain(url, writers));
      for (const eventsPerTx of [1, 10]) {
        const store = perSecond(await benchEventStore(url, writers, eventsPerTx));
        rows.push([
          String(writers),
          String(eventsPerTx),
          store.tps.toFixed(0),
          store.eps.toFixed(0),
          plain.eps.toFixed(0),
          `${((store.eps / plain.eps) * 100).toFixed(0)}%`,
          `${((store.tps / plain.tps) * 100).toFixed(0)}%`,
        ]);
      }
    }
    const header = [
      'writers',
      'events/tx',
      'store tx/s',
      'store events/s',
      'plain rows/s (= tx/s)',
      'events/s ratio',
      'tx/s ratio',
    ];
    const widths = header.map((h, i) => Math.max(h.length, ...rows.map((r) => r[i].length)));
    const line = (cells: string[]) => cells.map((c, i) => c.padStart(widths[i])).join('  ');
    console.log(line(header));
    rows.forEach((r) => console.log(line(r)));
  });
}

main().catch((error: unknown) => {
  console.error(error);
  process.exitCode = 1;
});
