import type { Pool } from 'pg';
import { migrateUnderLock, quoteSchema } from '@tiep-dan/platform';

/** What a request with an `Idempotency-Key` finds when it starts. */
export type IdempotencyClaim =
  /** First use of the key: the caller runs the request, then `complete`s (or `release`s) the key. */
  | { outcome: 'claimed' }
  /** Same key, same request, already answered: send the stored answer again. */
  | { outcome: 'replay'; response: unknown }
  /** Same key for another request. */
  | { outcome: 'mismatch' }
  /** Same key and request still running elsewhere. */
  | { outcome: 'in_progress' };

export interface IdempotencyOptions {
  /** A claim that was never completed (its process died) may be taken over after this long. Default 60 s. */
  staleAfterSeconds?: number;
  /** Answers are kept this long, then forgotten. Default 7 days. */
  retentionDays?: number;
}

/**
 * Answers of write requests, by (caller, `Idempotency-Key`), in `<schema>.reception_idempotency`: a
 * retried request gets the first answer instead of a second write. The key is scoped to the caller so
 * that nobody can read another user's answer by guessing a key.
 */
export class ReceptionIdempotencyStore {
  private readonly schemaSql: string;
  private readonly table: string;
  private readonly staleAfterSeconds: number;
  private readonly retentionDays: number;

  constructor(
    private readonly pool: Pool,
    schema: string,
    options: IdempotencyOptions = {},
  ) {
    this.schemaSql = quoteSchema(schema);
    this.table = `${this.schemaSql}.reception_idempotency`;
    this.staleAfterSeconds = options.staleAfterSeconds ?? 60;
    this.retentionDays = options.retentionDays ?? 7;
  }

  async migrate(): Promise<void> {
    await migrateUnderLock(this.pool, 'tiepdan.intake.reception.migrate', async (client) => {
      await client.query(`CREATE SCHEMA IF NOT EXISTS ${this.schemaSql}`);
      await client.query(`
        CREATE TABLE IF NOT EXISTS ${this.table} (
          principal_id text NOT NULL,
          idempotency_key text NOT NULL,
          request_hash text NOT NULL,
          response jsonb,
          created_at timestamptz NOT NULL DEFAULT now(),
          completed_at timestamptz,
          PRIMARY KEY (principal_id, idempotency_key)
        )`);
      await client.query(
        `CREATE INDEX IF NOT EXISTS reception_idempotency_by_age ON ${this.table} (created_at)`,
      );
    });
  }

  async claim(principalId: string, key: string, requestHash: string): Promise<IdempotencyClaim> {
    const inserted = await this.pool.query(
      `INSERT INTO ${this.table} (principal_id, idempotency_key, request_hash) VALUES ($1, $2, $3)
       ON CONFLICT (principal_id, idempotency_key) DO NOTHING`,
      [principalId, key, requestHash],
    );
    if (inserted.rowCount === 1) {
      await this.pool.query(
        `DELETE FROM ${this.table} WHERE created_at < now() - make_interval(days => $1)`,
        [this.retentionDays],
      );
      return { outcome: 'claimed' };
    }
    const { rows } = await this.pool.query<{
      request_hash: string;
      response: unknown;
      completed: boolean;
      stale: boolean;
    }>(
      `SELECT request_hash, response, completed_at IS NOT NULL AS completed,
              created_at < now() - make_interval(secs => $3) AS stale
       FROM ${this.table} WHERE principal_id = $1 AND idempotency_key = $2`,
      [principalId, key, this.staleAfterSeconds],
    );
    const row = rows[0];
    // Released between the insert and the select: the key is free again.
    if (!row) return this.claim(principalId, key, requestHash);
    if (row.request_hash !== requestHash) return { outcome: 'mismatch' };
    if (row.completed) return { outcome: 'replay', response: row.response };
    if (!row.stale) return { outcome: 'in_progress' };
    const takenOver = await this.pool.query(
      `UPDATE ${this.table} SET created_at = now()
       WHERE principal_id = $1 AND idempotency_key = $2 AND completed_at IS NULL
         AND created_at < now() - make_interval(secs => $3)`,
      [principalId, key, this.staleAfterSeconds],
    );
    return takenOver.rowCount === 1 ? { outcome: 'claimed' } : { outcome: 'in_progress' };
  }

  async complete(principalId: string, key: string, response: unknown): Promise<void> {
    await this.pool.query(
      `UPDATE ${this.table} SET response = $3, completed_at = now() WHERE principal_id = $1 AND idempotency_key = $2`,
      [principalId, key, JSON.stringify(response)],
    );
  }

  /** Frees the key of a request that failed, so that a retry runs it again. */
  async release(principalId: string, key: string): Promise<void> {
    await this.pool.query(
      `DELETE FROM ${this.table} WHERE principal_id = $1 AND idempotency_key = $2 AND completed_at IS NULL`,
      [principalId, key],
    );
  }
}
