import { createHash, randomBytes, randomUUID } from 'node:crypto';
import { mkdtemp, readdir, readFile, rm } from 'node:fs/promises';
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Readable } from 'node:stream';
import type { INestApplication } from '@nestjs/common';
import { Test } from '@nestjs/testing';
import { DomainError, type AttachmentInput } from '@tiep-dan/contracts';
import {
  AuthModule,
  DomainErrorFilter,
  requestBodyErrorHandler,
  signTestToken,
  type Role,
} from '@tiep-dan/platform';
import { createTestDatabase, type TestDatabase } from '@tiep-dan/testing';
import { json, urlencoded } from 'express';
import { Pool } from 'pg';
import request from 'supertest';
import {
  AttachmentsModule,
  AttachmentsService,
  FILE_STORE,
  type FileStore,
} from '../src/application/attachments';

const SECRET = 'attachments-test-secret-0123456789abcdef';
const BASE = '/intake/attachments';
const MiB = 1024 * 1024;
const NOW = new Date('2026-11-20T03:00:00.000Z');

const sha256 = (bytes: Buffer) => createHash('sha256').update(bytes).digest('hex');
/** A PDF as scanners write it: the header, then arbitrary bytes. */
const pdf = (size: number) => Buffer.concat([Buffer.from('%PDF-1.7\n'), randomBytes(size - 9)]);
const png = () =>
  Buffer.concat([Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]), randomBytes(2000)]);
/** "hồ-sơ-đất.pdf", percent-encoded UTF-8 as a client puts it in X-File-Name. */
const VIETNAMESE_NAME = 'hồ-sơ-đất.pdf';
const ENCODED_NAME = encodeURIComponent(VIETNAMESE_NAME);

