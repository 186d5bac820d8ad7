import type { Pool } from 'pg';

/**
 * Numbered migrations of the event store schema. `{{schema}}` stands for the quoted schema name, so
 * every object is schema-qualified and nothing depends on the session's search_path. A published
 * migration is never edited: fix forward with a new one.
 */
export interface EventStoreMigration {
  version: number;
  name: string;
  sql: string;
}

export const EVENT_STORE_MIGRATIONS: readonly EventStoreMigration[] = [
  {
    version: 1,
    name: 'events, streams, subscriber checkpoints, append function',
    sql: `
CREATE TABLE {{schema}}.events (
  global_position bigserial PRIMARY KEY,
  transaction_id xid8 NOT NULL DEFAULT pg_current_xact_id(),
  stream_id text NOT NULL,
  stream_version integer NOT NULL,
  event_id uuid NOT NULL UNIQUE,
  type text NOT NULL,
  schema_version integer NOT NULL,
  data jsonb NOT NULL,
  metadata jsonb NOT NULL,
  recorded_at timestamptz NOT NULL DEFAULT now(),
  UNIQUE (stream_id, stream_version)
);
-- Subscriptions read in (transaction_id, global_position) order: see PostgresEventStore.
CREATE INDEX events_transaction_order ON {{schema}}.events (transaction_id, global_position);

-- One row per stream holding its last version: the append checks the expected version against it
-- without scanning events.
CREATE TABLE {{schema}}.streams (
  stream_id text PRIMARY KEY,
  version integer NOT NULL
);

CREATE TABLE {{schema}}.subscriber_checkpoints (
  subscriber_id text PRIMARY KEY,
  transaction_id xid8 NOT NULL,
  global_position bigint NOT NULL,
  updated_at timestamptz NOT NULL DEFAULT now()
);

-- The whole append in one statement, hence one round trip and an implicit transaction.
-- p_expected: NULL any, -2 stream must exist, -1 stream must not exist, n >= 0 last version must be n.
-- p_events: JSON array of {id, type, schemaVersion, data, metadata}.
CREATE FUNCTION {{schema}}.append_to_stream(
  p_stream_id text,
  p_expected integer,
  p_events jsonb,
  OUT next_version integer,
  OUT transaction_id xid8,
  OUT last_position bigint
) LANGUAGE plpgsql AS $fn$
DECLARE
  v_count integer := jsonb_array_length(p_events);
  v_current integer;
BEGIN
  -- Serialize appends to one stream BEFORE this transaction gets its xid (the upsert below assigns
  -- it). A row lock would be taken after the xid is assigned, so a writer that waited for the lock
  -- could hold a smaller xid than the writer it waited for and its later stream versions would sort
  -- first in (transaction_id, global_position) order. An advisory lock needs no xid.
  PERFORM pg_advisory_xact_lock(hashtextextended('{{schema}}/' || p_stream_id, 7121));

  INSERT INTO {{schema}}.streams AS s (stream_id, version)
  VALUES (p_stream_id, v_count - 1)
  ON CONFLICT (stream_id) DO UPDATE SET version = s.version + v_count
  RETURNING s.version - v_count INTO v_current;

  IF (p_expected IS NOT NULL AND p_expected >= -1 AND v_current <> p_expected)
     OR (p_expected = -2 AND v_current = -1) THEN
    RAISE EXCEPTION USING ERRCODE = 'ES409', MESSAGE = 'EVENT_STORE.WRONG_EXPECTED_VERSION',
      DETAIL = v_current::text;
  END IF;

  -- ORDER BY makes global positions follow stream versions inside the batch.
  WITH inserted AS (
    INSERT INTO {{schema}}.events (stream_id, stream_version, event_id, type, schema_version, data, metadata)
    SELECT p_stream_id, v_current + e.ord::integer, (e.value->>'id')::uuid, e.value->>'type',
           (e.value->>'schemaVersion')::integer, e.value->'data', e.value->'metadata'
    FROM jsonb_array_elements(p_events) WITH ORDINALITY AS e(value, ord)
    ORDER BY e.ord
    RETURNING global_position
  )
  SELECT max(global_position) INTO last_position FROM inserted;

  next_version := v_current + v_count;
  transaction_id := pg_current_xact_id();
  -- No NOTIFY here: a notifying transaction takes a database-wide lock in its commit and keeps it
  -- through the WAL flush, which serialises all appends (see PostgresEventStore.scheduleNotify).
END
$fn$;
`,
  },
  {
    version: 2,
    name: 'append to several streams in one transaction (group commit)',
    sql: `
-- Several appends, to different streams or to the same one, in one statement and one transaction (the
-- group commit of concurrent requests). p_appends: JSON array of {streamId, expected, events} with
-- expected and events as append_to_stream takes them. One row per append, in order: out_next_version
-- and out_last_position when it was written, or NULL and out_current_version (the stream's last
-- version, -1: none) when its expected version did not hold; such an append writes nothing and the
-- others go on, so each append's outcome is the one it would have had alone after the appends before
-- it. Any error (a duplicate event id, ...) rolls the whole batch back: the caller then runs each append
-- on its own.
CREATE FUNCTION {{schema}}.append_to_streams(p_appends jsonb)
RETURNS TABLE (out_index integer, out_next_version integer, out_current_version integer,
               out_transaction_id xid8, out_last_position bigint)
LANGUAGE plpgsql AS $fn$
DECLARE
  v_lock bigint;
  v_append record;
  v_stream text;
  v_expected integer;
  v_count integer;
  v_current integer;
BEGIN
  -- Every stream's lock before the first write, i.e. before the transaction gets its xid (see
  -- append_to_stream), in one order so that two batches cannot deadlock.
  FOR v_lock IN
    SELECT DISTINCT hashtextextended('{{schema}}/' || (a.value->>'streamId'), 7121)
    FROM jsonb_array_elements(p_appends) AS a(value) ORDER BY 1
  LOOP
    PERFORM pg_advisory_xact_lock(v_lock);
  END LOOP;

  FOR v_append IN
    SELECT a.value, a.ord::integer AS ord FROM jsonb_array_elements(p_appends) WITH ORDINALITY AS a(value, ord)
    ORDER BY a.ord
  LOOP
    v_stream := v_append.value->>'streamId';
    v_expected := (v_append.value->>'expected')::integer;
    v_count := jsonb_array_length(v_append.value->'events');
    SELECT s.version INTO v_current FROM {{schema}}.streams AS s WHERE s.stream_id = v_stream;
    IF NOT FOUND THEN
      v_current := -1;
    END IF;
    out_index := v_append.ord - 1;
    IF (v_expected IS NOT NULL AND v_expected >= -1 AND v_current <> v_expected)
       OR (v_expected = -2 AND v_current = -1) THEN
      out_next_version := NULL;
      out_current_version := v_current;
      out_transaction_id := NULL;
      out_last_position := NULL;
      RETURN NEXT;
      CONTINUE;
    END IF;

    INSERT INTO {{schema}}.streams AS s (stream_id, version)
    VALUES (v_stream, v_count - 1)
    ON CONFLICT (stream_id) DO UPDATE SET version = s.version + v_count;

    WITH inserted AS (
      INSERT INTO {{schema}}.events (stream_id, stream_version, event_id, type, schema_version, data, metadata)
      SELECT v_stream, v_current + e.ord::integer, (e.value->>'id')::uuid, e.value->>'type',
             (e.value->>'schemaVersion')::integer, e.value->'data', e.value->'metadata'
      FROM jsonb_array_elements(v_append.value->'events') WITH ORDINALITY AS e(value, ord)
      ORDER BY e.ord
      RETURNING global_position
    )
    SELECT max(global_position) INTO out_last_position FROM inserted;
    out_next_version := v_current + v_count;
    out_current_version := v_current;
    out_transaction_id := pg_current_xact_id();
    RETURN NEXT;
  END LOOP;
END
$fn$;
`,
  },
];

