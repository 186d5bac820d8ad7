import { setTimeout as delay } from 'node:timers/promises';
import { Pool, type DatabaseError, type PoolConfig } from 'pg';
import {
  DuplicateEventIdError,
  WrongExpectedVersionError,
  type AppendOptions,
  type AppendResult,
  type BatchSubscribeOptions,
  type EventMetadata,
  type EventStore,
  type ExpectedVersion,
  type NewEvent,
  type ReadStreamOptions,
  type RecordedEvent,
  type SubscribeOptions,
  type SubscriptionFilter,
  type Subscription,
} from '../event-store.port';
import { batchLimit, isBatchSubscription } from '../support/batches';
import { GroupCommit, settle, type Settled } from '../support/group-commit';
import { isRetryOfStoredBatch, validateBatch } from '../support/expected-version';
import { normalizeFilter } from '../support/filter';
import { Wakeup } from '../support/wakeup';
import { UpcasterRegistry, type Upcaster } from '../upcasting';
import { assertSchemaName, migrateEventStore } from './postgres.migrations';
import { NotificationListener } from './postgres.notification-listener';

export interface PostgresEventStoreOptions {
  pool: Pool;
  /** The service's own schema (`intake`, `routing`, ...); created by `migrateEventStore`. */
  schema: string;
  upcasters?: readonly Upcaster[];
  /** Whether `close()` ends the pool: true when the store created it. */
  ownsPool?: boolean;
  /** How often subscriptions poll when no notification arrives. Default 500 ms. */
  pollIntervalMs?: number;
  /** Events read per query by subscriptions. Default 500. */
  batchSize?: number;
  /** Appends within this window share one NOTIFY to other processes. Default 5 ms. */
  notifyDelayMs?: number;
  /**
   * A subscription that appends keep busy reads at most once per this many milliseconds: the events
   * appended meanwhile come in its next read, together (fewer statements, bigger batches for a relay),
   * at the cost of up to this delay under load. A read after a quiet spell, and the next read after a
   * full batch, are never delayed. Default 0: every wake-up reads at once.
   */
  minReadIntervalMs?: number;
  /**
   * Group commit: appends made while `maxInFlight` statements of appends are running wait and go
   * together, in one statement and one transaction (`append_to_streams`), each with its own outcome.
   * `false`: one statement per append. Default `{ maxInFlight: 1, maxBatch: 64 }`.
   */
  groupCommit?: false | { maxInFlight?: number; maxBatch?: number };
}

/** One append as the store sends it: the events already serialised. */
interface PendingAppend {
  streamId: string;
  ids: string[];
  expectedVersion: ExpectedVersion;
  /** `encodeExpectedVersion(expectedVersion)`. */
  expected: number | null;
  /** JSON array of the events, as `append_to_stream` takes it. */
  events: string;
}

export type CreatePostgresEventStoreOptions = Omit<PostgresEventStoreOptions, 'pool' | 'ownsPool'> &
  (
    | { pool: Pool; connectionString?: never }
    | { connectionString: string; pool?: never; poolConfig?: PoolConfig }
  );

/** Builds the store for a service: creates a pool when given a URL, and applies pending migrations. */
export async function createPostgresEventStore(
  options: CreatePostgresEventStoreOptions,
): Promise<PostgresEventStore> {
  const ownsPool = !options.pool;
  const pool =
    options.pool ??
    new Pool({
      ...('poolConfig' in options ? options.poolConfig : {}),
      connectionString: options.connectionString,
    });
  if (ownsPool) {
    // An idle connection that PostgreSQL drops (restart, failover, terminate) is discarded by the pool
    // and replaced on next use; without a listener its 'error' event would crash the process.
    pool.on('error', () => undefined);
  }
  try {
    await migrateEventStore(pool, options.schema);
  } catch (error) {
    if (ownsPool) await pool.end();
    throw error;
  }
  return new PostgresEventStore({ ...options, pool, ownsPool });
}

