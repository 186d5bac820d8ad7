import { randomBytes, randomUUID } from 'node:crypto';
import type { PersonInput, PetitionSubmissionInput } from '@tiep-dan/contracts';
import { createPostgresEventStore, type PostgresEventStore } from '@tiep-dan/event-store';
import { createTestDatabase, type TestDatabase } from '@tiep-dan/testing';
import { Pool } from 'pg';
// The simulator is the only source of ground truth for duplicates; a test-only import.
import { generateCommuneYear } from '../../../tools/simulate/src';
import { keyMaterialOf, relatedFinderOf } from '../src/application/petitions/petition-matching';
import { PetitionsService, type SubmitContext } from '../src/application/petitions/petitions.service';
import { CommuneConfigRepository } from '../src/commune/commune-config.repository';
import { CommuneDirectory } from '../src/commune/commune.directory';
import { foldDiacritics } from '../src/domain/matching';
import {
  DuplicateTally,
  precision,
  recall,
  type Measurement,
} from '../src/domain/matching/duplicate-detection.test-measure';
import { sampleSubmission } from '../src/domain/petition/petition.test-fixtures';
import { PetitionRepository } from '../src/infrastructure/petition/petition.repository';
import { PetitionSearchProjection } from '../src/infrastructure/petition/petition-search.projection';
import { PersonalDataVault, VaultPersonalDataAdapter } from '../src/infrastructure/personal-data';

/**
 * Duplicate and repeat detection (issue 3, item 5) as PetitionsService does it when it records a
 * petition: match keys from the vault's keyed hashes, candidates from the search projection on
 * PostgreSQL, the commune's hamlets (sample commune) for hamlets written in addresses and for place
 * aliases in summaries. First single cases, then a simulated period measured against the simulator's
 * ground truth (the measure of matcher.simulated.spec.ts, shared).
 */
const SCHEMA = 'intake';

