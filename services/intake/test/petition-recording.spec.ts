import { randomBytes, randomUUID } from 'node:crypto';
import { DomainError } from '@tiep-dan/contracts';
import {
  compareGlobalPositions,
  createPostgresEventStore,
  type PostgresEventStore,
  type RecordedEvent,
} from '@tiep-dan/event-store';
import { createTestDatabase, eventually, type TestDatabase } from '@tiep-dan/testing';
import { Pool } from 'pg';
import {
  PetitionsService,
  type MatchCandidate,
  type SubmitContext,
} from '../src/application/petitions/petitions.service';
import { foldDiacritics, petitionerKeyMaterial } from '../src/domain/matching';
import { sampleSubmission } from '../src/domain/petition/petition.test-fixtures';
import {
  PetitionSearchProjection,
  SEARCH_SUBSCRIBER,
  type KeyMaterial,
} from '../src/infrastructure/petition/petition-search.projection';
import { MatchCandidatesQuery } from '../src/infrastructure/petition/match-candidates.query';
import { PetitionRepository } from '../src/infrastructure/petition/petition.repository';
import { PersonalDataVault, VaultPersonalDataAdapter } from '../src/infrastructure/personal-data';

/**
 * Recording a petition as the service wires it with the PostgreSQL event store: few statements on the
 * request path, asynchronous commits where only derived or not yet used data is written, and the
 * same outcome as before for retries, reused keys and the search projection.
 */
const SCHEMA = 'intake';

const keyMaterial: KeyMaterial = (person) =>
  petitionerKeyMaterial({
    ...(person.fullName !== undefined ? { fullName: person.fullName } : {}),
    ...(person.citizenId !== undefined ? { citizenId: person.citizenId } : {}),
    ...(person.phone !== undefined ? { phone: person.phone } : {}),
    ...(person.hamletCode !== undefined ? { hamletKey: person.hamletCode } : {}),
  });

/** A pool that records the text of every statement it runs. */
function countingPool(url: string): { pool: Pool; statements: string[]; ofTheTest: () => string[] } {
  const pool = new Pool({ connectionString: url, max: 8 });
  // Dropping the database at the end terminates any connection still open: not a test failure.
  pool.on('error', () => undefined);
  const statements: string[] = [];
  const query = pool.query.bind(pool);
  pool.query = ((...args: Parameters<typeof query>) => {
    const config = args[0] as string | { text: string };
    statements.push((typeof config === 'string' ? config : config.text).replace(/\s+/g, ' ').trim());
    return query(...args);
  }) as typeof pool.query;
  // The event store tells other processes of an append a few ms later (NOTIFY): not the test's doing.
  const ofTheTest = () => statements.filter((sql) => !sql.includes('pg_notify'));
  return { pool, statements, ofTheTest };
}

