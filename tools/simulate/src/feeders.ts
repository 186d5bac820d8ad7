import { once } from 'node:events';
import type { Writable } from 'node:stream';
import { Topics, type PetitionSubmissionInput } from '@tiep-dan/contracts';
import { Kafka, Partitioners, logLevel, type LogEntry } from 'kafkajs';

/**
 * Feeding generated submissions to intake: over its REST API or its Kafka topic, at a chosen rate and
 * concurrency, retrying what may succeed later (5xx, 429, timeouts, lost connections) with exponential
 * backoff, and counting what intake refused (4xx) by its error code without retrying it.
 */

/** What a sink sends: the body of POST /api/intake/petitions, or the value of an `intake.submissions.v1` message. */
export interface FeedMessage {
  submissionId: string;
  petition: PetitionSubmissionInput;
}

export type DeliveryOutcome =
  | { result: 'accepted'; status?: number; body?: unknown }
  | { result: 'rejected'; code: string; status?: number }
  | { result: 'retry'; reason: string; retryAfterMs?: number };

export interface SubmissionSink {
  readonly name: string;
  /** Logs in or connects; throws a FeederError with a message for people when it cannot. */
  open(): Promise<void>;
  deliver(message: FeedMessage): Promise<DeliveryOutcome>;
  close(): Promise<void>;
}

/** A failure that stops the run before it starts (cannot log in, cannot reach the broker). */
export class FeederError extends Error {
  constructor(
    readonly code: string,
    message: string,
  ) {
    super(message);
    this.name = 'FeederError';
  }
}

export interface Clock {
  now(): number;
  sleep(ms: number): Promise<void>;
}

/** Timers and `Date.now`, so that Jest's fake timers drive the rate limiter in tests. */
export const systemClock: Clock = {
  now: () => Date.now(),
  sleep: (ms) => new Promise((resolve) => setTimeout(resolve, ms)),
};

// ---------------------------------------------------------------------------------------------------
// Rate limiting

/**
 * Token bucket: `ratePerSecond` tokens a second, at most `burst` saved up. Callers are served in the
 * order they asked, so concurrent workers share the rate fairly.
 */
export class TokenBucket {
  private tokens: number;
  private last: number;
  private queue: Promise<void> = Promise.resolve();

  constructor(
    readonly ratePerSecond: number,
    readonly burst = 1,
    private readonly clock: Clock = systemClock,
  ) {
    if (!(ratePerSecond > 0) || !Number.isFinite(ratePerSecond)) {
      throw new RangeError(`rate must be a positive number, got ${ratePerSecond}`);
    }
    if (!(burst >= 1) || !Number.isFinite(burst))
      throw new RangeError(`burst must be at least 1, got ${burst}`);
    this.tokens = burst;
    this.last = clock.now();
  }

  /** Resolves when the caller may send one request. */
  take(): Promise<void> {
    const turn = this.queue.then(() => this.acquire());
    this.queue = turn;
    return turn;
  }

  private async acquire(): Promise<void> {
    for (;;) {
      const now = this.clock.now();
      this.tokens = Math.min(this.burst, this.tokens + ((now - this.last) * this.ratePerSecond) / 1000);
      this.last = now;
      if (this.tokens >= 1) {
        this.tokens -= 1;
        return;
      }
      await this.clock.sleep(Math.max(1, Math.ceil(((1 - this.tokens) * 1000) / this.ratePerSecond)));
    }
  }
}

/** "50", "50/s", "3000/min", "3000/m", "36000/h" → requests per second. */
export function parseRate(text: string): number {
  const match = /^\s*(\d+(?:\.\d+)?)\s*(?:\/\s*(s|sec|second|m|min|minute|h|hour))?\s*$/i.exec(text);
  if (!match) throw new RangeError(`not a rate: "${text}" (examples: 50, 50/s, 3000/min)`);
  const amount = Number(match[1]);
  const unit = (match[2] ?? 's').toLowerCase();
  const perSecond = unit.startsWith('h') ? amount / 3600 : unit.startsWith('m') ? amount / 60 : amount;
  if (!(perSecond > 0)) throw new RangeError(`the rate must be above zero: "${text}"`);
  return perSecond;
}