describe('attachments over HTTP with PostgreSQL and a local file store', () => {
  let db: TestDatabase;
  let pool: Pool;
  let root: string;
  let app: INestApplication;
  let port: number;
  let api: ReturnType<typeof request>;
  let service: AttachmentsService;
  let store: FileStore;
  const tokens = new Map<string, string>();

  beforeAll(async () => {
    db = await createTestDatabase('attachments_http');
    pool = new Pool({ connectionString: db.url, max: 4 });
    // Dropping the database at the end terminates any connection still open: not a test failure.
    pool.on('error', () => undefined);
    root = await mkdtemp(join(tmpdir(), 'attachments-http-'));
    const moduleRef = await Test.createTestingModule({
      imports: [
        AuthModule.forRoot({ mode: 'local', jwtSecret: SECRET }),
        AttachmentsModule.register({ pool, schema: 'intake', rootDir: root, clock: () => NOW }),
      ],
    }).compile();
    // As in production (libs/platform/src/runtime/bootstrap.ts): 1 MB JSON and form parsers.
    app = moduleRef.createNestApplication({ logger: false, bodyParser: false });
    app.use(json({ limit: '1mb' }), urlencoded({ limit: '1mb', extended: false }), requestBodyErrorHandler);
    app.useGlobalFilters(new DomainErrorFilter());
    await app.listen(0, '127.0.0.1');
    port = (app.getHttpServer().address() as AddressInfo).port;
    api = request(app.getHttpServer());
    service = app.get(AttachmentsService);
    store = app.get<FileStore>(FILE_STORE);
    const users: Record<string, Role> = {
      officer: 'reception_officer',
      processor: 'petition_processor',
      chairman: 'chairman',
      head: 'unit_head',
      handler: 'unit_handler',
      police: 'police',
      front: 'front_supervisor',
    };
    for (const [name, role] of Object.entries(users)) {
      tokens.set(name, await signTestToken(SECRET, { roles: [role], userId: `${name}-id`, username: name }));
    }
  });

  afterAll(async () => {
    await app?.close();
    await pool?.end();
    await db?.drop();
    await rm(root, { recursive: true, force: true });
  });

  const bearer = (user: string) => `Bearer ${tokens.get(user)}`;
  const upload = (user: string, bytes: Buffer, headers: Record<string, string>) => {
    const req = api.post(BASE).set('Authorization', bearer(user));
    for (const [name, value] of Object.entries(headers)) req.set(name, value);
    return req.send(bytes);
  };
  const download = (user: string, id: string) =>
    api.get(`${BASE}/${id}/content`).set('Authorization', bearer(user)).responseType('blob');

  /** Stored files (`<aa>/<sha256>`) and partial uploads. */
  const disk = async () => {
    const entries = await readdir(root, { recursive: true, withFileTypes: true });
    const files = entries
      .filter((e) => e.isFile())
      .map((e) => join(e.parentPath, e.name).slice(root.length + 1));
    return {
      stored: files.filter((f) => !f.startsWith('.partial')).sort(),
      partial: files.filter((f) => f.startsWith('.partial')),
    };
  };
  const rowCount = async () =>
    Number((await pool.query<{ n: string }>('SELECT count(*) AS n FROM intake.attachments')).rows[0].n);
  /** What a refused request must leave unchanged. */
  const snapshot = async () => ({ rows: await rowCount(), ...(await disk()) });

  /**
   * A POST whose body is streamed from `chunks` (chunked unless a Content-Length is given). `sent` says
   * whether the client got to send its whole body: a server that answers early must still read it off.
   */
  const rawUpload = (headers: Record<string, string>, chunks: Iterable<Buffer> | AsyncIterable<Buffer>) =>
    new Promise<{ status: number; body: { code?: string }; sent: boolean }>((resolve, reject) => {
      let sent = false;
      const req = http.request(
        {
          host: '127.0.0.1',
          port,
          method: 'POST',
          path: BASE,
          headers: { Authorization: bearer('officer'), ...headers },
        },
        (res) => {
          const body: Buffer[] = [];
          res.on('data', (chunk: Buffer) => body.push(chunk));
          res.on('end', async () => {
            for (let i = 0; i < 100 && !sent; i++) await new Promise((r) => setTimeout(r, 50));
            if (!sent) req.destroy();
            resolve({
              status: res.statusCode ?? 0,
              body: JSON.parse(Buffer.concat(body).toString('utf8')),
              sent,
            });
          });
        },
      );
      req.on('finish', () => (sent = true));
      req.on('error', reject);
      Readable.from(chunks).pipe(req);
    });

  /** A PDF of `mib` MiB, generated 64 KiB at a time: never held in memory as a whole. */
  function* streamedPdf(mib: number) {
    const chunk = Buffer.alloc(64 * 1024, 0x41);
    chunk.write('%PDF-1.7\n');
    for (let sent = 0; sent < mib * MiB; sent += chunk.length) yield chunk;
  }

  describe('upload and download', () => {
    const bytes = pdf(2 * MiB);
    let id: string;

    it('stores a 2 MiB PDF with a Vietnamese name: the 1 MB JSON and form parsers never read other types', async () => {
      const res = await upload('officer', bytes, {
        'Content-Type': 'application/pdf',
        'X-File-Name': ENCODED_NAME,
      }).expect(201);
      expect(res.body).toEqual({
        attachmentId: expect.stringMatching(/^[0-9a-f-]{36}$/),
        name: VIETNAMESE_NAME.normalize('NFC'),
        contentType: 'application/pdf',
        size: bytes.length,
        sha256: sha256(bytes),
      });
      id = res.body.attachmentId;
      const stored = await readFile(join(root, sha256(bytes).slice(0, 2), sha256(bytes)));
      expect(stored.equals(bytes)).toBe(true);
      const row = await pool.query('SELECT * FROM intake.attachments WHERE attachment_id = $1', [id]);
      expect(row.rows[0]).toMatchObject({
        storage_key: sha256(bytes),
        name: 'hồ-sơ-đất.pdf',
        content_type: 'application/pdf',
        size: bytes.length,
        sha256: sha256(bytes),
        uploaded_by: 'officer-id',
        uploaded_at: NOW,
      });
    });

    it('gives back the identical bytes as a download that browsers neither sniff nor render', async () => {
      const res = await download('handler', id).expect(200);
      expect(Buffer.compare(res.body as Buffer, bytes)).toBe(0);
      expect(res.headers['content-type']).toBe('application/pdf');
      expect(res.headers['content-length']).toBe(String(bytes.length));
      expect(res.headers['content-disposition']).toBe(
        `attachment; filename="ho-so-dat.pdf"; filename*=UTF-8''${ENCODED_NAME}`,
      );
      expect(res.headers['x-content-type-options']).toBe('nosniff');
      expect(res.headers['cache-control']).toBe('private, no-store');
    });

    it('describes the upload', async () => {
      const res = await api.get(`${BASE}/${id}`).set('Authorization', bearer('head')).expect(200);
      expect(res.body).toEqual({
        attachmentId: id,
        name: 'hồ-sơ-đất.pdf',
        contentType: 'application/pdf',
        size: bytes.length,
        sha256: sha256(bytes),
        uploadedBy: 'officer-id',
        uploadedAt: NOW.toISOString(),
      });
    });

    it('answers a retried upload with the first attachment (200): one row, one stored file', async () => {
      const before = await snapshot();
      const res = await upload('officer', bytes, {
        'Content-Type': 'application/pdf',
        'X-File-Name': ENCODED_NAME,
      }).expect(200);
      expect(res.body).toMatchObject({ attachmentId: id, sha256: sha256(bytes) });
      expect(await snapshot()).toEqual(before);
    });

    it('keeps one copy of the same bytes uploaded by someone else under another name', async () => {
      const before = await snapshot();
      const res = await upload('chairman', bytes, {
        'Content-Type': 'application/pdf',
        'X-File-Name': "UTF-8''b%E1%BA%A3n-sao.pdf",
      }).expect(201);
      expect(res.body).toMatchObject({ name: 'bản-sao.pdf', sha256: sha256(bytes) });
      expect(res.body.attachmentId).not.toBe(id);
      expect(await snapshot()).toEqual({ ...before, rows: before.rows + 1 });
    });

    it('records concurrent identical uploads once: one 201, the others 200 with the same id', async () => {
      const same = png();
      const results = await Promise.all(
        Array.from({ length: 6 }, () =>
          upload('processor', same, { 'Content-Type': 'image/png', 'X-File-Name': 'anh.png' }),
        ),
      );
      expect(results.map((r) => r.status).sort()).toEqual([200, 200, 200, 200, 200, 201]);
      expect(new Set(results.map((r) => r.body.attachmentId)).size).toBe(1);
      expect((await disk()).stored.filter((f) => f.endsWith(sha256(same)))).toHaveLength(1);
    });

    it('stores a text body that looks like a form verbatim (no parser touched it)', async () => {
      const text = Buffer.from('hoten=Nguy%E1%BB%85n&noidung={"a":1}');
      const res = await upload('officer', text, {
        'Content-Type': 'text/plain; charset=utf-8',
        'X-File-Name': 'ghi-chu.txt',
      }).expect(201);
      expect(res.body.contentType).toBe('text/plain');
      const back = await download('officer', res.body.attachmentId).expect(200);
      expect((back.body as Buffer).equals(text)).toBe(true);
    });
  });

  describe('refused uploads change nothing', () => {
    let before: Awaited<ReturnType<typeof snapshot>>;
    beforeEach(async () => {
      before = await snapshot();
    });
    afterEach(async () => {
      expect(await snapshot()).toEqual(before);
    });

    it.each([['image/gif'], ['application/zip'], ['text/html'], ['application/octet-stream']])(
      'refuses a type outside the list (%s) with 415',
      async (type) => {
        const res = await upload('officer', Buffer.from('GIF89a...'), {
          'Content-Type': type,
          'X-File-Name': 'x',
        }).expect(415);
        expect(res.body).toMatchObject({ statusCode: 415, code: 'ATTACHMENT.UNSUPPORTED_TYPE' });
      },
    );

    it('refuses a JSON body with 415 even though the JSON parser has read it', async () => {
      const res = await api
        .post(BASE)
        .set('Authorization', bearer('officer'))
        .set('X-File-Name', 'x.json')
        .send({ hello: 'world' })
        .expect(415);
      expect(res.body.code).toBe('ATTACHMENT.UNSUPPORTED_TYPE');
    });

    it('refuses a body without Content-Type with 415', async () => {
      const res = await rawUpload({ 'X-File-Name': 'x.pdf' }, [pdf(100)]);
      expect(res).toMatchObject({ status: 415, body: { code: 'ATTACHMENT.UNSUPPORTED_TYPE' }, sent: true });
    });

    it.each([
      ['a PDF declared as PNG', 'image/png', pdf(5000)],
      ['a PNG declared as PDF', 'application/pdf', png()],
      ['HTML declared as JPEG', 'image/jpeg', Buffer.from('<html><script>alert(1)</script></html>')],
      ['an empty file declared as PDF', 'application/pdf', Buffer.alloc(0)],
    ])('refuses bytes that do not match their declared type with 415: %s', async (_case, type, bytes) => {
      const res = await upload('officer', bytes, { 'Content-Type': type, 'X-File-Name': 'x' }).expect(415);
      expect(res.body).toMatchObject({
        code: 'ATTACHMENT.UNSUPPORTED_TYPE',
        details: { reason: 'content_mismatch' },
      });
    });

    it('refuses a 21 MiB upload that declares its length with 413 and stores nothing', async () => {
      const res = await rawUpload(
        { 'Content-Type': 'application/pdf', 'X-File-Name': 'lon.pdf', 'Content-Length': String(21 * MiB) },
        streamedPdf(21),
      );
      expect(res).toEqual({
        status: 413,
        body: expect.objectContaining({ code: 'ATTACHMENT.TOO_LARGE' }),
        sent: true,
      });
    });

    it('refuses a streamed body (no Content-Length) once it passes 20 MiB with 413, leaving no partial file', async () => {
      const res = await rawUpload(
        { 'Content-Type': 'application/pdf', 'X-File-Name': 'lon.pdf' },
        streamedPdf(30),
      );
      expect(res).toEqual({
        status: 413,
        body: expect.objectContaining({ code: 'ATTACHMENT.TOO_LARGE', details: { maxBytes: 20 * MiB } }),
        // The rest of the body was read off, so the client, still sending, got its answer.
        sent: true,
      });
    });

    it('answers a declared length far over the limit at once and closes the connection, reading nothing', async () => {
      const res = await new Promise<http.IncomingMessage>((resolve, reject) => {
        const req = http.request({
          host: '127.0.0.1',
          port,
          method: 'POST',
          path: BASE,
          headers: {
            Authorization: bearer('officer'),
            'Content-Type': 'application/pdf',
            'X-File-Name': 'rat-lon.pdf',
            'Content-Length': String(1024 * MiB),
          },
        });
        req.on('response', resolve).on('error', reject);
        // Headers only: the answer must not wait for a body that never comes.
        req.flushHeaders();
      });
      expect(res.statusCode).toBe(413);
      expect(res.headers.connection).toBe('close');
      res.resume();
    });

    it('refuses bytes whose SHA-256 differs from the declared one with 400 and keeps nothing', async () => {
      const bytes = pdf(300_000);
      const res = await upload('officer', bytes, {
        'Content-Type': 'application/pdf',
        'X-File-Name': 'x.pdf',
        'X-Content-SHA256': sha256(Buffer.from('something else')),
      }).expect(400);
      expect(res.body).toMatchObject({ code: 'ATTACHMENT.CHECKSUM_MISMATCH' });
      expect(await store.exists(sha256(bytes))).toBe(false);
    });

    it('refuses a wrong RFC 3230 Digest the same way', async () => {
      const res = await upload('officer', pdf(1000), {
        'Content-Type': 'application/pdf',
        'X-File-Name': 'x.pdf',
        Digest: `SHA-256=${createHash('sha256').update('other').digest('base64')}`,
      }).expect(400);
      expect(res.body.code).toBe('ATTACHMENT.CHECKSUM_MISMATCH');
    });

    it.each([
      ['missing', undefined, 'ATTACHMENT.NAME_REQUIRED'],
      ['blank', '   ', 'ATTACHMENT.NAME_REQUIRED'],
      ['raw non-ASCII', 'café.pdf', 'ATTACHMENT.INVALID_NAME'],
      ['badly percent-encoded', 'h%E1%BA.pdf', 'ATTACHMENT.INVALID_NAME'],
      ['path-like', '..%2F..%2Fetc%2Fpasswd', 'ATTACHMENT.INVALID_NAME'],
    ])('refuses a %s file name with 400', async (_case, name, code) => {
      const res = await upload('officer', pdf(100), {
        'Content-Type': 'application/pdf',
        ...(name !== undefined ? { 'X-File-Name': name } : {}),
      }).expect(400);
      expect(res.body).toMatchObject({ statusCode: 400, code });
    });

    it('refuses a compressed body with 415 rather than storing gzip bytes as the file', async () => {
      const res = await upload('officer', pdf(100), {
        'Content-Type': 'application/pdf',
        'X-File-Name': 'x.pdf',
        'Content-Encoding': 'gzip',
      }).expect(415);
      expect(res.body.code).toBe('ATTACHMENT.UNSUPPORTED_TYPE');
    });

    it.each([['police'], ['front'], ['head'], ['handler']])('does not let %s upload (403)', async (user) => {
      await upload(user, pdf(100), { 'Content-Type': 'application/pdf', 'X-File-Name': 'x.pdf' }).expect(403);
    });

    it('keeps nothing of an upload the client breaks off', async () => {
      await new Promise<void>((resolve) => {
        const req = http.request({
          host: '127.0.0.1',
          port,
          method: 'POST',
          path: BASE,
          headers: {
            Authorization: bearer('officer'),
            'Content-Type': 'application/pdf',
            'X-File-Name': 'dut.pdf',
            'Content-Length': String(MiB),
          },
        });
        req.on('error', () => resolve());
        req.write(pdf(200_000), () => setTimeout(() => req.destroy(), 100));
      });
      for (let i = 0; i < 50 && (await disk()).partial.length > 0; i++)
        await new Promise((r) => setTimeout(r, 50));
    });
  });

  describe('who may read', () => {
    let id: string;
    beforeAll(async () => {
      const res = await upload('officer', pdf(1000), {
        'Content-Type': 'application/pdf',
        'X-File-Name': 'to-cao.pdf',
      }).expect(201);
      id = res.body.attachmentId;
    });

    it.each([['officer'], ['processor'], ['chairman'], ['head'], ['handler']])(
      'lets %s read',
      async (user) => {
        await api.get(`${BASE}/${id}`).set('Authorization', bearer(user)).expect(200);
        await download(user, id).expect(200);
      },
    );

    it.each([['police'], ['front']])(
      'refuses %s (403): an attachment may identify a denouncer',
      async (user) => {
        const meta = await api.get(`${BASE}/${id}`).set('Authorization', bearer(user)).expect(403);
        expect(meta.body.code).toBe('AUTH.FORBIDDEN');
        await download(user, id).expect(403);
      },
    );

    it('refuses a caller without a token (401)', async () => {
      await api.get(`${BASE}/${id}/content`).expect(401);
    });

    it('answers 404 for an unknown or malformed id', async () => {
      const unknown = await api
        .get(`${BASE}/${randomUUID()}`)
        .set('Authorization', bearer('officer'))
        .expect(404);
      expect(unknown.body.code).toBe('ATTACHMENT.NOT_FOUND');
      await download('officer', 'not-a-uuid').expect(404);
    });
  });

  describe('resolveForPetition', () => {
    const uploaded = pdf(4000);
    let attachmentId: string;
    const described = (overrides: Partial<AttachmentInput> = {}): AttachmentInput => ({
      name: 'don.pdf',
      contentType: 'application/pdf',
      size: uploaded.length,
      sha256: sha256(uploaded),
      attachmentId,
      ...overrides,
    });
    const inline = (bytes: Buffer, overrides: Partial<AttachmentInput> = {}): AttachmentInput => ({
      name: 'bien-ban.pdf',
      contentType: 'application/pdf',
      size: bytes.length,
      sha256: sha256(bytes),
      contentBase64: bytes.toString('base64'),
      ...overrides,
    });
    const refusal = async (inputs: AttachmentInput[]) => {
      const error = await service.resolveForPetition(inputs).then(
        () => undefined,
        (e: unknown) => e,
      );
      if (!(error instanceof DomainError)) throw new Error(`expected a DomainError, got ${String(error)}`);
      return { code: error.code, kind: error.kind, details: error.details };
    };

    beforeAll(async () => {
      const res = await upload('officer', uploaded, {
        'Content-Type': 'application/pdf',
        'X-File-Name': 'don.pdf',
      }).expect(201);
      attachmentId = res.body.attachmentId;
    });

    it('records an earlier upload with its storage key and the name the petition gives it (NFC)', async () => {
      const decomposed = 'Đơn khiếu nại.pdf'.normalize('NFD');
      expect(await service.resolveForPetition([described({ name: decomposed })])).toEqual([
        {
          name: 'Đơn khiếu nại.pdf'.normalize('NFC'),
          contentType: 'application/pdf',
          size: uploaded.length,
          sha256: sha256(uploaded),
          storageKey: sha256(uploaded),
        },
      ]);
    });

    it('refuses an attachmentId that was never uploaded (ATTACHMENT.UNKNOWN)', async () => {
      expect(await refusal([described({ attachmentId: randomUUID() })])).toEqual({
        code: 'ATTACHMENT.UNKNOWN',
        kind: 'validation',
        details: { path: 'attachments.0' },
      });
    });

    it('refuses an upload whose SHA-256 or size is not the declared one', async () => {
      expect(await refusal([described(), described({ sha256: sha256(Buffer.from('x')) })])).toMatchObject({
        code: 'ATTACHMENT.CHECKSUM_MISMATCH',
        details: { field: 'sha256', path: 'attachments.1' },
      });
      expect(await refusal([described({ size: uploaded.length - 1 })])).toMatchObject({
        code: 'ATTACHMENT.CHECKSUM_MISMATCH',
        details: { field: 'size' },
      });
    });

    it('refuses an upload declared with another type', async () => {
      expect(await refusal([described({ contentType: 'image/png' })])).toMatchObject({
        code: 'ATTACHMENT.TYPE_MISMATCH',
      });
    });

    it('stores inline (base64) bytes and records their key; a redelivery stores nothing new', async () => {
      const bytes = pdf(50_000);
      const [first] = await service.resolveForPetition([inline(bytes)]);
      expect(first).toEqual({
        name: 'bien-ban.pdf',
        contentType: 'application/pdf',
        size: bytes.length,
        sha256: sha256(bytes),
        storageKey: sha256(bytes),
      });
      expect(
        (await readFile(join(root, first.storageKey!.slice(0, 2), first.storageKey!))).equals(bytes),
      ).toBe(true);
      const before = await disk();
      expect(await service.resolveForPetition([inline(bytes)])).toEqual([first]);
      expect(await disk()).toEqual(before);
    });

    it('keeps only the metadata of a paper attachment (no bytes, no storage key)', async () => {
      const before = await snapshot();
      const paper = {
        name: 'Bản sao sổ đỏ',
        contentType: 'application/pdf',
        size: 0,
        sha256: 'a'.repeat(64),
      };
      expect(await service.resolveForPetition([paper])).toEqual([paper]);
      expect(await snapshot()).toEqual(before);
    });

    it.each([
      [
        'a wrong SHA-256',
        (b: Buffer) => inline(b, { sha256: sha256(Buffer.from('x')) }),
        'ATTACHMENT.CHECKSUM_MISMATCH',
      ],
      ['a wrong size', (b: Buffer) => inline(b, { size: b.length + 1 }), 'ATTACHMENT.CHECKSUM_MISMATCH'],
      [
        'invalid base64',
        (b: Buffer) => inline(b, { contentBase64: `${b.toString('base64')}!` }),
        'ATTACHMENT.INVALID_BASE64',
      ],
      [
        'a type outside the list',
        (b: Buffer) => inline(b, { contentType: 'text/html' }),
        'ATTACHMENT.UNSUPPORTED_TYPE',
      ],
      [
        'bytes not of the declared type',
        (b: Buffer) => inline(b, { contentType: 'image/jpeg' }),
        'ATTACHMENT.UNSUPPORTED_TYPE',
      ],
      [
        'both an attachmentId and inline bytes',
        (b: Buffer) => inline(b, { attachmentId }),
        'ATTACHMENT.AMBIGUOUS_SOURCE',
      ],
    ])('refuses inline bytes with %s and stores none of the submission', async (_case, bad, code) => {
      const good = pdf(3000);
      const before = await snapshot();
      const refused = await refusal([inline(good), bad(pdf(2000))]);
      expect(refused).toMatchObject({
        code,
        kind: 'validation',
        details: expect.objectContaining({ path: 'attachments.1' }),
      });
      expect(await snapshot()).toEqual(before);
      expect(await store.exists(sha256(good))).toBe(false);
    });

    it('refuses inline bytes over the 1 MiB inline limit', async () => {
      expect(await refusal([inline(pdf(MiB + 1))])).toMatchObject({
        code: 'ATTACHMENT.TOO_LARGE',
        details: { maxBytes: MiB, path: 'attachments.0' },
      });
    });

    it('treats an upload whose bytes were erased as unknown, and its download as gone (410)', async () => {
      const bytes = pdf(1500);
      const res = await upload('officer', bytes, {
        'Content-Type': 'application/pdf',
        'X-File-Name': 'xoa.pdf',
      }).expect(201);
      await store.delete(sha256(bytes));
      expect(
        await refusal([
          {
            name: 'xoa.pdf',
            contentType: 'application/pdf',
            size: bytes.length,
            sha256: sha256(bytes),
            attachmentId: res.body.attachmentId,
          },
        ]),
      ).toMatchObject({
        code: 'ATTACHMENT.UNKNOWN',
      });
      const gone = await download('officer', res.body.attachmentId).expect(410);
      expect(gone.body.toString()).toContain('ATTACHMENT.CONTENT_GONE');
    });
  });
});
