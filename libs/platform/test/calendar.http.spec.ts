import type { INestApplication } from '@nestjs/common';
import { Test } from '@nestjs/testing';
import { createTestDatabase, type TestDatabase } from '@tiep-dan/testing';
import { Pool } from 'pg';
import request from 'supertest';
import { AuthModule } from '../src/auth/auth.module';
import { signTestToken } from '../src/auth/testing';
import { CalendarModule } from '../src/calendar/calendar.module';
import { CalendarRepository } from '../src/calendar/calendar.repository';
import { CalendarService } from '../src/calendar/calendar.service';
import { vietnamCalendarSeed } from '../src/calendar/seed/vn-calendar.seed';

const SECRET = 'calendar-test-secret-0123456789abcdefgh';
const SCHEMA = 'calendar';

describe('working calendar endpoints with PostgreSQL', () => {
  let db: TestDatabase;
  let pool: Pool;
  let app: INestApplication;
  let http: ReturnType<typeof request>;
  let officer: string;
  let admin: string;
  let chairman: string;

  beforeAll(async () => {
    db = await createTestDatabase('calendar_http');
    pool = new Pool({ connectionString: db.url, max: 4 });
    const moduleRef = await Test.createTestingModule({
      imports: [
        AuthModule.forRoot({ mode: 'local', jwtSecret: SECRET }),
        CalendarModule.forRoot({ pool, schema: SCHEMA, seed: { from: 2024, to: 2027 } }),
      ],
    }).compile();
    app = moduleRef.createNestApplication({ logger: false });
    await app.init();
    http = request(app.getHttpServer());
    officer = await signTestToken(SECRET, { roles: ['reception_officer'] });
    chairman = await signTestToken(SECRET, { roles: ['chairman'] });
    admin = await signTestToken(SECRET, { roles: ['administrator'], username: 'quantri' });
  });

  afterAll(async () => {
    await app?.close();
    await pool?.end();
    await db?.drop();
  });

  const get = (path: string, token = officer) => http.get(path).set('Authorization', `Bearer ${token}`);

  it('seeds the hand-checked 2025 calendar on first start; any role can read it', async () => {
    const res = await get('/calendar/2025').expect(200);
    expect(res.body).toMatchObject({ year: 2025, updatedBy: 'seed', unverified: 1 });
    expect(res.body.holidays.map((d: { date: string }) => d.date)).toContain('2025-01-29');
    expect(res.body.makeUpWorkingDays).toEqual([
      { date: '2025-04-26', name: 'Làm bù cho ngày nghỉ hoán đổi 2/5' },
    ]);
  });

  it('seeds generated years, every entry marked for verification', async () => {
    const res = await get('/calendar/2027').expect(200);
    expect(res.body.unverified).toBe(res.body.holidays.length);
    expect(res.body.source).toMatch(/generated/);
  });

  it('lists the configured years', async () => {
    const res = await get('/calendar').expect(200);
    expect(res.body.map((y: { year: number }) => y.year)).toEqual([2024, 2025, 2026, 2027]);
  });

  it('answers 404 CALENDAR.YEAR_NOT_CONFIGURED for a year without data and 400 for a bad year', async () => {
    const missing = await get('/calendar/2031');
    expect(missing.status).toBe(404);
    expect(missing.body).toMatchObject({ statusCode: 404, code: 'CALENDAR.YEAR_NOT_CONFIGURED' });
    const bad = await get('/calendar/abc');
    expect(bad.status).toBe(400);
    expect(bad.body.code).toBe('CALENDAR.INVALID_YEAR');
  });

  it('requires authentication', async () => {
    const res = await http.get('/calendar/2025');
    expect(res.status).toBe(401);
    expect(res.body.code).toBe('AUTH.UNAUTHENTICATED');
  });

  describe('GET /calendar/working-days', () => {
    it('counts working days over Tết (received Friday before Tết, 1 working day → Monday after)', async () => {
      const res = await get('/calendar/working-days?from=2025-01-24&days=1').expect(200);
      expect(res.body).toEqual({ from: '2025-01-24', days: 1, unit: 'working_days', dueDate: '2025-02-03' });
    });

    it('counts calendar days and moves an end on a day off to the next working day', async () => {
      const res = await get('/calendar/working-days?from=2025-01-17&days=10&unit=calendar_days').expect(200);
      expect(res.body.dueDate).toBe('2025-02-03');
    });

    it('refuses an invalid date with 400 CALENDAR.INVALID_DATE', async () => {
      const res = await get('/calendar/working-days?from=2025-02-30&days=1');
      expect(res.status).toBe(400);
      expect(res.body.code).toBe('CALENDAR.INVALID_DATE');
    });

    it('refuses a missing or negative count and an unknown unit with 400 CALENDAR.VALIDATION_FAILED', async () => {
      for (const q of ['from=2025-01-01', 'from=2025-01-01&days=-1', 'from=2025-01-01&days=1&unit=weeks']) {
        const res = await get(`/calendar/working-days?${q}`);
        expect(res.status).toBe(400);
        expect(res.body.code).toBe('CALENDAR.VALIDATION_FAILED');
      }
    });

    it('answers 422 CALENDAR.YEAR_NOT_CONFIGURED when the count runs past the configured years', async () => {
      const res = await get('/calendar/working-days?from=2027-12-30&days=5');
      expect(res.status).toBe(422);
      expect(res.body.code).toBe('CALENDAR.YEAR_NOT_CONFIGURED');
    });
  });

  describe('PUT /calendar/:year', () => {
    const year2027 = {
      holidays: [
        { date: '2027-01-01', name: 'Tết Dương lịch' },
        { date: '2027-03-03', name: 'Nghỉ đột xuất (test)' },
      ],
      makeUpWorkingDays: [{ date: '2027-03-06', name: 'Làm bù' }],
      source: 'Thông báo (test)',
    };

    it('is for administrators only (403 AUTH.FORBIDDEN otherwise)', async () => {
      const res = await http.put('/calendar/2027').set('Authorization', `Bearer ${chairman}`).send(year2027);
      expect(res.status).toBe(403);
      expect(res.body.code).toBe('AUTH.FORBIDDEN');
    });

    it('replaces the year, records who did it, and deadlines use it at once', async () => {
      const res = await http
        .put('/calendar/2027')
        .set('Authorization', `Bearer ${admin}`)
        .send(year2027)
        .expect(200);
      expect(res.body).toMatchObject({
        year: 2027,
        updatedBy: 'quantri',
        unverified: 0,
        source: 'Thông báo (test)',
      });
      // Tuesday 2 Mar + 1 working day skips the new day off on Wednesday 3 Mar.
      await get('/calendar/working-days?from=2027-03-02&days=1').expect(200, {
        from: '2027-03-02',
        days: 1,
        unit: 'working_days',
        dueDate: '2027-03-04',
      });
      // Friday 5 Mar + 1 working day is the make-up Saturday.
      const sat = await get('/calendar/working-days?from=2027-03-05&days=1').expect(200);
      expect(sat.body.dueDate).toBe('2027-03-06');
    });

    it('creates a year that had no data', async () => {
      await http
        .put('/calendar/2031')
        .set('Authorization', `Bearer ${admin}`)
        .send({ holidays: [], makeUpWorkingDays: [] })
        .expect(200);
      await get('/calendar/2031').expect(200);
    });

    it('refuses inconsistent data with the precise CALENDAR code', async () => {
      const cases: [unknown, string][] = [
        [{ holidays: [{ date: '2027-02-30', name: 'x' }], makeUpWorkingDays: [] }, 'CALENDAR.INVALID_DATE'],
        [
          { holidays: [{ date: '2028-01-01', name: 'x' }], makeUpWorkingDays: [] },
          'CALENDAR.DATE_OUTSIDE_YEAR',
        ],
        [
          { holidays: [], makeUpWorkingDays: [{ date: '2027-03-03', name: 'x' }] },
          'CALENDAR.MAKE_UP_DAY_NOT_WEEKEND',
        ],
        [
          {
            holidays: [{ date: '2027-03-06', name: 'x' }],
            makeUpWorkingDays: [{ date: '2027-03-06', name: 'y' }],
          },
          'CALENDAR.CONFLICTING_DAY',
        ],
        [{ year: 2026, holidays: [], makeUpWorkingDays: [] }, 'CALENDAR.INVALID_YEAR'],
        [{ holidays: 'none' }, 'CALENDAR.VALIDATION_FAILED'],
      ];
      for (const [body, code] of cases) {
        const res = await http
          .put('/calendar/2027')
          .set('Authorization', `Bearer ${admin}`)
          .send(body as object);
        expect({ status: res.status, code: res.body.code }).toEqual({ status: 400, code });
      }
      // Nothing of the refused bodies was stored.
      const stored = await get('/calendar/2027').expect(200);
      expect(stored.body.updatedBy).toBe('quantri');
      expect(stored.body.holidays).toHaveLength(2);
    });
  });

  it('re-seeding on a later start adds missing years but never overwrites an administrator’s edit', async () => {
    const repository = new CalendarRepository(pool, SCHEMA);
    await repository.migrate();
    expect(await repository.seedMissing(vietnamCalendarSeed(2024, 2028))).toEqual([2028]);
    expect((await repository.get(2027))?.updatedBy).toBe('quantri');
  });

  it('CalendarService.getCalendar gives deciders a WorkingCalendar value', async () => {
    const calendar = await app.get(CalendarService).getCalendar();
    expect(calendar.addWorkingDays('2026-02-13', 10)).toBe('2026-03-06');
    expect(calendar.isWorkingDay('2026-08-22')).toBe(true);
  });
});
