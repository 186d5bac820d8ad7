import { spawn, spawnSync, type ChildProcess } from 'node:child_process';
import { createHash, randomBytes } from 'node:crypto';
import {
  existsSync,
  mkdirSync,
  mkdtempSync,
  readFileSync,
  readdirSync,
  rmSync,
  statSync,
  writeFileSync,
} from 'node:fs';
import { tmpdir } from 'node:os';
import { delimiter, dirname, join, resolve } from 'node:path';
import { Kafka, logLevel } from 'kafkajs';
import { freePort } from '../../../platform/src/embedded/embedded-postgres';

/**
 * A real Apache Kafka broker (single-node KRaft, broker+controller in one JVM) for tests and local
 * development, without Docker: the server jars come from Maven Central through
 * deploy/local/kafka/pom.xml, and the broker runs as a `java` child process of this Node process.
 */
export interface LocalKafkaOptions {
  /** Data directory (config, KRaft metadata, logs). Default: a new temporary directory. */
  dataDir?: string;
  /** Client (PLAINTEXT) port. Default: a free port. */
  port?: number;
  /** KRaft controller port. Default: a free port. */
  controllerPort?: number;
  /** Receives every line the broker prints (WARN and above, plus "Kafka Server started"). Default: discard. */
  log?: (line: string) => void;
  /** JVM maximum heap. Default '512m'. */
  heap?: string;
}

export interface LocalKafka {
  /** Bootstrap servers, '127.0.0.1:PORT'. */
  brokers: string;
  port: number;
  controllerPort: number;
  dataDir: string;
  /**
   * Stop the broker process. keepData=true leaves dataDir so startLocalKafka({dataDir, port, controllerPort})
   * restarts the same broker with its topics and offsets. Default false: delete dataDir.
   */
  stop(options?: { keepData?: boolean }): Promise<void>;
}

const START_TIMEOUT_MS = 60_000;
const STOP_TIMEOUT_MS = 15_000;
const TAIL_LINES = 50;

/** deploy/local/kafka: found from this file (source tree) or, failing that, from the working directory. */
function kafkaHome(): string {
  const starts = [__dirname, process.cwd()];
  for (const start of starts) {
    let dir = resolve(start);
    for (;;) {
      const candidate = join(dir, 'deploy', 'local', 'kafka');
      if (existsSync(join(candidate, 'pom.xml'))) return candidate;
      const parent = dirname(dir);
      if (parent === dir) break;
      dir = parent;
    }
  }
  throw new Error('local-kafka: deploy/local/kafka/pom.xml not found above ' + starts.join(' or '));
}

function sleep(ms: number): Promise<void> {
  return new Promise((done) => setTimeout(done, ms));
}

function isAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    return (error as NodeJS.ErrnoException).code === 'EPERM';
  }
}

/** A lock directory created atomically with mkdir; stale when its owner process is gone. */
async function withLock<T>(lockDir: string, work: () => Promise<T>): Promise<T> {
  const deadline = Date.now() + 10 * 60_000;
  for (;;) {
    try {
      mkdirSync(lockDir);
      writeFileSync(join(lockDir, 'pid'), String(process.pid));
      break;
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code !== 'EEXIST') throw error;
      let owner = 0;
      try {
        owner = Number(readFileSync(join(lockDir, 'pid'), 'utf8'));
      } catch {
        // The owner has not written its pid yet, or just released the lock.
      }
      const age = (() => {
        try {
          return Date.now() - statSync(lockDir).mtimeMs;
        } catch {
          return 0;
        }
      })();
      if ((owner > 0 && !isAlive(owner)) || (owner === 0 && age > 30_000)) {
        rmSync(lockDir, { recursive: true, force: true });
        continue;
      }
      if (Date.now() > deadline) throw new Error(`local-kafka: timed out waiting for the lock ${lockDir}`);
      await sleep(250);
    }
  }
  try {
    return await work();
  } finally {
    rmSync(lockDir, { recursive: true, force: true });
  }
}

function pomHash(home: string): string {
  return createHash('sha256')
    .update(readFileSync(join(home, 'pom.xml')))
    .digest('hex');
}

function jarsReady(libDir: string, hash: string): boolean {
  try {
    return readFileSync(join(libDir, '.stamp'), 'utf8').trim() === hash;
  } catch {
    return false;
  }
}

function runMaven(home: string, libDir: string): Promise<void> {
  const args = [
    '-q',
    '-B',
    '-f',
    join(home, 'pom.xml'),
    'dependency:copy-dependencies',
    '-DincludeScope=runtime',
    `-DoutputDirectory=${libDir}`,
  ];
  return new Promise((done, fail) => {
    const child = spawn('mvn', args, { stdio: ['ignore', 'pipe', 'pipe'] });
    let output = '';
    child.stdout.on('data', (chunk: Buffer) => (output += chunk.toString()));
    child.stderr.on('data', (chunk: Buffer) => (output += chunk.toString()));
    child.on('error', (error) =>
      fail(new Error(`local-kafka: cannot run Maven (mvn) to fetch the Kafka jars: ${error.message}`)),
    );
    child.on('exit', (code) =>
      code === 0
        ? done()
        : fail(
            new Error(`local-kafka: mvn ${args.join(' ')} failed (exit ${code}):\n${output.slice(-4000)}`),
          ),
    );
  });
}

