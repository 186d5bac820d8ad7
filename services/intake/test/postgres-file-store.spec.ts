import { createHash, randomBytes } from 'node:crypto';
import { Readable } from 'node:stream';
import { text } from 'node:stream/consumers';
import { DomainError } from '@tiep-dan/contracts';
import { createTestDatabase, type TestDatabase } from '@tiep-dan/testing';
import { Pool } from 'pg';
import { PostgresFileStore } from '../src/infrastructure/attachments/postgres.file-store';

const sha256 = (bytes: Buffer) => createHash('sha256').update(bytes).digest('hex');
const KiB = 1024;
const SCHEMA = 'intake';

/** A source that yields `chunks` chunks of `chunkSize` bytes and counts how many were pulled. */
function counted(chunks: number, chunkSize: number, fill = 7) {
  const state = { pulled: 0 };
  async function* source() {
    for (let i = 0; i < chunks; i++) {
      state.pulled++;
      yield Buffer.alloc(chunkSize, fill);
    }
  }
  return { source: source(), state };
}

async function errorCode(promise: Promise<unknown>): Promise<string> {
  const error = await promise.then(
    () => undefined,
    (e: unknown) => e,
  );
  if (!(error instanceof DomainError)) throw new Error(`expected a DomainError, got ${String(error)}`);
  return error.code;
}

async function bytesOf(stream: Readable): Promise<Buffer> {
  const chunks: Buffer[] = [];
  for await (const chunk of stream) chunks.push(chunk as Buffer);
  return Buffer.concat(chunks);
}

