import { execFileSync } from 'node:child_process';
import { chmodSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { freePort } from '@tiep-dan/platform';
import { eventually, startProcess, type ManagedProcess } from '@tiep-dan/testing';
import { SystemClient } from './system-client';

/**
 * `npm start` as a user runs it: the compiled embedded host with no DATABASE_URL, so it starts its own
 * embedded PostgreSQL under DATA_DIR, and the in-process bus. Built by `npm test` before the tests run.
 */
const root = join(__dirname, '..', '..', '..');
const entry = join(root, 'dist/apps/embedded/src/main.js');
const password = 'mat-khau-thu-nghiem-2026';

describe('embedded mode: the whole system in one process', () => {
  let dataDir: string;
  let port: number;
  let system: ManagedProcess | undefined;
  let client: SystemClient;

  function start(): ManagedProcess {
    const env: NodeJS.ProcessEnv = {
      PATH: process.env.PATH,
      HOME: process.env.HOME,
      DATA_DIR: dataDir,
      HTTP_PORT: String(port),
      HTTP_HOST: '127.0.0.1',
      LOG_LEVEL: 'warn',
      ADMIN_INITIAL_PASSWORD: password,
    };
    return startProcess(process.execPath, [entry], env, root);
  }

  beforeAll(async () => {
    const parent = mkdtempSync(join(tmpdir(), 'tiepdan-embedded-'));
    chmodSync(parent, 0o755); // PostgreSQL runs as `postgres` when the tests run as root
    dataDir = join(parent, 'data');
    port = await freePort();
    client = new SystemClient(`http://127.0.0.1:${port}`);
    system = start();
    await system.waitFor(/is serving at (http:\/\/\S+)/, 90_000);
  }, 120_000);

  afterAll(async () => {
    await system?.stop('SIGKILL');
    rmSync(join(dataDir, '..'), { recursive: true, force: true });
  });

  it('prints its URL and serves /health/live and /health/ready as ready (database and bus)', async () => {
    expect(system!.output()).toContain(`is serving at http://127.0.0.1:${port}`);
    const live = await client.request('GET', '/health/live');
    expect(live.status).toBe(200);
    const ready = await client.request('GET', '/health/ready');
    expect(ready.status).toBe(200);
    expect(JSON.stringify(ready.body)).toContain('database');
    expect(JSON.stringify(ready.body)).toContain('bus');
  });

  it('refuses API calls without a token and with a role that is not allowed', async () => {
    const anonymous = await client.request('POST', '/api/intake/diagnostics/probes', {});
    expect(anonymous.status).toBe(401);
    expect((anonymous.body as { code: string }).code).toBe('AUTH.UNAUTHENTICATED');
  });

  it('carries a probe from intake through the relay and the in-process bus to the three other services', async () => {
    const admin = client.withToken(await client.login('admin', password));
    const sent = await admin.request('POST', '/api/intake/diagnostics/probes', {
      note: 'kiểm tra đường truyền',
    });
    expect(sent.status).toBe(202);
    const probeId = (sent.body as { probeId: string }).probeId;
    for (const service of ['routing', 'monitoring', 'reporting']) {
      const view = await eventually(async () => {
        const response = await admin.request('GET', `/api/${service}/diagnostics/probes/${probeId}`);
        return response.status === 200 ? response.body : undefined;
      }, 20_000);
      expect(view).toMatchObject({ probeId, service, received: { origin: 'intake' } });
    }
  });

  it('publishes its OpenAPI description at /api/docs', async () => {
    const document = await client.request('GET', '/api/docs/openapi.json');
    expect(document.status).toBe(200);
    const paths = Object.keys((document.body as { paths: Record<string, unknown> }).paths);
    expect(paths).toEqual(expect.arrayContaining(['/api/auth/token', '/api/intake/diagnostics/probes']));
  });

  it('describes request bodies and queries with the schemas the endpoints validate with', async () => {
    type Schema = {
      type?: string;
      format?: string;
      properties?: Record<string, Schema>;
      required?: string[];
      oneOf?: Schema[];
      title?: string;
    };
    type Operation = {
      requestBody?: { content: Record<string, { schema: Schema }> };
      parameters?: Array<{ name: string; in: string; required?: boolean }>;
    };
    const { body } = await client.request('GET', '/api/docs/openapi.json');
    const paths = (body as { paths: Record<string, Record<string, Operation>> }).paths;
    const jsonBody = (path: string, method: string) =>
      paths[path]?.[method]?.requestBody?.content['application/json']?.schema;

    // No JSON body is left undescribed (a bare string is what Nest puts when nothing is said).
    for (const [path, operations] of Object.entries(paths)) {
      for (const [method, operation] of Object.entries(operations)) {
        const schema = operation.requestBody?.content['application/json']?.schema;
        if (schema) expect({ path, method, schema }).not.toMatchObject({ schema: { type: 'string' } });
      }
    }
    const petition = jsonBody('/api/intake/petitions', 'post');
    expect(petition?.required).toEqual(expect.arrayContaining(['kind', 'channel', 'petitioners', 'summary']));
    expect(Object.keys(petition?.properties ?? {})).toEqual(
      expect.arrayContaining(['respondent', 'learnedOfDecisionOn', 'attachments', 'location']),
    );
    expect(
      Object.keys(jsonBody('/api/routing/processing/{petitionId}/decision', 'post')?.properties ?? {}),
    ).toEqual(expect.arrayContaining(['outcome', 'filingReason', 'complexity', 'remoteArea', 'reason']));
    const actions = jsonBody('/api/routing/cases/{caseId}/{action}', 'post')?.oneOf ?? [];
    expect(actions.map((a) => a.title)).toEqual(
      expect.arrayContaining(['extension', 'conclusion', 'transfer']),
    );
    expect(actions.find((a) => a.title === 'conclusion')?.required).toEqual(
      expect.arrayContaining(['result', 'documentNumber', 'issuedOn']),
    );
    const search = paths['/api/intake/petitions']?.get?.parameters ?? [];
    expect(search.filter((p) => p.in === 'query').map((p) => p.name)).toEqual(
      expect.arrayContaining(['kind', 'q', 'petitioner', 'resolved', 'page', 'pageSize']),
    );
  });

  it('exposes Prometheus metrics with the relay lag', async () => {
    const metrics = await eventually(async () => {
      const response = await client.request('GET', '/metrics');
      return response.text.includes('tiepdan_relay_lag_events{') ? response.text : undefined;
    }, 15_000);
    expect(metrics).toMatch(/tiepdan_relay_lag_events\{service="intake"\} \d+/);
  });

  it('stops cleanly on Ctrl-C and keeps its data across a restart', async () => {
    const admin = client.withToken(await client.login('admin', password));
    const sent = await admin.request('POST', '/api/routing/diagnostics/probes', {});
    const probeId = (sent.body as { probeId: string }).probeId;
    await eventually(async () => {
      const r = await admin.request('GET', `/api/intake/diagnostics/probes/${probeId}`);
      return r.status === 200 ? r : undefined;
    });

    // A clerk records a petition; its petitioner's name is encrypted with a key under DATA_DIR.
    const created = await admin.request('POST', '/api/auth/users', {
      username: 'letan',
      password: 'mat-khau-le-tan-2026',
      displayName: 'Cán bộ tiếp dân',
      roles: ['reception_officer'],
    });
    expect(created.status).toBe(201);
    const clerk = client.withToken(await client.login('letan', 'mat-khau-le-tan-2026'));
    const petition = await clerk.request('POST', '/api/intake/petitions', {
      kind: 'reflection',
      channel: 'in_person',
      receivedOn: '2026-11-20',
      petitioners: { type: 'individual', persons: [{ fullName: 'Lương Thị Hoa', hamletCode: 'thon-1' }] },
      summary: 'Phản ánh đèn đường thôn 1 không sáng',
      classification: 'other',
      eligibility: { vietnameseOrTranslated: true, dated: true, signedOrFingerprinted: true },
    });
    expect(petition.status).toBe(201);
    const petitionId = (petition.body as { petitionId: string }).petitionId;

    const code = await system!.stop('SIGINT');
    expect(code).toBe(0);
    expect(postgresProcessesUsing(dataDir)).toBe(0);

    system = start();
    await system.waitFor(/is serving at/, 90_000);
    // Same JWT secret (kept in DATA_DIR): the token from before the restart is still valid.
    const after = await admin.request('GET', `/api/intake/diagnostics/probes/${probeId}`);
    expect(after.status).toBe(200);
    expect(after.body).toMatchObject({ probeId, received: { origin: 'routing' } });
    // Same master key (kept in DATA_DIR): the petitioner's name is still readable.
    const kept = await clerk.request('GET', `/api/intake/petitions/${petitionId}`);
    expect(kept.status).toBe(200);
    expect(kept.body).toMatchObject({ petitioners: { persons: [{ fullName: 'Lương Thị Hoa' }] } });
    // A name is personal data: no browser or proxy cache may keep the answer.
    expect(kept.headers.get('cache-control')).toBe('no-store');
    expect(kept.headers.get('etag')).toBeNull();
    expect(kept.headers.get('x-powered-by')).toBeNull();
  }, 120_000);
});

function postgresProcessesUsing(dataDir: string): number {
  try {
    return execFileSync('pgrep', ['-f', dataDir]).toString().trim().split('\n').filter(Boolean).length;
  } catch {
    return 0; // pgrep exits 1 when nothing matches
  }
}
