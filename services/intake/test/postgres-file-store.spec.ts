import { randomBytes } from 'node:crypto';
import { Readable } from 'node:stream';
import { text } from 'node:stream/consumers';
import { createTestDatabase, type TestDatabase } from '@tiep-dan/testing';
import { Pool } from 'pg';
import { PostgresFileStore } from '../src/infrastructure/attachments/postgres.file-store';
import { bytesOf, fileStoreContract, KiB, sha256 } from './file-store.contract';

const SCHEMA = 'intake';

fileStoreContract('PostgresFileStore', async () => {
  const db = await createTestDatabase('pg_file_store_contract');
  const pool = new Pool({ connectionString: db.url, max: 12 });
  pool.on('error', () => undefined);
  const count = async (sql: string) => Number((await pool.query<{ n: string }>(sql)).rows[0].n);
  return {
    // Small rows, so that uploads span several.
    create: async (maxBytes) => {
      const store = new PostgresFileStore(pool, SCHEMA, { maxBytes, chunkBytes: 32 * KiB });
      await store.init();
      return store;
    },
    copies: () => count(`SELECT count(*) AS n FROM ${SCHEMA}.attachment_contents`),
    partials: () =>
      count(`SELECT count(DISTINCT upload_id) AS n FROM ${SCHEMA}.attachment_chunks c
              WHERE NOT EXISTS (SELECT 1 FROM ${SCHEMA}.attachment_contents k WHERE k.upload_id = c.upload_id)`),
    teardown: async () => {
      await pool.end();
      await db.drop();
    },
  };
});

describe('PostgresFileStore', () => {
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

  it('keeps the bytes in rows of its chunk size, and deletes them all on erasure', async () => {
    const bytes = randomBytes(100 * KiB);
    const stored = await store.put(Readable.from([bytes.subarray(0, 10), bytes.subarray(10)]), {
      contentType: 'application/pdf',
    });
    expect(stored.key).toBe(sha256(bytes));
    // 100 KiB in 32 KiB rows.
    expect(await count('attachment_chunks')).toBe(4);
    await store.delete(stored.key);
    expect(await count('attachment_chunks')).toBe(0);
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
