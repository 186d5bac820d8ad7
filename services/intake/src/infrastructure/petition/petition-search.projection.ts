import {
  GroupCommit,
  settle,
  type EventStore,
  type RecordedEvent,
  type Settled,
  type Subscription,
} from '@tiep-dan/event-store';
import type { Pool } from 'pg';
import type { PetitionEvent, PetitionReceived } from '../../domain/petition/petition.events';
import { isErased, type PersonalDataPort } from '../../application/petitions/personal-data.port';
import { PETITION_STREAM_PREFIX } from './petition.relay-mapping';
import { migrateUnderLock } from '@tiep-dan/platform';
import { migrateCaseOutcomes } from '../resolutions/case-outcomes.store';

/** Identifying material of a person, normalised, to be turned into match keys (see matching/). */
export type KeyMaterial = (person: {
  fullName?: string;
  citizenId?: string;
  phone?: string;
  hamletCode?: string;
  /** The address as written, which may name the hamlet when `hamletCode` is not given. */
  address?: string;
}) => string[];

export interface PetitionSearchRow {
  petitionId: string;
  version: number;
  kind: string;
  channel: string;
  status: string;
  receivedOn: string;
  recordedAt: string;
  classification: string;
  sensitiveTags: string[];
  hamletCode: string | null;
  petitionerType: string;
  headcount: number;
  anonymous: boolean;
  petitionerRefs: string[];
  summary: string;
  missingElements: string[];
  duplicateOf: string | null;
  repeatOf: string | null;
  receptionSessionId: string | null;
  sourceSystem: string | null;
}

export const SEARCH_SUBSCRIBER = 'intake:petition-search';

/** What the caller of `apply` already knows of an event, so that the projection need not work it out. */
export interface KnownFacts {
  /** The petitioners' match keys of a `PetitionReceived`, as `keyMaterial` and `matchKey` make them. */
  petitionerKeys?: readonly string[];
}

/** Petitions whose latest application this process remembers, to skip redeliveries. */
const REMEMBERED_PETITIONS = 10_000;

/**
 * The list of petitions that search, paging and duplicate matching read: a projection of the petition
 * streams, kept by a durable subscription, rebuildable by dropping the table and the checkpoint. Each
 * row carries its stream version, so a redelivered event never moves a row backwards. Petitioners are
 * kept only as pseudonymous references and keyed hashes (`petitioner_keys`); an erasure recomputes them
 * without the erased person.
 *
 * The service applies each event it appends right away (a search after a write sees it) and the
 * subscription delivers the same event moments later: the version each petition reached in this
 * process is remembered, so the second delivery costs no statement (another process still applies it,
 * idempotently).
 */
export class PetitionSearchProjection {
  private subscription: Subscription | undefined;
  private readonly table: string;
  /**
   * The latest version applied (or being applied) per petition, least recently used first. A failed
   * application is forgotten, so the next delivery applies the event again.
   */
  private readonly applied = new Map<string, { version: number; done: Promise<void> }>();
  private readonly commitMode: string;
  /** Group commit of the rows of received petitions, when asked for. */
  private readonly received: GroupCommit<ReceivedRow, void> | undefined;

  constructor(
    private readonly options: {
      pool: Pool;
      schema: string;
      store: EventStore;
      personalData: PersonalDataPort;
      keyMaterial: KeyMaterial;
      foldText: (text: string) => string;
      onError?: (error: unknown) => void;
      /**
       * Commit the table's writes without waiting for the WAL flush (`synchronous_commit = off`). Only
       * when the subscription's checkpoint is saved to the same PostgreSQL cluster, as the PostgreSQL
       * event store's is: WAL is replayed in order after a crash, so a lost write comes with a lost
       * checkpoint, and the subscription applies the event again.
       */
      asynchronousCommit?: boolean;
      /**
       * Group commit of the rows of received petitions: those written while `maxInFlight` statements
       * of them run go together in one statement. Default: one statement per petition.
       */
      groupCommit?: { maxInFlight?: number; maxBatch?: number };
    },
  ) {
    this.table = `"${options.schema}".petition_search`;
    this.commitMode = options.asynchronousCommit
      ? "set_config('synchronous_commit', 'off', true) IS NOT NULL"
      : 'true';
    if (options.groupCommit)
      this.received = new GroupCommit({
        run: (rows) => this.insertReceivedMany(rows),
        maxInFlight: options.groupCommit.maxInFlight ?? 1,
        maxBatch: options.groupCommit.maxBatch ?? 64,
      });
  }