/** A point in (transaction_id, global_position) order; both kept as decimal strings (64-bit). */
interface Cursor {
  transactionId: string;
  position: string;
}

const START: Cursor = { transactionId: '0', position: '0' };

interface EventRow {
  /**
   * Only in a subscription's read, on a row that is not an event: `horizon` (filtered reads) carries
   * the last deliverable event of any stream, `pending` the first committed event still held back.
   */
  marker?: 'horizon' | 'pending' | null;
  transaction_id: string;
  global_position: string;
  stream_id: string;
  stream_version: number;
  event_id: string;
  type: string;
  schema_version: number;
  data: unknown;
  metadata: EventMetadata;
  recorded_at: Date;
}

/**
 * `transaction_id` is selected as text (xid8 is 64-bit), so an ORDER BY must name the table's column
 * explicitly: a bare `ORDER BY transaction_id` sorts by the text output column, and "1004" < "996".
 */
const EVENT_COLUMNS =
  'transaction_id::text AS transaction_id, global_position, stream_id, stream_version, event_id::text AS event_id, type, schema_version, data, metadata, recorded_at';

/**
 * Event store on PostgreSQL (ARCHITECTURE.md, "Event store port").
 *
 * Global order and positions: `global_position` comes from a sequence, and sequence values become
 * visible in commit order, not in allocation order, so "position > last seen" skips events that
 * commit late. Subscriptions therefore read in `(transaction_id, global_position)` order and only rows
 * whose transaction is older than every transaction still running
 * (`transaction_id < pg_snapshot_xmin(pg_current_snapshot())`): that set never grows behind a reader's
 * back. A position is `"<transaction_id>:<global_position>"` and orders with `compareGlobalPositions`.
 * Consequence: any transaction open anywhere in the cluster holds back (delays, never loses) delivery
 * of events committed after it started; keep transactions short.
 *
 * Appends run as a single statement (`append_to_stream`, one round trip, implicit transaction) and must
 * not run inside a caller's transaction that already wrote (it would carry an older xid).
 */
export class PostgresEventStore implements EventStore {
  readonly schema: string;
  readonly pool: Pool;
  private readonly table: string;
  private readonly channel: string;
  private readonly upcasters: UpcasterRegistry;
  private readonly pollIntervalMs: number;
  private readonly batchSize: number;
  private readonly notifyDelayMs: number;
  private readonly minReadIntervalMs: number;
  private notifyTimer: NodeJS.Timeout | undefined;
  private notifying: Promise<void> | undefined;
  private readonly ownsPool: boolean;
  private readonly listener: NotificationListener;
  private readonly wakeups = new Set<Wakeup>();
  private readonly subscriptions = new Set<Subscription>();
  private readonly groupCommit: GroupCommit<PendingAppend, AppendResult> | undefined;
  private closed = false;

  constructor(options: PostgresEventStoreOptions) {
    assertSchemaName(options.schema);
    this.schema = options.schema;
    this.pool = options.pool;
    this.table = `"${options.schema}".events`;
    this.channel = `${options.schema}_events`;
    this.upcasters = new UpcasterRegistry(options.upcasters);
    this.pollIntervalMs = options.pollIntervalMs ?? 500;
    this.batchSize = options.batchSize ?? 500;
    this.notifyDelayMs = options.notifyDelayMs ?? 5;
    this.minReadIntervalMs = Math.max(0, options.minReadIntervalMs ?? 0);
    this.ownsPool = options.ownsPool ?? false;
    this.listener = new NotificationListener(
      { ...this.pool.options, application_name: `event-store-listener:${options.schema}` },
      this.channel,
      () => this.wakeLocalSubscriptions(),
    );
    if (options.groupCommit !== false) {
      this.groupCommit = new GroupCommit({
        run: (appends) => this.appendMany(appends),
        maxInFlight: options.groupCommit?.maxInFlight ?? 1,
        maxBatch: options.groupCommit?.maxBatch ?? 64,
      });
    }
  }

