import { createWriteStream, readFileSync, writeFileSync } from 'node:fs';
import type { Writable } from 'node:stream';
import { finished } from 'node:stream/promises';
import { parseArgs } from 'node:util';
import { isLocalDate } from '@tiep-dan/platform';
import {
  DEFAULT_BACKOFF,
  DEFAULT_MAX_ATTEMPTS,
  FeederError,
  createHttpClient,
  createHttpSink,
  createKafkaSink,
  feed,
  formatSummary,
  parseRate,
  writeNdjson,
  type FeedOptions,
  type SubmissionSink,
} from './feeders';
import {
  MAX_PETITIONS,
  SimulationOptionsError,
  generateCommuneYear,
  timeline,
  type CommuneYear,
  type PartialMix,
} from './generator';
import { ProgressBar, type ProgressStream } from './progress-bar';
import {
  createReceptionSink,
  feedTimeline,
  formatTimelineSummary,
  timelineRequests,
  withoutSession,
} from './timeline-feeder';

const HELP = `simulate: a deterministic year of a commune's petitions and reception sessions, fed to intake.

Usage: simulate [options]

What to generate
  --seed <n|text>        seed of the generator (default 42); same options, same output, byte for byte
  --year <yyyy>          year simulated, 1 January – 31 December (default: this year)
  --petitions <n>        submissions to generate, duplicates and repeats included (default 3000)
  --start <yyyy-mm-dd>   first day instead of 1 January (the period then lasts one year)
  --end <yyyy-mm-dd>     last day of the period
  --today <yyyy-mm-dd>   the commune's today (default: today in Asia/Ho_Chi_Minh); nothing is dated
                         after it, so a period that runs past it is cut there
  --mix <file.json>      override parts of the mix (see README), e.g. {"duplicates": 0.2}

Where it goes
  --target <t>           stdout (NDJSON, default), http (intake's REST API: reception sessions and
                         petitions) or kafka (intake.submissions.v1: petitions only)
  --out <file>           stdout target: write the NDJSON there instead; http/kafka: also save everything
                         generated there (the ground truth of duplicates, sessions…)
  --messages-only        NDJSON of {submissionId, petition} only (what Kafka receives), no sessions
  --url <url>            http: base URL of intake or the embedded host (default http://127.0.0.1:3000)
  --username <name>      http: user for POST /api/auth/token (default admin)
  --password <pw>        http: password (default: $SIMULATE_PASSWORD)
  --token <jwt>          http: a bearer token instead of logging in
  --no-sessions          http: petitions only, without their reception sessions
  --brokers <h:p,...>    kafka: bootstrap brokers (default: $KAFKA_BROKERS or 127.0.0.1:9092)
  --topic <name>         kafka: topic (default intake.submissions.v1)

How fast
  --rate <n[/s|/min]>    at most this many requests (retries included); default: no limit
  --concurrency <n>      requests in flight (default 8)
  --max-attempts <n>     attempts per submission on 5xx, 429 and network errors (default ${DEFAULT_MAX_ATTEMPTS})
  --timeout <seconds>    http: time limit of one request (default 30)
  --no-progress          no progress bar on stderr
  --summary-json <file>  write the delivery summary as JSON
  -h, --help             this help

Exit status: 0 all accepted, 1 some rejected or given up, 2 bad options, 3 cannot log in or connect,
130 interrupted (Ctrl-C stops after the requests in flight).
`;

export type Target = 'stdout' | 'http' | 'kafka';

export interface CliConfig {
  seed: number | string;
  year: number;
  petitions: number;
  startDate?: string;
  endDate?: string;
  today: string;
  mixFile?: string;
  target: Target;
  out?: string;
  messagesOnly: boolean;
  /** http: send the reception sessions too (their visits link the in-person petitions). */
  sessions: boolean;
  url: string;
  username: string;
  password?: string;
  token?: string;
  brokers: string[];
  topic: string;
  rate?: number;
  concurrency: number;
  maxAttempts: number;
  timeoutMs: number;
  progress: boolean;
  summaryJson?: string;
}

export type ParsedCommandLine = { kind: 'help' } | { kind: 'run'; config: CliConfig };

export class CliUsageError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'CliUsageError';
  }
}