/** Guards identifiers that are spliced into SQL (schema names come from configuration). */
export function assertSchemaName(schema: string): void {
  if (!/^[a-z_][a-z0-9_]{0,47}$/.test(schema)) {
    throw new Error(`Invalid event store schema name "${schema}": use lower-case letters, digits and _`);
  }
}

/**
 * Applies pending migrations in one transaction under an advisory lock keyed by the schema, so that
 * several processes starting at once apply each migration exactly once (the others wait, then find
 * nothing to do).
 */
export async function migrateEventStore(
  pool: Pool,
  schema: string,
  migrations: readonly EventStoreMigration[] = EVENT_STORE_MIGRATIONS,
): Promise<number[]> {
  assertSchemaName(schema);
  const quoted = `"${schema}"`;
  const client = await pool.connect();
  try {
    await client.query('BEGIN');
    await client.query('SELECT pg_advisory_xact_lock(hashtextextended($1, 7120))', [`event-store:${schema}`]);
    await client.query(`CREATE SCHEMA IF NOT EXISTS ${quoted}`);
    await client.query(
      `CREATE TABLE IF NOT EXISTS ${quoted}.event_store_migrations (
         version integer PRIMARY KEY,
         name text NOT NULL,
         applied_at timestamptz NOT NULL DEFAULT now()
       )`,
    );
    const done = await client.query<{ version: number }>(
      `SELECT version FROM ${quoted}.event_store_migrations`,
    );
    const applied = new Set(done.rows.map((r) => r.version));
    const pending = [...migrations]
      .filter((m) => !applied.has(m.version))
      .sort((a, b) => a.version - b.version);
    for (const migration of pending) {
      await client.query(migration.sql.split('{{schema}}').join(quoted));
      await client.query(`INSERT INTO ${quoted}.event_store_migrations (version, name) VALUES ($1, $2)`, [
        migration.version,
        migration.name,
      ]);
    }
    await client.query('COMMIT');
    return pending.map((m) => m.version);
  } catch (error) {
    await client.query('ROLLBACK').catch(() => undefined);
    throw error;
  } finally {
    client.release();
  }
}
