import { randomBytes, randomUUID } from 'node:crypto';
import type { PersonInput, PetitionSubmissionInput } from '@tiep-dan/contracts';
import { createPostgresEventStore, type PostgresEventStore } from '@tiep-dan/event-store';
import type { InboundMessage, MessageBus } from '@tiep-dan/messaging';
import { createTestDatabase, type TestDatabase } from '@tiep-dan/testing';
import { Pool } from 'pg';
import { keyMaterialOf, relatedFinderOf } from '../src/application/petitions/petition-matching';
import { PetitionSearch } from '../src/application/petitions/petition-search.query';
import { PetitionsService, type SubmitContext } from '../src/application/petitions/petitions.service';
import {
  caseClosed,
  caseEnded,
  caseOpened,
  type CaseEventMessage,
  processingDecided,
} from '../src/application/resolutions/case-events.test-fixtures';
import { CaseOutcomesConsumer } from '../src/application/resolutions/case-outcomes.consumer';
import { CommuneConfigRepository } from '../src/commune/commune-config.repository';
import { CommuneDirectory } from '../src/commune/commune.directory';
import { foldDiacritics } from '../src/domain/matching';
import { sampleSubmission } from '../src/domain/petition/petition.test-fixtures';
import { PetitionSearchProjection } from '../src/infrastructure/petition/petition-search.projection';
import { PersonalDataVault, VaultPersonalDataAdapter } from '../src/infrastructure/personal-data';
import { CaseOutcomesStore } from '../src/infrastructure/resolutions/case-outcomes.store';

/**
 * Issue 3, item 5, on PostgreSQL: intake learns from routing's case events which matters were finally
 * resolved, and links a later petition of the same person about one as a repeat (`repeatOf`), not as a
 * duplicate. The consumer's handler is called as the bus calls it (over Kafka: case-outcomes.e2e.spec.ts).
 */
const SCHEMA = 'intake';

