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

  it('names its connections after the service and runs without JIT compilation', async () => {
    const pool = createServicePool(db.url, 'intake');
    try {
      const { rows } = await pool.query<{ jit: string; name: string }>(
        `SELECT current_setting('jit') AS jit, current_setting('application_name') AS name`,
      );
      expect(rows).toEqual([{ jit: 'off', name: 'tiepdan-intake' }]);
    } finally {
      await pool.end();
    }
  });
});
