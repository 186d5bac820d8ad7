import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { submissionMessageSchema } from '@tiep-dan/contracts';
import {
  FeederError,
  TokenBucket,
  createHttpSink,
  createKafkaSink,
  feed,
  parseRate,
  percentile,
  type DeliveryOutcome,
  type FeedMessage,
  type KafkaProducerLike,
  type SubmissionSink,
} from './feeders';
import { generateCommuneYear } from './generator';
import { ProgressBar } from './progress-bar';

const messages: FeedMessage[] = generateCommuneYear({
  seed: 3,
  year: 2025,
  petitions: 12,
}).submissions.map((s) => ({ submissionId: s.submissionId, petition: s.petition }));

const fastBackoff = { initialMs: 1, maxMs: 5 };

describe('rate limiter (token bucket)', () => {
  afterEach(() => jest.useRealTimers());

  it('lets one request through every 1/rate seconds, in the order asked', async () => {
    jest.useFakeTimers({ now: 0 });
    const bucket = new TokenBucket(10, 1);
    const times: number[] = [];
    const order: number[] = [];
    const all = [0, 1, 2, 3, 4].map((i) =>
      bucket.take().then(() => {
        times.push(Date.now());
        order.push(i);
      }),
    );
    await jest.advanceTimersByTimeAsync(1000);
    await Promise.all(all);
    expect(times).toEqual([0, 100, 200, 300, 400]);
    expect(order).toEqual([0, 1, 2, 3, 4]);
  });

  it('allows a burst up to its size, then the steady rate', async () => {
    jest.useFakeTimers({ now: 0 });
    const bucket = new TokenBucket(2, 3);
    const times: number[] = [];
    const all = Array.from({ length: 5 }, () => bucket.take().then(() => times.push(Date.now())));
    await jest.advanceTimersByTimeAsync(2000);
    await Promise.all(all);
    expect(times).toEqual([0, 0, 0, 500, 1000]);
  });

  it('refills while idle, but never beyond the burst', async () => {
    jest.useFakeTimers({ now: 0 });
    const bucket = new TokenBucket(10, 2);
    await bucket.take();
    await bucket.take();
    jest.setSystemTime(10_000);
    const times: number[] = [];
    const all = Array.from({ length: 3 }, () => bucket.take().then(() => times.push(Date.now())));
    await jest.advanceTimersByTimeAsync(1000);
    await Promise.all(all);
    expect(times).toEqual([10_000, 10_000, 10_100]);
  });

  it('paces a whole feed: 20 deliveries at 50/s take about 0.4 s', async () => {
    jest.useFakeTimers({ now: 0 });
    const sink: SubmissionSink = {
      name: 'instant',
      open: async () => {},
      close: async () => {},
      deliver: async () => ({ result: 'accepted' }),
    };
    const twenty = Array.from({ length: 20 }, (_, i) => ({ ...messages[0], submissionId: `s-${i}` }));
    const run = feed(twenty, sink, { concurrency: 4, rate: 50 });
    await jest.advanceTimersByTimeAsync(1000);
    const summary = await run;
    expect(summary.accepted).toBe(20);
    expect(summary.elapsedMs).toBe(380);
  });

  it('reads rates in requests per second, minute or hour', () => {
    expect(parseRate('50')).toBe(50);
    expect(parseRate('50/s')).toBe(50);
    expect(parseRate('3000/min')).toBe(50);
    expect(parseRate('7200/h')).toBe(2);
    expect(() => parseRate('fast')).toThrow(/not a rate/);
    expect(() => parseRate('0/s')).toThrow(/above zero/);
  });
});