  async migrate(): Promise<void> {
    await migrateUnderLock(this.options.pool, `tiepdan.migrate:${this.table}`, async (client) => {
      await client.query(`CREATE SCHEMA IF NOT EXISTS "${this.options.schema}"`);
      await client.query(`
        CREATE TABLE IF NOT EXISTS ${this.table} (
          petition_id uuid PRIMARY KEY,
          version integer NOT NULL,
          kind text NOT NULL,
          channel text NOT NULL,
          status text NOT NULL,
          received_on date NOT NULL,
          recorded_at timestamptz NOT NULL,
          classification text NOT NULL,
          sensitive_tags text[] NOT NULL,
          hamlet_code text,
          petitioner_type text NOT NULL,
          headcount integer NOT NULL,
          anonymous boolean NOT NULL,
          petitioner_refs text[] NOT NULL,
          petitioner_keys text[] NOT NULL,
          summary text NOT NULL,
          search_text text NOT NULL,
          missing_elements text[] NOT NULL,
          duplicate_of uuid,
          repeat_of uuid,
          reception_session_id uuid,
          source_system text
        )`);
      // Whether a matter is resolved comes from routing's cases (infrastructure/resolutions), not from
      // the petition's events: the column that tables created before had was never set, and would not
      // survive a rebuild. Checked first, so that no start takes the table's exclusive lock for nothing.
      const { rowCount: withResolved } = await client.query(
        `SELECT 1 FROM pg_attribute WHERE attrelid = $1::regclass AND attname = 'resolved' AND NOT attisdropped`,
        [this.table],
      );
      if (withResolved) await client.query(`ALTER TABLE ${this.table} DROP COLUMN resolved`);
      await migrateCaseOutcomes(client, this.options.schema);
      await client.query(
        `CREATE INDEX IF NOT EXISTS petition_search_received ON ${this.table} (received_on DESC, petition_id)`,
      );
      // Every recording looks its petitioners' keys up here (duplicate candidates). With GIN's fast
      // update, each lookup also scans the whole list of pending entries, which grows with every insert
      // until a vacuum: measured at 2 ms per lookup with 2,000 petitions and 7 ms with 10,000, against
      // 0.4–0.5 ms without it, for the same insert cost (a few short keys per row).
      await client.query(
        `CREATE INDEX IF NOT EXISTS petition_search_keys ON ${this.table} USING gin (petitioner_keys)
         WITH (fastupdate = off)`,
      );
      const keysIndex = `"${this.options.schema}".petition_search_keys`;
      const { rows } = await client.query<{ fast: boolean }>(
        `SELECT NOT ('fastupdate=off' = ANY (coalesce(reloptions, '{}'))) AS fast FROM pg_class
         WHERE oid = $1::regclass`,
        [keysIndex],
      );
      if (rows[0]?.fast) {
        // An index created before: switch it over and merge what is pending into it.
        await client.query(`ALTER INDEX ${keysIndex} SET (fastupdate = off)`);
        await client.query(`SELECT gin_clean_pending_list($1::regclass)`, [keysIndex]);
      }
      await client.query(
        `CREATE INDEX IF NOT EXISTS petition_search_refs ON ${this.table} USING gin (petitioner_refs)`,
      );
    });
  }

  async start(): Promise<void> {
    this.subscription = await this.options.store.subscribe({
      subscriberId: SEARCH_SUBSCRIBER,
      filter: { streamPrefixes: [PETITION_STREAM_PREFIX] },
      handleBatch: (events) => this.applyDelivered(events),
      onError: (error) => this.options.onError?.(error),
    });
  }

  /**
   * The subscription's batch. Most events were applied already by a request path: in this process (it
   * remembers them) or in another one, an API replica (PROCESS_ROLE=api), whose rows are then found in
   * the table. One statement reads the rows' versions for the batch, so that such events cost neither
   * the decryption of identities nor a write; the others are applied in order.
   */
  private async applyDelivered(events: readonly RecordedEvent[]): Promise<void> {
    const unknown = [
      ...new Set(
        events
          .filter((e) => (this.applied.get(petitionIdOf(e))?.version ?? -1) < e.streamVersion)
          .map(petitionIdOf),
      ),
    ];
    const stored = new Map<string, number>();
    if (unknown.length > 0) {
      const { rows } = await this.options.pool.query<{ petition_id: string; version: number }>(
        `SELECT petition_id, version FROM ${this.table} WHERE petition_id = ANY($1::uuid[])`,
        [unknown],
      );
      for (const row of rows) stored.set(row.petition_id, row.version);
    }
    for (const event of events) {
      const petitionId = petitionIdOf(event);
      if ((stored.get(petitionId) ?? -1) >= event.streamVersion) {
        this.remember(petitionId, event.streamVersion, Promise.resolve());
        continue;
      }
      await this.apply(event);
    }
  }

  async stop(): Promise<void> {
    await this.subscription?.stop();
    this.subscription = undefined;
  }

