/**
 * Petitions accepted per second over HTTP by intake in distributed mode, against plain single-row
 * INSERTs measured in the same run (run by hand, not by the tests): see bench/intake/README.md.
 *
 *   npm run bench:intake -- --seconds 10
 *   (or: npm run build && node dist/bench/intake/intake.bench.js [--clients 16] [--seconds 15] …)
 *
 * Intake runs as its own process (dist/services/intake/src/main.js), as a container would run it, so
 * that the load generator does not share its event loop. Target: at least 1,000 petitions/s accepted
 * with a p99 latency under 100 ms.
 */
import { randomBytes, randomUUID } from 'node:crypto';
import { copyFileSync, existsSync, mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { cpus, loadavg, tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { parseArgs } from 'node:util';
import { Pool } from 'pg';
import { freePort, SERVICE_NODE_FLAGS, signTestToken } from '@tiep-dan/platform';
import { createTestDatabase, startLocalKafka, startProcess, type ManagedProcess } from '@tiep-dan/testing';
import {
  failureCount,
  percentile,
  runClosedLoop,
  type Failure,
  type LoadOptions,
  type LoadResult,
  type Outcome,
} from './closed-loop.runner';
import { KeepAliveConnection } from './keep-alive.client';
import { summarizeCpuProfile } from './cpu-profile.summary';
import { summarizeTrace } from './request-trace.summary';
import {
  takeSnapshot,
  usageBetween,
  type CpuReport,
  type CpuSnapshot,
  type ProcessGroup,
} from './cpu-time.probe';
import { SubmissionGenerator } from './submission.generator';

const TARGET_RATE = 1_000;
const TARGET_P99_MS = 100;
/** Petitions sent one at a time by --trace. */
const TRACE_REQUESTS = 40;
const LOCAL_POSTGRES = 'postgres://postgres@127.0.0.1:5432/postgres';
const TIME_ZONE = 'Asia/Ho_Chi_Minh';
const INTAKE_GROUP = 'intake process(es) (all threads)';
const INTAKE_MAIN_THREAD = '  of which its main thread (event loop)';
const REPLICAS_MAIN_THREADS = "  of which the API replicas' main threads";
const POSTGRES_GROUP = 'PostgreSQL backends (bench database)';

const HELP = `Usage: node dist/bench/intake/intake.bench.js [options]

  --clients N     concurrent clients, each a closed loop (default 48)
  --seconds N     measured seconds of each phase (default 15)
  --warmup N      unmeasured warm-up seconds before each phase (default 3)
  --seed N        seed of the generated petitions (default 1)
  --profile       run intake with --cpu-prof and print where its CPU time went
  --profile-file F with --profile: also keep the raw .cpuprofile as F (for Chrome DevTools)
  --api-replicas N  also start N intake processes with PROCESS_ROLE=api and send the load to them, the
                  first process (role all) doing the background work only (default 0: one process)
  --log-level L   intake's LOG_LEVEL (default warn; info writes a line per request, as by default)
  --trace         afterwards, send ${TRACE_REQUESTS} petitions one at a time and print the queries
                  and CPU time of one petition (intake runs with a preload that records them)
  --help          this text

Environment: DATABASE_URL (default ${LOCAL_POSTGRES}), KAFKA_BROKERS (default: start a local broker).`;

interface Options {
  clients: number;
  seconds: number;
  warmup: number;
  seed: number;
  profile: boolean;
  profileFile: string | undefined;
  logLevel: string;
  trace: boolean;
  apiReplicas: number;
}

function readOptions(): Options | undefined {
  const { values } = parseArgs({
    options: {
      clients: { type: 'string', default: '48' },
      seconds: { type: 'string', default: '15' },
      warmup: { type: 'string', default: '3' },
      seed: { type: 'string', default: '1' },
      profile: { type: 'boolean', default: false },
      'profile-file': { type: 'string' },
      'log-level': { type: 'string', default: 'warn' },
      'api-replicas': { type: 'string', default: '0' },
      trace: { type: 'boolean', default: false },
      help: { type: 'boolean', default: false },
    },
  });
  if (values.help) return undefined;
  const positive = (name: string, raw: string, min: number) => {
    const value = Number(raw);
    if (!Number.isFinite(value) || value < min)
      throw new Error(`--${name} must be a number ≥ ${min}, got ${raw}`);
    return value;
  };
  return {
    clients: Math.floor(positive('clients', values.clients, 1)),
    seconds: positive('seconds', values.seconds, 1),
    warmup: positive('warmup', values.warmup, 0),
    seed: Math.floor(positive('seed', values.seed, 0)),
    profile: values.profile || values['profile-file'] !== undefined,
    profileFile: values['profile-file'],
    logLevel: values['log-level'],
    trace: values.trace,
    apiReplicas: apiReplicasOf(values['api-replicas'], values.trace || values.profile),
  };
}

function apiReplicasOf(raw: string, observed: boolean): number {
  const replicas = Number(raw);
  if (!Number.isInteger(replicas) || replicas < 0 || replicas > 8)
    throw new Error(`--api-replicas must be an integer from 0 to 8, got ${raw}`);
  if (replicas > 0 && observed)
    throw new Error('--trace and --profile observe one process: use --api-replicas 0');
  return replicas;
}

/** The repository root: the folder whose package.json is this project's (from dist/bench/intake). */
function repositoryRoot(): string {
  for (let dir = __dirname; dir !== dirname(dir); dir = dirname(dir)) {
    const manifest = join(dir, 'package.json');
    if (
      existsSync(manifest) &&
      (JSON.parse(readFileSync(manifest, 'utf8')) as { name?: string }).name === 'tiep-dan'
    )
      return dir;
  }
  throw new Error(`intake bench: the repository root is not above ${__dirname}`);
}

function localDate(now: Date): string {
  return new Intl.DateTimeFormat('en-CA', {
    timeZone: TIME_ZONE,
    year: 'numeric',
    month: '2-digit',
    day: '2-digit',
  }).format(now);
}

/** Undoes everything the bench set up, newest first, once — on success, failure or a signal. */
class Cleanup {
  private readonly steps: Array<[string, () => Promise<unknown>]> = [];
  private running: Promise<void> | undefined;

  add(name: string, step: () => Promise<unknown>): void {
    // Something that finished starting after a Ctrl-C is undone at once.
    if (this.running) void this.running.then(() => this.runStep(name, step));
    else this.steps.push([name, step]);
  }

  run(): Promise<void> {
    return (this.running ??= (async () => {
      for (let step = this.steps.pop(); step; step = this.steps.pop()) await this.runStep(...step);
    })());
  }

  private async runStep(name: string, step: () => Promise<unknown>): Promise<void> {
    try {
      await step();
    } catch (error) {
      console.error(`clean-up: ${name} failed:`, error instanceof Error ? error.message : error);
    }
  }
}

/**
 * Cluster-wide PostgreSQL counters: transaction ids handed out (one per transaction that wrote) and
 * WAL flushes (`pg_stat_wal.wal_sync`; each synchronous commit waits for one, shared by the commits of
 * a group). Other databases' work on the same cluster counts too, so they are approximate on a shared
 * server; PostgreSQL publishes backend statistics about once a second.
 */
interface PostgresCounters {
  xids: number;
  walSyncs: number;
}

async function readPostgresCounters(db: Pool): Promise<PostgresCounters | undefined> {
  try {
    const { rows } = await db.query<{ xids: string; wal_sync: string }>(
      `SELECT pg_snapshot_xmax(pg_current_snapshot())::text AS xids,
              (SELECT wal_sync FROM pg_stat_wal)::text AS wal_sync`,
    );
    return { xids: Number(rows[0].xids), walSyncs: Number(rows[0].wal_sync) };
  } catch {
    return undefined;
  }
}

interface Measurement {
  result: LoadResult;
  cpu: CpuReport;
  /** Counters' growth over the measured window, when they could be read. */
  postgres: PostgresCounters | undefined;
}

/** Runs the load and reads the CPU counters of `groups` over the measured window. */
async function measure(
  options: LoadOptions,
  groups: readonly ProcessGroup[],
  db: Pool,
  step: (client: number) => Promise<Outcome>,
): Promise<Measurement> {
  let before: CpuSnapshot | undefined;
  let postgresBefore: Promise<PostgresCounters | undefined> | undefined;
  const result = await runClosedLoop(
    {
      ...options,
      onMeasureStart: () => {
        before = takeSnapshot(groups);
        postgresBefore = readPostgresCounters(db);
      },
    },
    step,
  );
  const after = takeSnapshot(groups);
  const [start, end] = await Promise.all([postgresBefore, readPostgresCounters(db)]);
  return {
    result,
    cpu: usageBetween(groups, before ?? after, after, cpus().length),
    postgres:
      start && end ? { xids: end.xids - start.xids, walSyncs: end.walSyncs - start.walSyncs } : undefined,
  };
}

/** The processes whose CPU time tells where a request's time goes. */
function processGroups(
  databaseName: string,
  kafkaDataDir: string | undefined,
  intakePid: number,
  replicaPids: readonly number[],
): ProcessGroup[] {
  return [
    { name: INTAKE_GROUP, matches: (pid) => pid === intakePid || replicaPids.includes(pid) },
    replicaPids.length === 0
      ? { name: INTAKE_MAIN_THREAD, matches: (pid) => pid === intakePid, mainThreadOnly: true }
      : { name: REPLICAS_MAIN_THREADS, matches: (pid) => replicaPids.includes(pid), mainThreadOnly: true },
    {
      name: POSTGRES_GROUP,
      // A backend's process title: "postgres: <cluster>: <user> <database> <client> <state>".
      matches: (_pid, line) => line.startsWith('postgres: ') && line.includes(` ${databaseName} `),
    },
    {
      name: 'PostgreSQL background (WAL, checkpoints)',
      matches: (_pid, line) =>
        line.startsWith('postgres: ') &&
        /: (walwriter|checkpointer|background writer|autovacuum|logical replication|archiver|stats)/.test(
          line,
        ),
    },
    ...(kafkaDataDir
      ? [
          {
            name: 'Kafka broker (started by the bench)',
            matches: (_pid: number, line: string) =>
              line.includes('kafka.Kafka') && line.includes(kafkaDataDir),
          },
        ]
      : []),
    { name: 'this load generator', matches: (pid) => pid === process.pid },
  ];
}

function printCpu(title: string, cpu: CpuReport): void {
  const capacity = cpu.wallSeconds * cpu.cores;
  const share = (seconds: number) => `${((seconds / cpu.wallSeconds) * 100).toFixed(0).padStart(4)}%`;
  console.log(
    `\n${title}: ${cpu.wallSeconds.toFixed(1)} s × ${cpu.cores} cores = ${capacity.toFixed(1)} CPU-s\n` +
      `  ${''.padEnd(44)} on a CPU  (% of one core)  runnable, waiting for a CPU`,
  );
  for (const group of cpu.groups) {
    console.log(
      `  ${(group.detail ? group.name : `${group.name} [${group.processes}]`).padEnd(44)} ${group.cpu.toFixed(1).padStart(6)} s  ${share(group.cpu)}` +
        `            ${group.waited === undefined ? '—' : `${group.waited.toFixed(1).padStart(6)} s`}`,
    );
  }
  if (cpu.others !== undefined)
    console.log(
      `  ${'everything else on the machine'.padEnd(44)} ${cpu.others.toFixed(1).padStart(6)} s  ${share(cpu.others)}`,
    );
  if (cpu.machineBusy !== undefined)
    console.log(
      `  ${'whole machine busy'.padEnd(44)} ${cpu.machineBusy.toFixed(1).padStart(6)} s  ` +
        `(${((cpu.machineBusy / capacity) * 100).toFixed(0)}% of capacity); cores idle waiting for disk: ${cpu.iowait?.toFixed(1)} s`,
    );
}

function printFailures(title: string, failures: Map<string, Failure>): void {
  for (const [label, failure] of failures) {
    console.log(
      `  ${title} ${label}: ${failure.count}× — first answer: ${(failure.example ?? '').slice(0, 300)}`,
    );
  }
}

interface Figures {
  rate: number;
  p50: number;
  p99: number;
  max: number;
  errors: number;
}

function figuresOf(result: LoadResult): Figures {
  return {
    rate: result.ok / result.seconds,
    p50: percentile(result.latenciesMs, 50),
    p99: percentile(result.latenciesMs, 99),
    max: result.latenciesMs.length ? result.latenciesMs[result.latenciesMs.length - 1] : Number.NaN,
    errors: failureCount(result.failures),
  };
}

async function main(): Promise<void> {
  const options = readOptions();
  if (!options) {
    console.log(HELP);
    return;
  }
  const root = repositoryRoot();
  const intakeMain = join(root, 'dist/services/intake/src/main.js');
  if (!existsSync(intakeMain)) throw new Error(`${intakeMain} is missing: run \`npm run build\` first`);

  const cleanup = new Cleanup();
  const abort = new AbortController();
  const checkAborted = () => {
    if (abort.signal.aborted) throw new Error('interrupted');
  };
  for (const signal of ['SIGINT', 'SIGTERM'] as const) {
    process.once(signal, () => {
      console.error(`\n${signal}: stopping the load and cleaning up…`);
      abort.abort();
      void cleanup.run().finally(() => process.exit(130));
    });
  }

  try {
    const cpu = cpus();
    console.log(
      `Machine: ${cpu.length} CPUs (${cpu[0]?.model.trim() ?? 'unknown'}), Node ${process.version}, ${process.platform}; ` +
        `load average before the run ${loadavg()
          .map((l) => l.toFixed(2))
          .join(' ')}`,
    );

    process.env.DATABASE_URL ??= LOCAL_POSTGRES;
    const database = await createTestDatabase('bench_intake');
    cleanup.add('drop the database', () => database.drop());
    const db = new Pool({ connectionString: database.url, max: 1 });
    // Dropping the database terminates a connection the pool may still be closing: not a failure.
    db.on('error', () => undefined);
    cleanup.add('close the pool of the bench', () => db.end());
    const settings = await db.query<{ name: string; setting: string }>(
      `SELECT name, setting FROM pg_settings WHERE name IN ('server_version', 'fsync', 'synchronous_commit', 'max_connections') ORDER BY name`,
    );
    console.log(`PostgreSQL: ${settings.rows.map((r) => `${r.name}=${r.setting}`).join(' ')}`);
    checkAborted();

    let brokers = process.env.KAFKA_BROKERS;
    let kafkaDataDir: string | undefined;
    if (brokers) {
      console.log(`Kafka: ${brokers} (KAFKA_BROKERS)`);
    } else {
      process.stdout.write('Kafka: starting a local broker… ');
      const kafka = await startLocalKafka();
      cleanup.add('stop the local Kafka broker', () => kafka.stop());
      brokers = kafka.brokers;
      kafkaDataDir = kafka.dataDir;
      console.log(brokers);
    }
    checkAborted();

    const secret = randomBytes(32).toString('hex');
    const port = await freePort();
    const workDir = mkdtempSync(join(tmpdir(), 'bench-intake-'));
    cleanup.add('remove the work folder', async () => rmSync(workDir, { recursive: true, force: true }));
    const profileDir = join(workDir, 'profile');
    const traceFile = join(workDir, 'trace.jsonl');
    const masterKey = randomBytes(32).toString('base64');
    const adminPassword = randomBytes(12).toString('base64url');
    /** One intake process: the first one has role `all`, the others (if any) role `api`. */
    const startIntake = async (role: 'all' | 'api', port: number) => {
      const child: ManagedProcess = startProcess(
        process.execPath,
        [
          ...(options.profile ? ['--cpu-prof', '--cpu-prof-dir', profileDir] : []),
          ...(options.trace ? ['--require', join(__dirname, 'request.trace.js')] : []),
          // As the container runs it (deploy/Dockerfile's NODE_OPTIONS).
          ...SERVICE_NODE_FLAGS,
          intakeMain,
        ],
        {
          ...(options.trace ? { BENCH_TRACE_FILE: traceFile } : {}),
          PATH: process.env.PATH,
          RUN_MODE: 'distributed',
          PROCESS_ROLE: role,
          DATABASE_URL: database.url,
          KAFKA_BROKERS: brokers,
          KAFKA_CLIENT_ID: 'intake',
          HTTP_PORT: String(port),
          HTTP_HOST: '127.0.0.1',
          AUTH_JWT_SECRET: secret,
          INTAKE_MASTER_KEY: masterKey,
          ADMIN_INITIAL_PASSWORD: adminPassword,
          LOG_LEVEL: options.logLevel,
          KAFKAJS_NO_PARTITIONER_WARNING: '1',
          // Tunables of the service, passed on when set for the bench (to compare settings).
          ...Object.fromEntries(
            ['EVENT_STORE_GROUP_COMMIT', 'INTAKE_GROUP_COMMIT', 'EVENT_STORE_READ_INTERVAL_MS']
              .filter((name) => process.env[name] !== undefined)
              .map((name) => [name, process.env[name]]),
          ),
        },
        root,
      );
      cleanup.add(`stop intake (${role}, port ${port})`, () => child.stop('SIGTERM'));
      await child.waitFor(/is serving at/, 120_000);
      const url = `http://127.0.0.1:${port}`;
      for (let ready = false; !ready;) {
        checkAborted();
        ready = await fetch(`${url}/health/ready`).then(
          (r) => r.status === 200,
          () => false,
        );
        if (!ready) await new Promise((done) => setTimeout(done, 250));
      }
      return { child, url };
    };
    const first = await startIntake('all', port);
    const intake = first.child;
    const intakePid = intake.child.pid!;
    const base = first.url;
    // Replicas start after the first process has migrated the schemas.
    const replicas: { child: ManagedProcess; url: string }[] = [];
    for (let i = 0; i < options.apiReplicas; i++) replicas.push(await startIntake('api', await freePort()));
    const replicaPids = replicas.map((r) => r.child.child.pid!);
    console.log(`Intake: pid ${intakePid}, distributed mode, LOG_LEVEL=${options.logLevel}, ${base}`);
    for (const r of replicas)
      console.log(`Intake API replica (PROCESS_ROLE=api): pid ${r.child.child.pid}, ${r.url}`);
    const token = await signTestToken(secret, { roles: ['reception_officer'] });

    const today = localDate(new Date());
    const loadOptions: LoadOptions = {
      clients: options.clients,
      warmupSeconds: options.warmup,
      seconds: options.seconds,
      signal: abort.signal,
    };
    console.log(
      `Load: ${options.clients} clients in closed loops, ${options.warmup} s warm-up + ${options.seconds} s measured per phase, seed ${options.seed}\n`,
    );

    // Baseline first, while intake idles, so that intake's relay backlog does not slow it down.
    const baselineGenerators = Array.from(
      { length: options.clients },
      (_, c) => new SubmissionGenerator(options.seed * 1000 + c, today),
    );
    const pool = new Pool({ connectionString: database.url, max: options.clients });
    pool.on('error', (error) => console.error('baseline: idle connection lost:', error.message));
    let poolOpen = true;
    cleanup.add('close the baseline pool', () => (poolOpen ? pool.end() : Promise.resolve()));
    await db.query(`CREATE SCHEMA bench;
      CREATE TABLE bench.plain_petitions (
        id uuid PRIMARY KEY,
        submission jsonb NOT NULL,
        recorded_at timestamptz NOT NULL DEFAULT now()
      )`);
    process.stdout.write('Measuring the baseline (plain INSERT)… ');
    const baseline = await measure(
      loadOptions,
      processGroups(database.name, kafkaDataDir, intakePid, replicaPids),
      db,
      async (client) => {
        await pool.query({
          name: 'plain-petition-insert',
          text: 'INSERT INTO bench.plain_petitions (id, submission) VALUES ($1, $2)',
          values: [randomUUID(), JSON.stringify(baselineGenerators[client].next())],
        });
        return { ok: true };
      },
    );
    console.log('done');
    poolOpen = false;
    await pool.end();
    checkAborted();

    const generators = Array.from(
      { length: options.clients },
      (_, c) => new SubmissionGenerator(options.seed * 1000 + c, today),
    );
    const url = new URL('/api/intake/petitions', base);
    // With API replicas, the clients are spread over them; the first process keeps the background work.
    const targets =
      replicas.length > 0 ? replicas.map((r) => new URL('/api/intake/petitions', r.url)) : [url];
    const connections = Array.from(
      { length: options.clients },
      (_, c) => new KeepAliveConnection(targets[c % targets.length], { authorization: `Bearer ${token}` }),
    );
    cleanup.add('close the HTTP connections', async () => connections.forEach((c) => c.close()));
    process.stdout.write('Measuring intake (POST /api/intake/petitions)… ');
    const measured = await measure(
      loadOptions,
      processGroups(database.name, kafkaDataDir, intakePid, replicaPids),
      db,
      async (client) => {
        const answer = await connections[client].postJson(
          url.pathname,
          { 'idempotency-key': randomUUID() },
          JSON.stringify(generators[client].next()),
        );
        if (answer.status >= 200 && answer.status < 300) return { ok: true };
        return { ok: false, label: `HTTP ${answer.status}`, detail: answer.body };
      },
    );
    console.log('done');
    checkAborted();

    let traced = 0;
    if (options.trace) {
      process.stdout.write(`Tracing ${TRACE_REQUESTS} petitions sent one at a time… `);
      // A pause first, so that the relay's and the projection's backlog from the load is gone.
      await new Promise((done) => setTimeout(done, 3000));
      for (let i = 0; i < TRACE_REQUESTS; i++) {
        checkAborted();
        const answer = await connections[0].postJson(
          url.pathname,
          { 'idempotency-key': randomUUID(), 'x-bench-trace': '1' },
          JSON.stringify(generators[i % generators.length].next()),
        );
        if (answer.status >= 200 && answer.status < 300) traced += 1;
        // Room for the background work a petition causes, measured as the CPU before the next one.
        await new Promise((done) => setTimeout(done, 200));
      }
      console.log('done');
    }

    const recorded = await db.query<{ n: string }>(
      `SELECT count(*)::text AS n FROM intake.events WHERE type = 'PetitionReceived'`,
    );

    for (const { child } of [...replicas, first]) {
      const exitCode = await child.stop('SIGTERM');
      if (exitCode !== 0)
        console.log(`\nintake exited with code ${exitCode}:\n${child.output().slice(-2000)}`);
    }

    report(options, baseline, measured, Number(recorded.rows[0].n), traced);

    if (options.trace) {
      // What intake uses idle (timers, Kafka heartbeats, relay polling), from the baseline window.
      const idle = baseline.cpu.groups.find((g) => g.name.startsWith('intake process'));
      printTrace(
        traceFile,
        idle ? idle.cpu / (baseline.cpu.wallSeconds * 1000) : 0,
        measured.result.warmupOk + measured.result.ok,
      );
    }
    if (options.profile) {
      const file = existsSync(profileDir)
        ? readdirSync(profileDir).find((name) => name.endsWith('.cpuprofile'))
        : undefined;
      if (!file) console.log('\nNo CPU profile was written (intake did not exit normally).');
      else {
        if (options.profileFile) copyFileSync(join(profileDir, file), options.profileFile);
        printProfile(join(profileDir, file), root, measured.result.window);
      }
    }
  } finally {
    await cleanup.run();
  }
}

function report(
  options: Options,
  baseline: Measurement,
  measured: Measurement,
  recorded: number,
  traced: number,
): void {
  const b = figuresOf(baseline.result);
  const m = figuresOf(measured.result);
  const ms = (v: number) => (Number.isNaN(v) ? '—' : v.toFixed(1));
  const rows = [
    ['', 'per second', 'p50 ms', 'p99 ms', 'max ms', 'accepted', 'errors'],
    [
      'baseline: plain INSERT',
      b.rate.toFixed(0),
      ms(b.p50),
      ms(b.p99),
      ms(b.max),
      String(baseline.result.ok),
      String(b.errors),
    ],
    [
      'intake: POST petitions',
      m.rate.toFixed(0),
      ms(m.p50),
      ms(m.p99),
      ms(m.max),
      String(measured.result.ok),
      String(m.errors),
    ],
  ];
  const widths = rows[0].map((_, i) => Math.max(...rows.map((r) => r[i].length)));
  console.log(`\nResults (${options.clients} clients, ${options.seconds} s measured per phase):`);
  for (const row of rows)
    console.log('  ' + row.map((c, i) => (i === 0 ? c.padEnd(widths[i]) : c.padStart(widths[i]))).join('  '));
  console.log(
    `\n  petitions/s ÷ baseline rows/s = ${((m.rate / b.rate) * 100).toFixed(1)}%` +
      `   (one accepted petition costs the time of ${(b.rate / m.rate).toFixed(1)} plain INSERTs)`,
  );
  console.log(`  p99 ÷ baseline p99          = ${(m.p99 / b.p99).toFixed(1)}×`);
  console.log(`  p50 ÷ baseline p50          = ${(m.p50 / b.p50).toFixed(1)}×`);

  const failures = [
    ...measured.result.failures,
    ...[...measured.result.warmupFailures].map(([k, v]): [string, Failure] => [`${k} (warm-up)`, v]),
    ...baseline.result.failures,
  ];
  if (failures.length > 0) {
    console.log('\nErrors:');
    printFailures('intake', measured.result.failures);
    printFailures('intake warm-up', measured.result.warmupFailures);
    printFailures('baseline', baseline.result.failures);
    printFailures('baseline warm-up', baseline.result.warmupFailures);
  }
  const accepted = measured.result.ok + measured.result.warmupOk + traced;
  console.log(
    `\n  PetitionReceived events in the store: ${recorded} (accepted answers incl. warm-up${traced ? ' and trace' : ''}: ${accepted})` +
      (recorded === accepted ? '' : '  ← MISMATCH'),
  );

  const met = m.rate >= TARGET_RATE && m.p99 < TARGET_P99_MS && m.errors === 0;
  console.log(
    `\nTarget: ≥ ${TARGET_RATE} petitions/s with p99 < ${TARGET_P99_MS} ms and no errors: ${met ? 'MET' : 'NOT MET'}` +
      ` (${m.rate.toFixed(0)}/s, p99 ${ms(m.p99)} ms, ${m.errors} errors)`,
  );
  printCpu('CPU in the measured baseline window', baseline.cpu);
  printCpu('CPU in the measured intake window', measured.cpu);

  // CPU time is what a request costs whatever else runs on the machine; wall-clock rates are not.
  const perUnit = (report: CpuReport, group: string, units: number) =>
    ((report.groups.find((g) => g.name === group)?.cpu ?? Number.NaN) / units) * 1000;
  const intakeMs = perUnit(measured.cpu, INTAKE_GROUP, measured.result.ok);
  const replicas = options.apiReplicas;
  const mainMs = perUnit(
    measured.cpu,
    replicas === 0 ? INTAKE_MAIN_THREAD : REPLICAS_MAIN_THREADS,
    measured.result.ok,
  );
  const postgresMs = perUnit(measured.cpu, POSTGRES_GROUP, measured.result.ok);
  const baselineMs = perUnit(baseline.cpu, POSTGRES_GROUP, baseline.result.ok);
  const loops =
    replicas === 0
      ? `main thread ${mainMs.toFixed(2)} ms, at most ${(1000 / mainMs).toFixed(0)} petitions/s on one whole core`
      : `main threads of the ${replicas} API replica(s) ${mainMs.toFixed(2)} ms, at most ` +
        `${((1000 / mainMs) * replicas).toFixed(0)} petitions/s with a whole core each`;
  console.log(
    `\nCPU per accepted petition: intake ${intakeMs.toFixed(2)} ms (${loops}), PostgreSQL ${postgresMs.toFixed(2)} ms; ` +
      `per baseline row: PostgreSQL ${baselineMs.toFixed(2)} ms (${(postgresMs / baselineMs).toFixed(1)}×)`,
  );
  const perRequest = (m: Measurement, key: keyof PostgresCounters) =>
    m.postgres ? (m.postgres[key] / m.result.ok).toFixed(2) : '—';
  console.log(
    `PostgreSQL per accepted petition (cluster-wide counters): ${perRequest(measured, 'xids')} writing transactions, ` +
      `${perRequest(measured, 'walSyncs')} WAL flushes; per baseline row: ${perRequest(baseline, 'xids')} and ${perRequest(baseline, 'walSyncs')}`,
  );
}

function printTrace(file: string, idleCpuPerMs: number, acceptedUnderLoad: number): void {
  const trace = summarizeTrace(file, idleCpuPerMs, acceptedUnderLoad);
  if (!trace) {
    console.log('\nNo trace was recorded.');
    return;
  }
  console.log(
    `\nOne petition on the request path (${trace.requests} sent one at a time, medians; answers ${trace.statuses.join(', ')}):\n` +
      `  answered in ${trace.medianMs.toFixed(1)} ms, of which ${trace.medianQueryMs.toFixed(1)} ms waiting for PostgreSQL; ` +
      `intake CPU ${trace.medianCpuMs.toFixed(1)} ms during the request + ${trace.medianCpuAfterMs.toFixed(1)} ms after it (relay, projection; idle CPU deducted)\n` +
      `  queries per petition: ${trace.queries.median} (min ${trace.queries.min}, max ${trace.queries.max})`,
  );
  console.log(
    `  ${'per petition'.padStart(12)}  ${'median ms'.padStart(9)}  ${'share'.padStart(5)}  statement`,
  );
  for (const s of trace.statements) {
    console.log(
      `  ${s.perRequest.toFixed(2).padStart(12)}  ${(Number.isNaN(s.medianMs) ? '—' : s.medianMs.toFixed(2)).padStart(9)}  ` +
        `${`${(s.totalShare * 100).toFixed(0)}%`.padStart(5)}  ${s.sql}` +
        (s.unfinished > 0 ? `  (${s.unfinished}× not awaited before the answer)` : ''),
    );
  }
  if (trace.background.length > 0) {
    console.log('  run in the background per petition (relay to Kafka, projection, NOTIFY):');
    for (const b of trace.background)
      console.log(
        `  ${b.perRequest.toFixed(2).padStart(12)}  ${''.padStart(9)}  ${''.padStart(5)}  ${b.sql}`,
      );
  }
  if (trace.load.length > 0) {
    const total = trace.load.reduce((sum, s) => sum + s.perRequest, 0);
    console.log(
      `\nUnder load: ${total.toFixed(1)} statements per accepted petition, request path and background ` +
        `(start-up and the idle baseline phase included, which adds a little):`,
    );
    for (const s of trace.load.filter((l) => l.perRequest >= 0.01))
      console.log(`  ${s.perRequest.toFixed(2).padStart(12)}  ${s.sql}`);
  }
}

function printProfile(file: string, root: string, window: { from: bigint; to: bigint }): void {
  const summary = summarizeCpuProfile(file, root, {
    fromUs: Number(window.from / 1000n),
    toUs: Number(window.to / 1000n),
  });
  const busy = summary.samples - summary.idle;
  const pct = (samples: number) => `${((samples / busy) * 100).toFixed(1).padStart(5)}%`;
  console.log(
    `\nIntake CPU profile of the main thread (${summary.windowed ? 'measured window only' : 'WHOLE run: no sample matched the window'}; ` +
      `${busy} busy and ${summary.idle} idle samples, one per ${(summary.intervalUs / 1000).toFixed(1)} ms on a CPU):`,
  );
  console.log('  Self time by area:');
  for (const [name, n] of summary.byArea) console.log(`    ${pct(n)}  ${name}`);
  console.log('  Self time by function:');
  for (const [name, n] of summary.bySelf) console.log(`    ${pct(n)}  ${name}`);
  console.log("  Time inside the project's functions (synchronous part, callees included):");
  for (const [name, n] of summary.byInclusive) console.log(`    ${pct(n)}  ${name}`);
}

main().catch((error: unknown) => {
  console.error(error);
  process.exitCode = 1;
});
