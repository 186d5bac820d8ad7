import { createHash, randomBytes } from 'node:crypto';
import type { INestApplication } from '@nestjs/common';
import { Test } from '@nestjs/testing';
import { AuthModule, DomainErrorFilter, requestBodyErrorHandler, signTestToken } from '@tiep-dan/platform';
import { createTestDatabase, type TestDatabase } from '@tiep-dan/testing';
import { json, urlencoded } from 'express';
import { Pool } from 'pg';
import request from 'supertest';
import { AttachmentsModule, FILE_STORE, PostgresFileStore } from '../src/application/attachments';

const SECRET = 'attachments-pg-test-secret-0123456789abcd';
const BASE = '/intake/attachments';
const MiB = 1024 * 1024;

const sha256 = (bytes: Buffer) => createHash('sha256').update(bytes).digest('hex');
const pdf = (size: number) => Buffer.concat([Buffer.from('%PDF-1.7\n'), randomBytes(size - 9)]);

/**
 * ATTACHMENT_STORE=postgres as intake's processes on two hosts use it: each has its own pool and no
 * shared disk; an upload through one is downloaded through the other.
 */
describe('attachments over HTTP with the PostgreSQL file store, across two intake processes', () => {
  let db: TestDatabase;
  const pools: Pool[] = [];
  const apps: INestApplication[] = [];
  let token: string;

  async function startProcess(): Promise<INestApplication> {
    const pool = new Pool({ connectionString: db.url, max: 4 });
    pool.on('error', () => undefined);
    pools.push(pool);
    const moduleRef = await Test.createTestingModule({
      imports: [
        AuthModule.forRoot({ mode: 'local', jwtSecret: SECRET }),
        AttachmentsModule.register({ pool, schema: 'intake', store: 'postgres' }),
      ],
    }).compile();
    const app = moduleRef.createNestApplication({ logger: false, bodyParser: false });
    app.use(json({ limit: '1mb' }), urlencoded({ limit: '1mb', extended: false }), requestBodyErrorHandler);
    app.useGlobalFilters(new DomainErrorFilter());
    await app.init();
    apps.push(app);
    return app;
  }

  beforeAll(async () => {
    db = await createTestDatabase('attachments_pg_http');
    await startProcess();
    await startProcess();
    token = await signTestToken(SECRET, {
      roles: ['reception_officer'],
      userId: 'officer-id',
      username: 'officer',
    });
  });

  afterAll(async () => {
    await Promise.all(apps.map((app) => app.close()));
    await Promise.all(pools.map((pool) => pool.end()));
    await db.drop();
  });

  const chunks = async () =>
    Number((await pools[0].query('SELECT count(*) AS n FROM intake.attachment_chunks')).rows[0].n);

  it('uses the PostgreSQL store', () => {
    for (const app of apps) expect(app.get(FILE_STORE)).toBeInstanceOf(PostgresFileStore);
  });

  it('serves through one process the 3 MiB PDF uploaded through the other, byte for byte', async () => {
    const bytes = pdf(3 * MiB);
    const uploaded = await request(apps[0].getHttpServer())
      .post(BASE)
      .set('Authorization', `Bearer ${token}`)
      .set('Content-Type', 'application/pdf')
      .set('X-File-Name', encodeURIComponent('đơn-khiếu-nại.pdf'))
      .send(bytes)
      .expect(201);
    expect(uploaded.body).toMatchObject({ size: bytes.length, sha256: sha256(bytes) });
    const downloaded = await request(apps[1].getHttpServer())
      .get(`${BASE}/${uploaded.body.attachmentId as string}/content`)
      .set('Authorization', `Bearer ${token}`)
      .responseType('blob')
      .expect(200);
    expect(downloaded.headers['content-type']).toContain('application/pdf');
    expect(Buffer.compare(downloaded.body as Buffer, bytes)).toBe(0);
  });

  it('refuses an upload above the 20 MiB limit with 413 and keeps none of its bytes', async () => {
    const before = await chunks();
    const res = await request(apps[1].getHttpServer())
      .post(BASE)
      .set('Authorization', `Bearer ${token}`)
      .set('Content-Type', 'application/pdf')
      .set('X-File-Name', 'qua-lon.pdf')
      .send(pdf(21 * MiB));
    expect(res.status).toBe(413);
    expect(res.body.code).toBe('ATTACHMENT.TOO_LARGE');
    expect(await chunks()).toBe(before);
  });
});
