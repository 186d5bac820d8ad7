#!/usr/bin/env node
// `npm test`: the whole verification of the repository, on a fresh machine, in one command.
//   1. lint (ESLint, including Nx module boundaries) and the TypeScript type check;
//   2. build (the end-to-end tests start the compiled services as separate processes);
//   3. start what the tests need unless given: embedded PostgreSQL (unless DATABASE_URL is set) and the
//      local Apache Kafka broker of deploy/local/kafka (unless KAFKA_BROKERS is set);
//   4. every project's Jest suite through Nx (cached per project), one project at a time (2 cores);
//   5. stop what it started, whatever happened, and print one closing line "N passed, N failed".
// Extra arguments are passed to `nx run-many` (e.g. `npm test -- --projects=event-store`).
const { spawn, spawnSync } = require('node:child_process');
const { mkdirSync, readdirSync, readFileSync, rmSync, existsSync } = require('node:fs');
const { join } = require('node:path');

const root = join(__dirname, '..');
const resultsDir = join(root, 'tmp', 'test-results');
const stops = [];

// Asynchronous on purpose: a synchronous spawn would hold back our SIGINT/SIGTERM handler (and so the
// stopping of PostgreSQL and Kafka) until the child ends.
let current;
function run(label, command, args, env = process.env) {
  const started = Date.now();
  console.log(`\n▶ ${label}`);
  return new Promise((resolve) => {
    current = spawn(command, args, { cwd: root, stdio: 'inherit', env });
    current.on('exit', (code) => {
      current = undefined;
      const seconds = ((Date.now() - started) / 1000).toFixed(1);
      if (code === 0) console.log(`✔ ${label} (${seconds} s)`);
      else console.error(`✖ ${label} failed (${seconds} s)`);
      resolve(code === 0);
    });
  });
}

async function stopAll() {
  while (stops.length > 0) {
    const stop = stops.pop();
    try {
      await stop();
    } catch (error) {
      console.error('could not stop a test service:', error);
    }
  }
}

function summarise() {
  let passed = 0;
  let failed = 0;
  let skipped = 0;
  let suitesFailed = 0;
  if (existsSync(resultsDir)) {
    for (const file of readdirSync(resultsDir)) {
      const r = JSON.parse(readFileSync(join(resultsDir, file), 'utf8'));
      passed += r.numPassedTests;
      failed += r.numFailedTests;
      skipped += r.numPendingTests + r.numTodoTests;
      suitesFailed += r.numRuntimeErrorTestSuites;
    }
  }
  return { passed, failed: failed + suitesFailed, skipped };
}

/**
 * The distributed end-to-end test reads relayed events with kcat, an independent Kafka client from
 * Debian. Installed here when missing and we are root on a Debian-like machine (as in CI); otherwise
 * that test says how to install it.
 */
function ensureKcat() {
  const has = () => spawnSync('sh', ['-c', 'command -v kcat'], { stdio: 'ignore' }).status === 0;
  if (has()) return;
  if (
    process.getuid?.() !== 0 ||
    spawnSync('sh', ['-c', 'command -v apt-get'], { stdio: 'ignore' }).status !== 0
  ) {
    console.log('  kcat is not installed (apt-get install kcat); the kcat end-to-end check will fail');
    return;
  }
  const env = { ...process.env, DEBIAN_FRONTEND: 'noninteractive' };
  const install = () =>
    spawnSync('apt-get', ['install', '-y', '-qq', 'kcat'], { stdio: 'ignore', env }).status === 0;
  if (!install()) {
    spawnSync('apt-get', ['update', '-qq'], { stdio: 'ignore', env });
    install();
  }
  console.log(has() ? '  installed kcat' : '  could not install kcat');
}

async function main() {
  const extra = process.argv.slice(2);
  const npx = (args) => ['npx', ['--no-install', ...args]];
  // ESLint's Nx module-boundary rule reads the cached project graph and silently skips itself without
  // one (a fresh clone has none), so compute the graph first.
  if (!(await run('project graph', ...npx(['nx', 'show', 'projects'])))) return 1;
  if (!(await run('lint', ...npx(['eslint', '.', '--max-warnings=0'])))) return 1;
  if (!(await run('format (Prettier)', ...npx(['prettier', '--check', '.', '--log-level=warn'])))) return 1;
  if (!(await run('type check', ...npx(['tsc', '-p', 'tsconfig.json', '--noEmit'])))) return 1;
  if (!(await run('build', 'npm', ['run', '--silent', 'build']))) return 1;

  // The harness is TypeScript; the build above compiled it.
  const { startEmbeddedPostgres } = require(
    join(root, 'dist/libs/platform/src/embedded/embedded-postgres.js'),
  );
  const { startLocalKafka } = require(join(root, 'dist/libs/testing/src/kafka/local-kafka.js'));
  const env = {
    ...process.env,
    NX_DAEMON: 'false',
    NX_NO_CLOUD: 'true',
    KAFKAJS_NO_PARTITIONER_WARNING: '1',
  };
  if (!env.DATABASE_URL) {
    console.log('\n▶ starting embedded PostgreSQL for the tests');
    const dir = join(root, 'tmp', `pg-test-${process.pid}`);
    const pg = await startEmbeddedPostgres({ dataDir: dir, persistent: false });
    stops.push(async () => {
      await pg.stop();
      rmSync(dir, { recursive: true, force: true });
    });
    env.DATABASE_URL = pg.url;
    console.log(`  DATABASE_URL=${pg.url.replace(/:[^:@/]+@/, ':***@')}`);
  }
  if (!env.KAFKA_BROKERS) {
    console.log('\n▶ starting the local Apache Kafka broker for the tests');
    const kafka = await startLocalKafka();
    stops.push(() => kafka.stop());
    env.KAFKA_BROKERS = kafka.brokers;
    console.log(`  KAFKA_BROKERS=${kafka.brokers}`);
  }

  ensureKcat();
  rmSync(resultsDir, { recursive: true, force: true });
  mkdirSync(resultsDir, { recursive: true });
  const ok = await run(
    'tests (every project)',
    ...npx(['nx', 'run-many', '-t', 'test', '--parallel=1', '--outputStyle=stream', ...extra]),
    env,
  );
  const { passed, failed, skipped } = summarise();
  console.log(`\nTests: ${passed} passed, ${failed} failed${skipped ? `, ${skipped} skipped` : ''}`);
  return ok && failed === 0 ? 0 : 1;
}

let finishing = false;
for (const signal of ['SIGINT', 'SIGTERM']) {
  process.on(signal, () => {
    if (finishing) return;
    finishing = true;
    current?.kill(signal);
    stopAll().finally(() => process.exit(130));
  });
}

main()
  .then(async (code) => {
    finishing = true;
    await stopAll();
    process.exit(code);
  })
  .catch(async (error) => {
    console.error(error);
    finishing = true;
    await stopAll();
    process.exit(1);
  });