  async appendToStream(streamId: string, events: NewEvent[], options: AppendOptions): Promise<AppendResult> {
    const ids = events.map((e) => e.id.toLowerCase());
    validateBatch(streamId, ids);
    const append: PendingAppend = {
      streamId,
      ids,
      expectedVersion: options.expectedVersion,
      expected: encodeExpectedVersion(options.expectedVersion),
      events: JSON.stringify(
        events.map((e, i) => ({
          id: ids[i],
          type: e.type,
          schemaVersion: e.schemaVersion ?? 1,
          data: e.data ?? null,
          metadata: e.metadata ?? {},
        })),
      ),
    };
    return this.groupCommit ? this.groupCommit.submit(append) : this.appendOne(append);
  }

  /** One append, one statement. */
  private async appendOne(append: PendingAppend): Promise<AppendResult> {
    try {
      const result = await this.pool.query<{
        next_version: number;
        transaction_id: string;
        last_position: string;
      }>({
        name: `event-store-append-${this.schema}`,
        text: `SELECT next_version, transaction_id::text AS transaction_id, last_position
               FROM "${this.schema}".append_to_stream($1, $2, $3::jsonb)`,
        values: [append.streamId, append.expected, append.events],
      });
      this.wakeLocalSubscriptions();
      this.scheduleNotify();
      const row = result.rows[0];
      return {
        nextExpectedVersion: row.next_version,
        lastGlobalPosition: formatPosition({
          transactionId: row.transaction_id,
          position: row.last_position,
        }),
      };
    } catch (error) {
      if (isDatabaseError(error, 'ES409')) return this.afterConflict(append, Number(error.detail));
      if (isDatabaseError(error, '23505') && error.constraint === 'events_event_id_key') {
        const retry = await this.findRetriedAppend(append.streamId, append.ids, append.expectedVersion);
        if (retry) return retry;
        throw new DuplicateEventIdError(append.streamId, append.ids);
      }
      throw error;
    }
  }

  /**
   * A group commit's batch: one statement and one transaction for all, or each on its own when there
   * is only one or when the batch failed as a whole (its transaction rolled back, so nothing of it
   * was written, and each append then gets exactly the outcome it has alone).
   */
  private async appendMany(appends: readonly PendingAppend[]): Promise<Settled<AppendResult>[]> {
    if (appends.length === 1) return [await settle(this.appendOne(appends[0]))];
    let rows: {
      out_index: number;
      out_next_version: number | null;
      out_current_version: number;
      out_transaction_id: string | null;
      out_last_position: string | null;
    }[];
    try {
      const payload = `[${appends
        .map(
          (a) =>
            `{"streamId":${JSON.stringify(a.streamId)},"expected":${a.expected === null ? 'null' : a.expected},"events":${a.events}}`,
        )
        .join(',')}]`;
      rows = (
        await this.pool.query({
          name: `event-store-append-many-${this.schema}`,
          text: `SELECT out_index, out_next_version, out_current_version,
                   out_transaction_id::text AS out_transaction_id, out_last_position
                 FROM "${this.schema}".append_to_streams($1::jsonb)`,
          values: [payload],
        })
      ).rows;
      if (rows.length !== appends.length) throw new Error('append_to_streams: one row per append expected');
    } catch {
      return Promise.all(appends.map((append) => settle(this.appendOne(append))));
    }
    if (rows.some((row) => row.out_next_version !== null)) {
      this.wakeLocalSubscriptions();
      this.scheduleNotify();
    }
    const byIndex = new Map(rows.map((row) => [row.out_index, row]));
    return Promise.all(
      appends.map((append, i) => {
        const row = byIndex.get(i);
        if (!row) return settle(Promise.reject(new Error(`append_to_streams: no row for append ${i}`)));
        if (
          row.out_next_version === null ||
          row.out_transaction_id === null ||
          row.out_last_position === null
        )
          return settle(this.afterConflict(append, row.out_current_version));
        return Promise.resolve({
          ok: true as const,
          value: {
            nextExpectedVersion: row.out_next_version,
            lastGlobalPosition: formatPosition({
              transactionId: row.out_transaction_id,
              position: row.out_last_position,
            }),
          },
        });
      }),
    );
  }