/** The commune's calendar date now (Asia/Ho_Chi_Minh), YYYY-MM-DD. */
export function communeToday(now: Date = new Date()): string {
  return new Intl.DateTimeFormat('en-CA', { timeZone: 'Asia/Ho_Chi_Minh' }).format(now);
}

/** Reads and checks the command line; throws CliUsageError with a message for people. */
export function parseCommandLine(
  argv: readonly string[],
  env: Readonly<Record<string, string | undefined>>,
  today: string,
): ParsedCommandLine {
  let values;
  try {
    ({ values } = parseArgs({
      args: [...argv],
      strict: true,
      allowPositionals: false,
      options: {
        seed: { type: 'string' },
        year: { type: 'string' },
        petitions: { type: 'string' },
        start: { type: 'string' },
        end: { type: 'string' },
        today: { type: 'string' },
        mix: { type: 'string' },
        target: { type: 'string' },
        out: { type: 'string' },
        'messages-only': { type: 'boolean' },
        url: { type: 'string' },
        username: { type: 'string' },
        password: { type: 'string' },
        token: { type: 'string' },
        'no-sessions': { type: 'boolean' },
        brokers: { type: 'string' },
        topic: { type: 'string' },
        rate: { type: 'string' },
        concurrency: { type: 'string' },
        'max-attempts': { type: 'string' },
        timeout: { type: 'string' },
        'no-progress': { type: 'boolean' },
        'summary-json': { type: 'string' },
        help: { type: 'boolean', short: 'h' },
      },
    }));
  } catch (error) {
    throw new CliUsageError(error instanceof Error ? error.message : String(error));
  }
  if (values.help) return { kind: 'help' };

  const todayValue = values.today ?? today;
  const date = (name: string, value: string | undefined) => {
    if (value !== undefined && !isLocalDate(value)) {
      throw new CliUsageError(`--${name} must be a real date YYYY-MM-DD, got "${value}"`);
    }
    return value;
  };
  date('today', todayValue);
  const integer = (name: string, value: string | undefined, fallback: number, min: number, max: number) => {
    if (value === undefined) return fallback;
    if (!/^\d+$/.test(value.trim()) || Number(value) < min || Number(value) > max) {
      throw new CliUsageError(`--${name} must be a whole number from ${min} to ${max}, got "${value}"`);
    }
    return Number(value);
  };

  const seedText = (values.seed ?? '42').trim();
  if (seedText === '') throw new CliUsageError('--seed must not be empty');
  const seed = /^\d+$/.test(seedText) && Number(seedText) <= 0xffffffff ? Number(seedText) : seedText;

  const target = (values.target ?? 'stdout') as Target;
  if (!['stdout', 'http', 'kafka'].includes(target)) {
    throw new CliUsageError(`--target must be stdout, http or kafka, got "${values.target}"`);
  }
  if (values['messages-only'] && target !== 'stdout') {
    throw new CliUsageError('--messages-only applies to the stdout target (NDJSON)');
  }
  if (values['no-sessions'] && target !== 'http') {
    throw new CliUsageError('--no-sessions applies to the http target (only http sends sessions)');
  }

  const url = values.url ?? 'http://127.0.0.1:3000';
  let parsedUrl: URL;
  try {
    parsedUrl = new URL(url);
  } catch {
    throw new CliUsageError(`--url is not a URL: "${url}"`);
  }
  if (parsedUrl.protocol !== 'http:' && parsedUrl.protocol !== 'https:') {
    throw new CliUsageError(`--url must be http:// or https://, got "${url}"`);
  }

  const password = values.password ?? env.SIMULATE_PASSWORD;
  if (target === 'http' && values.token === undefined && (password === undefined || password === '')) {
    throw new CliUsageError(
      '--target http needs --password (or SIMULATE_PASSWORD in the environment) or --token',
    );
  }

  const brokers = (values.brokers ?? env.KAFKA_BROKERS ?? '127.0.0.1:9092')
    .split(',')
    .map((b) => b.trim())
    .filter((b) => b !== '');
  if (brokers.length === 0 || brokers.some((b) => !/^[^\s:]+:\d{1,5}$/.test(b))) {
    throw new CliUsageError(
      `--brokers must be host:port[,host:port…], got "${values.brokers ?? env.KAFKA_BROKERS}"`,
    );
  }

  let rate: number | undefined;
  if (values.rate !== undefined) {
    try {
      rate = parseRate(values.rate);
    } catch (error) {
      throw new CliUsageError(`--rate: ${(error as Error).message}`);
    }
  }

  const thisYear = Number(todayValue.slice(0, 4));
  return {
    kind: 'run',
    config: {
      seed,
      year: integer('year', values.year, thisYear, 2000, 2100),
      petitions: integer('petitions', values.petitions, 3000, 0, MAX_PETITIONS),
      ...(date('start', values.start) !== undefined ? { startDate: values.start } : {}),
      ...(date('end', values.end) !== undefined ? { endDate: values.end } : {}),
      today: todayValue,
      ...(values.mix !== undefined ? { mixFile: values.mix } : {}),
      target,
      ...(values.out !== undefined ? { out: values.out } : {}),
      messagesOnly: values['messages-only'] === true,
      sessions: values['no-sessions'] !== true,
      url,
      username: values.username ?? 'admin',
      ...(password !== undefined && password !== '' ? { password } : {}),
      ...(values.token !== undefined ? { token: values.token } : {}),
      brokers,
      topic: values.topic ?? 'intake.submissions.v1',
      ...(rate !== undefined ? { rate } : {}),
      concurrency: integer('concurrency', values.concurrency, 8, 1, 1024),
      maxAttempts: integer('max-attempts', values['max-attempts'], DEFAULT_MAX_ATTEMPTS, 1, 100),
      timeoutMs: integer('timeout', values.timeout, 30, 1, 600) * 1000,
      progress: values['no-progress'] !== true,
      ...(values['summary-json'] !== undefined ? { summaryJson: values['summary-json'] } : {}),
    },
  };
}