describe('duplicate detection when recording petitions (PostgreSQL, sample commune)', () => {
  let db: TestDatabase;
  let pool: Pool;
  let store: PostgresEventStore;
  let vault: PersonalDataVault;
  let commune: CommuneDirectory;
  let projection: PetitionSearchProjection;
  let petitions: PetitionsService;

  const newProjection = () =>
    new PetitionSearchProjection({
      pool,
      schema: SCHEMA,
      store,
      personalData: new VaultPersonalDataAdapter(vault),
      keyMaterial: keyMaterialOf(commune),
      foldText: foldDiacritics,
    });

  const context = (today: string, key: string = randomUUID()): SubmitContext => ({
    actor: {
      userId: '7d0f4a8e-2c1b-4e5f-9a6d-3b2c1d0e9f8a',
      username: 'canbo.tiepdan',
      roles: ['reception_officer'],
    },
    now: new Date(`${today}T03:00:00Z`),
    today,
    idempotency: { scope: 'duplicate-detection', key },
  });

  /** A reflection of one person; a fresh name, so that no other test's petitions are candidates. */
  const reflection = (
    person: PersonInput,
    overrides: Partial<PetitionSubmissionInput>,
  ): PetitionSubmissionInput =>
    sampleSubmission({
      kind: 'reflection',
      classification: 'other',
      learnedOfDecisionOn: undefined,
      respondent: undefined,
      petitioners: { type: 'individual', persons: [person] },
      ...overrides,
    });

  const record = async (submission: PetitionSubmissionInput) => {
    const result = await petitions.submit(submission, context(submission.receivedOn));
    return { petitionId: result.petitionId, received: result.state.received };
  };

  beforeAll(async () => {
    db = await createTestDatabase('duplicate_detection');
    pool = new Pool({ connectionString: db.url, max: 8 });
    // Dropping the database at the end terminates any connection still open: not a test failure.
    pool.on('error', () => undefined);
    store = await createPostgresEventStore({ pool, schema: SCHEMA });
    vault = new PersonalDataVault({ pool, schema: SCHEMA, masterKey: randomBytes(32) });
    await vault.migrate();
    // The commune directory as intake runs it, seeded with the sample commune (Xã Phượng Tiến).
    commune = new CommuneDirectory(new CommuneConfigRepository(pool, SCHEMA), {
      pool,
      schema: SCHEMA,
      refreshIntervalMs: 0,
    });
    await commune.onModuleInit();
    projection = newProjection();
    await projection.migrate();
    petitions = new PetitionsService({
      store,
      pool,
      schema: SCHEMA,
      personalData: new VaultPersonalDataAdapter(vault),
      projection,
      keyMaterial: keyMaterialOf(commune),
      findRelated: relatedFinderOf(commune),
      resolveHamlet: (codeOrAlias) => commune.hamlet(codeOrAlias)?.code,
    });
  });

  afterAll(async () => {
    commune?.onModuleDestroy();
    await store?.close();
    await pool?.end();
    await db?.drop();
  });

  it('links a petition whose petitioner wrote the hamlet only in the address, without diacritics, to the one recorded with the hamlet', async () => {
    // No citizen ID, no phone: name + hamlet is the only key of this petitioner.
    const first = await record(
      reflection(
        { fullName: 'Hoàng Thị Thanh Xuân', hamletCode: 'Thôn Hai' },
        {
          summary: 'Phản ánh đường bê tông xóm 2 bị nứt vỡ',
          receivedOn: '2026-11-02',
          writtenOn: '2026-11-01',
        },
      ),
    );
    const second = await record(
      reflection(
        { fullName: 'Hoang Thi Thanh Xuan', address: 'Thon Hai, xa Phuong Tien, tinh Thai Nguyen' },
        {
          summary: 'duong be tong thon 2 bi nut vo, de nghi kiem tra',
          receivedOn: '2026-11-16',
          writtenOn: '2026-11-15',
        },
      ),
    );
    expect(second.received.duplicateOf).toMatchObject({
      petitionId: first.petitionId,
      reasons: expect.arrayContaining(['same_petitioner']),
    });
    // Not recorded as the person's hamlet: only a key is derived from the address.
    expect(second.received.petitioners.persons[0].hamletCode).toBeUndefined();
  });

  it('gives a rebuilt search row the keys of a hamlet read from the address, as the request did', async () => {
    const person = { fullName: 'Đinh Văn Khải', address: 'Xóm 3, xã Phượng Tiến' };
    const { petitionId } = await record(
      reflection(person, { summary: 'Phản ánh cột điện nghiêng trước nhà văn hóa thôn 3' }),
    );
    const keysOf = async () =>
      (
        await pool.query<{ petitioner_keys: string[] }>(
          `SELECT petitioner_keys FROM ${SCHEMA}.petition_search WHERE petition_id = $1`,
          [petitionId],
        )
      ).rows[0].petitioner_keys;
    const written = await keysOf();
    // Name + hamlet (thon-3, from "Xóm 3") is this petitioner's only key.
    expect(written).toHaveLength(1);

    await pool.query(`DELETE FROM ${SCHEMA}.petition_search WHERE petition_id = $1`, [petitionId]);
    const rebuild = newProjection();
    for (const event of await store.readStream(PetitionRepository.streamId(petitionId)))
      await rebuild.apply(event);
    expect(await keysOf()).toEqual(written);
  });

  it('links a re-worded petition about the same matter when the classification corroborates it', async () => {
    const person = { fullName: 'Vũ Đình Hưng', citizenId: '019088004512', hamletCode: 'thon-3' };
    const first = await record(
      reflection(person, {
        classification: 'other',
        summary: 'Phản ánh cống thoát nước ở thôn 3 bị tắc gây ngập',
        receivedOn: '2026-10-05',
        writtenOn: '2026-10-05',
      }),
    );
    const second = await record(
      reflection(person, {
        classification: 'other',
        summary: 'de nghi xa no vet cong thoat nuoc thon Ba, mua xuong la ngap',
        receivedOn: '2026-10-20',
        writtenOn: '2026-10-19',
      }),
    );
    // The wording alone (a score below the same-matter threshold) would not link them.
    expect(second.received.duplicateOf).toMatchObject({
      petitionId: first.petitionId,
      reasons: expect.arrayContaining(['same_classification']),
    });
    expect(second.received.duplicateOf!.score).toBeLessThan(0.65);
  });

  it('does not link the same person re-wording a petition of another classification', async () => {
    const person = { fullName: 'Vũ Thị Hằng', citizenId: '019190007788', hamletCode: 'thon-3' };
    await record(
      reflection(person, {
        classification: 'other',
        summary: 'Phản ánh cống thoát nước ở thôn 3 bị tắc gây ngập',
        receivedOn: '2026-10-05',
        writtenOn: '2026-10-05',
      }),
    );
    const second = await record(
      reflection(person, {
        classification: 'policy',
        summary: 'de nghi xa no vet cong thoat nuoc thon Ba, mua xuong la ngap',
        receivedOn: '2026-10-20',
        writtenOn: '2026-10-19',
      }),
    );
    expect(second.received.duplicateOf).toBeUndefined();
    expect(second.received.repeatOf).toBeUndefined();
  });

  it("reads the commune's hamlet aliases in summaries: Xóm 3 and thôn Ba are one place", async () => {
    const person = { fullName: 'Lò Văn Páo', phone: '0976543210', hamletCode: 'thon-3' };
    const first = await record(
      reflection(person, {
        summary: 'Phản ánh rác thải ở bãi tập kết xóm 3 không được thu gom',
        receivedOn: '2026-09-07',
        writtenOn: '2026-09-07',
      }),
    );
    const second = await record(
      reflection(person, {
        summary: 'rac o thon Ba khong ai thu gom, boc mui',
        receivedOn: '2026-09-21',
        writtenOn: '2026-09-20',
      }),
    );
    expect(second.received.duplicateOf?.petitionId).toBe(first.petitionId);
  });

  /**
   * No case closes here (resolutions come from routing's case events), so every link is a
   * `duplicateOf`: the measure counts the links to an earlier petition of the same matter, whatever
   * their kind.
   */
  describe('on a simulated period of the sample commune', () => {
    const PETITIONS = 1000;
    let measured: Measurement;
    let refused: string[];

    beforeAll(async () => {
      const year = generateCommuneYear({ seed: 2024, year: 2025, petitions: PETITIONS });
      const tally = new DuplicateTally();
      refused = [];
      for (const submission of year.submissions) {
        const today = submission.petition.receivedOn;
        try {
          const result = await petitions.submit(submission.petition, context(today, submission.submissionId));
          tally.record(submission, result.petitionId, result.state.received);
        } catch (error) {
          refused.push(`${submission.submissionId}: ${String(error)}`);
        }
      }
      measured = tally.measurement();
    }, 120_000);

    it('records every submission and has re-sent matters to find', () => {
      expect(refused).toEqual([]);
      expect(measured.duplicates.expected + measured.repeats.expected).toBeGreaterThan(30);
    });

    it('links at least 80% of the matters an identified petitioner sends again to a petition of the same matter', () => {
      expect(recall(measured)).toBeGreaterThanOrEqual(0.8);
    });

    it('links a petition to another matter in at most 5% of its links', () => {
      expect(precision(measured)).toBeGreaterThanOrEqual(0.95);
    });
  });
});
