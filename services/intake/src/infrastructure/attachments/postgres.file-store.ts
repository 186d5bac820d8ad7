import { randomUUID } from 'node:crypto';
import { Readable } from 'node:stream';
import { SUBMISSION_LIMITS } from '@tiep-dan/contracts';
import { migrateUnderLock, quoteSchema } from '@tiep-dan/platform';
import type { Pool } from 'pg';
import {
  assertStoreKey,
  type FileStore,
  type PutOptions,
  type StoredContent,
  type StoredFile,
} from './file-store.port';
import { MeteredContent } from './metered-content';

export interface PostgresFileStoreOptions {
  /** Default limit of `put`; the per-call `maxBytes` overrides it. Default 20 MiB. */
  maxBytes?: number;
  /** Bytes per stored chunk (a row). Default 256 KiB. */
  chunkBytes?: number;
  /** `init` removes chunks of uploads cut by a crash once they are this old. Default one day. */
  staleAfterMs?: number;
}

/**
 * Attachment bytes in intake's PostgreSQL schema, for deployments whose intake processes do not share
 * a disk (API replicas on several hosts, containers without a shared volume): every process sees what
 * any of them stored, and the bytes are in the database's backups with the rest of the petition.
 *
 * A put streams the bytes into `attachment_chunks` under a fresh upload id, one row per `chunkBytes`,
 * hashing and counting as it goes; no transaction is held open while the client sends. The bytes
 * become visible only when the short final transaction inserts the `attachment_contents` row that
 * names them under their SHA-256. Until then (and forever, if the upload fails, is refused or loses a
 * race to the same bytes) no key leads to them, and their chunks are deleted; chunks that a crash
 * left behind are removed by `init` once stale. Concurrent puts of the same bytes serialise on the
 * primary key: the first names its chunks, the others drop theirs.
 *
 * A read takes one chunk at a time. Bytes erased while being read end the stream with an error, not
 * with a short file.
 */
export class PostgresFileStore implements FileStore {
  private readonly maxBytes: number;
  private readonly chunkBytes: number;
  private readonly staleAfterMs: number;
  private readonly contents: string;
  private readonly chunks: string;

  constructor(
    private readonly pool: Pool,
    private readonly schema: string,
    options: PostgresFileStoreOptions = {},
  ) {
    this.maxBytes = options.maxBytes ?? SUBMISSION_LIMITS.attachmentBytes;
    this.chunkBytes = options.chunkBytes ?? 256 * 1024;
    this.staleAfterMs = options.staleAfterMs ?? 24 * 60 * 60 * 1000;
    const schemaSql = quoteSchema(schema);
    this.contents = `${schemaSql}.attachment_contents`;
    this.chunks = `${schemaSql}.attachment_chunks`;
  }

  /** Creates the tables and removes the chunks of uploads that a crash cut short. */
  async init(): Promise<void> {
    // The attachments table's lock: both create the schema, and do so at once when intake starts.
    await migrateUnderLock(this.pool, 'tiepdan.intake.attachments.migrate', async (client) => {
      await client.query(`CREATE SCHEMA IF NOT EXISTS ${quoteSchema(this.schema)}`);
      await client.query(`
        CREATE TABLE IF NOT EXISTS ${this.chunks} (
          upload_id uuid NOT NULL,
          seq integer NOT NULL CHECK (seq >= 0),
          data bytea NOT NULL,
          written_at timestamptz NOT NULL DEFAULT now(),
          PRIMARY KEY (upload_id, seq)
        )`);
      await client.query(`
        CREATE TABLE IF NOT EXISTS ${this.contents} (
          key text PRIMARY KEY CHECK (key ~ '^[0-9a-f]{64}$'),
          upload_id uuid NOT NULL UNIQUE,
          size bigint NOT NULL CHECK (size >= 0),
          chunks integer NOT NULL CHECK (chunks >= 0),
          stored_at timestamptz NOT NULL DEFAULT now()
        )`);
    });
    await this.pool.query(
      `DELETE FROM ${this.chunks} c
        WHERE c.written_at < now() - make_interval(secs => $1)
          AND NOT EXISTS (SELECT 1 FROM ${this.contents} k WHERE k.upload_id = c.upload_id)`,
      [this.staleAfterMs / 1000],
    );
  }