describe('feeding loop', () => {
  function scriptedSink(script: Record<string, (DeliveryOutcome | Error)[]>) {
    const calls: string[] = [];
    const sink: SubmissionSink = {
      name: 'scripted',
      open: async () => {},
      close: async () => {},
      async deliver(message) {
        calls.push(message.submissionId);
        const next = script[message.submissionId]?.shift() ?? { result: 'accepted' };
        if (next instanceof Error) throw next;
        return next;
      },
    };
    return { sink, calls };
  }

  it('retries what may succeed later, counts refusals by code without retrying them', async () => {
    const [a, b, c, d] = messages;
    const { sink, calls } = scriptedSink({
      [a.submissionId]: [{ result: 'retry', reason: 'HTTP_503' }],
      [b.submissionId]: [{ result: 'rejected', code: 'PETITION.INVALID_CLASSIFICATION', status: 400 }],
      [c.submissionId]: Array.from({ length: 5 }, () => ({ result: 'retry', reason: 'HTTP_502' }) as const),
      [d.submissionId]: [Object.assign(new Error('socket hang up'), { code: 'ECONNRESET' })],
    });
    const summary = await feed([a, b, c, d], sink, { concurrency: 2, maxAttempts: 3, backoff: fastBackoff });
    expect(summary).toMatchObject({
      total: 4,
      handled: 4,
      accepted: 2,
      rejected: { 'PETITION.INVALID_CLASSIFICATION': 1 },
      failed: { HTTP_502: 1 },
      retried: 1 + 2 + 1,
      interrupted: false,
    });
    expect(calls.filter((id) => id === b.submissionId)).toHaveLength(1);
    expect(calls.filter((id) => id === c.submissionId)).toHaveLength(3);
    expect(calls.filter((id) => id === d.submissionId)).toHaveLength(2);
  });

  it('stops taking new submissions once interrupted and says so', async () => {
    const abort = new AbortController();
    const { sink } = scriptedSink({});
    const summary = await feed(messages, sink, {
      concurrency: 1,
      signal: abort.signal,
      onProgress: (done) => done === 3 && abort.abort(),
    });
    expect(summary.handled).toBe(3);
    expect(summary.interrupted).toBe(true);
  });

  it('reports nearest-rank percentiles of latency', () => {
    const values = Array.from({ length: 100 }, (_, i) => i + 1);
    expect(percentile(values, 0.5)).toBe(50);
    expect(percentile(values, 0.99)).toBe(99);
    expect(percentile([], 0.5)).toBe(0);
  });
});