  /** The expected version did not hold: the retry of an append that succeeded, or a conflict. */
  private async afterConflict(append: PendingAppend, current: number): Promise<AppendResult> {
    const retry = await this.findRetriedAppend(append.streamId, append.ids, append.expectedVersion);
    if (retry) return retry;
    throw new WrongExpectedVersionError(append.streamId, append.expectedVersion, current);
  }

  async readStream(streamId: string, options: ReadStreamOptions = {}): Promise<RecordedEvent[]> {
    const result = await this.pool.query<EventRow>({
      name: `event-store-read-stream-${this.schema}`,
      text: `SELECT ${EVENT_COLUMNS} FROM ${this.table}
             WHERE stream_id = $1 AND stream_version >= $2 ORDER BY stream_version`,
      values: [streamId, Math.max(0, options.fromVersion ?? 0)],
    });
    return result.rows.map((row) => this.toEvent(row));
  }

  /** The newest event a subscription can see now (same visibility rule), so lag = head vs checkpoint. */
  async headPosition(): Promise<string | undefined> {
    const result = await this.pool.query<{ transaction_id: string; global_position: string }>(
      `SELECT e.transaction_id::text AS transaction_id, e.global_position FROM ${this.table} e
       WHERE e.transaction_id < pg_snapshot_xmin(pg_current_snapshot())
       ORDER BY e.transaction_id DESC, e.global_position DESC LIMIT 1`,
    );
    const row = result.rows[0];
    return row
      ? formatPosition({ transactionId: row.transaction_id, position: row.global_position })
      : undefined;
  }

  async readCheckpoint(subscriberId: string): Promise<string | undefined> {
    const cursor = await this.loadCheckpoint(subscriberId);
    return cursor ? formatPosition(cursor) : undefined;
  }