/**
 * Makes sure deploy/local/kafka/lib holds the jars of deploy/local/kafka/pom.xml (Kafka server + SLF4J
 * binding), fetching them with Maven when lib/.stamp does not hold the hash of the current pom.xml.
 * Safe to call from several processes at once. Returns the lib directory.
 */
export async function ensureKafkaJars(): Promise<string> {
  const home = kafkaHome();
  const libDir = join(home, 'lib');
  const hash = pomHash(home);
  if (jarsReady(libDir, hash)) return libDir;
  mkdirSync(libDir, { recursive: true });
  await withLock(join(libDir, '.lock'), async () => {
    if (jarsReady(libDir, hash)) return;
    // Jars of an older POM (other versions) must not stay on the class path.
    for (const name of readdirSync(libDir)) {
      if (name.endsWith('.jar') || name === '.stamp') rmSync(join(libDir, name), { force: true });
    }
    await runMaven(home, libDir);
    if (!readdirSync(libDir).some((name) => /^kafka_2\.13-.*\.jar$/.test(name))) {
      throw new Error(`local-kafka: Maven finished but no kafka_2.13 jar is in ${libDir}`);
    }
    writeFileSync(join(libDir, '.stamp'), hash + '\n');
  });
  return libDir;
}

function javaBinary(): string {
  const home = process.env.JAVA_HOME;
  if (home) {
    const candidate = join(home, 'bin', 'java');
    if (existsSync(candidate)) return candidate;
  }
  return 'java';
}

function onPath(command: string): string | undefined {
  for (const dir of (process.env.PATH ?? '').split(delimiter)) {
    if (dir && existsSync(join(dir, command))) return join(dir, command);
  }
  return undefined;
}

/**
 * A random KRaft cluster id: 16 random bytes in URL-safe base64 without padding (22 characters). Like
 * Kafka's own Uuid.randomUuid(), never one starting with '-', which the tool would read as an option.
 */
function newClusterId(): string {
  for (;;) {
    const id = randomBytes(16).toString('base64url');
    if (!id.startsWith('-')) return id;
  }
}

function writeServerProperties(home: string, dataDir: string, port: number, controllerPort: number): string {
  const template = readFileSync(join(home, 'server.properties.template'), 'utf8');
  const text = template
    .replace(/@PORT@/g, String(port))
    .replace(/@CONTROLLER_PORT@/g, String(controllerPort))
    .replace(/@DATA_DIR@/g, dataDir.replace(/\\/g, '/'));
  const file = join(dataDir, 'server.properties');
  writeFileSync(file, text);
  return file;
}

function formatStorage(
  java: string,
  classPath: string,
  log4j: string,
  dataDir: string,
  config: string,
): void {
  if (existsSync(join(dataDir, 'logs', 'meta.properties'))) return;
  const result = spawnSync(
    java,
    [log4j, '-cp', classPath, 'kafka.tools.StorageTool', 'format', '-t', newClusterId(), '-c', config],
    { encoding: 'utf8', timeout: 60_000 },
  );
  if (result.error) throw new Error(`local-kafka: cannot run ${java}: ${result.error.message}`);
  if (result.status !== 0) {
    throw new Error(
      `local-kafka: kafka-storage format failed (exit ${result.status}):\n${result.stdout}${result.stderr}`,
    );
  }
}

async function brokerAnswers(brokers: string): Promise<boolean> {
  const admin = new Kafka({
    clientId: 'local-kafka-probe',
    brokers: [brokers],
    logLevel: logLevel.NOTHING,
    connectionTimeout: 1000,
    requestTimeout: 3000,
    retry: { retries: 0 },
  }).admin();
  try {
    await admin.connect();
    const cluster = await admin.describeCluster();
    if (cluster.brokers.length === 0) return false;
    await admin.listTopics();
    return true;
  } catch {
    return false;
  } finally {
    await admin.disconnect().catch(() => undefined);
  }
}

function unrefStream(stream: unknown, ref: boolean): void {
  const handle = stream as { ref?: () => void; unref?: () => void } | null;
  if (ref) handle?.ref?.();
  else handle?.unref?.();
}

/**
 * Starts a single-node KRaft broker and resolves once it answers Kafka clients. The Java process is a
 * child of this process; it is killed when this process exits (and, via `setpriv --pdeathsig` where
 * available, even when this process dies without running exit handlers).
 */
