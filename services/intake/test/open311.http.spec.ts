import { DocumentBuilder, SwaggerModule } from '@nestjs/swagger';
import { Test } from '@nestjs/testing';
import type { NestExpressApplication } from '@nestjs/platform-express';
import { createPostgresEventStore, type PostgresEventStore } from '@tiep-dan/event-store';
import { AuthModule, DomainErrorFilter, signTestToken } from '@tiep-dan/platform';
import { createTestDatabase, type TestDatabase } from '@tiep-dan/testing';
import { createHash, randomUUID } from 'node:crypto';
import { Pool } from 'pg';
import request from 'supertest';
import { open311Providers, OPEN311_CONTROLLERS, type Open311ApiKey } from '../src/application/open311';
import type {
  PersonalDataPort,
  PersonalDataToProtect,
  RevealedData,
} from '../src/application/petitions/personal-data.port';
import { localDateIn as localDate } from '@tiep-dan/platform/calendar';
import { INTAKE_TIME_ZONE, PETITIONS_SERVICE } from '../src/application/petitions/petitions.http.controller';
import { PetitionsService, type SubmitContext } from '../src/application/petitions/petitions.service';
import { CommuneModule } from '../src/commune/commune.module';
import { sampleCommuneConfig } from '../src/commune/seed/sample-commune.seed';
import type { ProtectedData } from '../src/domain/petition/petition.events';
import { PetitionSearchProjection } from '../src/infrastructure/petition/petition-search.projection';
import { CaseOutcomesStore } from '../src/infrastructure/resolutions/case-outcomes.store';

const SECRET = 'open311-test-secret-0123456789abcdefgh';
const SCHEMA = 'intake';
const TIME_ZONE = 'Asia/Ho_Chi_Minh';
const APP: Open311ApiKey = { id: 'phan-anh-app', key: 'k3y-of-the-citizen-app-0123456789' };
const OTHER_APP: Open311ApiKey = { id: 'other-app', key: 'another-app-key-abcdefghijklmnop' };
const BASE = '/open311/v2';

const sha256 = (value: string) => createHash('sha256').update(value).digest('hex');

/** Stands in for the encryption vault (written elsewhere): reversible, so tests can read what was kept. */
class FakePersonalData implements PersonalDataPort {
  async protect(items: readonly PersonalDataToProtect[]): Promise<ProtectedData[]> {
    return items.map(({ personId, fields }) => {
      const ciphertext = Buffer.from(JSON.stringify(fields)).toString('base64');
      return { personId, alg: 'test-base64', keyVersion: 1, iv: '', tag: '', ciphertext };
    });
  }
  async reveal(items: readonly ProtectedData[]): Promise<RevealedData[]> {
    return items.map((item) => JSON.parse(Buffer.from(item.ciphertext, 'base64').toString('utf8')));
  }
  async erase(): Promise<void> {}
  pseudonym(personId: string): string {
    return `P-${sha256(personId).slice(0, 10)}`;
  }
  matchKey(material: string): string {
    return sha256(material);
  }
}

const fold = (text: string) =>
  text.normalize('NFD').replace(/\p{M}/gu, '').replace(/[đĐ]/g, 'd').toLowerCase();

interface View {
  service_request_id: string;
  status: string;
  status_notes: string;
  service_name: string | null;
  service_code: string | null;
  agency_responsible: string | null;
  requested_datetime: string;
  updated_datetime: string;
  [field: string]: unknown;
}

