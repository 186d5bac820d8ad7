import { resolve } from 'node:path';
import { Client, Pool } from 'pg';
import type { AppConfig } from '../config/config.table';
import { startEmbeddedPostgres } from '../embedded/embedded-postgres';
import { readOrCreateSecret } from './local-secret';
import type { Logger } from '../logging/logger';

/** The database every service of the process connects to (each keeps to its own schema). */
export interface SystemDatabase {
  url: string;
  /** True when this process started the server (embedded PostgreSQL) and must stop it. */
  embedded: boolean;
  stop(): Promise<void>;
}

const EMBEDDED_DATABASE = 'tiepdan';

/**
 * Longest a service's connection may sit idle inside a transaction before PostgreSQL ends its session.
 * The event stores deliver only events of transactions older than every transaction still running on
 * the server (README, "why the global order is safe"), so a transaction left open by mistake (a bug
 * that never commits, a hung handler) would hold back every relay and subscription of every service.
 * Services keep their transactions short; one idle this long is a fault, and is ended.
 */
export const IDLE_IN_TRANSACTION_TIMEOUT_MS = 60_000;

/**
 * A service's connection pool. JIT compilation is off on its connections: the services run short
 * statements, and a batched lookup whose cost estimate crosses `jit_above_cost` (intake's duplicate
 * candidates: 100 rows assumed per JSON parameter) spent ~29 ms compiling for 0.3 ms of execution.
 * A connection idle in a transaction is ended after `IDLE_IN_TRANSACTION_TIMEOUT_MS`.
 */
export function createServicePool(url: string, service: string): Pool {
  return new Pool({
    connectionString: url,
    max: 10,
    application_name: `tiepdan-${service}`,
    options: `-c jit=off -c idle_in_transaction_session_timeout=${IDLE_IN_TRANSACTION_TIMEOUT_MS}`,
  });
}

export async function openSystemDatabase(config: AppConfig, logger: Logger): Promise<SystemDatabase> {
  if (config.DATABASE_URL) return { url: config.DATABASE_URL, embedded: false, stop: async () => undefined };
  const dataDir = resolve(config.DATA_DIR, 'postgres');
  logger.info({ dataDir }, 'starting embedded PostgreSQL');
  const server = await startEmbeddedPostgres({
    dataDir,
    port: config.EMBEDDED_PG_PORT,
    persistent: true,
    password:
      config.EMBEDDED_PG_PASSWORD ?? readOrCreateSecret(resolve(config.DATA_DIR, 'postgres-password')),
    onLog: (line) => logger.debug({ component: 'embedded-postgres' }, line),
  });
  try {
    await ensureDatabase(server.url, EMBEDDED_DATABASE);
  } catch (error) {
    await server.stop();
    throw error;
  }
  const url = new URL(server.url);
  url.pathname = `/${EMBEDDED_DATABASE}`;
  return { url: url.toString(), embedded: true, stop: () => server.stop() };
}

async function ensureDatabase(adminUrl: string, name: string): Promise<void> {
  const client = new Client({ connectionString: adminUrl });
  await client.connect();
  try {
    const { rowCount } = await client.query('SELECT 1 FROM pg_database WHERE datname = $1', [name]);
    if (!rowCount) await client.query(`CREATE DATABASE "${name}"`);
  } finally {
    await client.end();
  }
}
