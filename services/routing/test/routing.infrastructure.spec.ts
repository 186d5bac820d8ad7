import { randomUUID } from 'node:crypto';
import { createPostgresEventStore, type PostgresEventStore, type RecordedEvent } from '@tiep-dan/event-store';
import { createTestDatabase, type TestDatabase, until } from '@tiep-dan/testing';
import { Pool } from 'pg';
import { CasesService } from '../src/application/cases/cases.service';
import { DEFAULT_TIME_LIMITS } from '../src/domain/time-limits';
import { calendar2026 } from '../src/domain/processing/processing.test-fixtures';
import { DurableSubscriber } from '../src/infrastructure/event-sourcing/durable-subscriber';
import { CaseListReadModel } from '../src/infrastructure/read-models/case-list.read-model';
import { ProcessingListReadModel } from '../src/infrastructure/read-models/processing-list.read-model';
import { decide as decideProcessing, foldProcessing, proposeProcessing } from '../src/domain/processing';
import { acceptByChairman, facts, testContext } from '../src/domain/processing/processing.test-fixtures';
import type { OpenCaseData } from '../src/domain/case';
import { WorkingCalendar } from '@tiep-dan/platform/calendar';

/** 2026 and 2027 with weekends only: enough for the mechanics tested here. */
const calendar = new WorkingCalendar([
  { year: 2026, holidays: [], makeUpWorkingDays: [] },
  { year: 2027, holidays: [], makeUpWorkingDays: [] },
]);

function opening(caseId: string): OpenCaseData {
  return {
    caseId,
    petitionId: randomUUID(),
    kind: 'complaint',
    classification: 'administrative.land_housing',
    sensitiveTags: ['land'],
    complaintRound: 'first',
    complexity: 'normal',
    remoteArea: false,
    receivedOn: '2026-11-20',
    unitCode: 'economic-department',
    ruleId: 'complaint.commune.first.land',
    ruleSetVersion: 1,
    petitionerRefs: ['P-ABC'],
  };
}

