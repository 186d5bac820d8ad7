import { chmodSync, mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { startEmbeddedPostgres } from '../../../platform/src/embedded/embedded-postgres';
import { startLocalKafka } from '../kafka/local-kafka';
import { infra } from './infra-state';

/**
 * Starts what the integration tests need, unless it is already given:
 * - PostgreSQL: embedded (throw-away data directory) unless DATABASE_URL is set;
 * - Kafka: the local KRaft broker of deploy/local/kafka unless KAFKA_BROKERS is set, and only for
 *   projects whose Jest config asks for it (`globals.testInfra.kafka`).
 * Workers inherit the environment variables set here; global-teardown stops what was started.
 */
export default async function globalSetup(
  _globalConfig: unknown,
  projectConfig: { globals?: { testInfra?: { kafka?: boolean } } },
): Promise<void> {
  if (!process.env.DATABASE_URL) {
    const parent = mkdtempSync(join(tmpdir(), 'tiepdan-pg-'));
    // mkdtemp makes a root-only folder; PostgreSQL runs as the `postgres` user when we are root.
    chmodSync(parent, 0o755);
    const dataDir = join(parent, 'data');
    const pg = await startEmbeddedPostgres({ dataDir, persistent: false });
    process.env.DATABASE_URL = pg.url;
    infra.stops.push(async () => {
      await pg.stop();
      delete process.env.DATABASE_URL;
    });
  }
  if (!process.env.KAFKA_BROKERS && projectConfig.globals?.testInfra?.kafka) {
    const kafka = await startLocalKafka();
    process.env.KAFKA_BROKERS = kafka.brokers;
    infra.stops.push(async () => {
      await kafka.stop();
      delete process.env.KAFKA_BROKERS;
    });
  }
}
