import type { Pool, PoolClient } from 'pg';

/**
 * Runs `migrate` in one transaction holding an advisory lock named `lock`, so that several processes
 * starting at once apply idempotent DDL (`CREATE … IF NOT EXISTS`) one after the other instead of
 * failing on each other's catalog rows. Rolls back on any error.
 */
export async function migrateUnderLock(
  pool: Pool,
  lock: string,
  migrate: (client: PoolClient) => Promise<void>,
): Promise<void> {
  const client = await pool.connect();
  try {
    await client.query('BEGIN');
    await client.query('SELECT pg_advisory_xact_lock(hashtextextended($1, 0))', [lock]);
    await migrate(client);
    await client.query('COMMIT');
  } catch (error) {
    await client.query('ROLLBACK').catch(() => undefined);
    throw error;
  } finally {
    client.release();
  }
}
