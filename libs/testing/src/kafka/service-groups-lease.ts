import { Client } from 'pg';
import { adminDatabaseUrl } from '../database';

/** One lock for every spec that runs services against the shared test broker. */
const LOCK_NAME = 'tiep-dan-tests:service-consumer-groups';

/** How long a spec waits for the others by default: longer than the slowest such spec takes. */
export const SERVICE_GROUPS_LEASE_WAIT_MS = 300_000;

export interface ServiceGroupsLease {
  release(): Promise<void>;
}

/**
 * Lets one spec at a time run services against the shared test broker.
 *
 * A spec that starts intake, routing, monitoring or reporting in distributed mode uses the services'
 * real topics and consumer-group ids (`routing.petition-events`, `intake.submissions`, ...). Two such
 * specs in parallel Jest workers put their processes into the same groups: Kafka spreads the
 * partitions over both, and a message one spec published is consumed by the other spec's process,
 * which writes it into its own database. The first spec then waits in vain (a CI run failed so: the
 * routing journey never saw its petition while the distributed-mode spec ran).
 *
 * Hold the lease from `beforeAll`, before starting anything, to `afterAll`, after stopping it. It is a
 * PostgreSQL session advisory lock on a connection of its own, so it is shared by every Jest worker
 * and project, and freed when the holder's process dies. Specs that do not run services (a collector
 * in a group of its own, a topic of the test's own) need no lease and still run in parallel.
 */
export async function leaseServiceGroups(waitMs = SERVICE_GROUPS_LEASE_WAIT_MS): Promise<ServiceGroupsLease> {
  const client = new Client({ connectionString: adminDatabaseUrl(), application_name: 'test-lease' });
  await client.connect();
  try {
    // lock_timeout bounds the wait for an advisory lock too; a clear error beats a hung suite.
    await client.query(`SET lock_timeout = ${Math.max(1, Math.floor(waitMs))}`);
    await client.query('SELECT pg_advisory_lock(hashtext($1))', [LOCK_NAME]);
  } catch (error) {
    await client.end().catch(() => undefined);
    throw new Error(
      `another spec held the shared broker's service consumer groups for more than ${waitMs} ms: ${String(error)}`,
      { cause: error },
    );
  }
  let released = false;
  return {
    release: async () => {
      if (released) return;
      released = true;
      // Ending the session frees its advisory locks.
      await client.end();
    },
  };
}