describe('HTTP feeder against a local server', () => {
  let server: Server;
  let baseUrl: string;
  let requests: { path: string; headers: IncomingMessage['headers']; body: string }[];
  let handler: (req: IncomingMessage, body: string, res: ServerResponse) => void;

  const json = (res: ServerResponse, status: number, body: unknown, headers: Record<string, string> = {}) => {
    res.writeHead(status, { 'content-type': 'application/json', ...headers });
    res.end(JSON.stringify(body));
  };

  beforeAll(async () => {
    server = createServer((req, res) => {
      let body = '';
      req.on('data', (chunk: Buffer) => (body += chunk.toString('utf8')));
      req.on('end', () => {
        requests.push({ path: req.url ?? '', headers: req.headers, body });
        handler(req, body, res);
      });
    });
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    baseUrl = `http://127.0.0.1:${(server.address() as AddressInfo).port}/`;
  });

  afterAll(async () => {
    await new Promise<void>((resolve) => server.close(() => resolve()));
  });

  beforeEach(() => {
    requests = [];
  });

  /** 201 for most, 400 for the second submission, 503 once for the first, a dropped connection once for the third. */
  function intake(tokenCheck: (auth: string | undefined) => boolean = (auth) => auth === 'Bearer t-1') {
    const seen = new Map<string, number>();
    handler = (req, body, res) => {
      if (req.url === '/api/auth/token') {
        const { username, password } = JSON.parse(body) as { username: string; password: string };
        if (username === 'officer' && password === 'secret-password')
          return json(res, 200, { accessToken: 't-1' });
        return json(res, 401, { statusCode: 401, code: 'AUTH.INVALID_CREDENTIALS', message: 'wrong' });
      }
      if (req.url !== '/api/intake/petitions' || req.method !== 'POST') return json(res, 404, {});
      if (!tokenCheck(req.headers.authorization)) {
        return json(res, 401, { statusCode: 401, code: 'AUTH.TOKEN_EXPIRED', message: 'expired' });
      }
      const key = String(req.headers['idempotency-key']);
      const attempt = (seen.get(key) ?? 0) + 1;
      seen.set(key, attempt);
      if (key === messages[0].submissionId && attempt === 1) {
        return json(res, 503, { statusCode: 503, code: 'SERVICE.UNAVAILABLE', message: 'busy' });
      }
      if (key === messages[1].submissionId) {
        return json(res, 400, { statusCode: 400, code: 'PETITION.INVALID_CLASSIFICATION', message: 'bad' });
      }
      if (key === messages[2].submissionId && attempt === 1) {
        req.socket.destroy();
        return;
      }
      json(res, 201, { petitionId: `p-${key}` });
    };
  }

  it('logs in, sends each petition with its Idempotency-Key, retries 503 and lost connections, not 400', async () => {
    intake();
    const sink = createHttpSink({ baseUrl, username: 'officer', password: 'secret-password' });
    await sink.open();
    const summary = await feed(messages.slice(0, 5), sink, { concurrency: 3, backoff: fastBackoff });

    expect(requests[0]).toMatchObject({ path: '/api/auth/token' });
    expect(JSON.parse(requests[0].body)).toEqual({ username: 'officer', password: 'secret-password' });
    const posts = requests.filter((r) => r.path === '/api/intake/petitions');
    for (const post of posts) {
      expect(post.headers.authorization).toBe('Bearer t-1');
      expect(post.headers['content-type']).toBe('application/json');
      const sent = messages.find((m) => m.submissionId === post.headers['idempotency-key']);
      expect(JSON.parse(post.body)).toEqual(sent?.petition);
    }
    const attempts = (m: FeedMessage) =>
      posts.filter((p) => p.headers['idempotency-key'] === m.submissionId).length;
    expect(attempts(messages[0])).toBe(2);
    expect(attempts(messages[1])).toBe(1);
    expect(attempts(messages[2])).toBe(2);
    expect(summary).toMatchObject({
      accepted: 4,
      rejected: { 'PETITION.INVALID_CLASSIFICATION': 1 },
      failed: {},
      retried: 2,
    });
    expect(summary.latencyMs.p99).toBeGreaterThanOrEqual(summary.latencyMs.p50);
  });

  it('logs in again once when the token expires mid-run', async () => {
    let valid = 'Bearer stale';
    intake((auth) => auth === valid);
    const sink = createHttpSink({
      baseUrl,
      token: 'stale',
      username: 'officer',
      password: 'secret-password',
    });
    await sink.open();
    valid = 'Bearer t-1';
    const summary = await feed(messages.slice(3, 8), sink, { concurrency: 5, backoff: fastBackoff });
    expect(summary.accepted).toBe(5);
    expect(requests.filter((r) => r.path === '/api/auth/token')).toHaveLength(1);
  });

  it('stops before sending when the login is refused', async () => {
    intake();
    const sink = createHttpSink({ baseUrl, username: 'officer', password: 'wrong-password' });
    await expect(sink.open()).rejects.toThrow(FeederError);
    await expect(sink.open()).rejects.toThrow(/AUTH.INVALID_CREDENTIALS/);
  });

  it('gives up after the last attempt when the server keeps failing', async () => {
    handler = (req, _body, res) =>
      req.url === '/api/auth/token' ? json(res, 200, { accessToken: 't-1' }) : json(res, 500, {});
    const sink = createHttpSink({ baseUrl, token: 't-1' });
    const summary = await feed(messages.slice(0, 2), sink, {
      concurrency: 2,
      maxAttempts: 3,
      backoff: fastBackoff,
    });
    expect(summary).toMatchObject({ accepted: 0, failed: { HTTP_500: 2 }, retried: 4 });
    expect(requests).toHaveLength(6);
  });

  it('says the server cannot be reached instead of counting failures', async () => {
    const closed = createServer();
    await new Promise<void>((resolve) => closed.listen(0, '127.0.0.1', resolve));
    const port = (closed.address() as AddressInfo).port;
    await new Promise<void>((resolve) => closed.close(() => resolve()));
    const sink = createHttpSink({ baseUrl: `http://127.0.0.1:${port}`, username: 'a', password: 'b' });
    await expect(sink.open()).rejects.toThrow(/cannot reach .*ECONNREFUSED/);
  });
});

