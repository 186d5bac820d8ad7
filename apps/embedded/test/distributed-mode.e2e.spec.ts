import { randomBytes } from 'node:crypto';
import { execFile } from 'node:child_process';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { freePort } from '@tiep-dan/platform';
import {
  createTestDatabase,
  eventually,
  KafkaTestClient,
  startProcess,
  type ManagedProcess,
  type TestDatabase,
  leaseServiceGroups,
  SERVICE_GROUPS_LEASE_WAIT_MS,
  type ServiceGroupsLease,
} from '@tiep-dan/testing';
import { SystemClient } from './system-client';

/**
 * Distributed mode: the four services as separate processes (the compiled entry points a container
 * runs) against real PostgreSQL and the real Kafka broker that the test harness started. An event
 * appended by one service reaches the other services' consumers through its relay and Kafka. Intake
 * also has an API replica (`PROCESS_ROLE=api`) beside its own process.
 */
const root = join(__dirname, '..', '..', '..');
const services = ['intake', 'routing', 'monitoring', 'reporting'] as const;
type Service = (typeof services)[number];
const password = 'mat-khau-phan-tan-2026';
const run = promisify(execFile);

describe('distributed mode: four processes, Kafka and PostgreSQL', () => {
  let database: TestDatabase;
  const processes = new Map<Service | 'intake-api', ManagedProcess>();
  const clients = new Map<Service | 'intake-api', SystemClient>();
  let token: string;

  let lease: ServiceGroupsLease | undefined;

  beforeAll(async () => {
    // Other specs run services in the same consumer groups of the shared broker: one at a time.
    lease = await leaseServiceGroups();
    database = await createTestDatabase('e2e_distributed');
    const secret = 'distributed-test-secret-0123456789abcdef';
    const masterKey = randomBytes(32).toString('base64');
    await Promise.all(
      [...services, 'intake-api' as const].map(async (name) => {
        const service = name === 'intake-api' ? 'intake' : name;
        const port = await freePort();
        const child = startProcess(
          process.execPath,
          [join(root, `dist/services/${service}/src/main.js`)],
          {
            PATH: process.env.PATH,
            RUN_MODE: 'distributed',
            DATABASE_URL: database.url,
            KAFKA_BROKERS: process.env.KAFKA_BROKERS,
            KAFKA_CLIENT_ID: service,
            HTTP_PORT: String(port),
            HTTP_HOST: '127.0.0.1',
            AUTH_JWT_SECRET: secret,
            ADMIN_INITIAL_PASSWORD: password,
            // Only intake reads it; the other services must accept the shared environment anyway.
            INTAKE_MASTER_KEY: masterKey,
            LOG_LEVEL: name === 'intake-api' ? 'info' : 'warn',
            KAFKAJS_NO_PARTITIONER_WARNING: '1',
            ...(name === 'intake-api' ? { PROCESS_ROLE: 'api' } : {}),
          },
          root,
        );
        processes.set(name, child);
        clients.set(name, new SystemClient(`http://127.0.0.1:${port}`));
      }),
    );
    await Promise.all([...processes.values()].map((child) => child.waitFor(/is serving at/, 120_000)));
    token = await clients.get('intake')!.login('admin', password);
  }, SERVICE_GROUPS_LEASE_WAIT_MS + 180_000);

  afterAll(async () => {
    let codes: Array<number | null>;
    try {
      codes = await Promise.all([...processes.values()].map((child) => child.stop('SIGTERM')));
      await database?.drop();
    } finally {
      await lease?.release();
    }
    expect(codes.every((code) => code === 0)).toBe(true);
  }, 60_000);

  it.each(services)('%s runs alone in its own process and is ready (database and Kafka)', async (service) => {
    const ready = await eventually(async () => {
      const response = await clients.get(service)!.request('GET', '/health/ready');
      return response.status === 200 ? response : undefined;
    }, 30_000);
    expect(JSON.stringify(ready.body)).toContain('bus');
    expect(processes.get(service)!.child.pid).toBeDefined();
    expect(new Set([...processes.values()].map((child) => child.child.pid)).size).toBe(processes.size);
  });

  it('accepts on every service a token issued by intake (one shared signing key)', async () => {
    for (const service of services) {
      const response = await clients.get(service)!.withToken(token).request('GET', '/api/auth/me');
      expect(response.status).toBe(200);
    }
  });

  it('delivers an event appended by intake to the consumers of routing, monitoring and reporting through Kafka', async () => {
    const intake = clients.get('intake')!.withToken(token);
    const sent = await intake.request('POST', '/api/intake/diagnostics/probes', { note: 'e2e' });
    expect(sent.status).toBe(202);
    const probeId = (sent.body as { probeId: string }).probeId;
    for (const service of ['routing', 'monitoring', 'reporting'] as const) {
      const view = await eventually(async () => {
        const response = await clients
          .get(service)!
          .withToken(token)
          .request('GET', `/api/${service}/diagnostics/probes/${probeId}`);
        return response.status === 200 ? response.body : undefined;
      }, 60_000);
      expect(view).toMatchObject({ probeId, service, received: { origin: 'intake' } });
    }
  }, 90_000);

  it('delivers the other way too: routing to intake', async () => {
    const sent = await clients
      .get('routing')!
      .withToken(token)
      .request('POST', '/api/routing/diagnostics/probes', {});
    const probeId = (sent.body as { probeId: string }).probeId;
    const view = await eventually(async () => {
      const response = await clients
        .get('intake')!
        .withToken(token)
        .request('GET', `/api/intake/diagnostics/probes/${probeId}`);
      return response.status === 200 ? response.body : undefined;
    }, 60_000);
    expect(view).toMatchObject({ received: { origin: 'routing' } });
  }, 90_000);

  it("lets an API replica of intake (PROCESS_ROLE=api) record petitions that intake's own process publishes, each exactly once", async () => {
    const admin = clients.get('intake')!.withToken(token);
    const created = await admin.request('POST', '/api/auth/users', {
      username: 'letan-replica',
      password: 'mat-khau-le-tan-2026',
      displayName: 'Cán bộ tiếp dân',
      roles: ['reception_officer'],
    });
    expect(created.status).toBe(201);
    const replica = clients.get('intake-api')!;
    const clerkToken = await replica.login('letan-replica', 'mat-khau-le-tan-2026');
    const clerk = replica.withToken(clerkToken);
    const kafka = await KafkaTestClient.connect('e2e-intake-replica');
    try {
      const events = await kafka.collect('intake.petition-events.v1', {
        decode: (value) => JSON.parse(value) as { type: string; aggregateId: string },
      });
      const answers = await Promise.all(
        Array.from({ length: 8 }, (_, i) =>
          clerk.request('POST', '/api/intake/petitions', {
            kind: 'reflection',
            channel: 'in_person',
            receivedOn: '2026-11-20',
            petitioners: {
              type: 'individual',
              persons: [{ fullName: `Lương Thị Hoa ${String.fromCharCode(65 + i)}`, hamletCode: 'thon-1' }],
            },
            summary: `Phản ánh đèn đường số ${i + 1} ở thôn 1 không sáng`,
            classification: 'other',
            eligibility: { vietnameseOrTranslated: true, dated: true, signedOrFingerprinted: true },
          }),
        ),
      );
      expect(answers.map((a) => a.status)).toEqual(Array(8).fill(201));
      const ids = answers.map((a) => (a.body as { petitionId: string }).petitionId);
      // Stored messages (partition and offset), not deliveries: the collector may be handed one twice.
      const received = (id: string) =>
        new Set(
          events
            .filter((e) => e.value.type === 'PetitionReceived' && e.value.aggregateId === id)
            .map((e) => `${e.partition}:${e.offset}`),
        );
      await eventually(async () => ids.every((id) => received(id).size > 0) || undefined, 30_000);
      // Room for a second publication (a relay in the replica too) to show up.
      await new Promise((done) => setTimeout(done, 2_000));
      expect(ids.map((id) => received(id).size)).toEqual(Array(8).fill(1));
      // One store: the service's own process reads what the replica recorded.
      const read = await clients
        .get('intake')!
        .withToken(clerkToken)
        .request('GET', `/api/intake/petitions/${ids[0]}`);
      expect(read.status).toBe(200);
      expect(processes.get('intake-api')!.output()).toContain('API replica');
    } finally {
      await kafka.close();
    }
  }, 90_000);

  it('publishes relayed events that an independent Kafka client (kcat) can read, with their headers', async () => {
    const kcat = await run('sh', ['-c', 'command -v kcat || true']);
    if (!kcat.stdout.trim()) {
      throw new Error(
        'kcat is not installed: `apt-get install kcat` (npm test installs it when it runs as root)',
      );
    }
    const sent = await clients
      .get('intake')!
      .withToken(token)
      .request('POST', '/api/intake/diagnostics/probes', { note: 'kcat' });
    const probeId = (sent.body as { probeId: string }).probeId;
    const records = await eventually(async () => {
      const { stdout } = await run(
        'kcat',
        [
          '-C',
          '-b',
          process.env.KAFKA_BROKERS!,
          '-t',
          'intake.probes.v1',
          '-o',
          'beginning',
          '-e',
          '-q',
          '-J',
        ],
        { timeout: 20_000 },
      );
      const lines = stdout
        .trim()
        .split('\n')
        .filter(Boolean)
        .map((line) => JSON.parse(line) as KcatRecord);
      return lines.some((record) => record.key === probeId) ? lines : undefined;
    }, 30_000);
    const record = records.find((r) => r.key === probeId)!;
    const value = JSON.parse(record.payload) as { type: string; data: { probeId: string; origin: string } };
    expect(value).toMatchObject({ type: 'ProbeSent', data: { probeId, origin: 'intake' } });
    const headers = Object.fromEntries(pairs(record.headers ?? []));
    expect(headers['event-type']).toBe('ProbeSent');
    expect(headers['event-id']).toMatch(/^[0-9a-f-]{36}$/);
  }, 60_000);
});

interface KcatRecord {
  topic: string;
  key: string;
  payload: string;
  headers?: string[];
}

function pairs(flat: string[]): Array<[string, string]> {
  const result: Array<[string, string]> = [];
  for (let i = 0; i + 1 < flat.length; i += 2) result.push([flat[i], flat[i + 1]]);
  return result;
}