export interface CliIo {
  stdout: Writable;
  stderr: ProgressStream & Writable;
  env: Readonly<Record<string, string | undefined>>;
  now: () => Date;
  /** Where SIGINT is listened to; a test passes its own emitter. */
  signals?: NodeJS.EventEmitter;
}

export async function main(argv: readonly string[], io: CliIo): Promise<number> {
  const say = (line: string) => io.stderr.write(`${line}\n`);
  let config: CliConfig;
  let year: CommuneYear;
  try {
    const parsed = parseCommandLine(argv, io.env, communeToday(io.now()));
    if (parsed.kind === 'help') {
      io.stdout.write(HELP);
      return 0;
    }
    config = parsed.config;
    const mix = config.mixFile !== undefined ? readMix(config.mixFile) : undefined;
    year = generateCommuneYear({
      seed: config.seed,
      year: config.year,
      petitions: config.petitions,
      ...(config.startDate !== undefined ? { startDate: config.startDate } : {}),
      ...(config.endDate !== undefined ? { endDate: config.endDate } : {}),
      today: config.today,
      ...(mix !== undefined ? { mix } : {}),
    });
  } catch (error) {
    if (error instanceof CliUsageError || error instanceof SimulationOptionsError) {
      say(`simulate: ${error.message}\nRun simulate --help for the options.`);
      return 2;
    }
    throw error;
  }

  const requestedEnd = config.endDate ?? `${config.year}-12-31`;
  say(
    `simulate: ${year.submissions.length} submissions and ${year.sessions.length} reception sessions, ` +
      `xã ${year.commune}, ${year.period.from} … ${year.period.to}` +
      (year.period.to === config.today && requestedEnd > config.today
        ? ` (cut at today, ${config.today})`
        : ''),
  );
  const everything = () => [
    {
      record: 'simulation',
      seed: year.seed,
      period: year.period,
      commune: year.commune,
      submissions: year.submissions.length,
      sessions: year.sessions.length,
      mix: year.mix,
    },
    ...timeline(year),
  ];

  if (config.target === 'stdout') {
    const records = config.messagesOnly
      ? year.submissions.map((s) => ({ submissionId: s.submissionId, petition: s.petition }))
      : everything();
    const out = config.out !== undefined ? createWriteStream(config.out) : io.stdout;
    const bar =
      config.progress && config.out !== undefined
        ? new ProgressBar(records.length, { stream: io.stderr, label: 'writing' })
        : undefined;
    await writeNdjson(records, out, (done) => bar?.update(done));
    bar?.finish();
    if (config.out !== undefined) {
      out.end();
      await finished(out);
      say(`simulate: wrote ${records.length} records to ${config.out}`);
    }
    return 0;
  }

  if (config.out !== undefined) {
    writeFileSync(
      config.out,
      everything()
        .map((r) => `${JSON.stringify(r)}\n`)
        .join(''),
    );
    say(`simulate: saved what was generated to ${config.out}`);
  }
  const withSessions = config.target === 'http' && config.sessions;
  if (!withSessions && year.sessions.length > 0) {
    say(
      config.target === 'kafka'
        ? 'simulate: reception sessions are not sent: intake takes them over HTTP only (no Kafka topic for them); ' +
            'petitions go without their session id'
        : 'simulate: reception sessions are not sent (--no-sessions); petitions go without their session id',
    );
  }

  const client =
    config.target === 'http'
      ? createHttpClient({
          baseUrl: config.url,
          ...(config.token !== undefined ? { token: config.token } : {}),
          username: config.username,
          ...(config.password !== undefined ? { password: config.password } : {}),
          requestTimeoutMs: config.timeoutMs,
        })
      : undefined;
  const sink: SubmissionSink =
    client !== undefined
      ? createHttpSink(client)
      : createKafkaSink({ brokers: config.brokers, topic: config.topic });
  try {
    await sink.open();
  } catch (error) {
    if (error instanceof FeederError) {
      say(`simulate: ${error.message}`);
      return 3;
    }
    throw error;
  }

  const abort = new AbortController();
  const signals = io.signals ?? process;
  const onInterrupt = () => {
    say('\nsimulate: stopping after the requests in flight…');
    abort.abort();
  };
  signals.once('SIGINT', onInterrupt);
  const total = withSessions ? timelineRequests(year) : year.submissions.length;
  const bar = config.progress ? new ProgressBar(total, { stream: io.stderr, label: sink.name }) : undefined;
  const options: FeedOptions = {
    concurrency: config.concurrency,
    ...(config.rate !== undefined ? { rate: config.rate } : {}),
    maxAttempts: config.maxAttempts,
    backoff: DEFAULT_BACKOFF,
    onProgress: (done) => bar?.update(done),
    signal: abort.signal,
  };
  try {
    let summary;
    let report: string;
    if (withSessions && client !== undefined) {
      summary = await feedTimeline(year, sink, createReceptionSink(client), options);
      report = formatTimelineSummary(summary, sink.name);
    } else {
      const messages = year.submissions.map((s) => ({
        submissionId: s.submissionId,
        petition: withoutSession(s.petition),
      }));
      summary = await feed(messages, sink, options);
      report = formatSummary(summary, sink.name);
    }
    bar?.finish();
    say(report);
    if (config.summaryJson !== undefined)
      writeFileSync(config.summaryJson, `${JSON.stringify(summary, null, 2)}\n`);
    if (summary.interrupted) return 130;
    return summary.accepted === summary.total ? 0 : 1;
  } finally {
    signals.removeListener('SIGINT', onInterrupt);
    await sink.close();
  }
}

function readMix(path: string): PartialMix {
  let text: string;
  try {
    text = readFileSync(path, 'utf8');
  } catch (error) {
    throw new CliUsageError(`--mix: cannot read ${path}: ${(error as Error).message}`);
  }
  try {
    const mix = JSON.parse(text) as unknown;
    if (typeof mix !== 'object' || mix === null || Array.isArray(mix))
      throw new Error('expected a JSON object');
    return mix as PartialMix;
  } catch (error) {
    throw new CliUsageError(`--mix: ${path} is not a JSON object: ${(error as Error).message}`);
  }
}

if (require.main === module) {
  // A reader that stops early (`| head`) closes the pipe: that is not an error.
  process.stdout.on('error', (error: NodeJS.ErrnoException) => {
    if (error.code === 'EPIPE') process.exit(0);
    throw error;
  });
  main(process.argv.slice(2), {
    stdout: process.stdout,
    stderr: process.stderr,
    env: process.env,
    now: () => new Date(),
  })
    .then((code) => {
      process.exitCode = code;
    })
    .catch((error: unknown) => {
      process.stderr.write(
        `simulate: ${error instanceof Error ? (error.stack ?? error.message) : String(error)}\n`,
      );
      process.exitCode = 1;
    });
}