  async subscribe(options: SubscribeOptions | BatchSubscribeOptions): Promise<Subscription> {
    if (this.closed) throw new Error('Event store is closed');
    const { subscriberId } = options;
    const batches = isBatchSubscription(options)
      ? { handle: options.handleBatch, limit: batchLimit(options, this.batchSize) }
      : undefined;
    const stored = subscriberId ? await this.loadCheckpoint(subscriberId) : undefined;
    const from = options.from ?? 'start';
    let cursor = stored ?? (from === 'start' ? START : parsePosition(from));
    let position = cursor === START ? undefined : formatPosition(cursor);
    let saved = cursor;
    // Where the next read starts: the cursor, or further on once a filtered read has passed over
    // events of other streams (see `horizon` below). Not checkpointed: a restart scans them once more.
    let readFrom = cursor;
    const filter = normalizeFilter(options.filter);
    const query = this.readQuery(filter);
    const wakeup = new Wakeup();
    let stopped = false;

    const saveCheckpoint = async () => {
      if (!subscriberId || saved === cursor) return;
      const target = cursor;
      await this.pool.query({
        name: `event-store-save-checkpoint-${this.schema}`,
        text: `INSERT INTO "${this.schema}".subscriber_checkpoints (subscriber_id, transaction_id, global_position)
               VALUES ($1, $2::xid8, $3)
               ON CONFLICT (subscriber_id) DO UPDATE
               SET transaction_id = EXCLUDED.transaction_id, global_position = EXCLUDED.global_position, updated_at = now()`,
        values: [subscriberId, target.transactionId, target.position],
      });
      saved = target;
    };

    const loop = async () => {
      let failures = 0;
      let heldBackDelay = 0;
      // When the last read started, and whether the next one may start at once (first, or after a full batch).
      let lastReadAt = 0;
      let readAtOnce = true;
      while (!stopped) {
        const early = lastReadAt + this.minReadIntervalMs - Date.now();
        if (!readAtOnce && early > 0) {
          await delay(early);
          if (stopped) break;
        }
        lastReadAt = Date.now();
        let rows: EventRow[];
        try {
          // A checkpoint that failed to save earlier is retried here, before reading on.
          await saveCheckpoint();
          rows = (await this.pool.query<EventRow>(query.text, query.values(readFrom, this.batchSize))).rows;
          failures = 0;
        } catch {
          // Database trouble (restart, failover) is transient for a subscriber: back off and retry.
          failures += 1;
          await wakeup.wait(Math.min(10_000, this.pollIntervalMs * 2 ** failures));
          continue;
        }
        const horizon = rows.find((row) => row.marker === 'horizon');
        const heldBack = rows.some((row) => row.marker === 'pending');
        if (horizon || heldBack) rows = rows.filter((row) => !row.marker);
        if (batches) {
          for (let start = 0; start < rows.length && !stopped; start += batches.limit) {
            const batch = rows.slice(start, start + batches.limit);
            await batches.handle(batch.map((row) => this.toEvent(row)));
            const last = batch[batch.length - 1];
            cursor = { transactionId: last.transaction_id, position: last.global_position };
            readFrom = cursor;
            position = formatPosition(cursor);
          }
        } else {
          const { handler } = options as SubscribeOptions;
          for (const row of rows) {
            if (stopped) break;
            await handler(this.toEvent(row));
            cursor = { transactionId: row.transaction_id, position: row.global_position };
            readFrom = cursor;
            position = formatPosition(cursor);
          }
        }
        if (stopped) break;
        readAtOnce = rows.length >= this.batchSize;
        if (rows.length < this.batchSize) {
          // The read saw every deliverable event up to its horizon and returned all that the filter
          // lets through: the others need not be scanned again, by the next read or by the pending
          // check. Without this a subscriber whose streams are rare (reception sessions among
          // petitions) rescans the whole table after its last event on every wake-up.
          if (horizon)
            readFrom = { transactionId: horizon.transaction_id, position: horizon.global_position };
          await saveCheckpoint().catch(() => undefined);
          options.onCaughtUp?.();
          // Events committed after the cursor but not delivered yet are held back behind an older
          // transaction still running (the NOTIFY of an append usually arrives before its events become
          // deliverable): look again soon, backing off, instead of sleeping until the next poll. The read
          // tells (its `pending` row, same snapshot); an event committed after that snapshot is not
          // missed either: its append wakes this loop (in this process, or by NOTIFY after its commit),
          // and a wake-up that arrives while the loop is busy is remembered.
          heldBackDelay = heldBack
            ? rows.length > 0
              ? 5
              : Math.min(this.pollIntervalMs, Math.max(5, heldBackDelay * 2))
            : 0;
          await wakeup.wait(heldBack ? heldBackDelay : this.pollIntervalMs);
        }
      }
    };

    this.wakeups.add(wakeup);
    this.listener.start();
    const running = loop()
      .then(
        () => saveCheckpoint(),
        async (error: unknown) => {
          // The handler failed: keep what it did handle, so the failed event (or batch) is the next delivered.
          stopped = true;
          await saveCheckpoint().catch(() => undefined);
          throw error;
        },
      )
      .catch((error: unknown) => options.onError?.(error))
      .finally(() => this.wakeups.delete(wakeup));

    const subscription: Subscription = {
      stop: async () => {
        stopped = true;
        wakeup.wake();
        await running;
        this.subscriptions.delete(subscription);
        if (this.subscriptions.size === 0) await this.listener.stop();
      },
      get position() {
        return position;
      },
    };
    this.subscriptions.add(subscription);
    return subscription;
  }