describe('Open311 GeoReport v2 endpoints with PostgreSQL', () => {
  let db: TestDatabase;
  let pool: Pool;
  let store: PostgresEventStore;
  let petitions: PetitionsService;
  let app: NestExpressApplication;
  let http: ReturnType<typeof request>;
  const personalData = new FakePersonalData();

  beforeAll(async () => {
    db = await createTestDatabase('open311_http');
    pool = new Pool({ connectionString: db.url, max: 8 });
    // Dropping the database at the end terminates any connection still open: not a test failure.
    pool.on('error', () => undefined);
    store = await createPostgresEventStore({ connectionString: db.url, schema: SCHEMA });
    const projection = new PetitionSearchProjection({
      pool,
      schema: SCHEMA,
      store,
      personalData,
      keyMaterial: () => [],
      foldText: fold,
    });
    await projection.migrate();
    petitions = new PetitionsService({
      store,
      pool,
      schema: SCHEMA,
      personalData,
      projection,
      keyMaterial: () => [],
      findRelated: () => ({}),
    });
    const moduleRef = await Test.createTestingModule({
      imports: [
        AuthModule.forRoot({ mode: 'local', jwtSecret: SECRET }),
        CommuneModule.forRoot({ pool, schema: SCHEMA, refreshIntervalMs: 0 }),
      ],
      controllers: OPEN311_CONTROLLERS,
      providers: [
        { provide: PETITIONS_SERVICE, useValue: petitions },
        { provide: INTAKE_TIME_ZONE, useValue: TIME_ZONE },
        ...open311Providers({ apiKeys: [APP, OTHER_APP], pool, schema: SCHEMA }),
      ],
    }).compile();
    app = moduleRef.createNestApplication<NestExpressApplication>({ logger: false });
    // As the service runs (libs/platform bootstrap): simple form parsing, not nested objects.
    app.useBodyParser('urlencoded', { extended: false });
    app.useGlobalFilters(new DomainErrorFilter());
    await app.init();
    http = request(app.getHttpServer());
  });

  afterAll(async () => {
    await app?.close();
    await store?.close();
    await pool?.end();
    await db?.drop();
  });

  const form = (fields: Record<string, string>, idempotencyKey?: string) => {
    const req = http.post(`${BASE}/requests.json`).type('form');
    if (idempotencyKey) req.set('Idempotency-Key', idempotencyKey);
    return req.send(fields);
  };
  const json = (body: object, idempotencyKey?: string) => {
    const req = http.post(`${BASE}/requests.json`);
    if (idempotencyKey) req.set('Idempotency-Key', idempotencyKey);
    return req.send(body);
  };
  const landRequest = (overrides: Record<string, string> = {}) => ({
    api_key: APP.key,
    service_code: 'land',
    description: 'Hộ ông B lấn chiếm đường đi chung của thôn, xây tường rào ra giữa ngõ.',
    address_string: 'Thôn Ba, xã Phượng Tiến',
    ...overrides,
  });
  const submitted = async (body: Record<string, string>): Promise<string> => {
    const res = await form(body).expect(201);
    return res.body[0].service_request_id;
  };
  const petitionCount = async () =>
    Number((await pool.query(`SELECT count(*) FROM ${SCHEMA}.petition_search`)).rows[0].count);
  const staffContext = (): SubmitContext => {
    const now = new Date();
    return {
      actor: { userId: 'officer-id', username: 'officer', roles: ['reception_officer'] },
      now,
      today: localDate(now, TIME_ZONE),
    };
  };
  const list = async (query: Record<string, string>): Promise<View[]> =>
    (await http.get(`${BASE}/requests.json`).query(query).expect(200)).body;

  describe('services', () => {
    it('offers one service per subject domain of the commune, grouped by reflection classification', async () => {
      const res = await http.get(`${BASE}/services.json`).expect(200);
      const domains = sampleCommuneConfig().subjectDomains;
      expect(res.body.map((s: { service_code: string }) => s.service_code)).toEqual(
        domains.map((d) => d.code),
      );
      const byCode = new Map<string, Record<string, unknown>>(
        res.body.map((s: { service_code: string }) => [s.service_code, s]),
      );
      expect(byCode.get('land')).toEqual({
        service_code: 'land',
        service_name: 'Đất đai',
        description: 'Phản ánh, kiến nghị về lĩnh vực Đất đai gửi Ủy ban nhân dân xã Phượng Tiến.',
        metadata: false,
        type: 'realtime',
        keywords: 'đất đai',
        group: 'Đất đai',
      });
      expect(byCode.get('justice')?.group).toBe('Tư pháp');
      expect(byCode.get('social-policy')?.group).toBe('Chính sách, chế độ');
      expect(byCode.get('religion')?.group).toBe('Chính sách, chế độ');
      expect(byCode.get('public-order')?.group).toBe('Khác');
    });

    it('answers a service definition without attributes, and 404 in the Open311 format for an unknown service', async () => {
      const found = await http.get(`${BASE}/services/environment.json`).expect(200);
      expect(found.body).toEqual({ service_code: 'environment', attributes: [] });
      const missing = await http.get(`${BASE}/services/potholes.json`).expect(404);
      expect(missing.body).toEqual([{ code: 404, description: expect.stringContaining('potholes') }]);
      expect(missing.headers['x-error-code']).toBe('OPEN311.UNKNOWN_SERVICE');
    });
  });

  describe('POST requests.json', () => {
    it('records a form-encoded request as a reflection on the online channel, with the service classification', async () => {
      const res = await form(
        landRequest({
          first_name: 'Văn An',
          last_name: 'Nguyễn',
          email: 'an.nguyen@example.vn',
          phone: '0912 345 678',
          device_id: 'device-7f3a',
          media_url: 'https://img.example.vn/ngo.jpg',
        }),
      ).expect(201);
      expect(res.body).toEqual([
        {
          service_request_id: expect.stringMatching(/^[0-9a-f-]{36}$/),
          service_notice: expect.stringContaining('Ủy ban nhân dân xã Phượng Tiến đã tiếp nhận'),
          account_id: null,
        },
      ]);
      const id = res.body[0].service_request_id;
      expect(res.body[0].service_notice).toContain(id);

      const { state } = await petitions.get(id);
      const petition = state.current;
      expect(petition).toMatchObject({
        kind: 'reflection',
        channel: 'online',
        classification: 'land',
        sensitiveTags: ['land'],
        receivedOn: localDate(new Date(), TIME_ZONE),
        recordedBy: `open311:${APP.id}`,
        summary: landRequest().description,
        fullText: landRequest().description,
        location: { hamletCode: 'thon-3', address: 'Thôn Ba, xã Phượng Tiến' },
        eligibility: { vietnameseOrTranslated: true, dated: true, signedOrFingerprinted: false },
      });
      expect(petition.missingElements).toContain('signature');
      expect(petition.petitioners).toMatchObject({ type: 'individual', headcount: 1, anonymous: false });
      const [identity] = await personalData.reveal([petition.petitioners.persons[0].identity]);
      expect(identity).toEqual({
        fullName: 'Nguyễn Văn An',
        email: 'an.nguyen@example.vn',
        phone: '0912345678',
      });
      expect(petition.source?.system).toBe('open311');
      expect(petition.source?.reference).toMatch(/^phan-anh-app\/land\/device\.[0-9a-f]{16}$/);
      expect(JSON.stringify(petition.source)).not.toContain('device-7f3a');
      expect(petition.note).toContain('https://img.example.vn/ngo.jpg');
    });

    it('records a JSON request located by coordinates; without a name it is anonymous and keeps no contact', async () => {
      const description = `Trợ cấp cho hộ nghèo chưa được chi trả. ${'Chi tiết vụ việc. '.repeat(20).trim()}`;
      const res = await json({
        api_key: APP.key,
        service_code: 'social-policy',
        description,
        lat: 21.6012,
        long: 105.8401,
        email: 'khongten@example.vn',
      }).expect(201);
      expect(res.body[0].service_notice).toContain('nặc danh');
      const { state } = await petitions.get(res.body[0].service_request_id);
      const petition = state.current;
      expect(petition).toMatchObject({
        kind: 'reflection',
        channel: 'online',
        classification: 'policy',
        sensitiveTags: [],
        location: { address: 'Tọa độ (WGS84): 21.6012, 105.8401' },
        petitioners: { type: 'anonymous', anonymous: true, persons: [] },
        fullText: description,
      });
      expect(Array.from(petition.summary)).toHaveLength(200);
      expect(petition.summary.endsWith('…')).toBe(true);
      expect(description.startsWith(petition.summary.slice(0, -1))).toBe(true);
      expect(JSON.stringify(state)).not.toContain('khongten@example.vn');
    });

    it('refuses a request without a valid api_key with 403 in the Open311 format, and records nothing', async () => {
      const before = await petitionCount();
      const { api_key: _key, ...withoutKey } = landRequest();
      void _key;
      for (const body of [withoutKey, landRequest({ api_key: 'not-a-key' }), landRequest({ api_key: '' })]) {
        const res = await form(body).expect(403);
        expect(res.body).toEqual([
          { code: 403, description: 'api_key không hợp lệ hoặc chưa được cung cấp.' },
        ]);
        expect(res.headers['x-error-code']).toBe('OPEN311.INVALID_API_KEY');
      }
      const jsonRes = await json({ ...withoutKey, api_key: APP.key.slice(0, -1) }).expect(403);
      expect(jsonRes.body[0].code).toBe(403);
      expect(await petitionCount()).toBe(before);
    });

    it('refuses missing or invalid fields with 400 (404 for an unknown service) in the Open311 format, and records nothing', async () => {
      const before = await petitionCount();
      const { address_string: _address, ...withoutLocation } = landRequest();
      void _address;
      const cases: [Record<string, string>, number, string, string][] = [
        [landRequest({ description: '   ' }), 400, 'OPEN311.INVALID_REQUEST', 'description'],
        [withoutLocation, 400, 'OPEN311.LOCATION_REQUIRED', 'address_string'],
        [{ ...withoutLocation, lat: '21.6' }, 400, 'OPEN311.INVALID_REQUEST', 'long'],
        [landRequest({ lat: 'north', long: '105.8' }), 400, 'OPEN311.INVALID_REQUEST', 'lat'],
        [landRequest({ email: 'not-an-email' }), 400, 'OPEN311.INVALID_REQUEST', 'email'],
        [landRequest({ service_code: '' }), 400, 'OPEN311.INVALID_REQUEST', 'service_code'],
        [landRequest({ service_code: 'potholes' }), 404, 'OPEN311.UNKNOWN_SERVICE', 'potholes'],
        [landRequest({ first_name: 'An', phone: '12345' }), 400, 'PETITION.INVALID_PHONE', 'Số điện thoại'],
      ];
      for (const [body, status, code, mentioned] of cases) {
        const res = await form(body);
        expect({ code, status: res.status, errorCode: res.headers['x-error-code'] }).toEqual({
          code,
          status,
          errorCode: code,
        });
        expect(res.body).toEqual([{ code: status, description: expect.stringContaining(mentioned) }]);
      }
      expect(await petitionCount()).toBe(before);
    });

    it('returns the same request id for a retry with the same Idempotency-Key, and refuses the key for another request', async () => {
      const body = landRequest({ description: 'Cống thoát nước tại ngõ 5 bị tắc nhiều ngày.' });
      const first = await form(body, 'retry-key-1').expect(201);
      const before = await petitionCount();
      const retry = await form(body, 'retry-key-1').expect(200);
      expect(retry.body[0].service_request_id).toBe(first.body[0].service_request_id);
      expect(await petitionCount()).toBe(before);

      const reused = await form({ ...body, description: 'Một phản ánh khác.' }, 'retry-key-1').expect(400);
      expect(reused.headers['x-error-code']).toBe('IDEMPOTENCY.KEY_REUSED');
      expect(reused.body[0].code).toBe(400);

      // Keys are per application: another app's identical key names another request.
      const other = await form({ ...body, api_key: OTHER_APP.key }, 'retry-key-1').expect(201);
      expect(other.body[0].service_request_id).not.toBe(first.body[0].service_request_id);
    });

    it('records every POST without an Idempotency-Key as a new request', async () => {
      const body = landRequest({ description: 'Đèn đường thôn 3 hỏng.' });
      const a = await submitted(body);
      const b = await submitted(body);
      expect(a).not.toBe(b);
    });
  });

  describe('reading requests', () => {
    it('shows one request with status and service, but no citizen text, place or identity', async () => {
      const fields = landRequest({
        first_name: 'Thị Bình',
        last_name: 'Trần',
        email: 'binh.tran@example.vn',
        account_id: 'acct-42',
        lat: '21.61',
        long: '105.84',
        media_url: 'https://img.example.vn/binh.jpg',
      });
      const id = await submitted(fields);
      const res = await http.get(`${BASE}/requests/${id}.json`).expect(200);
      const { state } = await petitions.get(id);
      expect(res.body).toEqual([
        {
          service_request_id: id,
          status: 'open',
          status_notes: 'Đã tiếp nhận, đang chờ xử lý.',
          service_name: 'Đất đai',
          service_code: 'land',
          description: null,
          agency_responsible: 'Phòng Kinh tế',
          service_notice: expect.stringContaining('Ủy ban nhân dân xã Phượng Tiến'),
          requested_datetime: state.current.recordedAt,
          updated_datetime: state.current.recordedAt,
          expected_datetime: null,
          address: null,
          address_id: null,
          zipcode: null,
          lat: null,
          long: null,
          media_url: null,
        },
      ]);
      const listed = await list({ service_request_id: id });
      const published = JSON.stringify([res.body, listed]);
      for (const secret of [
        'lấn chiếm',
        'Trần',
        'Bình',
        'binh.tran',
        'acct-42',
        'Thôn Ba',
        '21.61',
        'binh.jpg',
      ]) {
        expect({ secret, published: published.includes(secret) }).toEqual({ secret, published: false });
      }
    });

    it('answers a token with the request id, and 404 for an unknown token or request', async () => {
      const id = await submitted(landRequest({ description: 'Rác thải đổ bừa bãi ven đường.' }));
      const token = await http.get(`${BASE}/tokens/${id}.json`).expect(200);
      expect(token.body).toEqual([{ service_request_id: id, token: id }]);
      const unknown = '7b0e6c1e-1f7e-4c55-9c1a-5f3a7b2c9d10';
      for (const path of [`tokens/${unknown}.json`, `requests/${unknown}.json`, 'requests/not-an-id.json']) {
        const res = await http.get(`${BASE}/${path}`).expect(404);
        expect(res.body).toEqual([{ code: 404, description: 'Không tìm thấy phản ánh với mã này.' }]);
      }
    });

    it('shows a withdrawn request as closed, with the time of the withdrawal', async () => {
      const id = await submitted(landRequest({ description: 'Tranh chấp ranh giới đất với hộ liền kề.' }));
      await petitions.withdraw(id, 'Hai bên đã tự hòa giải.', staffContext());
      const [view] = (await http.get(`${BASE}/requests/${id}.json`).expect(200)).body as View[];
      expect(view).toMatchObject({ status: 'closed', status_notes: 'Phản ánh đã được rút.' });
      expect(Date.parse(view.updated_datetime)).toBeGreaterThan(Date.parse(view.requested_datetime));
      expect(JSON.stringify(view)).not.toContain('hòa giải');
      expect((await list({ status: 'closed' })).map((v) => v.service_request_id)).toContain(id);
      expect((await list({ status: 'open' })).map((v) => v.service_request_id)).not.toContain(id);
    });

    it('shows a reflection whose case the commune closed as closed and resolved, in the list too', async () => {
      const id = await submitted(landRequest({ description: 'Đường nội thôn bị sạt lở sau mưa lớn.' }));
      const outcomes = new CaseOutcomesStore(pool, SCHEMA);
      const caseId = randomUUID();
      await outcomes.recordOpening({ caseId, petitionId: id, openedAt: new Date().toISOString() });
      const [open] = (await http.get(`${BASE}/requests/${id}.json`).expect(200)).body as View[];
      expect(open).toMatchObject({ status: 'open' });
      await outcomes.recordClosing({ caseId, result: 'right', closedAt: new Date().toISOString() });
      const [view] = (await http.get(`${BASE}/requests/${id}.json`).expect(200)).body as View[];
      expect(view).toMatchObject({ status: 'closed', status_notes: 'Phản ánh đã được giải quyết xong.' });
      expect((await list({ status: 'closed' })).map((v) => v.service_request_id)).toContain(id);
      expect((await list({ status: 'open' })).map((v) => v.service_request_id)).not.toContain(id);
    });

    it('reads the resolutions of a whole list in one statement, each request with its own status', async () => {
      const resolvedId = await submitted(landRequest({ description: 'Cống thoát nước bị tắc kéo dài.' }));
      const openId = await submitted(landRequest({ description: 'Đèn đường đầu thôn bị hỏng.' }));
      const outcomes = new CaseOutcomesStore(pool, SCHEMA);
      const caseId = randomUUID();
      await outcomes.recordOpening({ caseId, petitionId: resolvedId, openedAt: new Date().toISOString() });
      await outcomes.recordClosing({ caseId, result: 'right', closedAt: new Date().toISOString() });
      const resolutionReads: string[] = [];
      const query = pool.query;
      pool.query = ((...args: Parameters<Pool['query']>) => {
        if (typeof args[0] === 'string' && args[0].includes('petition_resolutions'))
          resolutionReads.push(args[0]);
        return query.apply(pool, args);
      }) as Pool['query'];
      try {
        const byIds = await list({ service_request_id: `${resolvedId},${openId}` });
        expect(byIds.map((v) => [v.service_request_id, v.status])).toEqual([
          [resolvedId, 'closed'],
          [openId, 'open'],
        ]);
        expect(resolutionReads).toHaveLength(1);
        resolutionReads.length = 0;
        const all = await list({});
        expect(all.length).toBeGreaterThan(2);
        expect(all.find((v) => v.service_request_id === resolvedId)).toMatchObject({ status: 'closed' });
        expect(all.find((v) => v.service_request_id === openId)).toMatchObject({ status: 'open' });
        expect(resolutionReads).toHaveLength(1);
      } finally {
        pool.query = query;
      }
    });

    it('never shows a petition recorded by staff, even a reflection on the online channel', async () => {
      const staff = await petitions.submit(
        {
          kind: 'reflection',
          channel: 'online',
          receivedOn: localDate(new Date(), TIME_ZONE),
          petitioners: { type: 'individual', persons: [{ fullName: 'Lê Văn Cường' }] },
          summary: 'Phản ánh do cán bộ nhập',
          classification: 'land',
          eligibility: { vietnameseOrTranslated: true, dated: true, signedOrFingerprinted: true },
        },
        staffContext(),
      );
      const id = staff.petitionId;
      await http.get(`${BASE}/requests/${id}.json`).expect(404);
      await http.get(`${BASE}/tokens/${id}.json`).expect(404);
      expect(await list({ service_request_id: id })).toEqual([]);
      expect((await list({})).map((v) => v.service_request_id)).not.toContain(id);
    });

    it('lists requests by ids, received window, status and service, newest first', async () => {
      const land1 = await submitted(landRequest({ description: 'Đất công bị lấn chiếm lần 1.' }));
      const env = await submitted(
        landRequest({ service_code: 'environment', description: 'Khói từ lò gạch gây ô nhiễm.' }),
      );
      const land2 = await submitted(landRequest({ description: 'Đất công bị lấn chiếm lần 2.' }));

      const byIds = await list({ service_request_id: `${land2},${env},not-an-id` });
      expect(byIds.map((v) => v.service_request_id)).toEqual([land2, env]);

      const all = (await list({})).map((v) => v.service_request_id);
      expect(all.indexOf(land2)).toBeLessThan(all.indexOf(env));
      expect(all.indexOf(env)).toBeLessThan(all.indexOf(land1));

      const land = await list({ service_code: 'land' });
      expect(land.every((v) => v.service_code === 'land')).toBe(true);
      expect(land.map((v) => v.service_request_id)).toEqual(expect.arrayContaining([land1, land2]));
      expect(land.map((v) => v.service_request_id)).not.toContain(env);

      const environment = await list({ service_code: 'environment', status: 'open' });
      expect(environment.map((v) => v.service_request_id)).toEqual(expect.arrayContaining([env]));
      expect(environment.every((v) => v.service_code === 'environment' && v.status === 'open')).toBe(true);

      const hour = 60 * 60 * 1000;
      const inWindow = await list({
        start_date: new Date(Date.now() - hour).toISOString(),
        end_date: new Date(Date.now() + hour).toISOString(),
      });
      expect(inWindow.map((v) => v.service_request_id)).toEqual(expect.arrayContaining([land1, env, land2]));
      expect(await list({ end_date: new Date(Date.now() - hour).toISOString() })).toEqual([]);
      expect(await list({ start_date: new Date(Date.now() + hour).toISOString() })).toEqual([]);
    });

    it('refuses malformed list parameters and windows over 90 days with 400 in the Open311 format', async () => {
      const day = 24 * 60 * 60 * 1000;
      const cases: Record<string, string>[] = [
        { start_date: '2025-07-01' },
        { end_date: 'yesterday' },
        { status: 'pending' },
        {
          start_date: new Date(Date.now() - 91 * day).toISOString(),
          end_date: new Date().toISOString(),
        },
        { start_date: new Date().toISOString(), end_date: new Date(Date.now() - day).toISOString() },
      ];
      for (const query of cases) {
        const res = await http.get(`${BASE}/requests.json`).query(query);
        expect({ query, status: res.status, code: res.headers['x-error-code'] }).toEqual({
          query,
          status: 400,
          code: 'OPEN311.INVALID_QUERY',
        });
        expect(res.body).toEqual([{ code: 400, description: expect.any(String) }]);
      }
    });
  });

  it('leaves staff endpoints in the house error format', async () => {
    const anonymous = await http.get('/intake/commune').expect(401);
    expect(anonymous.body).toMatchObject({ statusCode: 401, code: 'AUTH.UNAUTHENTICATED' });
    const admin = await signTestToken(SECRET, { roles: ['administrator'] });
    const res = await http
      .put('/intake/commune/potholes')
      .set('Authorization', `Bearer ${admin}`)
      .send({ items: [], reason: 'thử', expectedVersion: 1 })
      .expect(404);
    expect(res.body).toMatchObject({ statusCode: 404, code: 'COMMUNE.UNKNOWN_SECTION' });
  });

  it('describes every Open311 operation in the OpenAPI document, none of them behind a bearer token', () => {
    const document = SwaggerModule.createDocument(app, new DocumentBuilder().addBearerAuth().build());
    const operations = [
      ['/open311/v2/services.json', 'get'],
      ['/open311/v2/services/{serviceCode}.json', 'get'],
      ['/open311/v2/requests.json', 'get'],
      ['/open311/v2/requests.json', 'post'],
      ['/open311/v2/requests/{id}.json', 'get'],
      ['/open311/v2/tokens/{token}.json', 'get'],
    ] as const;
    for (const [path, method] of operations) {
      const operation = document.paths[path]?.[method];
      expect({ path, method, summary: typeof operation?.summary }).toEqual({
        path,
        method,
        summary: 'string',
      });
      expect(operation?.security).toBeUndefined();
    }
    const post = document.paths['/open311/v2/requests.json'].post!;
    expect(
      Object.keys(post.requestBody && 'content' in post.requestBody ? post.requestBody.content : {}),
    ).toEqual(['application/x-www-form-urlencoded', 'application/json']);
    expect(Object.keys(post.responses)).toEqual(expect.arrayContaining(['201', '400', '403', '404']));
  });
});
