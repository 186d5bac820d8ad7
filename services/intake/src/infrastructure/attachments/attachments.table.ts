import type { Pool } from 'pg';
import { migrateUnderLock, quoteSchema } from '@tiep-dan/platform';

/** One upload: what a petition refers to by `attachmentId`. */
export interface AttachmentRecord {
  attachmentId: string;
  /** File store key of the bytes (content-addressed: shared by uploads of the same bytes). */
  storageKey: string;
  name: string;
  contentType: string;
  size: number;
  sha256: string;
  /** User id of the uploader. */
  uploadedBy: string;
  /** ISO timestamp. */
  uploadedAt: string;
}

interface Row {
  attachment_id: string;
  storage_key: string;
  name: string;
  content_type: string;
  size: number;
  sha256: string;
  uploaded_by: string;
  uploaded_at: Date;
}

const COLUMNS = 'attachment_id, storage_key, name, content_type, size, sha256, uploaded_by, uploaded_at';

/** `<schema>.attachments`: the metadata of uploads, written after their bytes are safely stored. */
export class AttachmentsTable {
  private readonly schemaSql: string;
  private readonly table: string;

  constructor(
    private readonly pool: Pool,
    schema: string,
  ) {
    this.schemaSql = quoteSchema(schema);
    this.table = `${this.schemaSql}.attachments`;
  }

  async migrate(): Promise<void> {
    await migrateUnderLock(this.pool, 'tiepdan.intake.attachments.migrate', async (client) => {
      await client.query(`CREATE SCHEMA IF NOT EXISTS ${this.schemaSql}`);
      await client.query(`
        CREATE TABLE IF NOT EXISTS ${this.table} (
          attachment_id uuid PRIMARY KEY,
          storage_key text NOT NULL,
          name text NOT NULL CHECK (length(name) BETWEEN 1 AND 255),
          content_type text NOT NULL,
          size integer NOT NULL CHECK (size >= 0),
          sha256 text NOT NULL CHECK (sha256 ~ '^[0-9a-f]{64}$'),
          uploaded_by text NOT NULL,
          uploaded_at timestamptz NOT NULL
        )`);
      // Erasure asks which uploads share the bytes of a key.
      await client.query(
        `CREATE INDEX IF NOT EXISTS attachments_by_storage_key ON ${this.table} (storage_key)`,
      );
    });
  }

  /**
   * Records an upload once: a second insert with the same id (a retry) leaves the first row and
   * returns it with `created: false`.
   */
  async insert(record: AttachmentRecord): Promise<{ record: AttachmentRecord; created: boolean }> {
    const inserted = await this.pool.query<Row>(
      `INSERT INTO ${this.table} (${COLUMNS}) VALUES ($1, $2, $3, $4, $5, $6, $7, $8)
       ON CONFLICT (attachment_id) DO NOTHING RETURNING ${COLUMNS}`,
      [
        record.attachmentId,
        record.storageKey,
        record.name,
        record.contentType,
        record.size,
        record.sha256,
        record.uploadedBy,
        record.uploadedAt,
      ],
    );
    if (inserted.rows[0]) return { record: toRecord(inserted.rows[0]), created: true };
    const existing = await this.find(record.attachmentId);
    if (!existing) throw new Error(`attachment ${record.attachmentId} vanished while being recorded`);
    return { record: existing, created: false };
  }

  async find(attachmentId: string): Promise<AttachmentRecord | undefined> {
    const { rows } = await this.pool.query<Row>(
      `SELECT ${COLUMNS} FROM ${this.table} WHERE attachment_id = $1`,
      [attachmentId],
    );
    return rows[0] ? toRecord(rows[0]) : undefined;
  }
}

function toRecord(row: Row): AttachmentRecord {
  return {
    attachmentId: row.attachment_id,
    storageKey: row.storage_key,
    name: row.name,
    contentType: row.content_type,
    size: row.size,
    sha256: row.sha256,
    uploadedBy: row.uploaded_by,
    uploadedAt: row.uploaded_at.toISOString(),
  };
}
