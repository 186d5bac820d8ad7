import { Test } from '@nestjs/testing';
import type { INestApplication } from '@nestjs/common';
import { InMemoryEventStore } from '@tiep-dan/event-store';
import { InProcessMessageBus } from '@tiep-dan/messaging';
import { createTestDatabase, type TestDatabase } from '@tiep-dan/testing';
import { Pool } from 'pg';
import type { AppConfig } from '../src/config/config.table';
import { createLogger } from '../src/logging';
import { memoryDestination } from '../src/logging/logging.test-helpers';
import { ProbeModule } from '../src/runtime/probe/probe';
import type { ServiceContext } from '../src/runtime/service-definition';

describe("a service's processes starting at the same time", () => {
  let db: TestDatabase;
  let pool: Pool;
  const apps: INestApplication[] = [];

  beforeAll(async () => {
    db = await createTestDatabase('probe_startup');
    pool = new Pool({ connectionString: db.url, max: 16 });
  });

  afterAll(async () => {
    await Promise.all(apps.map((app) => app.close()));
    await pool.end();
    await db.drop();
  });

  it('create the probe tables once, without failing on each other (API replicas of one service)', async () => {
    const logger = createLogger({ service: 'intake', level: 'silent', destination: memoryDestination() });
    const bus = new InProcessMessageBus({ logger });
    for (let round = 0; round < 5; round++) {
      const schema = `probe_race_${round}`;
      await pool.query(`CREATE SCHEMA ${schema}`);
      const context = (role: 'all' | 'api'): ServiceContext => ({
        name: 'intake',
        config: { PROCESS_ROLE: role } as AppConfig,
        pool,
        schema,
        eventStore: new InMemoryEventStore(),
        bus,
        logger,
      });
      // Every process runs its start-up at once; none may fail on the others' catalog rows.
      const started = await Promise.allSettled(
        (['api', 'api', 'api', 'api'] as const).map(async (role) => {
          const moduleRef = await Test.createTestingModule({
            imports: [ProbeModule.forService(context(role))],
          }).compile();
          const app = moduleRef.createNestApplication({ logger: false });
          apps.push(app);
          await app.init();
        }),
      );
      expect(
        started
          .filter((s) => s.status === 'rejected')
          .map((s) => String((s as PromiseRejectedResult).reason)),
      ).toEqual([]);
      const { rows } = await pool.query<{ n: number }>(
        `SELECT count(*)::int AS n FROM pg_tables WHERE schemaname = $1 AND tablename = 'probe_receipts'`,
        [schema],
      );
      expect(rows[0].n).toBe(1);
    }
  });
});