describe('recording a petition (PostgreSQL event store, vault and search projection)', () => {
  let db: TestDatabase;
  let pool: Pool;
  let statements: string[];
  let ofTheTest: () => string[];
  let store: PostgresEventStore;
  let vault: PersonalDataVault;
  let projection: PetitionSearchProjection;
  let petitions: PetitionsService;

  /** A projection as another process would have it: its own memory of what it applied. */
  const newProjection = (
    options: {
      pool?: Pool;
      personalData?: VaultPersonalDataAdapter;
      onError?: (error: unknown) => void;
    } = {},
  ) =>
    new PetitionSearchProjection({
      onError: options.onError,
      pool: options.pool ?? pool,
      schema: SCHEMA,
      store,
      personalData: options.personalData ?? new VaultPersonalDataAdapter(vault),
      keyMaterial,
      foldText: foldDiacritics,
      asynchronousCommit: true,
    });

  const context = (key?: string): SubmitContext => ({
    actor: { userId: randomUUID(), username: 'canbo.tiepdan', roles: ['reception_officer'] },
    now: new Date('2026-11-20T03:00:00Z'),
    today: '2026-11-20',
    ...(key ? { idempotency: { scope: 'test', key } } : {}),
  });

  const searchRow = async (petitionId: string) =>
    (
      await pool.query<{ version: number; petitioner_keys: string[]; petitioner_refs: string[] }>(
        `SELECT version, petitioner_keys, petitioner_refs FROM ${SCHEMA}.petition_search WHERE petition_id = $1`,
        [petitionId],
      )
    ).rows;

  const keyRowCount = async () =>
    Number(
      (await pool.query<{ n: string }>(`SELECT count(*)::text AS n FROM ${SCHEMA}.person_keys`)).rows[0].n,
    );

  const storedEvents = (petitionId: string) => store.readStream(PetitionRepository.streamId(petitionId));

  beforeAll(async () => {
    db = await createTestDatabase('petition_recording');
    ({ pool, statements, ofTheTest } = countingPool(db.url));
    store = await createPostgresEventStore({ pool, schema: SCHEMA });
    vault = new PersonalDataVault({
      pool,
      schema: SCHEMA,
      masterKey: randomBytes(32),
      commitKeysAsynchronously: true,
    });
    await vault.migrate();
    projection = newProjection();
    await projection.migrate();
    petitions = new PetitionsService({
      store,
      pool,
      schema: SCHEMA,
      personalData: new VaultPersonalDataAdapter(vault),
      projection,
      keyMaterial,
      findRelated: () => ({}),
    });
  });

  afterAll(async () => {
    await store?.close();
    await pool?.end();
    await db?.drop();
  });

  it("records a new petition in four statements: the persons' keys, the candidates, the append, the search row", async () => {
    const submission = sampleSubmission({
      kind: 'denunciation',
      petitioners: {
        type: 'several',
        persons: [
          { fullName: 'Nguyễn Văn An', citizenId: '001085012345', hamletCode: 'thon-3' },
          { fullName: 'Trần Thị Bình', phone: '0912345678' },
        ],
      },
      respondent: {
        type: 'official',
        level: 'commune',
        description: 'Cán bộ địa chính xã',
        officialName: 'Lê Văn Cường',
        isChairman: false,
      },
      learnedOfDecisionOn: undefined,
    });
    statements.length = 0;
    const result = await petitions.submit(submission, context(randomUUID()));
    const run = ofTheTest();
    expect(run).toHaveLength(4);
    // The persons' keys and the candidates are independent and run side by side.
    expect(run.slice(0, 2)).toEqual(
      expect.arrayContaining([
        expect.stringContaining(`INSERT INTO "${SCHEMA}".person_keys`),
        expect.stringContaining(`FROM "${SCHEMA}".petition_search ps WHERE ps.petitioner_keys && q.keys`),
      ]),
    );
    expect(run.slice(2)).toEqual([
      expect.stringContaining('append_to_stream'),
      expect.stringContaining(`INSERT INTO "${SCHEMA}".petition_search`),
    ]);
    expect(result.created).toBe(true);
    // Two petitioners and the denounced official, each with a key of their own.
    const sealed = result.state.received;
    const identities = [
      ...sealed.petitioners.persons.map((p) => p.identity),
      ...(sealed.respondent?.official ? [sealed.respondent.official] : []),
    ];
    expect(new Set(identities.map((i) => i.personId)).size).toBe(3);
    expect(await vault.decryptMany(identities)).toEqual([
      { fullName: 'Nguyễn Văn An', citizenId: '001085012345' },
      { fullName: 'Trần Thị Bình', phone: '0912345678' },
      { fullName: 'Lê Văn Cường' },
    ]);
  });

  it('answers a retry with the first petition and refuses the key with another body, changing nothing', async () => {
    const key = randomUUID();
    const first = await petitions.submit(sampleSubmission(), context(key));
    const keysAfterFirst = await keyRowCount();

    const retry = await petitions.submit(sampleSubmission(), context(key));
    expect(retry).toMatchObject({ petitionId: first.petitionId, version: 0, created: false });
    expect(retry.state.received.petitioners.persons[0].identity).toEqual(
      first.state.received.petitioners.persons[0].identity,
    );

    const reused = await petitions
      .submit(sampleSubmission({ summary: 'Một nội dung khác hẳn về đất đai' }), context(key))
      .catch((error: unknown) => error);
    expect(reused).toBeInstanceOf(DomainError);
    expect((reused as DomainError).code).toBe('IDEMPOTENCY.KEY_REUSED');

    const events = await storedEvents(first.petitionId);
    expect(events.map((e) => e.type)).toEqual(['PetitionReceived']);
    // The persons' ids are name-based: the retries found their keys instead of adding orphan ones.
    expect(await keyRowCount()).toBe(keysAfterFirst);
    expect(await searchRow(first.petitionId)).toHaveLength(1);
  });

  it('records one petition when the same key is submitted concurrently', async () => {
    const key = randomUUID();
    const results = await Promise.all(
      Array.from({ length: 6 }, () => petitions.submit(sampleSubmission(), context(key))),
    );
    expect(new Set(results.map((r) => r.petitionId)).size).toBe(1);
    expect(results.filter((r) => r.created)).toHaveLength(1);
    expect(await storedEvents(results[0].petitionId)).toHaveLength(1);
  });

  it('writes the same search row from the match keys the request computed as a rebuild that decrypts', async () => {
    const result = await petitions.submit(
      sampleSubmission({
        petitioners: {
          type: 'several',
          persons: [
            { fullName: 'Nguyễn Văn An', citizenId: '001085012345', hamletCode: 'thon-3' },
            { fullName: 'Phạm Thị Dung', phone: '0987654321', hamletCode: 'thon-1' },
          ],
        },
      }),
      context(),
    );
    const fromRequest = await searchRow(result.petitionId);
    expect(fromRequest[0].petitioner_keys.length).toBeGreaterThan(0);

    await pool.query(`DELETE FROM ${SCHEMA}.petition_search WHERE petition_id = $1`, [result.petitionId]);
    const rebuild = newProjection();
    for (const event of await storedEvents(result.petitionId)) await rebuild.apply(event);
    expect(await searchRow(result.petitionId)).toEqual(fromRequest);
  });

  it('runs no statement for an event this process applied already (the subscription delivering it again)', async () => {
    const result = await petitions.submit(sampleSubmission(), context());
    const [event] = await storedEvents(result.petitionId);
    statements.length = 0;
    await projection.apply(event);
    await Promise.all([projection.apply(event), projection.apply(event)]);
    expect(ofTheTest()).toEqual([]);
    // Another process knows nothing of it and applies it, idempotently.
    await newProjection().apply(event);
    expect(ofTheTest()).toHaveLength(1);
    expect(await searchRow(result.petitionId)).toHaveLength(1);
  });

  it("skips, in its subscription, events another process's request path applied (no decryption, no write), and applies the rest", async () => {
    const results = [];
    for (let i = 0; i < 5; i++)
      results.push(
        await petitions.submit(
          sampleSubmission({
            petitioners: {
              type: 'individual',
              persons: [{ fullName: `Vi Văn Sáng ${String.fromCharCode(65 + i)}`, hamletCode: 'thon-2' }],
            },
          }),
          context(),
        ),
      );
    // One row lost (as if its request path had failed after the append): the subscription restores it.
    await pool.query(`DELETE FROM ${SCHEMA}.petition_search WHERE petition_id = $1`, [results[2].petitionId]);
    await pool.query(`DELETE FROM ${SCHEMA}.subscriber_checkpoints WHERE subscriber_id = $1`, [
      SEARCH_SUBSCRIBER,
    ]);
    const revealed: number[] = [];
    const adapter = new VaultPersonalDataAdapter(vault);
    const personalData = Object.assign(Object.create(adapter) as VaultPersonalDataAdapter, {
      reveal: (identities: Parameters<VaultPersonalDataAdapter['reveal']>[0]) => {
        revealed.push(identities.length);
        return adapter.reveal(identities);
      },
    });
    const failures: unknown[] = [];
    const other = newProjection({ personalData, onError: (error) => failures.push(error) });
    statements.length = 0;
    await other.start();
    try {
      // The last event this test appended. Not headPosition(): that is the last event deliverable now,
      // which a transaction still running elsewhere on the server (a parallel test) can hold earlier,
      // and the checkpoint then passes it rather than meets it.
      const last = (await storedEvents(results[4].petitionId)).at(-1)!.globalPosition;
      // Ends at once if the subscription failed; on a time-out, says how far it got.
      await eventually(async () => {
        if (failures.length > 0) return 'failed';
        const checkpoint = await store.readCheckpoint(SEARCH_SUBSCRIBER);
        if (checkpoint !== undefined && compareGlobalPositions(checkpoint, last) >= 0) return 'caught up';
        throw new Error(`checkpoint ${String(checkpoint)}, last event ${last}`);
      });
    } finally {
      await other.stop();
    }
    expect(failures).toEqual([]);
    const inserts = ofTheTest().filter((sql) => sql.startsWith(`INSERT INTO "${SCHEMA}".petition_search`));
    expect(inserts).toHaveLength(1);
    expect(revealed).toEqual([1]);
    expect(ofTheTest().some((sql) => sql.startsWith(`SELECT petition_id, version FROM`))).toBe(true);
    expect(await searchRow(results[2].petitionId)).toHaveLength(1);
  });

  it('applies an event again on its next delivery when its first application failed', async () => {
    const result = await petitions.submit(sampleSubmission(), context());
    await pool.query(`DELETE FROM ${SCHEMA}.petition_search WHERE petition_id = $1`, [result.petitionId]);
    const [event] = await storedEvents(result.petitionId);
    let failures = 1;
    const flaky = {
      query: (...args: Parameters<Pool['query']>) =>
        failures-- > 0 ? Promise.reject(new Error('connection terminated')) : pool.query(...args),
    } as unknown as Pool;
    const subscriber = newProjection({ pool: flaky });
    await expect(subscriber.apply(event)).rejects.toThrow('connection terminated');
    expect(await searchRow(result.petitionId)).toEqual([]);
    await subscriber.apply(event);
    expect(await searchRow(result.petitionId)).toHaveLength(1);
  });

  it('keeps no pending list on the petitioner-keys index, also one created before with fast update', async () => {
    const options = async (schema: string) =>
      (
        await pool.query<{ reloptions: string[] | null }>(
          `SELECT reloptions FROM pg_class WHERE oid = $1::regclass`,
          [`"${schema}".petition_search_keys`],
        )
      ).rows[0].reloptions;
    expect(await options(SCHEMA)).toEqual(['fastupdate=off']);

    const older = 'intake_before';
    await pool.query(`CREATE SCHEMA ${older}`);
    await pool.query(
      `CREATE TABLE ${older}.petition_search (LIKE ${SCHEMA}.petition_search INCLUDING DEFAULTS INCLUDING CONSTRAINTS)`,
    );
    await pool.query(
      `CREATE INDEX petition_search_keys ON ${older}.petition_search USING gin (petitioner_keys)`,
    );
    await pool.query(`INSERT INTO ${older}.petition_search SELECT * FROM ${SCHEMA}.petition_search LIMIT 3`);
    const migrated = new PetitionSearchProjection({
      pool,
      schema: older,
      store,
      personalData: new VaultPersonalDataAdapter(vault),
      keyMaterial,
      foldText: foldDiacritics,
    });
    await migrated.migrate();
    await migrated.migrate();
    expect(await options(older)).toEqual(['fastupdate=off']);
  });

  it('keeps a later version when an older delivery of the same petition comes last', async () => {
    const result = await petitions.submit(sampleSubmission(), context());
    await petitions.withdraw(result.petitionId, 'Công dân xin rút đơn', context());
    const events: RecordedEvent[] = await storedEvents(result.petitionId);
    const subscriber = newProjection();
    await subscriber.apply(events[1]);
    statements.length = 0;
    await subscriber.apply(events[0]);
    expect(ofTheTest()).toEqual([]);
    const [row] = await searchRow(result.petitionId);
    expect(row.version).toBe(1);
  });

  describe('with group commit of the keys, the appends and the search rows', () => {
    let grouped: PetitionsService;
    let groupedStore: PostgresEventStore;
    let groupedProjection: PetitionSearchProjection;
    let groupedVault: PersonalDataVault;
    /** What the matcher was given: each new petition's candidates. */
    const compared = new Map<string, MatchCandidate[]>();
    /** A projection with the grouped service's store and vault (another process's, without group commit). */
    const groupedStoreProjection = (groupCommit?: { maxInFlight: number }) =>
      new PetitionSearchProjection({
        pool,
        schema: SCHEMA,
        store: groupedStore,
        personalData: new VaultPersonalDataAdapter(groupedVault),
        keyMaterial,
        foldText: foldDiacritics,
        asynchronousCommit: true,
        ...(groupCommit ? { groupCommit } : {}),
      });

    beforeAll(async () => {
      groupedStore = await createPostgresEventStore({
        pool,
        schema: SCHEMA,
        groupCommit: { maxInFlight: 1 },
      });
      groupedVault = new PersonalDataVault({
        pool,
        schema: SCHEMA,
        masterKey: randomBytes(32),
        commitKeysAsynchronously: true,
        groupCommit: { maxInFlight: 1 },
      });
      groupedProjection = groupedStoreProjection({ maxInFlight: 1 });
      grouped = new PetitionsService({
        store: groupedStore,
        pool,
        schema: SCHEMA,
        personalData: new VaultPersonalDataAdapter(groupedVault),
        projection: groupedProjection,
        keyMaterial,
        findRelated: (candidate, existing) => {
          compared.set(candidate.petitionId, existing);
          return {};
        },
        candidates: new MatchCandidatesQuery({ pool, schema: SCHEMA, groupCommit: { maxInFlight: 1 } }),
      });
    });

    afterAll(async () => {
      await groupedStore?.close();
    });

    const person = (i: number) => ({
      fullName: `Trần Văn Bình ${String.fromCharCode(65 + i)}`,
      citizenId: `00108501${String(10000 + i).slice(1)}`,
      hamletCode: 'thon-1',
    });

    it('gives every request its own outcome: new petitions, retries and a reused key in the same batches', async () => {
      const retried = randomUUID();
      const keysBefore = await keyRowCount();
      statements.length = 0;
      const settled = await Promise.allSettled([
        ...Array.from({ length: 8 }, (_, i) =>
          grouped.submit(
            sampleSubmission({ petitioners: { type: 'individual', persons: [person(i)] } }),
            context(),
          ),
        ),
        ...Array.from({ length: 4 }, () => grouped.submit(sampleSubmission(), context(retried))),
        grouped.submit(sampleSubmission({ summary: 'Một nội dung khác hẳn về đất đai' }), context(retried)),
      ]);
      const sql = ofTheTest();
      // The writes of concurrent requests did share statements.
      expect(sql.some((s) => s.includes('append_to_streams'))).toBe(true);
      expect(sql.some((s) => s.includes('jsonb_to_recordset'))).toBe(true);
      expect(sql.filter((s) => s.includes('INSERT INTO "intake".person_keys')).length).toBeLessThan(13);

      const fulfilled = settled.flatMap((s) => (s.status === 'fulfilled' ? [s.value] : []));
      const rejected = settled.flatMap((s) => (s.status === 'rejected' ? [s.reason as unknown] : []));
      const fresh = fulfilled.slice(0, 8);
      expect(new Set(fresh.map((r) => r.petitionId)).size).toBe(8);
      expect(fresh.every((r) => r.created)).toBe(true);
      // Same key, same body: one petition, created once; same key, another body: refused, unless it came first.
      const sameKey = settled.slice(8);
      const created = sameKey.filter((s) => s.status === 'fulfilled' && s.value.created);
      expect(created).toHaveLength(1);
      const petitionId = (created[0] as PromiseFulfilledResult<{ petitionId: string }>).value.petitionId;
      for (const s of sameKey) {
        if (s.status === 'fulfilled') expect(s.value.petitionId).toBe(petitionId);
        else expect((s.reason as DomainError).code).toBe('IDEMPOTENCY.KEY_REUSED');
      }
      expect(rejected.length).toBeLessThanOrEqual(4);
      expect(await storedEvents(petitionId)).toHaveLength(1);

      // One key per person, however many requests offered it; every row as a rebuild writes it.
      expect(await keyRowCount()).toBe(
        keysBefore + 8 + (sampleSubmission().petitioners?.persons?.length ?? 0),
      );
      for (const id of [...fresh.map((r) => r.petitionId), petitionId]) {
        const row = await searchRow(id);
        expect(row).toHaveLength(1);
        await pool.query(`DELETE FROM ${SCHEMA}.petition_search WHERE petition_id = $1`, [id]);
        const rebuild = groupedStoreProjection();
        for (const event of await storedEvents(id)) await rebuild.apply(event);
        expect(await searchRow(id)).toEqual(row);
      }
      // The persons' identities open with the keys that were kept.
      const [event] = await storedEvents(fresh[3].petitionId);
      const identity = (event.data as { petitioners: { persons: { identity: unknown }[] } }).petitioners
        .persons[0].identity;
      expect(await new VaultPersonalDataAdapter(groupedVault).reveal([identity as never])).toMatchObject([
        { fullName: person(3).fullName },
      ]);
      // Also those offered by several requests of one batch: this process kept the key that was stored.
      const [retriedEvent] = await storedEvents(petitionId);
      const retriedPersons = (retriedEvent.data as { petitioners: { persons: { identity: unknown }[] } })
        .petitioners.persons;
      expect(
        await new VaultPersonalDataAdapter(groupedVault).reveal(
          retriedPersons.map((p) => p.identity as never),
        ),
      ).toMatchObject((sampleSubmission().petitioners?.persons ?? []).map((p) => ({ fullName: p.fullName })));
    });

    it("looks up concurrent petitions' candidates in shared statements, each petition getting only its own", async () => {
      const earlier = async (i: number) =>
        (
          await grouped.submit(
            sampleSubmission({ petitioners: { type: 'individual', persons: [person(40 + i)] } }),
            context(),
          )
        ).petitionId;
      // Persons 40 and 41 came before (41 twice); 42 and 43 are new.
      const before = { 40: [await earlier(0)], 41: [await earlier(1), await earlier(1)] };
      statements.length = 0;
      compared.clear();
      const results = await Promise.all(
        [40, 41, 42, 43, 40, 41].map((i) =>
          grouped.submit(
            sampleSubmission({ petitioners: { type: 'individual', persons: [person(i)] } }),
            context(),
          ),
        ),
      );
      const lookups = ofTheTest().filter((sql) => sql.includes('CROSS JOIN LATERAL'));
      expect(lookups.length).toBeGreaterThan(0);
      expect(lookups.length).toBeLessThan(results.length);
      const ids = results.map((r) => r.petitionId);
      const seen = (k: number) => (compared.get(ids[k]) ?? []).map((c) => c.petitionId);
      // The earlier ones, and the concurrent one of the same person if it was recorded first.
      expect(seen(0)).toEqual(expect.arrayContaining(before[40]));
      expect(seen(1)).toEqual(expect.arrayContaining(before[41]));
      expect(seen(0).every((id) => [...before[40], ids[4]].includes(id))).toBe(true);
      expect(seen(1).every((id) => [...before[41], ids[5]].includes(id))).toBe(true);
      expect(seen(4).every((id) => [...before[40], ids[0]].includes(id))).toBe(true);
      expect(seen(5).every((id) => [...before[41], ids[1]].includes(id))).toBe(true);
      // Newcomers have nobody to be compared with (the matcher is not even called).
      expect(compared.has(ids[2])).toBe(false);
      expect(compared.has(ids[3])).toBe(false);
      // Never the petition itself.
      for (const k of [0, 1, 4, 5]) expect(seen(k)).not.toContain(ids[k]);
    });

    it('writes every row of a failed search-row batch on its own, and fails only the row that fails alone', async () => {
      const results = await Promise.all(
        Array.from({ length: 3 }, (_, i) =>
          grouped.submit(
            sampleSubmission({ petitioners: { type: 'individual', persons: [person(20 + i)] } }),
            context(),
          ),
        ),
      );
      const events = await Promise.all(results.map(async (r) => (await storedEvents(r.petitionId))[0]));
      await pool.query(`DELETE FROM ${SCHEMA}.petition_search WHERE petition_id = ANY($1::uuid[])`, [
        results.map((r) => r.petitionId),
      ]);
      // A row that cannot be written: its date is not a date. The batch's statement fails as a whole.
      const broken = { ...events[1], data: { ...(events[1].data as object), receivedOn: 'not-a-date' } };
      const fresh = groupedStoreProjection({ maxInFlight: 1 });
      const settled = await Promise.allSettled([
        fresh.apply(events[0], { petitionerKeys: [] }),
        fresh.apply(broken, { petitionerKeys: [] }),
        fresh.apply(events[2], { petitionerKeys: [] }),
      ]);
      expect(settled.map((s) => s.status)).toEqual(['fulfilled', 'rejected', 'fulfilled']);
      expect(await searchRow(results[0].petitionId)).toHaveLength(1);
      expect(await searchRow(results[1].petitionId)).toEqual([]);
      expect(await searchRow(results[2].petitionId)).toHaveLength(1);
    });
  });
});
