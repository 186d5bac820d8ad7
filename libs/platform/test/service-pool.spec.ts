import { createTestDatabase, type TestDatabase } from '@tiep-dan/testing';
import { createServicePool } from '../src/runtime/database';

describe("a service's connection pool", () => {
  let db: TestDatabase;

  beforeAll(async () => {
    db = await createTestDatabase('service_pool');
  });

  afterAll(async () => {
    await db.drop();
  });

  it('names its connections after the service, runs without JIT compilation and ends sessions idle in a transaction after a minute', async () => {
    const pool = createServicePool(db.url, 'intake');
    try {
      const { rows } = await pool.query<{ jit: string; name: string; idle: string }>(
        `SELECT current_setting('jit') AS jit, current_setting('application_name') AS name,
                current_setting('idle_in_transaction_session_timeout') AS idle`,
      );
      expect(rows).toEqual([{ jit: 'off', name: 'tiepdan-intake', idle: '1min' }]);
    } finally {
      await pool.end();
    }
  });
});
