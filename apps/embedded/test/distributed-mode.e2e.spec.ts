import { randomBytes } from 'node:crypto';
import { execFile } from 'node:child_process';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { freePort } from '@tiep-dan/platform';
import {
  eventually,
  KafkaTestClient,
  openServiceScope,
  serviceScopeTimeout,
  startProcess,
  type ManagedProcess,
  type ServiceScope,
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
  let scope: ServiceScope | undefined;
  const processes = new Map<Service | 'intake-api', ManagedProcess>();
  const clients = new Map<Service | 'intake-api', SystemClient>();
  let token: string;
  const secret = 'distributed-test-secret-0123456789abcdef';
  const masterKey = randomBytes(32).toString('base64');

  /** Starts a process of `service` on a port of its own, with the environment every process shares. */
  async function startService(
    service: Service,
    extra: Record<string, string> = {},
  ): Promise<{ child: ManagedProcess; client: SystemClient }> {
    const port = await freePort();
    const child = startProcess(
      process.execPath,
      [join(root, `dist/services/${service}/src/main.js`)],
      {
        PATH: process.env.PATH,
        ...scope!.env,
        KAFKA_CLIENT_ID: service,
        HTTP_PORT: String(port),
        AUTH_JWT_SECRET: secret,
        ADMIN_INITIAL_PASSWORD: password,
        // Only intake reads it; the other services must accept the shared environment anyway.
        INTAKE_MASTER_KEY: masterKey,
        LOG_LEVEL: 'warn',
        ...extra,
      },
      root,
    );
    return { child, client: new SystemClient(`http://127.0.0.1:${port}`) };
  }

  beforeAll(async () => {
    scope = await openServiceScope('e2e_distributed');
    await Promise.all(
      [...services, 'intake-api' as const].map(async (name) => {
        const started = await startService(
          name === 'intake-api' ? 'intake' : name,
          name === 'intake-api' ? { PROCESS_ROLE: 'api', LOG_LEVEL: 'info' } : {},
        );
        processes.set(name, started.child);
        clients.set(name, started.client);
      }),
    );
    await Promise.all([...processes.values()].map((child) => child.waitFor(/is serving at/, 120_000)));
    token = await clients.get('intake')!.login('admin', password);
  }, serviceScopeTimeout(180_000));

  afterAll(async () => {
    let codes: Array<number | null> = [];
    await scope?.close(async () => {
      codes = await Promise.all([...processes.values()].map((child) => child.stop('SIGTERM')));
    });
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

  /**
   * A clerk of their own records 8 petitions through `through`; resolves with how many times each was
   * published on intake.petition-events.v1 (stored messages, not deliveries: a collector may be handed
   * one twice), after room for a second publication to show up.
   */
  async function publicationsOfPetitionsRecordedThrough(
    through: SystemClient,
    clerk: string,
  ): Promise<{
    ids: string[];
    clerkToken: string;
    publications: number[];
  }> {
    const admin = clients.get('intake')!.withToken(token);
    const created = await admin.request('POST', '/api/auth/users', {
      username: clerk,
      password: 'mat-khau-le-tan-2026',
      displayName: 'Cán bộ tiếp dân',
      roles: ['reception_officer'],
    });
    expect(created.status).toBe(201);
    const clerkToken = await through.login(clerk, 'mat-khau-le-tan-2026');
    const kafka = await KafkaTestClient.connect(`e2e-${clerk}`);
    try {
      const events = await kafka.collect('intake.petition-events.v1', {
        decode: (value) => JSON.parse(value) as { type: string; aggregateId: string },
      });
      const answers = await Promise.all(
        Array.from({ length: 8 }, (_, i) =>
          through.withToken(clerkToken).request('POST', '/api/intake/petitions', {
            kind: 'reflection',
            channel: 'in_person',
            receivedOn: '2026-11-20',
            petitioners: {
              type: 'individual',
              persons: [
                { fullName: `Lương Thị Hoa ${clerk} ${String.fromCharCode(65 + i)}`, hamletCode: 'thon-1' },
              ],
            },
            summary: `Phản ánh đèn đường số ${i + 1} ở thôn 1 không sáng (${clerk})`,
            classification: 'other',
            eligibility: { vietnameseOrTranslated: true, dated: true, signedOrFingerprinted: true },
          }),
        ),
      );
      expect(answers.map((a) => a.status)).toEqual(Array(8).fill(201));
      const ids = answers.map((a) => (a.body as { petitionId: string }).petitionId);
      const received = (id: string) =>
        new Set(
          events
            .filter((e) => e.value.type === 'PetitionReceived' && e.value.aggregateId === id)
            .map((e) => `${e.partition}:${e.offset}`),
        );
      await eventually(async () => ids.every((id) => received(id).size > 0) || undefined, 30_000);
      await new Promise((done) => setTimeout(done, 2_000));
      return { ids, clerkToken, publications: ids.map((id) => received(id).size) };
    } finally {
      await kafka.close();
    }
  }

  it("lets an API replica of intake (PROCESS_ROLE=api) record petitions that intake's own process publishes, each exactly once", async () => {
    const { ids, clerkToken, publications } = await publicationsOfPetitionsRecordedThrough(
      clients.get('intake-api')!,
      'letan-replica',
    );
    // A relay in the replica too would publish each twice.
    expect(publications).toEqual(Array(8).fill(1));
    // One store: the service's own process reads what the replica recorded.
    const read = await clients
      .get('intake')!
      .withToken(clerkToken)
      .request('GET', `/api/intake/petitions/${ids[0]}`);
    expect(read.status).toBe(200);
    expect(processes.get('intake-api')!.output()).toContain('API replica');
  }, 90_000);

  it("keeps the relay of a second intake process with role all standing by: what it records is published once, by the leader's relay", async () => {
    const spare = await startService('intake', { KAFKA_CLIENT_ID: 'intake-spare', LOG_LEVEL: 'info' });
    try {
      await spare.child.waitFor(/is serving at/, 120_000);
      const { publications } = await publicationsOfPetitionsRecordedThrough(spare.client, 'letan-spare');
      // Without the relay's lock, both processes would publish every event.
      expect(publications).toEqual(Array(8).fill(1));
      expect(spare.child.output()).toContain('this one stands by');
      expect(spare.child.output()).not.toContain('this process now leads');
    } finally {
      expect(await spare.child.stop('SIGTERM')).toBe(0);
    }
  }, 180_000);

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