describe('Kafka feeder', () => {
  function fakeProducer(failures: unknown[] = []) {
    const sent: Parameters<KafkaProducerLike['send']>[0][] = [];
    const producer: KafkaProducerLike = {
      connect: async () => {},
      disconnect: async () => {},
      async send(record) {
        const failure = failures.shift();
        if (failure) throw failure;
        sent.push(record);
        return [];
      },
    };
    return { producer, sent };
  }

  it('produces key = submission id, value = {submissionId, petition}, JSON content type, batching concurrent sends', async () => {
    const { producer, sent } = fakeProducer();
    const sink = createKafkaSink({ brokers: ['127.0.0.1:9092'], producer });
    await sink.open();
    const summary = await feed(messages, sink, { concurrency: 6 });
    expect(summary.accepted).toBe(messages.length);
    expect(sent.length).toBeLessThan(messages.length);
    const produced = sent.flatMap((r) => r.messages);
    expect(produced.map((m) => m.key).sort()).toEqual(messages.map((m) => m.submissionId).sort());
    for (const record of sent) {
      expect(record.topic).toBe('intake.submissions.v1');
      expect(record.acks).toBe(-1);
    }
    for (const m of produced) {
      expect(m.headers).toEqual({ 'content-type': 'application/json' });
      const value = submissionMessageSchema.parse(JSON.parse(m.value));
      expect(value.submissionId).toBe(m.key);
    }
  });

  it('retries after a transient broker error and refuses what the broker will never take', async () => {
    const transient = Object.assign(new Error('Connection timeout'), { name: 'KafkaJSConnectionError' });
    const tooLarge = Object.assign(new Error('too large'), {
      name: 'KafkaJSProtocolError',
      retriable: false,
      type: 'MESSAGE_TOO_LARGE',
    });
    const { producer } = fakeProducer([transient, tooLarge]);
    const sink = createKafkaSink({ brokers: ['127.0.0.1:9092'], producer });
    const summary = await feed(messages.slice(0, 2), sink, { concurrency: 1, backoff: fastBackoff });
    expect(summary).toMatchObject({
      accepted: 1,
      retried: 1,
      rejected: { 'KAFKA.MESSAGE_TOO_LARGE': 1 },
    });
  });

  it('says the broker cannot be reached when connecting fails', async () => {
    const producer: KafkaProducerLike = {
      connect: async () => {
        throw new Error('Connection error: connect ECONNREFUSED');
      },
      disconnect: async () => {},
      send: async () => [],
    };
    const sink = createKafkaSink({ brokers: ['10.0.0.1:9092'], producer });
    await expect(sink.open()).rejects.toThrow(/cannot connect to Kafka at 10.0.0.1:9092/);
  });
});

describe('progress bar', () => {
  it('prints one line per tenth of the work when stderr is not a terminal', () => {
    const lines: string[] = [];
    const bar = new ProgressBar(200, {
      stream: { isTTY: false, write: (s: string) => lines.push(s) },
      label: 'http',
    });
    for (let i = 1; i <= 200; i++) bar.update(i);
    bar.finish();
    expect(lines).toHaveLength(10);
    expect(lines[0]).toMatch(/^http 10% \(20\/200\)/);
    expect(lines[9]).toMatch(/^http 100% \(200\/200\)/);
  });

  it('redraws one line in place on a terminal, at most ten times a second, and ends it', () => {
    let now = 0;
    const writes: string[] = [];
    const bar = new ProgressBar(1000, {
      stream: { isTTY: true, columns: 100, write: (s: string) => writes.push(s) },
      now: () => now,
    });
    for (let i = 1; i <= 1000; i++) {
      now += 1;
      bar.update(i);
    }
    bar.finish();
    expect(writes.every((w) => w.startsWith('\r'))).toBe(true);
    expect(writes.length).toBeLessThanOrEqual(13);
    expect(writes[writes.length - 1]).toMatch(/\[#+\] 100% 1000\/1000 .*\n$/);
  });
});
