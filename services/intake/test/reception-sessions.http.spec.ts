import type { INestApplication } from '@nestjs/common';
import { DocumentBuilder, SwaggerModule } from '@nestjs/swagger';
import { Test } from '@nestjs/testing';
import { createPostgresEventStore, type PostgresEventStore } from '@tiep-dan/event-store';
import { AuthModule, DomainErrorFilter, signTestToken } from '@tiep-dan/platform';
import { createTestDatabase, type TestDatabase } from '@tiep-dan/testing';
import { randomUUID } from 'node:crypto';
import { Pool } from 'pg';
import request from 'supertest';
import { ReceptionModule } from '../src/application/reception';

const SECRET = 'reception-test-secret-0123456789abcdef';
const BASE = '/intake/reception-sessions';
// 10:00 on Friday 20 Nov 2026 in the commune.
const NOW = new Date('2026-11-20T03:00:00.000Z');

describe('reception sessions over HTTP with PostgreSQL', () => {
  let db: TestDatabase;
  let pool: Pool;
  let store: PostgresEventStore;
  let app: INestApplication;
  let http: ReturnType<typeof request>;
  const tokens: Record<string, string> = {};

  beforeAll(async () => {
    db = await createTestDatabase('reception_http');
    pool = new Pool({ connectionString: db.url, max: 4 });
    // Dropping the database at the end terminates any connection still open: not a test failure.
    pool.on('error', () => undefined);
    store = await createPostgresEventStore({ connectionString: db.url, schema: 'intake' });
    const moduleRef = await Test.createTestingModule({
      imports: [
        AuthModule.forRoot({ mode: 'local', jwtSecret: SECRET }),
        ReceptionModule.register({ eventStore: store, pool, schema: 'intake', clock: () => NOW }),
      ],
    }).compile();
    app = moduleRef.createNestApplication({ logger: false });
    app.useGlobalFilters(new DomainErrorFilter());
    await app.init();
    http = request(app.getHttpServer());
    const users = {
      officer: 'reception_officer',
      chairman: 'chairman',
      police: 'police',
      front: 'front_supervisor',
      admin: 'administrator',
      inspector: 'provincial_inspector',
      handler: 'unit_handler',
    } as const;
    for (const [name, role] of Object.entries(users)) {
      tokens[name] = await signTestToken(SECRET, { roles: [role], userId: `${name}-id`, username: name });
    }
  });

  afterAll(async () => {
    await app?.close();
    await store?.close();
    await pool?.end();
    await db?.drop();
  });

  const as = (user: string) => ({
    get: (path: string) => http.get(path).set('Authorization', `Bearer ${tokens[user]}`),
    post: (path: string, body?: object, key?: string) => {
      const req = http.post(path).set('Authorization', `Bearer ${tokens[user]}`);
      if (key) req.set('Idempotency-Key', key);
      return body === undefined ? req : req.send(body);
    },
  });

  const session = (overrides: Record<string, unknown> = {}) => ({
    kind: 'regular',
    date: '2026-11-20',
    venue: { mode: 'in_person', site: { name: 'Trụ sở tiếp công dân xã', address: 'Thôn 1' } },
    presidedBy: { officialId: 'officer-id', position: 'official' },
    receivingOfficialIds: ['officer-2'],
    ...overrides,
  });
  const periodic = (date: string, position = 'chairman') =>
    session({ kind: 'chairman_periodic', date, presidedBy: { officialId: 'chairman-id', position } });

  describe('a session from opening to closing', () => {
    let id: string;
    let delegationVisit: string;
    const petitionA = randomUUID();
    const petitionB = randomUUID();
    const petitionC = randomUUID();

    it('opens a session (201) and reads it back', async () => {
      const res = await as('officer').post(BASE, session()).expect(201);
      expect(res.body).toMatchObject({
        status: 'open',
        kind: 'regular',
        date: '2026-11-20',
        version: 0,
        visits: [],
      });
      id = res.body.id;
      const read = await as('chairman').get(`${BASE}/${id}`).expect(200);
      expect(read.body).toMatchObject({
        id,
        site: { name: 'Trụ sở tiếp công dân xã' },
        receivingOfficialIds: ['officer-2'],
      });
    });

    it('records visits: a citizen who hands in a petition and a delegation of 12 with 5 representatives', async () => {
      const citizen = await as('officer')
        .post(`${BASE}/${id}/visits`, {
          visitorRef: 'CD-000123',
          firstTime: true,
          matterSummary: 'Tranh chấp ranh giới đất',
          outcome: { type: 'petition_recorded', petitionIds: [petitionA] },
        })
        .expect(201);
      expect(citizen.body.visitId).toEqual(expect.any(String));
      const delegation = await as('officer')
        .post(`${BASE}/${id}/visits`, {
          visitorRef: 'DOAN-2026-07',
          delegation: { headcount: 12, representativesCount: 5 },
          firstTime: false,
          matterSummary: 'Bồi thường giải phóng mặt bằng',
          outcome: { type: 'petition_recorded', petitionIds: [petitionB] },
        })
        .expect(201);
      delegationVisit = delegation.body.visitId;
      expect(delegation.body.session.visits).toHaveLength(2);
      await as('chairman')
        .post(`${BASE}/${id}/visits`, {
          visitorRef: 'CD-000456',
          firstTime: false,
          matterSummary: 'Vụ việc đã giải quyết đúng pháp luật',
          outcome: { type: 'refused', reason: { code: 'already_resolved_correctly' } },
        })
        .expect(201);
    });

    it('refuses a delegation of 12 with 6 representatives with RECEPTION.TOO_MANY_REPRESENTATIVES', async () => {
      const res = await as('officer').post(`${BASE}/${id}/visits`, {
        visitorRef: 'DOAN-2026-08',
        delegation: { headcount: 12, representativesCount: 6 },
        firstTime: true,
        matterSummary: 'Ô nhiễm môi trường',
        outcome: { type: 'answered' },
      });
      expect(res.status).toBe(400);
      expect(res.body).toMatchObject({
        statusCode: 400,
        code: 'RECEPTION.TOO_MANY_REPRESENTATIVES',
        details: { headcount: 12, representativesCount: 6, maxRepresentatives: 5 },
      });
    });

    it('answers a malformed body with 400 RECEPTION.INVALID_INPUT and the path of the problem', async () => {
      const res = await as('officer').post(`${BASE}/${id}/visits`, {
        visitorRef: 'CD-1',
        delegation: { headcount: 'twelve', representativesCount: 2 },
        firstTime: true,
        matterSummary: 'x',
        outcome: { type: 'answered' },
      });
      expect(res.status).toBe(400);
      expect(res.body.code).toBe('RECEPTION.INVALID_INPUT');
      expect(res.body.details.issues).toContainEqual(
        expect.objectContaining({ in: 'body', path: 'delegation.headcount' }),
      );
    });

    it('links petitions: to the session, to a visit, never twice', async () => {
      await as('officer').post(`${BASE}/${id}/petitions`, { petitionId: petitionC }).expect(201);
      const again = await as('officer').post(`${BASE}/${id}/petitions`, { petitionId: petitionC });
      expect({ status: again.status, code: again.body.code }).toEqual({
        status: 409,
        code: 'RECEPTION.PETITION_ALREADY_LINKED',
      });
      const sameVisit = await as('officer').post(`${BASE}/${id}/petitions`, {
        petitionId: petitionB,
        visitId: delegationVisit,
      });
      expect(sameVisit.body.code).toBe('RECEPTION.DUPLICATE_PETITION_IN_VISIT');
      const extra = randomUUID();
      const linked = await as('officer')
        .post(`${BASE}/${id}/petitions`, { petitionId: extra, visitId: delegationVisit })
        .expect(201);
      expect(linked.body.petitionIds).toEqual(
        expect.arrayContaining([petitionA, petitionB, petitionC, extra]),
      );
    });

    it('adds a note', async () => {
      const res = await as('officer')
        .post(`${BASE}/${id}/notes`, { text: 'Công an xã hỗ trợ giữ trật tự' })
        .expect(201);
      expect(res.body.session.notes).toEqual([
        expect.objectContaining({
          noteId: res.body.noteId,
          addedBy: 'officer-id',
          addedAt: NOW.toISOString(),
        }),
      ]);
    });

    it('closes with figures computed from the visits, whatever the body says', async () => {
      const res = await as('chairman')
        .post(`${BASE}/${id}/close`, { summary: { visits: 99, people: 99 } })
        .expect(200);
      expect(res.body.status).toBe('closed');
      expect(res.body.closedAt).toBe(NOW.toISOString());
      expect(res.body.summary).toEqual({
        visits: 3,
        people: 14,
        firstTimeVisits: 1,
        repeatVisits: 2,
        delegations: 1,
        delegationPeople: 12,
        firstTimeDelegations: 0,
        repeatDelegations: 1,
        outcomes: { petition_recorded: 2, guided: 0, answered: 0, refused: 1 },
        petitions: 4,
      });
    });

    it('refuses anything added after closing with 409 RECEPTION.SESSION_CLOSED', async () => {
      const attempts = [
        as('officer').post(`${BASE}/${id}/visits`, {
          visitorRef: 'CD-9',
          firstTime: true,
          matterSummary: 'late',
          outcome: { type: 'answered' },
        }),
        as('officer').post(`${BASE}/${id}/petitions`, { petitionId: randomUUID() }),
        as('officer').post(`${BASE}/${id}/notes`, { text: 'late' }),
        as('officer').post(`${BASE}/${id}/close`),
      ];
      for (const res of await Promise.all(attempts)) {
        expect({ status: res.status, code: res.body.code }).toEqual({
          status: 409,
          code: 'RECEPTION.SESSION_CLOSED',
        });
      }
    });

    it('shows visitor references to the Front supervisor but not to the police', async () => {
      const front = await as('front').get(`${BASE}/${id}`).expect(200);
      expect(front.body.visits.map((v: { visitorRef: string }) => v.visitorRef)).toContain('CD-000123');
      const police = await as('police').get(`${BASE}/${id}`).expect(200);
      expect(police.body.visits).toHaveLength(3);
      expect(JSON.stringify(police.body)).not.toContain('CD-000123');
    });
  });

  describe('Idempotency-Key', () => {
    it('gives a retried POST the first answer and writes once', async () => {
      const key = randomUUID();
      const body = session({ date: '2026-11-18' });
      const first = await as('officer').post(BASE, body, key).expect(201);
      const retry = await as('officer').post(BASE, body, key).expect(201);
      expect(retry.body.id).toBe(first.body.id);
      const { rows } = await pool.query(
        `SELECT count(*)::int AS n FROM "intake".reception_session_list WHERE session_date = '2026-11-18'`,
      );
      expect(rows[0].n).toBe(1);

      const visit = {
        visitorRef: 'CD-7',
        firstTime: true,
        matterSummary: 'x',
        outcome: { type: 'answered' },
      };
      const visitKey = randomUUID();
      const v1 = await as('officer').post(`${BASE}/${first.body.id}/visits`, visit, visitKey).expect(201);
      const v2 = await as('officer').post(`${BASE}/${first.body.id}/visits`, visit, visitKey).expect(201);
      expect(v2.body.visitId).toBe(v1.body.visitId);
      const events = await store.readStream(`reception-session-${first.body.id}`);
      expect(events.map((e) => e.type)).toEqual(['ReceptionSessionOpened', 'CitizenReceived']);
    });

    it('answers 422 IDEMPOTENCY.KEY_REUSED for the same key with another body', async () => {
      const key = randomUUID();
      await as('officer')
        .post(BASE, session({ date: '2026-11-17' }), key)
        .expect(201);
      const reused = await as('officer').post(BASE, session({ date: '2026-11-16' }), key);
      expect(reused.status).toBe(422);
      expect(reused.body).toMatchObject({ statusCode: 422, code: 'IDEMPOTENCY.KEY_REUSED' });
    });

    it('keeps no answer for a failed request: a retry runs again, and the key serves the corrected request', async () => {
      const key = randomUUID();
      const future = await as('officer').post(BASE, session({ date: '2026-11-21' }), key);
      expect(future.body.code).toBe('RECEPTION.DATE_IN_FUTURE');
      const again = await as('officer').post(BASE, session({ date: '2026-11-21' }), key);
      expect(again.body.code).toBe('RECEPTION.DATE_IN_FUTURE');
      const fixed = await as('officer')
        .post(BASE, session({ date: '2026-11-13' }), key)
        .expect(201);
      const replay = await as('officer')
        .post(BASE, session({ date: '2026-11-13' }), key)
        .expect(201);
      expect(replay.body.id).toBe(fixed.body.id);
    });
  });

  describe('roles', () => {
    it('lets only reception officers and the chairman write', async () => {
      for (const user of ['police', 'front', 'admin', 'inspector', 'handler']) {
        const res = await as(user).post(BASE, session());
        expect({ user, status: res.status, code: res.body.code }).toEqual({
          user,
          status: 403,
          code: 'AUTH.FORBIDDEN',
        });
      }
    });

    it('gives the provincial inspector the compliance figures only', async () => {
      await as('inspector').get(`${BASE}/compliance?month=2026-06`).expect(200);
      expect((await as('inspector').get(BASE)).status).toBe(403);
      const { body } = await as('officer').get(BASE).expect(200);
      expect((await as('inspector').get(`${BASE}/${body.items[0].id}`)).status).toBe(403);
    });

    it('keeps unit handlers out and asks for a token', async () => {
      expect((await as('handler').get(BASE)).status).toBe(403);
      expect((await http.get(BASE)).status).toBe(401);
    });
  });

  describe('the list', () => {
    it('filters by date range and kind, newest first, with paging', async () => {
      await as('chairman')
        .post(BASE, session({ kind: 'ad_hoc', date: '2026-10-05' }))
        .expect(201);
      await as('chairman')
        .post(BASE, session({ kind: 'ad_hoc', date: '2026-10-07' }))
        .expect(201);
      await as('officer')
        .post(BASE, session({ date: '2026-10-06' }))
        .expect(201);

      const adHoc = await as('admin').get(`${BASE}?from=2026-10-01&to=2026-10-31&kind=ad_hoc`).expect(200);
      expect(adHoc.body.total).toBe(2);
      expect(adHoc.body.items.map((s: { date: string }) => s.date)).toEqual(['2026-10-07', '2026-10-05']);

      const page = await as('admin')
        .get(`${BASE}?from=2026-10-01&to=2026-10-31&limit=1&offset=1`)
        .expect(200);
      expect(page.body).toMatchObject({ total: 3, limit: 1, offset: 1 });
      expect(page.body.items.map((s: { date: string }) => s.date)).toEqual(['2026-10-06']);
    });

    it('refuses a bad filter with RECEPTION.INVALID_INPUT', async () => {
      const res = await as('admin').get(`${BASE}?kind=weekly&limit=0`);
      expect(res.status).toBe(400);
      expect(res.body.details.issues.map((i: { path: string }) => i.path).sort()).toEqual(['kind', 'limit']);
    });

    it('answers 404 for an unknown session and 400 for a malformed id', async () => {
      const missing = await as('officer').get(`${BASE}/${randomUUID()}`);
      expect({ status: missing.status, code: missing.body.code }).toEqual({
        status: 404,
        code: 'RECEPTION.SESSION_NOT_FOUND',
      });
      expect((await as('officer').get(`${BASE}/not-a-uuid`)).body.code).toBe('RECEPTION.INVALID_INPUT');
    });
  });

  describe("compliance of the chairman's periodic reception", () => {
    it('judges June 2026 under the old rule: one day in each of its four weeks, delegation allowed', async () => {
      for (const date of ['2026-06-02', '2026-06-16', '2026-06-23']) {
        await as('chairman').post(BASE, periodic(date)).expect(201);
      }
      const partial = await as('chairman').get(`${BASE}/compliance?month=2026-06`).expect(200);
      expect(partial.body).toMatchObject({ requiredDays: 4, heldDays: 3, status: 'non_compliant' });
      expect(partial.body.periods[1]).toMatchObject({
        from: '2026-06-08',
        to: '2026-06-14',
        status: 'missed',
      });

      await as('chairman').post(BASE, periodic('2026-06-09', 'vice_chairman')).expect(201);
      const full = await as('inspector').get(`${BASE}/compliance?month=2026-06`).expect(200);
      expect(full.body).toMatchObject({
        rule: { minimum: { days: 1, per: 'week' }, delegationAllowed: true },
        requiredDays: 4,
        heldDays: 4,
        delegatedDates: ['2026-06-09'],
        status: 'compliant',
      });
    });

    it('judges July 2026 under Luật 136/2025: two days in the month, never delegated', async () => {
      await as('chairman').post(BASE, periodic('2026-07-02')).expect(201);
      const delegated = await as('chairman').post(BASE, periodic('2026-07-09', 'vice_chairman'));
      expect({ status: delegated.status, code: delegated.body.code }).toEqual({
        status: 400,
        code: 'RECEPTION.CHAIRMAN_MUST_PRESIDE',
      });
      const one = await as('inspector').get(`${BASE}/compliance?month=2026-07`).expect(200);
      expect(one.body).toMatchObject({
        rule: { effectiveFrom: '2026-07-01', minimum: { days: 2, per: 'month' }, delegationAllowed: false },
        requiredDays: 2,
        heldDays: 1,
        status: 'non_compliant',
      });

      // A regular session on another day is not the chairman's periodic reception.
      await as('officer')
        .post(BASE, session({ date: '2026-07-16' }))
        .expect(201);
      await as('chairman').post(BASE, periodic('2026-07-23')).expect(201);
      const two = await as('inspector').get(`${BASE}/compliance?month=2026-07`).expect(200);
      expect(two.body).toMatchObject({ heldDates: ['2026-07-02', '2026-07-23'], status: 'compliant' });
    });

    it('shows the current month as in progress and refuses a bad month', async () => {
      const current = await as('chairman').get(`${BASE}/compliance?month=2026-11`).expect(200);
      expect(current.body.status).toBe('in_progress');
      const bad = await as('chairman').get(`${BASE}/compliance?month=2026-7`);
      expect({ status: bad.status, code: bad.body.code }).toEqual({
        status: 400,
        code: 'RECEPTION.INVALID_INPUT',
      });
      const noRule = await as('chairman').get(`${BASE}/compliance?month=2013-01`);
      expect(noRule.body.code).toBe('RECEPTION.NO_RULE_FOR_MONTH');
    });
  });

  it('describes every endpoint in OpenAPI, with the Idempotency-Key header on writes', () => {
    const document = SwaggerModule.createDocument(app, new DocumentBuilder().build());
    expect(
      Object.keys(document.paths)
        .filter((path) => path.startsWith(BASE))
        .sort(),
    ).toEqual([
      '/intake/reception-sessions',
      '/intake/reception-sessions/compliance',
      '/intake/reception-sessions/{id}',
      '/intake/reception-sessions/{id}/close',
      '/intake/reception-sessions/{id}/details',
      '/intake/reception-sessions/{id}/notes',
      '/intake/reception-sessions/{id}/petitions',
      '/intake/reception-sessions/{id}/petitions/{petitionId}/unlink',
      '/intake/reception-sessions/{id}/visits',
      '/intake/reception-sessions/{id}/visits/{visitId}',
      '/intake/reception-sessions/{id}/visits/{visitId}/void',
    ]);
    const headers = document.paths['/intake/reception-sessions/{id}/visits'].post?.parameters?.map((p) =>
      'name' in p ? p.name : undefined,
    );
    expect(headers).toContain('Idempotency-Key');
  });

  it('creates its tables in the intake schema', async () => {
    const { rows } = await pool.query(
      `SELECT table_name FROM information_schema.tables WHERE table_schema = 'intake' AND table_name LIKE 'reception%' ORDER BY 1`,
    );
    expect(rows.map((r) => r.table_name)).toEqual(['reception_idempotency', 'reception_session_list']);
  });
});