// ---------------------------------------------------------------------------------------------------
// The feeding loop

export interface FeedOptions {
  concurrency: number;
  /** Requests per second, retries included; none: as fast as the concurrency allows. */
  rate?: number;
  burst?: number;
  /** Attempts per submission, the first included. */
  maxAttempts?: number;
  backoff?: { initialMs: number; maxMs: number };
  onProgress?: (done: number, total: number) => void;
  /** Stops taking new submissions (Ctrl-C); those in flight finish. */
  signal?: AbortSignal;
  clock?: Clock;
}

export interface FeedSummary {
  total: number;
  /** Submissions handled (accepted, rejected or given up); below total when interrupted. */
  handled: number;
  accepted: number;
  /** Refused by intake (4xx), by error code. */
  rejected: Record<string, number>;
  /** Given up after the last attempt, by the reason of the last failure. */
  failed: Record<string, number>;
  /** Attempts that were retries. */
  retried: number;
  latencyMs: { p50: number; p99: number; max: number };
  elapsedMs: number;
  interrupted: boolean;
}

export const DEFAULT_MAX_ATTEMPTS = 6;
export const DEFAULT_BACKOFF = { initialMs: 200, maxMs: 10_000 };

/** The last outcome of a request after its retries: accepted, refused, or given up. */
export type FinalOutcome =
  | { result: 'accepted'; body?: unknown }
  | { result: 'rejected'; code: string }
  | { result: 'failed'; reason: string };

/**
 * Sends requests through the shared rate limit, retrying what may succeed later with exponential backoff,
 * and keeps the counts and latencies of all of them for the summary.
 */
export class Deliveries {
  readonly counts = {
    accepted: 0,
    rejected: {} as Record<string, number>,
    failed: {} as Record<string, number>,
    retried: 0,
  };
  private readonly latencies: number[] = [];
  private readonly bucket: TokenBucket | undefined;
  private readonly clock: Clock;
  private readonly maxAttempts: number;
  private readonly backoff: { initialMs: number; maxMs: number };
  readonly started: number;

  constructor(private readonly options: FeedOptions) {
    this.clock = options.clock ?? systemClock;
    this.maxAttempts = options.maxAttempts ?? DEFAULT_MAX_ATTEMPTS;
    this.backoff = options.backoff ?? DEFAULT_BACKOFF;
    if (!Number.isInteger(options.concurrency) || options.concurrency < 1) {
      throw new RangeError(`concurrency must be a positive integer, got ${options.concurrency}`);
    }
    if (!Number.isInteger(this.maxAttempts) || this.maxAttempts < 1) {
      throw new RangeError(`maxAttempts must be a positive integer, got ${this.maxAttempts}`);
    }
    this.bucket =
      options.rate !== undefined ? new TokenBucket(options.rate, options.burst ?? 1, this.clock) : undefined;
    this.started = this.clock.now();
  }

  get aborted(): boolean {
    return this.options.signal?.aborted === true;
  }