  async close(): Promise<void> {
    this.closed = true;
    if (this.notifyTimer) clearTimeout(this.notifyTimer);
    this.notifyTimer = undefined;
    await Promise.all([...this.subscriptions].map((s) => s.stop()));
    await this.listener.stop();
    await this.notifying;
    if (this.ownsPool) await this.pool.end();
  }

  private wakeLocalSubscriptions(): void {
    this.wakeups.forEach((w) => w.wake());
  }

  /**
   * Tells subscribers in other processes that events were appended: one NOTIFY per `notifyDelayMs`
   * window, sent after the appends committed, in its own transaction with asynchronous commit.
   * Why not NOTIFY inside the append: a notifying transaction takes a database-wide lock in its commit
   * and holds it through the WAL flush, so concurrent appends could no longer share flushes (group
   * commit); measured with 8 writers it cut appends to 36% of plain INSERTs, against 66% this way.
   * A lost notification only delays delivery until the next poll.
   */
  private scheduleNotify(): void {
    if (this.notifyTimer || this.closed) return;
    this.notifyTimer = setTimeout(() => {
      this.notifyTimer = undefined;
      const current = (this.notifying ?? Promise.resolve())
        .then(() =>
          this.pool.query("SELECT set_config('synchronous_commit', 'off', true), pg_notify($1, '')", [
            this.channel,
          ]),
        )
        .then(
          () => undefined,
          () => undefined,
        );
      this.notifying = current;
      void current.then(() => {
        if (this.notifying === current) this.notifying = undefined;
      });
    }, this.notifyDelayMs);
    // A pending notification must not keep a finished process alive.
    this.notifyTimer.unref();
  }

  /**
   * A subscription's read, one statement: the next events it may deliver, in order (at most `limit`);
   * for a filtered subscription also the last deliverable event of any stream (`horizon`); and the first
   * committed event after the cursor that is not deliverable yet (`pending`), if any.
   *
   * Every part is an index range scan on `(transaction_id, global_position)` from the cursor, whatever
   * the table's statistics say. (The pending check used to be an `EXISTS` without an order: on a table
   * whose statistics were missing or old, PostgreSQL scanned the whole table for it, on every wake-up.)
   */
  private readQuery(filter: SubscriptionFilter): {
    text: string;
    values: (cursor: Cursor, limit: number) => unknown[];
  } {
    const after = '(transaction_id, global_position) > ($1::xid8, $2::bigint)';
    const deliverable = 'transaction_id < pg_snapshot_xmin(pg_current_snapshot())';
    const heldBack = 'transaction_id >= pg_snapshot_xmin(pg_current_snapshot())';
    const extra: unknown[] = [];
    const filters: string[] = [];
    if (filter.streamPrefixes) {
      extra.push(filter.streamPrefixes.map((p) => `${p.replace(/[\\%_]/g, '\\$&')}%`));
      filters.push(`stream_id LIKE ANY($${3 + extra.length}::text[])`);
    }
    if (filter.eventTypes) {
      extra.push(filter.eventTypes);
      filters.push(`type = ANY($${3 + extra.length}::text[])`);
    }
    const where = (...conditions: string[]) => [...conditions, ...filters].join(' AND ');
    const order = `${this.table}.transaction_id, ${this.table}.global_position`;
    const marker = (name: string, from: string) =>
      `SELECT transaction_id::text, global_position, NULL::text, NULL::integer, NULL::text, NULL::text,
         NULL::integer, NULL::jsonb, NULL::jsonb, NULL::timestamptz, transaction_id, '${name}'
       FROM (${from}) AS ${name}`;
    const parts = [
      `SELECT * FROM (
         SELECT ${EVENT_COLUMNS}, transaction_id AS order_tx, NULL::text AS marker FROM ${this.table}
         WHERE ${where(after, deliverable)} ORDER BY ${order} LIMIT $3) AS batch`,
    ];
    // A filtered read passes over other streams' events: where it may start next time (an index scan
    // backwards from the newest deliverable event, which stops at the first one).
    if (filters.length > 0)
      parts.push(
        marker(
          'horizon',
          `SELECT transaction_id, global_position FROM ${this.table} WHERE ${after} AND ${deliverable}
           ORDER BY transaction_id DESC, global_position DESC LIMIT 1`,
        ),
      );
    parts.push(
      marker(
        'pending',
        `SELECT transaction_id, global_position FROM ${this.table} WHERE ${where(after, heldBack)}
         ORDER BY ${order} LIMIT 1`,
      ),
    );
    return {
      text: `${parts.join('\n UNION ALL\n')}\n ORDER BY marker NULLS FIRST, order_tx, global_position`,
      values: (cursor, limit) => [cursor.transactionId, cursor.position, limit, ...extra],
    };
  }

