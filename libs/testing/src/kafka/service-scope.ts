import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createTestDatabase, type TestDatabase } from '../database';
import {
  leaseServiceGroups,
  SERVICE_GROUPS_LEASE_WAIT_MS,
  type ServiceGroupsLease,
} from './service-groups-lease';

/** What a spec that runs services in distributed mode on the shared test broker works in. */
export interface ServiceScope {
  /** A fresh database of the spec's own. */
  db: TestDatabase;
  /** A fresh data folder (attachments, generated secrets). */
  dataDir: string;
  /** The environment every service process of the spec shares; add its own port, secrets and client id. */
  env: {
    RUN_MODE: 'distributed';
    DATABASE_URL: string;
    KAFKA_BROKERS: string;
    DATA_DIR: string;
    HTTP_HOST: string;
    KAFKAJS_NO_PARTITIONER_WARNING: string;
  };
  /**
   * Runs `stop` (stop the services and clients the spec started), then drops the database, removes
   * the data folder and frees the lease, whatever failed before.
   */
  close(stop?: () => Promise<void>): Promise<void>;
}

/** The `beforeAll` timeout of a spec that opens a scope: the wait for the lease, then `startMs` of start-up. */
export const serviceScopeTimeout = (startMs: number): number => SERVICE_GROUPS_LEASE_WAIT_MS + startMs;

/**
 * Opens the scope of a spec that runs services in distributed mode: first the lease on the services'
 * consumer groups (one such spec at a time, see `leaseServiceGroups`), then its own database and data
 * folder. Open it first thing in `beforeAll` (with `serviceScopeTimeout`) and close it in `afterAll`.
 */
export async function openServiceScope(name: string): Promise<ServiceScope> {
  const brokers = process.env.KAFKA_BROKERS;
  if (!brokers) throw new Error('KAFKA_BROKERS is not set: the Jest global setup starts a broker when asked');
  const lease: ServiceGroupsLease = await leaseServiceGroups();
  let db: TestDatabase;
  try {
    db = await createTestDatabase(name);
  } catch (error) {
    await lease.release();
    throw error;
  }
  const dataDir = mkdtempSync(join(tmpdir(), `${name.replace(/[^a-z0-9]+/gi, '-')}-`));
  let closed = false;
  return {
    db,
    dataDir,
    env: {
      RUN_MODE: 'distributed',
      DATABASE_URL: db.url,
      KAFKA_BROKERS: brokers,
      DATA_DIR: dataDir,
      HTTP_HOST: '127.0.0.1',
      KAFKAJS_NO_PARTITIONER_WARNING: '1',
    },
    close: async (stop) => {
      if (closed) return;
      closed = true;
      try {
        await stop?.();
      } finally {
        try {
          await db.drop();
          rmSync(dataDir, { recursive: true, force: true });
        } finally {
          await lease.release();
        }
      }
    },
  };
}