  async send(request: () => Promise<DeliveryOutcome>): Promise<FinalOutcome> {
    const count = (record: Record<string, number>, key: string) => (record[key] = (record[key] ?? 0) + 1);
    for (let attempt = 1; ; attempt++) {
      if (this.bucket) await this.bucket.take();
      const t0 = performance.now();
      let outcome: DeliveryOutcome;
      try {
        outcome = await request();
      } catch (error) {
        outcome = { result: 'retry', reason: errorReason(error) };
      }
      this.latencies.push(performance.now() - t0);
      if (outcome.result === 'accepted') {
        this.counts.accepted++;
        return { result: 'accepted', ...(outcome.body !== undefined ? { body: outcome.body } : {}) };
      }
      if (outcome.result === 'rejected') {
        count(this.counts.rejected, outcome.code);
        return { result: 'rejected', code: outcome.code };
      }
      if (attempt >= this.maxAttempts || this.aborted) {
        count(this.counts.failed, outcome.reason);
        return { result: 'failed', reason: outcome.reason };
      }
      this.counts.retried++;
      const exponential = Math.min(this.backoff.maxMs, this.backoff.initialMs * 2 ** (attempt - 1));
      // Jitter spreads the retries of many workers that failed together; it does not touch the data.
      const wait = Math.max(outcome.retryAfterMs ?? 0, exponential * (0.5 + Math.random() / 2));
      await this.clock.sleep(Math.round(wait));
    }
  }

  /** Runs `work` on each item, at most `concurrency` at once, taking no new item once interrupted. */
  async forEach<T>(
    items: readonly T[],
    work: (item: T) => Promise<void>,
    concurrency = this.options.concurrency,
  ) {
    let next = 0;
    const worker = async () => {
      while (next < items.length && !this.aborted) await work(items[next++]);
    };
    await Promise.all(Array.from({ length: Math.min(concurrency, items.length) }, worker));
  }

  summary(total: number, handled: number): FeedSummary {
    const sorted = [...this.latencies].sort((a, b) => a - b);
    return {
      total,
      handled,
      accepted: this.counts.accepted,
      rejected: { ...this.counts.rejected },
      failed: { ...this.counts.failed },
      retried: this.counts.retried,
      latencyMs: {
        p50: round(percentile(sorted, 0.5)),
        p99: round(percentile(sorted, 0.99)),
        max: round(sorted[sorted.length - 1] ?? 0),
      },
      elapsedMs: this.clock.now() - this.started,
      interrupted: handled < total,
    };
  }
}

export async function feed(
  messages: readonly FeedMessage[],
  sink: SubmissionSink,
  options: FeedOptions,
): Promise<FeedSummary> {
  const deliveries = new Deliveries(options);
  let handled = 0;
  await deliveries.forEach(messages, async (message) => {
    await deliveries.send(() => sink.deliver(message));
    handled++;
    options.onProgress?.(handled, messages.length);
  });
  return deliveries.summary(messages.length, handled);
}

/** Nearest-rank percentile of sorted values. */
export function percentile(sorted: readonly number[], p: number): number {
  if (sorted.length === 0) return 0;
  return sorted[Math.min(sorted.length - 1, Math.max(0, Math.ceil(p * sorted.length) - 1))];
}

function round(ms: number): number {
  return Math.round(ms * 10) / 10;
}

function errorReason(error: unknown): string {
  if (error instanceof Error) {
    const cause = (error as { cause?: { code?: unknown } }).cause;
    if (error.name === 'TimeoutError' || error.name === 'AbortError') return 'NETWORK.TIMEOUT';
    if (cause && typeof cause.code === 'string') return `NETWORK.${cause.code}`;
    const first = (cause as { errors?: { code?: unknown }[] } | undefined)?.errors?.[0];
    if (first && typeof first.code === 'string') return `NETWORK.${first.code}`;
    const code = (error as { code?: unknown }).code;
    if (typeof code === 'string') return `NETWORK.${code}`;
    return `ERROR.${error.name}`;
  }
  return 'ERROR.UNKNOWN';
}

