import type { Pool } from 'pg';
import { ReadinessCheck } from './readiness';

/** Ready when the pool can run `SELECT 1`: a connection could be taken and the server answers. */
export function postgresReadinessCheck(pool: Pool, name = 'database', timeoutMs?: number): ReadinessCheck {
  return {
    name,
    timeoutMs,
    check: async () => {
      await pool.query('SELECT 1');
    },
  };
}