export async function startLocalKafka(options: LocalKafkaOptions = {}): Promise<LocalKafka> {
  const libDir = await ensureKafkaJars();
  const home = dirname(libDir);
  const ownsDataDir = !options.dataDir;
  const dataDir = resolve(options.dataDir ?? mkdtempSync(join(tmpdir(), 'tiepdan-kafka-')));
  mkdirSync(dataDir, { recursive: true });
  const port = options.port || (await freePort());
  let controllerPort = options.controllerPort || (await freePort());
  while (controllerPort === port) controllerPort = await freePort();
  const brokers = `127.0.0.1:${port}`;
  const heap = options.heap ?? '512m';
  const log = options.log ?? (() => undefined);

  const java = javaBinary();
  const classPath = join(libDir, '*');
  const log4j = `-Dlog4j.configuration=file:${join(home, 'log4j.properties')}`;
  const config = writeServerProperties(home, dataDir, port, controllerPort);
  try {
    formatStorage(java, classPath, log4j, dataDir, config);
  } catch (error) {
    if (ownsDataDir) rmSync(dataDir, { recursive: true, force: true });
    throw error;
  }

  const javaArgs = [
    `-Xmx${heap}`,
    '-Xss1m',
    '-XX:+UseG1GC',
    '-XX:MaxGCPauseMillis=20',
    '-XX:+ExitOnOutOfMemoryError',
    '-Djava.awt.headless=true',
    log4j,
    '-cp',
    classPath,
    'kafka.Kafka',
    config,
  ];
  // setpriv --pdeathsig: the kernel kills the broker when its parent dies, whatever the cause (even SIGKILL).
  const setpriv = process.platform === 'linux' ? onPath('setpriv') : undefined;
  const child: ChildProcess = setpriv
    ? spawn(setpriv, ['--pdeathsig', 'SIGKILL', java, ...javaArgs], { stdio: ['ignore', 'pipe', 'pipe'] })
    : spawn(java, javaArgs, { stdio: ['ignore', 'pipe', 'pipe'] });

  const tail: string[] = [];
  const onLine = (line: string): void => {
    if (!line) return;
    tail.push(line);
    if (tail.length > TAIL_LINES) tail.shift();
    log(line);
  };
  for (const stream of [child.stdout, child.stderr]) {
    let pending = '';
    stream?.setEncoding('utf8');
    stream?.on('data', (chunk: string) => {
      pending += chunk;
      const lines = pending.split('\n');
      pending = lines.pop() ?? '';
      lines.forEach((line) => onLine(line.replace(/\r$/, '')));
    });
    stream?.on('end', () => {
      onLine(pending);
      pending = '';
    });
  }

  let exited = false;
  let spawnError: Error | undefined;
  const exitPromise = new Promise<void>((done) => {
    child.on('exit', (code, signal) => {
      exited = true;
      onLine(`[local-kafka] broker process exited (${signal ?? `code ${code}`})`);
      done();
    });
    child.on('error', (error) => {
      spawnError = error;
      exited = true;
      done();
    });
  });

  // Last resort: the broker never outlives this process.
  const killOnExit = (): void => {
    if (!exited && child.pid) {
      try {
        process.kill(child.pid, 'SIGKILL');
      } catch {
        // Already gone.
      }
    }
    if (ownsDataDir) rmSync(dataDir, { recursive: true, force: true, maxRetries: 3 });
  };
  process.on('exit', killOnExit);
  // The broker alone does not keep this process alive; the exit hook above then kills it.
  child.unref();
  unrefStream(child.stdout, false);
  unrefStream(child.stderr, false);

  let stopped: Promise<void> | undefined;
  const stop = (stopOptions: { keepData?: boolean } = {}): Promise<void> => {
    stopped ??= (async () => {
      // Keep the event loop alive while waiting for the broker to go.
      child.ref();
      unrefStream(child.stdout, true);
      unrefStream(child.stderr, true);
      if (!exited) {
        child.kill('SIGTERM');
        let timer: NodeJS.Timeout | undefined;
        const timeout = new Promise<'timeout'>(
          (done) => (timer = setTimeout(() => done('timeout'), STOP_TIMEOUT_MS)),
        );
        const outcome = await Promise.race([exitPromise.then(() => 'exited' as const), timeout]);
        clearTimeout(timer);
        if (outcome === 'timeout') {
          child.kill('SIGKILL');
          await exitPromise;
        }
      }
      process.removeListener('exit', killOnExit);
      if (!stopOptions.keepData) rmSync(dataDir, { recursive: true, force: true, maxRetries: 3 });
    })();
    return stopped;
  };

  const deadline = Date.now() + START_TIMEOUT_MS;
  for (;;) {
    if (spawnError) {
      await stop();
      throw new Error(`local-kafka: cannot start ${java}: ${spawnError.message}`);
    }
    if (exited) {
      await stop({ keepData: !ownsDataDir });
      throw new Error(`local-kafka: the broker exited during start-up. Last output:\n${tail.join('\n')}`);
    }
    if (await brokerAnswers(brokers)) break;
    if (Date.now() > deadline) {
      await stop({ keepData: !ownsDataDir });
      throw new Error(
        `local-kafka: the broker did not answer on ${brokers} within ${START_TIMEOUT_MS / 1000} s. Last output:\n${tail.join('\n')}`,
      );
    }
    await sleep(250);
  }

  return { brokers, port, controllerPort, dataDir, stop };
}