export function formatSummary(summary: FeedSummary, target: string): string {
  const seconds = summary.elapsedMs / 1000;
  const list = (record: Record<string, number>) =>
    Object.entries(record)
      .sort(([a], [b]) => (a < b ? -1 : 1))
      .map(([code, n]) => `    ${code}: ${n}`);
  const rejected = Object.values(summary.rejected).reduce((a, b) => a + b, 0);
  const failed = Object.values(summary.failed).reduce((a, b) => a + b, 0);
  return [
    `${target}: ${summary.handled}/${summary.total} submissions in ${seconds.toFixed(1)} s` +
      ` (${seconds > 0 ? (summary.handled / seconds).toFixed(1) : '–'}/s)${summary.interrupted ? ', interrupted' : ''}`,
    `  accepted: ${summary.accepted}`,
    `  rejected: ${rejected}`,
    ...list(summary.rejected),
    `  failed after retries: ${failed}`,
    ...list(summary.failed),
    `  retried attempts: ${summary.retried}`,
    `  latency: p50 ${summary.latencyMs.p50} ms, p99 ${summary.latencyMs.p99} ms, max ${summary.latencyMs.max} ms`,
  ].join('\n');
}

// ---------------------------------------------------------------------------------------------------
// HTTP

export const AUTH_TOKEN_PATH = '/api/auth/token';
export const INTAKE_PETITIONS_PATH = '/api/intake/petitions';

export interface HttpSinkOptions {
  baseUrl: string;
  /** A bearer token; otherwise `username` and `password` get one from POST /api/auth/token. */
  token?: string;
  username?: string;
  password?: string;
  requestTimeoutMs?: number;
  fetch?: typeof fetch;
}

/**
 * Conflicts that pass: a request with the same Idempotency-Key still running (a retry after a timeout),
 * a reception session changed by another request meanwhile.
 */
const TRANSIENT_CONFLICTS = new Set(['IDEMPOTENCY.IN_PROGRESS', 'RECEPTION.CONCURRENT_UPDATE']);

/** One logged-in connection to intake, shared by the petition and the reception-session feeders. */
export interface HttpClient {
  readonly baseUrl: string;
  /** Logs in unless given a token; throws a FeederError with a message for people when it cannot. */
  open(): Promise<void>;
  /** POST of `body` as JSON with the Idempotency-Key; the answer's body comes with an acceptance. */
  post(path: string, body: unknown, idempotencyKey: string): Promise<DeliveryOutcome>;
}

export function createHttpClient(options: HttpSinkOptions): HttpClient {
  const base = options.baseUrl.replace(/\/+$/, '');
  const doFetch = options.fetch ?? fetch;
  const timeoutMs = options.requestTimeoutMs ?? 30_000;
  const canLogIn = options.username !== undefined && options.password !== undefined;
  let token = options.token;
  let refreshing: Promise<void> | undefined;

  const logIn = async (): Promise<void> => {
    let response: Response;
    try {
      response = await doFetch(`${base}${AUTH_TOKEN_PATH}`, {
        method: 'POST',
        headers: { 'content-type': 'application/json', accept: 'application/json' },
        body: JSON.stringify({ username: options.username, password: options.password }),
        signal: AbortSignal.timeout(timeoutMs),
      });
    } catch (error) {
      const cause = (error as { cause?: { message?: unknown } }).cause;
      const detail = typeof cause?.message === 'string' && cause.message !== '' ? ` (${cause.message})` : '';
      throw new FeederError('FEEDER.UNREACHABLE', `cannot reach ${base}: ${errorReason(error)}${detail}`);
    }
    const body = await readJson(response);
    if (!response.ok) {
      throw new FeederError(
        'FEEDER.LOGIN_FAILED',
        `login as "${options.username}" failed: HTTP ${response.status} ${errorCode(body) ?? ''} ${errorMessage(body) ?? ''}`.trim(),
      );
    }
    const accessToken = (body as { accessToken?: unknown } | undefined)?.accessToken;
    if (typeof accessToken !== 'string' || accessToken === '') {
      throw new FeederError('FEEDER.LOGIN_FAILED', `${AUTH_TOKEN_PATH} answered without an accessToken`);
    }
    token = accessToken;
  };

  return {
    baseUrl: base,
    async open() {
      if (token !== undefined) return;
      if (!canLogIn) {
        throw new FeederError('FEEDER.NO_CREDENTIALS', 'give a token, or a username and a password');
      }
      await logIn();
    },
    async post(path, payload, idempotencyKey) {
      const sentWith = token;
      let response: Response;
      try {
        response = await doFetch(`${base}${path}`, {
          method: 'POST',
          headers: {
            'content-type': 'application/json',
            accept: 'application/json',
            authorization: `Bearer ${sentWith}`,
            'idempotency-key': idempotencyKey,
          },
          body: JSON.stringify(payload),
          signal: AbortSignal.timeout(timeoutMs),
        });
      } catch (error) {
        return { result: 'retry', reason: errorReason(error) };
      }
      const body = await readJson(response);
      const status = response.status;
      if (status >= 200 && status < 300) return { result: 'accepted', status, body };
      if (status === 401 && canLogIn) {
        // The token expired during a long run: log in again once, whoever noticed first.
        if (token === sentWith) {
          refreshing ??= logIn().finally(() => (refreshing = undefined));
        }
        try {
          await refreshing;
        } catch {
          return { result: 'rejected', code: errorCode(body) ?? 'HTTP_401', status };
        }
        return { result: 'retry', reason: errorCode(body) ?? 'HTTP_401', retryAfterMs: 0 };
      }
      if (status === 409 && TRANSIENT_CONFLICTS.has(errorCode(body) ?? '')) {
        return { result: 'retry', reason: errorCode(body) ?? 'HTTP_409' };
      }
      // Too many requests is the server asking to slow down, not a verdict on the petition.
      if (status === 429 || status >= 500) {
        const retryAfter = Number(response.headers.get('retry-after'));
        return {
          result: 'retry',
          reason: `HTTP_${status}`,
          ...(Number.isFinite(retryAfter) && retryAfter > 0 ? { retryAfterMs: retryAfter * 1000 } : {}),
        };
      }
      return { result: 'rejected', code: errorCode(body) ?? `HTTP_${status}`, status };
    },
  };
}