  /**
   * Applies one stored event; also used directly after an append so that a search right after sees it,
   * with what the caller knows of it (`known`), which must be what the event itself says.
   */
  async apply(recorded: RecordedEvent, known: KnownFacts = {}): Promise<void> {
    const petitionId = petitionIdOf(recorded);
    const version = recorded.streamVersion;
    const previous = this.applied.get(petitionId);
    if (previous && previous.version >= version) {
      // Applied here already, or being applied: the row holds this version (or a later one) once done.
      const succeeded = await previous.done.then(
        () => true,
        () => false,
      );
      if (succeeded) return;
    }
    const done = this.write(petitionId, version, recorded, known);
    this.remember(petitionId, version, done);
    try {
      await done;
    } catch (error) {
      if (this.applied.get(petitionId)?.done === done) this.applied.delete(petitionId);
      throw error;
    }
  }

  private remember(petitionId: string, version: number, done: Promise<void>): void {
    const previous = this.applied.get(petitionId);
    // A slower, older delivery must not make a later version look unapplied.
    if (previous && previous.version > version) return;
    this.applied.delete(petitionId);
    this.applied.set(petitionId, { version, done });
    if (this.applied.size > REMEMBERED_PETITIONS) {
      const oldest = this.applied.keys().next();
      if (!oldest.done) this.applied.delete(oldest.value);
    }
  }

  private async write(
    petitionId: string,
    version: number,
    recorded: RecordedEvent,
    known: KnownFacts,
  ): Promise<void> {
    const event = { type: recorded.type, data: recorded.data } as PetitionEvent;
    const { pool } = this.options;
    switch (event.type) {
      case 'PetitionReceived': {
        const d = event.data;
        const keys = known.petitionerKeys
          ? [...known.petitionerKeys].sort()
          : await this.petitionerKeys(d.petitioners.persons);
        const row: ReceivedRow = [
          petitionId,
          version,
          d.kind,
          d.channel,
          d.receivedOn,
          d.recordedAt,
          d.classification,
          d.sensitiveTags,
          d.location.hamletCode ?? null,
          d.petitioners.type,
          d.petitioners.headcount,
          d.petitioners.anonymous,
          d.petitioners.persons.map((p) => p.ref),
          keys,
          d.summary,
          this.options.foldText(d.summary),
          d.missingElements,
          d.duplicateOf?.petitionId ?? null,
          d.repeatOf?.petitionId ?? null,
          d.receptionSessionId ?? null,
          d.source?.system ?? null,
        ];
        await (this.received ? this.received.submit(row) : this.insertReceived(row));
        return;
      }
      case 'PetitionAmended': {
        const c = event.data.changes;
        await pool.query(
          `UPDATE ${this.table} SET version = $2,
             summary = COALESCE($3, summary), search_text = COALESCE($4, search_text),
             classification = COALESCE($5, classification), sensitive_tags = COALESCE($6, sensitive_tags),
             missing_elements = COALESCE($7, missing_elements),
             hamlet_code = CASE WHEN $8::boolean THEN $9 ELSE hamlet_code END
           WHERE petition_id = $1 AND version < $2 AND ${this.commitMode}`,
          [
            petitionId,
            version,
            c.summary ?? null,
            c.summary !== undefined ? this.options.foldText(c.summary) : null,
            c.classification ?? null,
            c.sensitiveTags ?? null,
            c.missingElements ?? null,
            c.location !== undefined,
            c.location?.hamletCode ?? null,
          ],
        );
        return;
      }
      case 'PetitionWithdrawn':
        await this.setStatus(petitionId, version, 'withdrawn');
        return;
      case 'PetitionSplit':
        await this.setStatus(petitionId, version, 'split');
        return;
      case 'PetitionProcessingStarted':
        await this.setStatus(petitionId, version, 'processing');
        return;
      case 'PetitionerDataErased': {
        const stream = await this.options.store.readStream(recorded.streamId);
        const received = stream.find((e) => e.type === 'PetitionReceived')?.data as
          PetitionReceived['data'] | undefined;
        const persons = (received?.petitioners.persons ?? []).filter(
          (p) => p.personId !== event.data.personId,
        );
        const keys = await this.petitionerKeys(persons);
        await pool.query(
          `UPDATE ${this.table} SET version = $2, petitioner_keys = $3
           WHERE petition_id = $1 AND version < $2 AND ${this.commitMode}`,
          [petitionId, version, keys],
        );
        return;
      }
      case 'PetitionerIdentityRevealed':
        await pool.query(
          `UPDATE ${this.table} SET version = $2 WHERE petition_id = $1 AND version < $2 AND ${this.commitMode}`,
          [petitionId, version],
        );
        return;
    }
  }

  private async setStatus(petitionId: string, version: number, status: string): Promise<void> {
    await this.options.pool.query(
      `UPDATE ${this.table} SET version = $2, status = $3
       WHERE petition_id = $1 AND version < $2 AND ${this.commitMode}`,
      [petitionId, version, status],
    );
  }

