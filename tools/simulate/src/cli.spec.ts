import { EventEmitter } from 'node:events';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { PassThrough } from 'node:stream';
import { submissionMessageSchema } from '@tiep-dan/contracts';
import { CliUsageError, communeToday, main, parseCommandLine } from './cli';

function capture() {
  const stdout = new PassThrough();
  const stderr = new PassThrough();
  let out = '';
  let err = '';
  stdout.on('data', (c: Buffer) => (out += c.toString('utf8')));
  stderr.on('data', (c: Buffer) => (err += c.toString('utf8')));
  return {
    io: { stdout, stderr, env: {}, now: () => new Date('2026-11-29T03:00:00Z'), signals: new EventEmitter() },
    out: () => out,
    err: () => err,
  };
}

describe('command line', () => {
  it('has defaults for a year of 3000 petitions on stdout, up to the commune’s today', () => {
    const parsed = parseCommandLine([], {}, '2026-11-29');
    expect(parsed).toMatchObject({
      kind: 'run',
      config: {
        seed: 42,
        year: 2026,
        petitions: 3000,
        target: 'stdout',
        today: '2026-11-29',
        concurrency: 8,
      },
    });
  });

  it('takes text seeds, rates per minute and brokers from the environment', () => {
    const parsed = parseCommandLine(
      ['--seed', 'demo-xa', '--target', 'kafka', '--rate', '600/min'],
      { KAFKA_BROKERS: 'k1:9092,k2:9093' },
      '2026-11-29',
    );
    expect(parsed).toMatchObject({ config: { seed: 'demo-xa', rate: 10, brokers: ['k1:9092', 'k2:9093'] } });
  });

  it.each([
    [['--petitions', 'many'], /--petitions must be a whole number/],
    [['--year', '1990'], /--year must be a whole number from 2000/],
    [['--target', 'ftp'], /--target must be stdout, http or kafka/],
    [['--target', 'http'], /needs --password .* or --token/],
    [['--url', 'nowhere'], /--url is not a URL/],
    [['--rate', 'fast'], /--rate: not a rate/],
    [['--concurrency', '0'], /--concurrency must be a whole number from 1/],
    [['--start', '2026-13-01'], /--start must be a real date/],
    [['--brokers', 'nohost'], /--brokers must be host:port/],
    [['--target', 'http', '--token', 't', '--messages-only'], /--messages-only applies to the stdout target/],
    [['--frobnicate'], /Unknown option '--frobnicate'/],
  ])('refuses %j with a clear message', (argv, message) => {
    expect(() => parseCommandLine(argv, {}, '2026-11-29')).toThrow(CliUsageError);
    expect(() => parseCommandLine(argv, {}, '2026-11-29')).toThrow(message);
  });

  it('takes the http password from SIMULATE_PASSWORD, so it stays out of the shell history', () => {
    expect(parseCommandLine(['--target', 'http'], { SIMULATE_PASSWORD: 'pw' }, '2026-11-29')).toMatchObject({
      config: { password: 'pw', username: 'admin' },
    });
  });

  it('knows the date in Việt Nam when it is still yesterday in UTC', () => {
    expect(communeToday(new Date('2026-11-28T20:00:00Z'))).toBe('2026-11-29');
  });

  it('prints the help and exits 0', async () => {
    const c = capture();
    expect(await main(['--help'], c.io)).toBe(0);
    expect(c.out()).toMatch(/Usage: simulate/);
  });

  it('exits 2 with the reason on bad options', async () => {
    const c = capture();
    expect(await main(['--year', '2027'], c.io)).toBe(2);
    expect(c.err()).toMatch(/after today \(2026-11-29\)/);
  });

  it('sends sessions over http only: --no-sessions elsewhere is a usage error', () => {
    expect(() => parseCommandLine(['--target', 'kafka', '--no-sessions'], {}, '2026-11-29')).toThrow(
      /--no-sessions applies to the http target/,
    );
    expect(parseCommandLine(['--target', 'http', '--token', 't'], {}, '2026-11-29')).toMatchObject({
      config: { sessions: true },
    });
  });

  it('writes the same NDJSON twice for the same options: header, sessions and submissions in time order', async () => {
    const argv = ['--seed', '8', '--petitions', '150', '--today', '2026-06-30'];
    const a = capture();
    const b = capture();
    expect(await main(argv, a.io)).toBe(0);
    expect(await main(argv, b.io)).toBe(0);
    expect(a.out()).toBe(b.out());
    const records = a
      .out()
      .trim()
      .split('\n')
      .map((l) => JSON.parse(l) as { record: string });
    expect(records[0]).toMatchObject({ record: 'simulation', seed: 8, submissions: 150 });
    expect(records.filter((r) => r.record === 'submission')).toHaveLength(150);
    expect(records.some((r) => r.record === 'session')).toBe(true);
  });

  it('writes bare Kafka messages with --messages-only', async () => {
    const c = capture();
    expect(await main(['--petitions', '40', '--messages-only'], c.io)).toBe(0);
    const lines = c.out().trim().split('\n');
    expect(lines).toHaveLength(40);
    for (const line of lines) expect(() => submissionMessageSchema.parse(JSON.parse(line))).not.toThrow();
  });

  describe('feeding intake over HTTP', () => {
    let server: Server;
    let url: string;
    let requests: { path: string; key: string; body: Record<string, unknown> }[];

    /** Answers like intake: an id per idempotency key for sessions and petitions. */
    beforeAll(async () => {
      server = createServer((req, res) => {
        let text = '';
        req.on('data', (chunk: Buffer) => (text += chunk.toString('utf8')));
        req.on('end', () => {
          res.setHeader('content-type', 'application/json');
          if (req.url === '/api/auth/token') return res.end(JSON.stringify({ accessToken: 'tok' }));
          const key = String(req.headers['idempotency-key']);
          requests.push({ path: req.url ?? '', key, body: JSON.parse(text) as Record<string, unknown> });
          res.statusCode = 201;
          const id = `00000000-0000-4000-8000-${String(requests.length).padStart(12, '0')}`;
          if (req.url === '/api/intake/petitions') return res.end(JSON.stringify({ petitionId: id }));
          if (req.url === '/api/intake/reception-sessions') return res.end(JSON.stringify({ id }));
          res.end(JSON.stringify({ visitId: id }));
        });
      });
      await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
      url = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
    });

    beforeEach(() => {
      requests = [];
    });

    afterAll(async () => {
      await new Promise<void>((resolve) => server.close(() => resolve()));
    });

    const run = (...extra: string[]) => {
      const c = capture();
      const args = ['--target', 'http', '--url', url, '--password', 'pw', '--petitions', '30'];
      const code = main(
        [...args, '--start', '2026-10-01', '--rate', '2000', '--no-progress', ...extra],
        c.io,
      );
      return { c, code };
    };

    it('opens the sessions, sends every submission once, records the visits, closes the sessions and exits 0', async () => {
      const { c, code } = run();
      expect(await code).toBe(0);
      const petitions = requests.filter((r) => r.path === '/api/intake/petitions');
      expect(new Set(petitions.map((r) => r.key)).size).toBe(30);
      const opened = requests.filter((r) => r.path === '/api/intake/reception-sessions');
      const closes = requests.filter((r) => r.path.endsWith('/close'));
      expect(opened.length).toBeGreaterThan(0);
      expect(closes).toHaveLength(opened.length);
      const sessionIds = new Set(closes.map((r) => r.path.split('/')[4]));
      for (const p of petitions.filter((r) => r.body.channel === 'in_person')) {
        expect(sessionIds.has(p.body.receptionSessionId as string)).toBe(true);
      }
      expect(requests.some((r) => r.path.endsWith('/visits'))).toBe(true);
      expect(c.err()).toMatch(/petitions: 30\/30 accepted/);
      expect(c.err()).toMatch(
        new RegExp(`reception sessions: ${opened.length}/${opened.length} opened, ${opened.length} closed`),
      );
      expect(c.out()).toBe('');
    });

    it('sends petitions alone, without session ids, with --no-sessions', async () => {
      const { c, code } = run('--no-sessions');
      expect(await code).toBe(0);
      expect(requests.every((r) => r.path === '/api/intake/petitions')).toBe(true);
      expect(requests).toHaveLength(30);
      expect(requests.some((r) => 'receptionSessionId' in r.body)).toBe(false);
      expect(c.err()).toMatch(/reception sessions are not sent \(--no-sessions\)/);
      expect(c.err()).toMatch(/accepted: 30/);
    });
  });
});