/** Petitions over `POST /api/intake/petitions`, the submission id as Idempotency-Key. */
export function createHttpSink(options: HttpSinkOptions | HttpClient): SubmissionSink {
  const client = 'post' in options ? options : createHttpClient(options);
  return {
    name: `http ${client.baseUrl}`,
    open: () => client.open(),
    deliver: (message) => client.post(INTAKE_PETITIONS_PATH, message.petition, message.submissionId),
    async close() {},
  };
}

async function readJson(response: Response): Promise<unknown> {
  const text = await response.text();
  if (text === '') return undefined;
  try {
    return JSON.parse(text) as unknown;
  } catch {
    return undefined;
  }
}

function errorCode(body: unknown): string | undefined {
  const code = (body as { code?: unknown } | undefined)?.code;
  return typeof code === 'string' && code !== '' ? code : undefined;
}

function errorMessage(body: unknown): string | undefined {
  const message = (body as { message?: unknown } | undefined)?.message;
  return typeof message === 'string' ? message : undefined;
}

// ---------------------------------------------------------------------------------------------------
// Kafka

/** The part of a kafkajs producer the sink uses (a test gives a fake one). */
export interface KafkaProducerLike {
  connect(): Promise<void>;
  send(record: {
    topic: string;
    acks: number;
    messages: { key: string; value: string; headers: Record<string, string> }[];
  }): Promise<unknown>;
  disconnect(): Promise<void>;
}

export interface KafkaSinkOptions {
  brokers: string[];
  topic?: string;
  clientId?: string;
  /** Messages per produce request at most; deliveries waiting together go in one request. */
  maxBatch?: number;
  producer?: KafkaProducerLike;
}

/** kafkajs errors after which the same send may succeed. */
const TRANSIENT_KAFKA_ERRORS = new Set([
  'KafkaJSNumberOfRetriesExceeded',
  'KafkaJSConnectionError',
  'KafkaJSConnectionClosedError',
  'KafkaJSRequestTimeoutError',
  'KafkaJSBrokerNotFound',
  'KafkaJSLockTimeout',
  'KafkaJSTimeout',
]);