describe('petitions about matters whose case closed (PostgreSQL)', () => {
  let db: TestDatabase;
  let pool: Pool;
  let store: PostgresEventStore;
  let vault: PersonalDataVault;
  let commune: CommuneDirectory;
  let petitions: PetitionsService;
  let search: PetitionSearch;
  let consumer: CaseOutcomesConsumer;
  let newProjection: (schema: string) => PetitionSearchProjection;

  const context = (today: string): SubmitContext => ({
    actor: { userId: randomUUID(), username: 'canbo.tiepdan', roles: ['reception_officer'] },
    now: new Date(`${today}T03:00:00Z`),
    today,
  });

  /** A land complaint of `person` (a fresh one per test, so that no other test's petitions are candidates). */
  const complaint = (person: PersonInput, receivedOn: string): PetitionSubmissionInput =>
    sampleSubmission({
      petitioners: { type: 'individual', persons: [person] },
      summary: 'Khiếu nại quyết định thu hồi đất của UBND xã đối với thửa đất số 45',
      receivedOn,
      writtenOn: receivedOn,
    });

  // Name + hamlet is a match key too: every person gets a name of their own.
  const names = [
    'Trịnh Văn Khải',
    'Đỗ Thị Lan',
    'Vũ Minh Quang',
    'Lương Thị Huệ',
    'Tạ Đình Phong',
    'Mai Xuân Trường',
    'Kiều Văn Thắng',
    'Phùng Thị Yến',
  ];
  let people = 0;
  const newPerson = (): PersonInput => {
    people += 1;
    return {
      fullName: names[people - 1],
      citizenId: `0010850${String(10000 + people)}`,
      hamletCode: 'thon-3',
    };
  };

  const record = async (submission: PetitionSubmissionInput) => {
    const result = await petitions.submit(submission, context(submission.receivedOn));
    return { petitionId: result.petitionId, received: result.state.received };
  };

  const deliver = async (...messages: Array<CaseEventMessage & { topic?: string }>) => {
    for (const m of messages) {
      await consumer.handle({ key: m.key, value: m.value, topic: m.topic } as InboundMessage);
    }
  };

  const resolution = async (petitionId: string) =>
    (
      await pool.query<{ case_id: string; resolved_at: Date }>(
        `SELECT case_id, resolved_at FROM ${SCHEMA}.petition_resolutions WHERE petition_id = $1`,
        [petitionId],
      )
    ).rows;

  const listed = async (petitionId: string, resolved?: 'true' | 'false') => {
    const page = await search.run({ page: 1, pageSize: 200, ...(resolved ? { resolved } : {}) });
    return (page.items as Array<{ petitionId: string; resolved: boolean }>).find(
      (i) => i.petitionId === petitionId,
    );
  };

  beforeAll(async () => {
    db = await createTestDatabase('case_outcomes');
    pool = new Pool({ connectionString: db.url, max: 8 });
    // Dropping the database at the end terminates any connection still open: not a test failure.
    pool.on('error', () => undefined);
    store = await createPostgresEventStore({ pool, schema: SCHEMA });
    vault = new PersonalDataVault({ pool, schema: SCHEMA, masterKey: randomBytes(32) });
    await vault.migrate();
    commune = new CommuneDirectory(new CommuneConfigRepository(pool, SCHEMA), {
      pool,
      schema: SCHEMA,
      refreshIntervalMs: 0,
    });
    await commune.onModuleInit();
    const personalData = new VaultPersonalDataAdapter(vault);
    const projection = new PetitionSearchProjection({
      pool,
      schema: SCHEMA,
      store,
      personalData,
      keyMaterial: keyMaterialOf(commune),
      foldText: foldDiacritics,
    });
    await projection.migrate();
    petitions = new PetitionsService({
      store,
      pool,
      schema: SCHEMA,
      personalData,
      projection,
      keyMaterial: keyMaterialOf(commune),
      findRelated: relatedFinderOf(commune),
      resolveHamlet: (codeOrAlias) => commune.hamlet(codeOrAlias)?.code,
    });
    search = new PetitionSearch(pool, SCHEMA, personalData, foldDiacritics, () => []);
    newProjection = (schema) =>
      new PetitionSearchProjection({
        pool,
        schema,
        store,
        personalData,
        keyMaterial: keyMaterialOf(commune),
        foldText: foldDiacritics,
      });
    // Only `handle` is used here; the bus is Kafka's in the end-to-end test.
    consumer = new CaseOutcomesConsumer({} as MessageBus, new CaseOutcomesStore(pool, SCHEMA));
  });

  afterAll(async () => {
    commune?.onModuleDestroy();
    await store?.close();
    await pool?.end();
    await db?.drop();
  });

  it('links a petition about a matter whose case was closed as a repeat of it, not as a duplicate', async () => {
    const person = newPerson();
    const first = await record(complaint(person, '2026-11-02'));
    const caseId = randomUUID();
    await deliver(caseOpened({ caseId, petitionId: first.petitionId }));
    expect((await listed(first.petitionId))?.resolved).toBe(false);

    await deliver(caseClosed({ caseId, at: '2026-12-20T08:00:00.000Z' }));
    expect(await resolution(first.petitionId)).toEqual([
      { case_id: caseId, resolved_at: new Date('2026-12-20T08:00:00.000Z') },
    ]);
    expect((await listed(first.petitionId, 'true'))?.resolved).toBe(true);
    expect(await listed(first.petitionId, 'false')).toBeUndefined();

    const again = await record(complaint(person, '2027-01-05'));
    expect(again.received.repeatOf?.petitionId).toBe(first.petitionId);
    expect(again.received.duplicateOf).toBeUndefined();
    // Filed away as a repeat (no case of its own), it shares the outcome of the matter.
    expect((await listed(again.petitionId))?.resolved).toBe(true);
  });

  it('keeps linking as a duplicate while the case is open, and after a case was stopped or withdrawn', async () => {
    for (const ending of ['CaseStopped', 'CaseWithdrawn'] as const) {
      const person = newPerson();
      const first = await record(complaint(person, '2026-11-02'));
      const caseId = randomUUID();
      await deliver(caseOpened({ caseId, petitionId: first.petitionId }));
      const whileOpen = await record(complaint(person, '2026-11-20'));
      expect(whileOpen.received.duplicateOf?.petitionId).toBe(first.petitionId);

      await deliver(caseEnded(ending, { caseId }));
      expect(await resolution(first.petitionId)).toEqual([]);
      const after = await record(complaint(person, '2026-12-05'));
      expect(after.received.repeatOf).toBeUndefined();
      expect(after.received.duplicateOf).toBeDefined();
    }
  });

  it('applies a closing delivered before the opening of its case once the opening comes', async () => {
    const person = newPerson();
    const first = await record(complaint(person, '2026-11-02'));
    const caseId = randomUUID();
    await deliver(caseClosed({ caseId }));
    expect(await resolution(first.petitionId)).toEqual([]);
    await deliver(caseOpened({ caseId, petitionId: first.petitionId }));
    expect(await resolution(first.petitionId)).toHaveLength(1);
    const again = await record(complaint(person, '2027-01-05'));
    expect(again.received.repeatOf?.petitionId).toBe(first.petitionId);
  });

  it('changes nothing when the events are delivered again', async () => {
    const petitionId = randomUUID();
    const caseId = randomUUID();
    const opened = caseOpened({ caseId, petitionId });
    const closed = caseClosed({ caseId, at: '2026-12-20T08:00:00.000Z' });
    await deliver(opened, closed);
    const before = await resolution(petitionId);
    await deliver(closed, opened, closed, opened);
    expect(await resolution(petitionId)).toEqual(before);
    const rows = await pool.query(
      `SELECT (SELECT count(*) FROM ${SCHEMA}.case_petitions WHERE case_id = $1)::int AS cases,
              (SELECT count(*) FROM ${SCHEMA}.case_closings WHERE case_id = $1)::int AS closings`,
      [caseId],
    );
    expect(rows.rows[0]).toEqual({ cases: 1, closings: 1 });
  });

  it('resolves the first-time petition too when the second complaint about it is closed, in any order', async () => {
    // Events of one case come in order; those of the two rounds may not (other partitions).
    const orders = [
      ['first-opened', 'second-opened', 'second-closed'],
      ['second-opened', 'second-closed', 'first-opened'],
      ['second-closed', 'first-opened', 'second-opened'],
    ];
    for (const order of orders) {
      const [firstPetition, secondPetition, firstCase, secondCase] = [1, 2, 3, 4].map(() => randomUUID());
      const events: Record<string, CaseEventMessage> = {
        'first-opened': caseOpened({ caseId: firstCase, petitionId: firstPetition }),
        'second-opened': caseOpened({
          caseId: secondCase,
          petitionId: secondPetition,
          previousCaseId: firstCase,
        }),
        'second-closed': caseClosed({ caseId: secondCase, at: '2027-02-10T08:00:00.000Z' }),
      };
      for (const name of order) await deliver(events[name]);
      expect(await resolution(firstPetition)).toEqual([
        { case_id: secondCase, resolved_at: new Date('2027-02-10T08:00:00.000Z') },
      ]);
      expect(await resolution(secondPetition)).toHaveLength(1);
    }
  });

  it('does not resolve a second complaint when only the first-time case was closed', async () => {
    const [firstPetition, secondPetition, firstCase, secondCase] = [1, 2, 3, 4].map(() => randomUUID());
    await deliver(
      caseOpened({ caseId: firstCase, petitionId: firstPetition }),
      caseClosed({ caseId: firstCase }),
      caseOpened({ caseId: secondCase, petitionId: secondPetition, previousCaseId: firstCase }),
    );
    expect(await resolution(firstPetition)).toHaveLength(1);
    expect(await resolution(secondPetition)).toEqual([]);
  });

  it('keeps the earliest closing as when a petition was resolved, whatever order the closings came in', async () => {
    for (const firstClosingFirst of [true, false]) {
      const [firstPetition, secondPetition, firstCase, secondCase] = [1, 2, 3, 4].map(() => randomUUID());
      const first = caseClosed({ caseId: firstCase, at: '2026-12-01T08:00:00.000Z' });
      const second = caseClosed({ caseId: secondCase, at: '2027-02-10T08:00:00.000Z' });
      await deliver(
        caseOpened({ caseId: firstCase, petitionId: firstPetition }),
        caseOpened({ caseId: secondCase, petitionId: secondPetition, previousCaseId: firstCase }),
        ...(firstClosingFirst ? [first, second] : [second, first]),
      );
      expect(await resolution(firstPetition)).toEqual([
        { case_id: firstCase, resolved_at: new Date('2026-12-01T08:00:00.000Z') },
      ]);
    }
  });

  it('loses no resolution when the opening of an earlier round and a closing are applied at the same time', async () => {
    for (let round = 0; round < 20; round++) {
      const [firstPetition, secondPetition, firstCase, secondCase] = [1, 2, 3, 4].map(() => randomUUID());
      await deliver(
        caseOpened({ caseId: secondCase, petitionId: secondPetition, previousCaseId: firstCase }),
      );
      await Promise.all([
        deliver(caseOpened({ caseId: firstCase, petitionId: firstPetition })),
        deliver(caseClosed({ caseId: secondCase })),
      ]);
      expect(await resolution(firstPetition)).toHaveLength(1);
    }
  });

  it('counts a duplicate filed away without a case of its own as resolved with the petition it duplicates', async () => {
    const person = newPerson();
    const first = await record(complaint(person, '2026-11-02'));
    const caseId = randomUUID();
    await deliver(caseOpened({ caseId, petitionId: first.petitionId }));
    const duplicate = await record(complaint(person, '2026-11-20'));
    expect(duplicate.received.duplicateOf?.petitionId).toBe(first.petitionId);
    await deliver(caseClosed({ caseId }));
    expect((await listed(duplicate.petitionId))?.resolved).toBe(true);
    // Otherwise the next one would be a duplicate of the filed-away duplicate, "still open".
    const later = await record(complaint(person, '2027-01-05'));
    expect(later.received.duplicateOf).toBeUndefined();
    expect([first.petitionId, duplicate.petitionId]).toContain(later.received.repeatOf?.petitionId);
  });

  it('keeps a duplicate that was accepted as a case of its own open until that case closes', async () => {
    const person = newPerson();
    const first = await record(complaint(person, '2026-11-02'));
    const [firstCase, ownCase] = [randomUUID(), randomUUID()];
    await deliver(caseOpened({ caseId: firstCase, petitionId: first.petitionId }));
    const duplicate = await record(complaint(person, '2026-11-20'));
    expect(duplicate.received.duplicateOf?.petitionId).toBe(first.petitionId);
    await deliver(
      caseOpened({ caseId: ownCase, petitionId: duplicate.petitionId }),
      caseClosed({ caseId: firstCase }),
    );
    expect((await listed(duplicate.petitionId))?.resolved).toBe(false);
    await deliver(caseClosed({ caseId: ownCase }));
    expect((await listed(duplicate.petitionId))?.resolved).toBe(true);
  });

  it('no longer links to a petition routing filed away: the person’s next petition about it is new', async () => {
    const person = newPerson();
    const first = await record(complaint(person, '2026-11-02'));
    const open = await record(complaint(person, '2026-11-04'));
    expect(open.received.duplicateOf?.petitionId).toBe(first.petitionId);
    // Both filed away (the first unsigned, the second as its duplicate), and a redelivery changes nothing.
    await deliver(
      processingDecided({ petitionId: first.petitionId, outcome: 'file_away', filingReason: 'unsigned' }),
      processingDecided({ petitionId: open.petitionId, outcome: 'file_away', filingReason: 'duplicate' }),
      processingDecided({ petitionId: first.petitionId, outcome: 'file_away', filingReason: 'unsigned' }),
    );
    const signed = await record(complaint(person, '2026-11-10'));
    expect(signed.received.duplicateOf).toBeUndefined();
    expect(signed.received.repeatOf).toBeUndefined();
    // Accepted instead, it stays open: the next one is its duplicate.
    await deliver(processingDecided({ petitionId: signed.petitionId, outcome: 'accept' }));
    const again = await record(complaint(person, '2026-11-12'));
    expect(again.received.duplicateOf?.petitionId).toBe(signed.petitionId);
  });

  it('drops the resolved column that search tables created before had, which nothing ever set', async () => {
    const older = 'intake_before_outcomes';
    await pool.query(`CREATE SCHEMA ${older}`);
    await pool.query(
      `CREATE TABLE ${older}.petition_search (LIKE ${SCHEMA}.petition_search INCLUDING DEFAULTS INCLUDING CONSTRAINTS)`,
    );
    await pool.query(
      `ALTER TABLE ${older}.petition_search ADD COLUMN resolved boolean NOT NULL DEFAULT false`,
    );
    await newProjection(older).migrate();
    await newProjection(older).migrate();
    const columns = await pool.query(
      `SELECT column_name FROM information_schema.columns WHERE table_schema = $1 AND table_name = 'petition_search'`,
      [older],
    );
    expect(columns.rows.map((r) => r.column_name)).not.toContain('resolved');
    const tables = await pool.query(
      `SELECT table_name FROM information_schema.tables WHERE table_schema = $1 ORDER BY table_name`,
      [older],
    );
    expect(tables.rows.map((r) => r.table_name)).toEqual([
      'case_closings',
      'case_petitions',
      'petition_filings',
      'petition_resolutions',
      'petition_search',
    ]);
  });
});