describe('PostgresFileStore (attachment bytes in PostgreSQL)', () => {
  let db: TestDatabase;
  let pool: Pool;
  let store: PostgresFileStore;

  beforeAll(async () => {
    db = await createTestDatabase('pg_file_store');
    pool = new Pool({ connectionString: db.url, max: 12 });
    pool.on('error', () => undefined);
  });

  afterAll(async () => {
    await pool.end();
    await db.drop();
  });

  beforeEach(async () => {
    store = new PostgresFileStore(pool, SCHEMA, { maxBytes: 256 * KiB, chunkBytes: 32 * KiB });
    await store.init();
    await pool.query(`TRUNCATE ${SCHEMA}.attachment_contents, ${SCHEMA}.attachment_chunks`);
  });

  const count = async (table: 'attachment_contents' | 'attachment_chunks') =>
    Number((await pool.query(`SELECT count(*) AS n FROM ${SCHEMA}.${table}`)).rows[0].n);

  it('keeps bytes under their SHA-256, in chunks of its chunk size, and gives them back unchanged', async () => {
    const bytes = randomBytes(100 * KiB);
    const stored = await store.put(Readable.from([bytes.subarray(0, 10), bytes.subarray(10)]), {
      contentType: 'application/pdf',
    });
    expect(stored).toEqual({ key: sha256(bytes), sha256: sha256(bytes), size: bytes.length });
    // 100 KiB in 32 KiB rows.
    expect(await count('attachment_chunks')).toBe(4);
    const file = await store.get(stored.key);
    expect(file?.size).toBe(bytes.length);
    expect((await bytesOf(file!.stream)).equals(bytes)).toBe(true);
  });

  it('gives back an empty file', async () => {
    const stored = await store.put(Buffer.alloc(0), { contentType: 'text/plain' });
    const file = await store.get(stored.key);
    expect(file?.size).toBe(0);
    expect((await bytesOf(file!.stream)).length).toBe(0);
  });

  it('is idempotent: the same bytes stored twice give one key and one copy', async () => {
    const bytes = Buffer.from('Đơn khiếu nại về thu hồi đất');
    const first = await store.put(bytes, { contentType: 'text/plain' });
    const second = await store.put(Readable.from([bytes]), { contentType: 'text/plain' });
    expect(second).toEqual(first);
    expect(await count('attachment_contents')).toBe(1);
    expect(await count('attachment_chunks')).toBe(1);
  });

  it('stays consistent under concurrent uploads of the same bytes: one complete copy, no leftovers', async () => {
    const bytes = randomBytes(200 * KiB);
    const slices = (step: number) =>
      Readable.from(
        Array.from({ length: Math.ceil(bytes.length / step) }, (_, i) =>
          bytes.subarray(i * step, (i + 1) * step),
        ),
      );
    const results = await Promise.all(
      [1, 3, 7, 16, 64, 1, 3, 7, 16, 64].map((k) => store.put(slices(k * KiB), { contentType: 'image/png' })),
    );
    expect(new Set(results.map((r) => r.key))).toEqual(new Set([sha256(bytes)]));
    expect(await count('attachment_contents')).toBe(1);
    expect(await count('attachment_chunks')).toBe(Math.ceil((200 * KiB) / (32 * KiB)));
    expect((await bytesOf((await store.get(sha256(bytes)))!.stream)).equals(bytes)).toBe(true);
  });

  it('never shows a partial upload, and removes its chunks when the upload breaks off', async () => {
    const half = Buffer.alloc(64 * KiB, 1);
    const whole = Buffer.concat([half, half]);
    let release!: (error: Error) => void;
    const cut = new Promise<never>((_, reject) => (release = reject));
    let halfWritten!: () => void;
    const written = new Promise<void>((resolve) => (halfWritten = resolve));
    async function* source() {
      yield half;
      halfWritten();
      yield await cut;
    }
    const put = store.put(source(), { contentType: 'application/pdf' });
    await written;
    await new Promise((resolve) => setTimeout(resolve, 50));
    // The first half is stored by now, under no key.
    expect(await count('attachment_chunks')).toBe(2);
    expect(await store.exists(sha256(whole))).toBe(false);
    expect(await store.exists(sha256(half))).toBe(false);
    expect(await store.get(sha256(half))).toBeUndefined();

    release(new Error('client went away'));
    await expect(put).rejects.toThrow('client went away');
    expect(await count('attachment_chunks')).toBe(0);
    expect(await count('attachment_contents')).toBe(0);
  });

  it('refuses more bytes than the limit while streaming: stops reading, keeps nothing', async () => {
    const { source, state } = counted(1000, 16 * KiB);
    expect(await errorCode(store.put(source, { contentType: 'video/mp4' }))).toBe('ATTACHMENT.TOO_LARGE');
    // 256 KiB = 16 chunks; the 17th crosses the limit and is the last one read.
    expect(state.pulled).toBe(17);
    expect(await count('attachment_chunks')).toBe(0);
  });

  it('accepts exactly the limit', async () => {
    const { source } = counted(16, 16 * KiB);
    const stored = await store.put(source, { contentType: 'video/mp4' });
    expect(stored.size).toBe(256 * KiB);
  });

  it('applies a per-call limit and refuses an oversized buffer before storing anything', async () => {
    expect(await errorCode(store.put(Buffer.alloc(11), { contentType: 'text/plain', maxBytes: 10 }))).toBe(
      'ATTACHMENT.TOO_LARGE',
    );
    expect(await count('attachment_chunks')).toBe(0);
  });

  it('keeps nothing when the bytes do not match the declared SHA-256, and leaves the declared copy alone', async () => {
    const original = Buffer.from('bản gốc');
    const stored = await store.put(original, { contentType: 'text/plain' });
    const other = Buffer.from('bản khác');
    expect(
      await errorCode(store.put(other, { contentType: 'text/plain', expectedSha256: stored.sha256 })),
    ).toBe('ATTACHMENT.CHECKSUM_MISMATCH');
    expect(await store.exists(sha256(other))).toBe(false);
    expect(await text((await store.get(stored.key))!.stream)).toBe('bản gốc');
    expect(await count('attachment_chunks')).toBe(1);
  });

  it('deletes bytes and their chunks for erasure; deleting a missing key does nothing', async () => {
    const stored = await store.put(randomBytes(70 * KiB), { contentType: 'application/pdf' });
    await store.delete(stored.key);
    expect(await store.exists(stored.key)).toBe(false);
    expect(await store.get(stored.key)).toBeUndefined();
    expect(await count('attachment_chunks')).toBe(0);
    await expect(store.delete(stored.key)).resolves.toBeUndefined();
  });

  it('ends a read with an error, not a short file, when the bytes are erased meanwhile', async () => {
    const stored = await store.put(randomBytes(100 * KiB), { contentType: 'application/pdf' });
    const file = await store.get(stored.key);
    const iterator = file!.stream[Symbol.asyncIterator]();
    await iterator.next();
    await store.delete(stored.key);
    await expect(
      (async () => {
        for (;;) if ((await iterator.next()).done) return;
      })(),
    ).rejects.toThrow('erased while being read');
  });

  it('only accepts a hex SHA-256 as key', async () => {
    await expect(store.get('../../etc/passwd')).rejects.toThrow('invalid file store key');
    await expect(store.exists('A'.repeat(64))).rejects.toThrow('invalid file store key');
    await expect(store.delete(`${'a'.repeat(63)}/`)).rejects.toThrow('invalid file store key');
  });

  it('removes the chunks of uploads a crash cut short once they are stale, and only those', async () => {
    const kept = await store.put(Buffer.from('giữ lại'), { contentType: 'text/plain' });
    await pool.query(
      `INSERT INTO ${SCHEMA}.attachment_chunks (upload_id, seq, data, written_at)
       VALUES (gen_random_uuid(), 0, 'half', now() - interval '2 days'),
              ('00000000-0000-4000-8000-000000000001', 0, 'in progress', now())`,
    );
    await pool.query(
      `UPDATE ${SCHEMA}.attachment_chunks SET written_at = now() - interval '3 days'
                       WHERE upload_id = (SELECT upload_id FROM ${SCHEMA}.attachment_contents WHERE key = $1)`,
      [kept.key],
    );
    await store.init();
    const { rows } = await pool.query<{ upload_id: string }>(
      `SELECT upload_id FROM ${SCHEMA}.attachment_chunks ORDER BY upload_id`,
    );
    expect(rows).toHaveLength(2);
    expect(rows.map((r) => r.upload_id)).toContain('00000000-0000-4000-8000-000000000001');
    expect(await text((await store.get(kept.key))!.stream)).toBe('giữ lại');
  });

  it('is shared by every process on the database: what one stored, another reads and erases', async () => {
    const otherPool = new Pool({ connectionString: db.url, max: 2 });
    try {
      const other = new PostgresFileStore(otherPool, SCHEMA);
      await other.init();
      const bytes = randomBytes(40 * KiB);
      const stored = await store.put(bytes, { contentType: 'image/png' });
      expect((await bytesOf((await other.get(stored.key))!.stream)).equals(bytes)).toBe(true);
      await other.delete(stored.key);
      expect(await store.exists(stored.key)).toBe(false);
    } finally {
      await otherPool.end();
    }
  });
});