/**
 * Produces to `intake.submissions.v1`: key = submission id, value = `{submissionId, petition}`,
 * header content-type. The producer is idempotent (with one request in flight, as kafkajs requires),
 * so a retried batch is written once; intake's consumer is idempotent on the submission id.
 * "Accepted" here means acknowledged by all in-sync replicas; intake validates when it consumes.
 */
export function createKafkaSink(options: KafkaSinkOptions): SubmissionSink {
  const topic = options.topic ?? Topics.intakeSubmissions;
  const maxBatch = options.maxBatch ?? 500;
  const producer = options.producer ?? createProducer(options);
  type Pending = { message: FeedMessage; resolve: (outcome: DeliveryOutcome) => void };
  let pending: Pending[] = [];
  let flushing = false;

  const flush = async () => {
    if (flushing) return;
    flushing = true;
    try {
      while (pending.length > 0) {
        const batch = pending.slice(0, maxBatch);
        pending = pending.slice(batch.length);
        let outcome: DeliveryOutcome;
        try {
          await producer.send({
            topic,
            acks: -1,
            messages: batch.map(({ message }) => ({
              key: message.submissionId,
              value: JSON.stringify({ submissionId: message.submissionId, petition: message.petition }),
              headers: { 'content-type': 'application/json' },
            })),
          });
          outcome = { result: 'accepted' };
        } catch (error) {
          outcome = kafkaOutcome(error);
        }
        for (const p of batch) p.resolve(outcome);
      }
    } finally {
      flushing = false;
    }
  };

  return {
    name: `kafka ${topic}`,
    async open() {
      try {
        await producer.connect();
      } catch (error) {
        throw new FeederError(
          'FEEDER.UNREACHABLE',
          `cannot connect to Kafka at ${options.brokers.join(',')}: ${error instanceof Error ? error.message : String(error)}`,
        );
      }
    },
    deliver(message) {
      return new Promise<DeliveryOutcome>((resolve) => {
        pending.push({ message, resolve });
        // Wait one turn of the event loop so that the other workers' messages join this request.
        if (pending.length === 1) setImmediate(() => void flush());
      });
    },
    async close() {
      await producer.disconnect();
    },
  };
}

function kafkaOutcome(error: unknown): DeliveryOutcome {
  const e = error as { name?: unknown; retriable?: unknown; type?: unknown };
  const name = typeof e.name === 'string' ? e.name : 'KafkaJSError';
  if (e.retriable === true || TRANSIENT_KAFKA_ERRORS.has(name))
    return { result: 'retry', reason: `KAFKA.${name}` };
  return { result: 'rejected', code: `KAFKA.${typeof e.type === 'string' ? e.type : name}` };
}

function createProducer(options: KafkaSinkOptions): KafkaProducerLike {
  const kafka = new Kafka({
    clientId: options.clientId ?? 'tiep-dan-simulate',
    brokers: options.brokers,
    connectionTimeout: 3000,
    logLevel: logLevel.ERROR,
    // stdout may carry NDJSON: kafkajs's own log lines go to stderr.
    logCreator: () => (entry: LogEntry) => process.stderr.write(`kafkajs ${entry.log.message}\n`),
  });
  return kafka.producer({
    idempotent: true,
    maxInFlightRequests: 1,
    createPartitioner: Partitioners.DefaultPartitioner,
  });
}

// ---------------------------------------------------------------------------------------------------
// NDJSON

/** Writes one JSON document per line, waiting when the stream is full (a slow pipe, a slow disk). */
export async function writeNdjson(
  records: readonly unknown[],
  out: Writable,
  onProgress?: (done: number, total: number) => void,
): Promise<void> {
  for (let i = 0; i < records.length; i++) {
    if (!out.write(`${JSON.stringify(records[i])}\n`)) await once(out, 'drain');
    onProgress?.(i + 1, records.length);
  }
}