  private async petitionerKeys(
    persons: PetitionReceived['data']['petitioners']['persons'],
  ): Promise<string[]> {
    if (persons.length === 0) return [];
    const revealed = await this.options.personalData.reveal(persons.map((p) => p.identity));
    const keys = new Set<string>();
    revealed.forEach((identity, i) => {
      if (isErased(identity)) return;
      for (const material of this.options.keyMaterial({ ...identity, hamletCode: persons[i].hamletCode })) {
        keys.add(this.options.personalData.matchKey(material));
      }
    });
    return [...keys].sort();
  }

  /** The row of a received petition, in the columns' order (see `insertReceived`). */
  private async insertReceived(row: ReceivedRow): Promise<void> {
    // Named (parsed once per connection): it runs for every petition recorded.
    await this.options.pool.query({
      name: `petition-search-received-${this.options.schema}-${this.options.asynchronousCommit ? 'async' : 'sync'}`,
      text: `INSERT INTO ${this.table} (${RECEIVED_COLUMNS.join(', ')})
           SELECT $1::uuid, $2::integer, $3::text, $4::text, 'received', $5::date, $6::timestamptz, $7::text,
             $8::text[], $9::text, $10::text, $11::integer, $12::boolean, $13::text[], $14::text[], $15::text,
             $16::text, $17::text[], $18::uuid, $19::uuid, $20::uuid, $21::text
           WHERE ${this.commitMode}
           ON CONFLICT (petition_id) DO NOTHING`,
      values: row,
    });
  }

  /**
   * Several rows in one statement (a JSON array of rows). A petition twice in the batch keeps its first
   * row, as the second statement would have done nothing. If the statement fails, each row is written
   * on its own, so that each caller gets its own outcome.
   */
  private async insertReceivedMany(rows: readonly ReceivedRow[]): Promise<Settled<void>[]> {
    if (rows.length === 1) return [await settle(this.insertReceived(rows[0]))];
    const columns = RECEIVED_COLUMNS.filter((c) => c !== 'status');
    try {
      await this.options.pool.query({
        name: `petition-search-received-many-${this.options.schema}-${this.options.asynchronousCommit ? 'async' : 'sync'}`,
        text: `INSERT INTO ${this.table} (${RECEIVED_COLUMNS.join(', ')})
             SELECT ${RECEIVED_COLUMNS.map((c) => (c === 'status' ? `'received'` : `r.${c}`)).join(', ')}
             FROM ROWS FROM (jsonb_to_recordset($1::jsonb) AS (${columns
               .map((c) => `${c} ${RECEIVED_TYPES[c]}`)
               .join(', ')})) WITH ORDINALITY AS r(${columns.join(', ')}, ord)
             WHERE ${this.commitMode}
             ORDER BY r.ord
             ON CONFLICT (petition_id) DO NOTHING`,
        values: [JSON.stringify(rows.map((row) => Object.fromEntries(columns.map((c, i) => [c, row[i]]))))],
      });
    } catch {
      return Promise.all(rows.map((row) => settle(this.insertReceived(row))));
    }
    return rows.map(() => ({ ok: true as const, value: undefined }));
  }
}

/** The values of a received petition's row: every column of `RECEIVED_COLUMNS` but `status`, in order. */
type ReceivedRow = unknown[];

const RECEIVED_COLUMNS = [
  'petition_id',
  'version',
  'kind',
  'channel',
  'status',
  'received_on',
  'recorded_at',
  'classification',
  'sensitive_tags',
  'hamlet_code',
  'petitioner_type',
  'headcount',
  'anonymous',
  'petitioner_refs',
  'petitioner_keys',
  'summary',
  'search_text',
  'missing_elements',
  'duplicate_of',
  'repeat_of',
  'reception_session_id',
  'source_system',
] as const;

const RECEIVED_TYPES: Record<string, string> = {
  petition_id: 'uuid',
  version: 'integer',
  kind: 'text',
  channel: 'text',
  received_on: 'date',
  recorded_at: 'timestamptz',
  classification: 'text',
  sensitive_tags: 'text[]',
  hamlet_code: 'text',
  petitioner_type: 'text',
  headcount: 'integer',
  anonymous: 'boolean',
  petitioner_refs: 'text[]',
  petitioner_keys: 'text[]',
  summary: 'text',
  search_text: 'text',
  missing_elements: 'text[]',
  duplicate_of: 'uuid',
  repeat_of: 'uuid',
  reception_session_id: 'uuid',
  source_system: 'text',
};

function petitionIdOf(event: RecordedEvent): string {
  return event.streamId.slice(PETITION_STREAM_PREFIX.length);
}