  private async loadCheckpoint(subscriberId: string): Promise<Cursor | undefined> {
    const result = await this.pool.query<{ transaction_id: string; global_position: string }>(
      `SELECT transaction_id::text AS transaction_id, global_position
       FROM "${this.schema}".subscriber_checkpoints WHERE subscriber_id = $1`,
      [subscriberId],
    );
    const row = result.rows[0];
    return row ? { transactionId: row.transaction_id, position: row.global_position } : undefined;
  }

  /** After a conflict or a duplicate id: is this call the retry of an append that already succeeded? */
  private async findRetriedAppend(
    streamId: string,
    ids: string[],
    expected: ExpectedVersion,
  ): Promise<AppendResult | undefined> {
    const result = await this.pool.query<{
      event_id: string;
      stream_version: number;
      transaction_id: string;
      global_position: string;
    }>(
      `SELECT event_id::text AS event_id, stream_version, transaction_id::text AS transaction_id, global_position
       FROM ${this.table} WHERE stream_id = $1 AND event_id = ANY($2::uuid[]) ORDER BY stream_version`,
      [streamId, ids],
    );
    const stored = new Map(result.rows.map((r) => [r.event_id, r.stream_version]));
    if (!isRetryOfStoredBatch(expected, ids, stored)) return undefined;
    const last = result.rows[result.rows.length - 1];
    return {
      nextExpectedVersion: last.stream_version,
      lastGlobalPosition: formatPosition({
        transactionId: last.transaction_id,
        position: last.global_position,
      }),
    };
  }

  private toEvent(row: EventRow): RecordedEvent {
    return this.upcasters.apply({
      id: row.event_id,
      streamId: row.stream_id,
      streamVersion: row.stream_version,
      globalPosition: formatPosition({ transactionId: row.transaction_id, position: row.global_position }),
      type: row.type,
      schemaVersion: row.schema_version,
      data: row.data,
      metadata: row.metadata,
      recordedAt: row.recorded_at,
    });
  }
}

function encodeExpectedVersion(expected: ExpectedVersion): number | null {
  switch (expected) {
    case 'any':
      return null;
    case 'no_stream':
      return -1;
    case 'stream_exists':
      return -2;
    default:
      if (!Number.isInteger(expected) || expected < -1)
        throw new Error(`Invalid expected version ${expected}`);
      return expected;
  }
}

function formatPosition(cursor: Cursor): string {
  return `${cursor.transactionId}:${cursor.position}`;
}

function parsePosition(position: string): Cursor {
  const match = /^(\d+):(\d+)$/.exec(position);
  if (!match)
    throw new Error(`Invalid PostgreSQL event store position "${position}" (expected "<txid>:<position>")`);
  return { transactionId: match[1], position: match[2] };
}

function isDatabaseError(error: unknown, code: string): error is DatabaseError {
  return error instanceof Error && (error as Partial<DatabaseError>).code === code;
}