  async put(content: Buffer | AsyncIterable<Uint8Array>, options: PutOptions): Promise<StoredContent> {
    const metered = new MeteredContent(content, options.maxBytes ?? this.maxBytes);
    const uploadId = randomUUID();
    let chunks = 0;
    let pending: Buffer[] = [];
    let pendingBytes = 0;
    const flush = async () => {
      if (pendingBytes === 0) return;
      const data = pending.length === 1 ? pending[0] : Buffer.concat(pending, pendingBytes);
      pending = [];
      pendingBytes = 0;
      await this.pool.query(`INSERT INTO ${this.chunks} (upload_id, seq, data) VALUES ($1, $2, $3)`, [
        uploadId,
        chunks,
        data,
      ]);
      chunks += 1;
    };
    try {
      for await (const chunk of metered.chunks()) {
        let offset = 0;
        while (offset < chunk.length) {
          const take = Math.min(chunk.length - offset, this.chunkBytes - pendingBytes);
          // Copied: a source may reuse its buffer for the next chunk.
          pending.push(Buffer.from(chunk.subarray(offset, offset + take)));
          pendingBytes += take;
          offset += take;
          if (pendingBytes === this.chunkBytes) await flush();
        }
      }
      await flush();
      const { sha256, size } = metered.finish(options.expectedSha256);
      const named = await this.pool.query(
        `INSERT INTO ${this.contents} (key, upload_id, size, chunks) VALUES ($1, $2, $3, $4)
         ON CONFLICT (key) DO NOTHING`,
        [sha256, uploadId, size, chunks],
      );
      // The same bytes were there already: keep that one copy.
      if (named.rowCount === 0) await this.dropChunks(uploadId);
      return { key: sha256, sha256, size };
    } catch (error) {
      await this.dropChunks(uploadId).catch(() => undefined);
      throw error;
    }
  }

  async get(key: string): Promise<StoredFile | undefined> {
    assertStoreKey(key);
    const { rows } = await this.pool.query<{ upload_id: string; size: string; chunks: number }>(
      `SELECT upload_id, size, chunks FROM ${this.contents} WHERE key = $1`,
      [key],
    );
    if (rows.length === 0) return undefined;
    const { upload_id: uploadId, chunks } = rows[0];
    const size = Number(rows[0].size);
    const read = async (seq: number): Promise<Buffer> => {
      const chunk = await this.pool.query<{ data: Buffer }>(
        `SELECT data FROM ${this.chunks} WHERE upload_id = $1 AND seq = $2`,
        [uploadId, seq],
      );
      if (chunk.rows.length === 0) throw new Error(`the bytes under ${key} were erased while being read`);
      return chunk.rows[0].data;
    };
    async function* chunksOf(): AsyncGenerator<Buffer> {
      for (let seq = 0; seq < chunks; seq++) yield await read(seq);
    }
    return { stream: Readable.from(chunksOf(), { objectMode: false }), size };
  }

  async exists(key: string): Promise<boolean> {
    assertStoreKey(key);
    const { rowCount } = await this.pool.query(`SELECT 1 FROM ${this.contents} WHERE key = $1`, [key]);
    return (rowCount ?? 0) > 0;
  }

  async delete(key: string): Promise<void> {
    assertStoreKey(key);
    // One statement, so the name and the bytes go together.
    await this.pool.query(
      `WITH named AS (DELETE FROM ${this.contents} WHERE key = $1 RETURNING upload_id)
       DELETE FROM ${this.chunks} WHERE upload_id IN (SELECT upload_id FROM named)`,
      [key],
    );
  }

  private async dropChunks(uploadId: string): Promise<void> {
    await this.pool.query(`DELETE FROM ${this.chunks} WHERE upload_id = $1`, [uploadId]);
  }
}
