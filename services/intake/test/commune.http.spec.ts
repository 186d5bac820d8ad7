import type { INestApplication } from '@nestjs/common';
import { DocumentBuilder, SwaggerModule } from '@nestjs/swagger';
import { Test } from '@nestjs/testing';
import { AuthModule, DomainErrorFilter, ROLES, signTestToken } from '@tiep-dan/platform';
import { createTestDatabase, type TestDatabase } from '@tiep-dan/testing';
import { Pool } from 'pg';
import request from 'supertest';
import { CommuneConfigRepository } from '../src/commune/commune-config.repository';
import type { CommuneConfig } from '../src/commune/commune-config.schema';
import { CommuneDirectory } from '../src/commune/commune.directory';
import { CommuneModule } from '../src/commune/commune.module';
import { sampleCommuneConfig } from '../src/commune/seed/sample-commune.seed';

const SECRET = 'commune-test-secret-0123456789abcdefgh';
const SCHEMA = 'intake';

describe('commune configuration endpoints with PostgreSQL', () => {
  let db: TestDatabase;
  let pool: Pool;
  let app: INestApplication;
  let http: ReturnType<typeof request>;
  let directory: CommuneDirectory;
  let admin: string;
  let chairman: string;

  beforeAll(async () => {
    db = await createTestDatabase('commune_http');
    pool = new Pool({ connectionString: db.url, max: 6 });
    // Dropping the database at the end terminates any connection still open: not a test failure.
    pool.on('error', () => undefined);
    const moduleRef = await Test.createTestingModule({
      imports: [
        AuthModule.forRoot({ mode: 'local', jwtSecret: SECRET }),
        CommuneModule.forRoot({ pool, schema: SCHEMA, refreshIntervalMs: 0 }),
      ],
    }).compile();
    app = moduleRef.createNestApplication({ logger: false });
    app.useGlobalFilters(new DomainErrorFilter());
    await app.init();
    http = request(app.getHttpServer());
    directory = app.get(CommuneDirectory);
    admin = await signTestToken(SECRET, { roles: ['administrator'], username: 'quantri' });
    chairman = await signTestToken(SECRET, { roles: ['chairman'], username: 'chutich' });
  });

  afterAll(async () => {
    await app?.close();
    await pool?.end();
    await db?.drop();
  });

  const get = (path: string, token = admin) => http.get(path).set('Authorization', `Bearer ${token}`);
  const put = (section: string, body: object, token = admin) =>
    http.put(`/intake/commune/${section}`).set('Authorization', `Bearer ${token}`).send(body);
  const stored = async () =>
    (
      await pool.query<{ version: number }>(`SELECT version FROM ${SCHEMA}.commune_config ORDER BY version`)
    ).rows.map((r) => r.version);
  const current = async (): Promise<{ version: number; config: CommuneConfig }> =>
    (await get('/intake/commune')).body;

  it('seeds the sample commune as version 1 on first start', async () => {
    expect(await stored()).toEqual([1]);
    const res = await get('/intake/commune').expect(200);
    expect(res.body).toMatchObject({ version: 1, updatedBy: 'seed' });
    expect(res.body.config).toEqual(sampleCommuneConfig());
    expect(Date.parse(res.body.updatedAt)).not.toBeNaN();
    expect(directory.version).toBe(1);
    expect(directory.hamlet('Thôn Ba')?.code).toBe('thon-3');
  });

  it('lets every role read the configuration, and nobody without a token', async () => {
    for (const role of ROLES) {
      const token = await signTestToken(SECRET, { roles: [role] });
      const res = await get('/intake/commune', token);
      expect({ role, status: res.status }).toEqual({ role, status: 200 });
    }
    const anonymous = await http.get('/intake/commune');
    expect(anonymous.status).toBe(401);
    expect(anonymous.body.code).toBe('AUTH.UNAUTHENTICATED');
  });

  it('lets only an administrator edit (403 AUTH.FORBIDDEN for the chairman) and see the history', async () => {
    const { config } = await current();
    const res = await put('hamlets', { items: config.hamlets, reason: 'thử', expectedVersion: 1 }, chairman);
    expect(res.status).toBe(403);
    expect(res.body.code).toBe('AUTH.FORBIDDEN');
    const history = await get('/intake/commune/history', chairman);
    expect(history.status).toBe(403);
    expect(await stored()).toEqual([1]);
  });

  it('refuses invalid edits with stable codes and the field path, and stores nothing', async () => {
    const { config } = await current();
    const withoutOffice = config.units.filter((u) => u.code !== 'commune-office');
    const edit = (items: unknown) => ({ items, reason: 'sửa sai', expectedVersion: 1 });
    const cases: [string, object, number, string, string?][] = [
      [
        'officials',
        edit([...config.officials, { ...config.officials[0], id: 'x', unitCode: 'phong-noi-vu' }]),
        400,
        'COMMUNE.UNKNOWN_UNIT',
        `officials.${config.officials.length}.unitCode`,
      ],
      // Removing a unit that officials still belong to breaks the rest of the configuration.
      ['units', edit(withoutOffice), 400, 'COMMUNE.UNKNOWN_UNIT'],
      ['units', edit([...config.units, config.units[0]]), 400, 'COMMUNE.DUPLICATE_CODE'],
      [
        'hamlets',
        edit([...config.hamlets, { code: 'thon-moi', name: 'Thôn Mới', kind: 'thon', aliases: ['thôn ba'] }]),
        400,
        'COMMUNE.DUPLICATE_ALIAS',
        `hamlets.${config.hamlets.length}.aliases.0`,
      ],
      [
        'units',
        edit([{ ...config.units[0], code: 'Văn Phòng' }, ...config.units.slice(1)]),
        400,
        'COMMUNE.INVALID_CONFIG',
        'units.0.code',
      ],
      [
        'subject-domains',
        edit([{ code: 'land', name: 'Đất đai', sensitiveTags: ['tham-nhung'] }]),
        400,
        'COMMUNE.INVALID_CONFIG',
        'subjectDomains.0.sensitiveTags.0',
      ],
      ['hamlets', edit('none'), 400, 'COMMUNE.INVALID_REQUEST', 'items'],
      ['hamlets', { items: config.hamlets, expectedVersion: 1 }, 400, 'COMMUNE.INVALID_REQUEST', 'reason'],
      [
        'hamlets',
        { items: config.hamlets, reason: '  ', expectedVersion: 1 },
        400,
        'COMMUNE.INVALID_REQUEST',
        'reason',
      ],
      [
        'hamlets',
        { items: config.hamlets, reason: 'thiếu phiên bản' },
        400,
        'COMMUNE.INVALID_REQUEST',
        'expectedVersion',
      ],
      ['hamlets', { ...edit(config.hamlets), note: 'x' }, 400, 'COMMUNE.INVALID_REQUEST'],
      ['communes', edit([]), 404, 'COMMUNE.UNKNOWN_SECTION'],
    ];
    for (const [section, body, status, code, path] of cases) {
      const res = await put(section, body);
      expect({ section, status: res.status, code: res.body.code }).toEqual({ section, status, code });
      if (path) expect(res.body.details.path).toBe(path);
    }
    expect(await stored()).toEqual([1]);
    expect((await current()).config).toEqual(sampleCommuneConfig());
  });

  it('stores a valid edit as the next version, and the directory sees it at once', async () => {
    const { config } = await current();
    const hamlets = [
      ...config.hamlets,
      { code: 'ban-khuoi-lu', name: 'Bản Khuổi Lù', kind: 'ban', aliases: ['Khuổi Lù'], remote: true },
    ];
    const res = await put('hamlets', {
      items: hamlets,
      reason: 'Thêm bản Khuổi Lù theo Nghị quyết sáp nhập thôn',
      expectedVersion: 1,
    }).expect(200);
    expect(res.body).toMatchObject({ version: 2, updatedBy: 'quantri' });
    expect(res.body.config.hamlets).toHaveLength(config.hamlets.length + 1);
    expect(await stored()).toEqual([1, 2]);
    expect(directory.version).toBe(2);
    expect(directory.hamlet('khuoi lu')?.code).toBe('ban-khuoi-lu');
    expect(directory.isRemote('ban-khuoi-lu')).toBe(true);
    // The other sections are untouched.
    expect(res.body.config.units).toEqual(config.units);
  });

  it('edits subject domains through the kebab-case section name', async () => {
    const { config, version } = await current();
    const domains = config.subjectDomains.map((d) =>
      d.code === 'construction-order' ? { ...d, sensitiveTags: ['land'] } : d,
    );
    await put('subject-domains', {
      items: domains,
      reason: 'Trật tự xây dựng gắn với đất đai',
      expectedVersion: version,
    }).expect(200);
    expect(directory.subjectDomain('construction-order')?.sensitiveTags).toEqual(['land']);
  });

  it('answers 409 COMMUNE.VERSION_CONFLICT to an edit based on an older version, and stores nothing', async () => {
    const { config, version } = await current();
    const res = await put('officials', {
      items: config.officials,
      reason: 'cũ',
      expectedVersion: version - 1,
    });
    expect(res.status).toBe(409);
    expect(res.body).toMatchObject({
      code: 'COMMUNE.VERSION_CONFLICT',
      details: { expectedVersion: version - 1, currentVersion: version },
    });
    expect((await current()).version).toBe(version);
  });

  it('lets exactly one of several simultaneous edits of the same version win', async () => {
    const { config, version } = await current();
    const edit = (name: string) =>
      put('officials', {
        items: config.officials.map((o) => (o.id === 'chu-tich' ? { ...o, fullName: name } : o)),
        reason: `Chủ tịch mới: ${name}`,
        expectedVersion: version,
      });
    const names = ['Hoàng Văn Thái', 'Đặng Thị Yến', 'Mông Văn Cường', 'La Thị Thanh'];
    const results = await Promise.all(names.map(edit));
    expect(results.map((r) => r.status).sort()).toEqual([200, 409, 409, 409]);
    const winner = results.find((r) => r.status === 200)!;
    expect((await current()).version).toBe(version + 1);
    expect(directory.official('chu-tich')?.fullName).toBe(
      winner.body.config.officials.find((o: { id: string }) => o.id === 'chu-tich').fullName,
    );
  });

  it('keeps in the history who changed which section and why, newest first', async () => {
    const res = await get('/intake/commune/history').expect(200);
    const history = res.body as { version: number; updatedBy: string; reason: string; changed: string[] }[];
    expect(history.map((h) => h.version)).toEqual([4, 3, 2, 1]);
    expect(history[2]).toMatchObject({
      version: 2,
      updatedBy: 'quantri',
      reason: 'Thêm bản Khuổi Lù theo Nghị quyết sáp nhập thôn',
      changed: ['hamlets'],
    });
    expect(history[1].changed).toEqual(['subjectDomains']);
    expect(history[0].changed).toEqual(['officials']);
    expect(history[3]).toMatchObject({ version: 1, updatedBy: 'seed' });
    expect(history[3].changed).toHaveLength(5);
  });

  it('refuses with VERSION_CONFLICT an edit whose version another writer committed while it was being stored', async () => {
    const repository = new CommuneConfigRepository(pool, SCHEMA);
    const { config, version } = await repository.current();
    const rival = await pool.connect();
    try {
      // The rival's next version is written but not committed: the edit reads the old version as the
      // latest, passes the version check, and then waits on the primary key.
      await rival.query('BEGIN');
      await rival.query(
        `INSERT INTO ${SCHEMA}.commune_config (version, config, updated_by, reason)
         SELECT version + 1, config, 'rival', 'race' FROM ${SCHEMA}.commune_config WHERE version = $1`,
        [version],
      );
      const edit = repository.update('officials', config.officials, {
        by: 'quantri',
        reason: 'late',
        expectedVersion: version,
      });
      const settled = edit.then(
        () => 'stored',
        (error: unknown) => error,
      );
      const deadline = Date.now() + 5_000;
      while (Date.now() < deadline) {
        const { rows } = await pool.query<{ waiting: number }>(
          `SELECT count(*)::int AS waiting FROM pg_stat_activity
            WHERE datname = current_database() AND wait_event_type = 'Lock'`,
        );
        if (rows[0].waiting > 0) break;
        await new Promise((r) => setTimeout(r, 10));
      }
      await rival.query('COMMIT');
      expect(await settled).toMatchObject({
        code: 'COMMUNE.VERSION_CONFLICT',
        kind: 'conflict',
        details: { expectedVersion: version, currentVersion: version + 1 },
      });
    } finally {
      rival.release();
    }
    expect((await repository.current()).updatedBy).toBe('rival');
  });

  it('another instance (distributed mode) picks up a version written elsewhere on its periodic refresh', async () => {
    const other = new CommuneDirectory(new CommuneConfigRepository(pool, SCHEMA), {
      pool,
      schema: SCHEMA,
      refreshIntervalMs: 25,
    });
    await other.onModuleInit();
    try {
      const { config, version } = await current();
      expect(other.unit('youth-union')?.shortName).toBe('Đoàn Thanh niên xã');
      await put('units', {
        items: config.units.map((u) => (u.code === 'youth-union' ? { ...u, shortName: 'Đoàn TN xã' } : u)),
        reason: 'Tên viết tắt',
        expectedVersion: version,
      }).expect(200);
      const deadline = Date.now() + 5_000;
      while (other.version === version && Date.now() < deadline) await new Promise((r) => setTimeout(r, 25));
      expect(other.version).toBe(version + 1);
      expect(other.unit('youth-union')?.shortName).toBe('Đoàn TN xã');
    } finally {
      other.onModuleDestroy();
    }
  });

  it('seeds exactly once when several instances start together on an empty database', async () => {
    const repositories = [1, 2, 3].map(() => new CommuneConfigRepository(pool, 'intake_race'));
    await Promise.all(repositories.map((r) => r.migrate()));
    const records = await Promise.all(repositories.map((r) => r.current()));
    expect(records.map((r) => r.version)).toEqual([1, 1, 1]);
    const { rows } = await pool.query('SELECT version FROM intake_race.commune_config');
    expect(rows).toHaveLength(1);
  });

  it('describes the endpoints in the OpenAPI document', () => {
    const document = SwaggerModule.createDocument(app, new DocumentBuilder().addBearerAuth().build());
    expect(Object.keys(document.paths)).toEqual(
      expect.arrayContaining(['/intake/commune', '/intake/commune/history', '/intake/commune/{section}']),
    );
    const putOperation = document.paths['/intake/commune/{section}'].put!;
    expect(putOperation.parameters).toContainEqual(
      expect.objectContaining({
        name: 'section',
        schema: expect.objectContaining({ enum: ['units', 'hamlets', 'officials', 'subject-domains'] }),
      }),
    );
    expect(Object.keys(putOperation.responses)).toEqual(
      expect.arrayContaining(['200', '400', '403', '404', '409']),
    );
  });
});