describe('routing infrastructure on PostgreSQL', () => {
  let db: TestDatabase;
  let store: PostgresEventStore;
  let pool: Pool;
  let caseList: CaseListReadModel;
  let processingList: ProcessingListReadModel;
  let cases: CasesService;
  const ensured: string[] = [];

  beforeAll(async () => {
    db = await createTestDatabase('routing_infra');
    store = await createPostgresEventStore({
      connectionString: db.url,
      schema: 'routing',
      poolConfig: { max: 6 },
    });
    pool = new Pool({ connectionString: db.url, max: 4 });
    pool.on('error', () => undefined);
    caseList = new CaseListReadModel(pool, 'routing');
    processingList = new ProcessingListReadModel(pool, 'routing');
    await Promise.all([caseList.migrate(), caseList.migrate(), processingList.migrate()]);
    cases = new CasesService({
      store,
      calendar: async () => calendar,
      limits: DEFAULT_TIME_LIMITS,
      readModel: caseList,
      ensureUnitTopic: async (topic) => void ensured.push(topic),
    });
  });

  afterAll(async () => {
    await store?.close();
    await pool?.end();
    await db?.drop();
  });

  const at = { now: '2026-11-23T02:00:00.000Z', today: '2026-11-23' };
  const unit = { id: 'kt-01', kind: 'unit' as const, unitCode: 'economic-department' };

  it('opens a case once under concurrent retries of the same opening, and lists it', async () => {
    const caseId = randomUUID();
    const data = opening(caseId);
    const results = await Promise.all(Array.from({ length: 4 }, () => cases.open(data, at, {})));
    expect(results.filter((r) => r.appended.length > 0)).toHaveLength(1);
    expect(await store.readStream(`case-${caseId}`)).toHaveLength(2);
    expect(await caseList.get(caseId)).toMatchObject({
      status: 'assigned',
      unitCode: 'economic-department',
      version: 1,
    });
    expect(ensured).toContain('routing.unit-assignments.economic-department.v1');
    await expect(cases.open({ ...data, unitCode: 'commune-office' }, at, {})).rejects.toMatchObject({
      code: 'CASE.ALREADY_OPENED',
    });
    expect(await caseList.withOpenDeadlines()).toContain(caseId);
  });

  it('decides again on the fresh state when another writer appended first (no lost update)', async () => {
    const caseId = randomUUID();
    await cases.open(opening(caseId), at, {});
    const notes = Array.from({ length: 5 }, (_, i) => ({
      type: 'AddProgressNote' as const,
      updateId: randomUUID(),
      note: `Ghi chú ${i}`,
    }));
    await cases.act(caseId, { type: 'AcknowledgeAssignment' }, unit, at, {});
    await Promise.all(notes.map((note) => cases.act(caseId, note, unit, at, {})));
    const types = (await store.readStream(`case-${caseId}`)).map((e) => e.type);
    expect(types.filter((t) => t === 'ProgressNoteAdded')).toHaveLength(5);
  });

  it('never moves a list row back to an older version', async () => {
    const caseId = randomUUID();
    await cases.open(opening(caseId), at, {});
    const acknowledged = await cases.act(caseId, { type: 'AcknowledgeAssignment' }, unit, at, {});
    // A slow writer (or a replaying subscriber) arrives with the state of version 1.
    await caseList.upsert({ ...acknowledged.state!, status: 'assigned', acknowledged: false }, 1);
    expect(await caseList.get(caseId)).toMatchObject({
      status: 'acknowledged',
      acknowledged: true,
      version: 2,
    });
  });

  it('rebuilds a case row lost between the append and the row update from the stream', async () => {
    const caseId = randomUUID();
    await cases.open(opening(caseId), at, {});
    await cases.act(caseId, { type: 'AcknowledgeAssignment' }, unit, at, {});
    await pool.query('DELETE FROM routing.case_list WHERE case_id = $1', [caseId]);
    await cases.refreshRow(caseId, 2);
    expect(await caseList.get(caseId)).toMatchObject({ status: 'acknowledged', version: 2 });
  });

  it('applies processing events to its list idempotently, guarded by the stream version', async () => {
    const f = facts({ petitionId: randomUUID() });
    const events = decideProcessing(
      undefined,
      { type: 'OpenProcessing', facts: f, proposal: proposeProcessing(f, acceptByChairman), now: at.now },
      { ...testContext, calendar: calendar2026 },
    );
    const recorded = events.map((event, i): RecordedEvent => ({
      id: randomUUID(),
      streamId: `processing-${f.petitionId}`,
      streamVersion: i,
      globalPosition: String(i),
      type: event.type,
      schemaVersion: 1,
      data: event.data as unknown as Record<string, unknown>,
      metadata: {},
      recordedAt: new Date(),
    }));
    for (const event of [...recorded, ...recorded]) await processingList.apply(event);
    expect(await processingList.get(f.petitionId)).toMatchObject({
      status: 'pending',
      proposedOutcome: 'accept',
      proposedUnit: 'economic-department',
      dueOn: '2026-11-12',
      version: 1,
    });
    expect(foldProcessing(events)?.status).toBe('pending');
    expect(await processingList.pendingIds()).toContain(f.petitionId);
  });

  it('a durable subscriber resumes from its checkpoint after its handler failed, and sees every event once it recovers', async () => {
    const streamId = `case-${randomUUID()}`;
    for (let i = 0; i < 3; i++) {
      await store.appendToStream(streamId, [{ id: randomUUID(), type: 'Probe', data: { i }, metadata: {} }], {
        expectedVersion: i === 0 ? 'no_stream' : i - 1,
      });
    }
    const seen: number[] = [];
    let failures = 2;
    const errors: unknown[] = [];
    const subscriber = new DurableSubscriber({
      store,
      subscriberId: `test:${randomUUID()}`,
      streamPrefixes: [streamId],
      handler: async (event) => {
        const i = (event.data as { i: number }).i;
        if (i === 1 && failures-- > 0) throw new Error('the database blinked');
        seen.push(i);
      },
      onError: (error) => void errors.push(error),
      backoffMs: { initial: 10, max: 50 },
    });
    await subscriber.start();
    try {
      await until(() => seen.includes(2));
      expect(errors).toHaveLength(2);
      expect(seen).toEqual([0, 1, 2]);
    } finally {
      await subscriber.stop();
    }
  });
});
