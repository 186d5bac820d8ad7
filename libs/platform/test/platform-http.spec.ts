import { Controller, Get, INestApplication, Module, Param } from '@nestjs/common';
import { Test } from '@nestjs/testing';
import { Pool } from 'pg';
import request from 'supertest';
import { loadConfig, PlatformModule } from '../src/config';
import { IS_PUBLIC_KEY } from '../src/auth/auth.decorators';
import { HealthController, HealthModule, postgresReadinessCheck } from '../src/health';
import { createLogger, currentCorrelationId, LOGGER, Logger, PinoNestLogger } from '../src/logging';
import { memoryDestination } from '../src/logging/logging.test-helpers';
import { LagReporter, MetricsController, reportRelayLag } from '../src/metrics';
import { applyResponseDefaults } from '../src/http';

const PG_POOL = Symbol('PG_POOL');

@Module({
  providers: [
    { provide: PG_POOL, useFactory: () => new Pool({ connectionString: process.env.DATABASE_URL, max: 2 }) },
  ],
  exports: [PG_POOL],
})
class DatabaseModule {}

const bus = { up: true };

@Controller('api/probe')
class ProbeController {
  constructor(private readonly lag: LagReporter) {}

  @Get('lag')
  reportLag(): { ok: true } {
    this.lag.subscription('reporting.case-summary', 7);
    return { ok: true };
  }

  @Get(':id')
  async probe(@Param('id') id: string): Promise<{ id: string; correlationId?: string }> {
    // An await between the middleware and the answer: the id must survive it.
    await new Promise((resolve) => setTimeout(resolve, 1));
    return { id, correlationId: currentCorrelationId() };
  }
}

describe('platform HTTP: health, metrics, correlation and request logs', () => {
  let app: INestApplication;
  let pool: Pool;
  const out = memoryDestination();
  let logger: Logger;

  beforeAll(async () => {
    const config = loadConfig({
      SERVICE: 'intake',
      DATABASE_URL: process.env.DATABASE_URL,
      LOG_LEVEL: 'debug',
    });
    logger = createLogger({ service: 'intake', level: 'debug', destination: out });
    const moduleRef = await Test.createTestingModule({
      imports: [
        PlatformModule.forService({ serviceName: 'intake', config, logger }),
        HealthModule.forFeatureAsync({
          imports: [DatabaseModule],
          inject: [PG_POOL],
          useFactory: (db: Pool) => [postgresReadinessCheck(db)],
        }),
        HealthModule.forFeature([
          {
            name: 'bus',
            check: async () =>
              bus.up ? undefined : Promise.reject(new Error('broker kafka-1:9092 unreachable')),
          },
        ]),
      ],
      controllers: [ProbeController],
    }).compile();
    app = moduleRef.createNestApplication({ logger: new PinoNestLogger(logger) });
    applyResponseDefaults(app);
    await app.init();
    pool = app.get<Pool>(PG_POOL, { strict: false });
  });

  afterAll(async () => {
    await app?.close();
    await pool?.end();
  });

  beforeEach(() => {
    bus.up = true;
  });

  it('answers with Cache-Control: no-store, without ETag or X-Powered-By, unless a handler sets its own', async () => {
    const res = await request(app.getHttpServer()).get('/api/probe/lag').expect(200);
    expect(res.headers['cache-control']).toBe('no-store');
    expect(res.headers.etag).toBeUndefined();
    expect(res.headers['x-powered-by']).toBeUndefined();
    // The health checks say it their own way.
    const health = await request(app.getHttpServer()).get('/health/live').expect(200);
    expect(health.headers['cache-control']).toBe('no-cache, no-store, must-revalidate');
    expect(health.headers.etag).toBeUndefined();
  });

  it('answers /health/live with 200 while the process runs', async () => {
    const res = await request(app.getHttpServer()).get('/health/live').expect(200);
    expect(res.body).toMatchObject({ status: 'ok', info: { process: { status: 'up' } } });
  });

  it('answers /health/ready with 200 when PostgreSQL (SELECT 1) and every other check pass', async () => {
    const res = await request(app.getHttpServer()).get('/health/ready').expect(200);
    expect(res.body).toMatchObject({
      status: 'ok',
      info: { database: { status: 'up' }, bus: { status: 'up' } },
    });
  });

  it('answers /health/ready with 503 naming the failing check and its message', async () => {
    bus.up = false;
    const res = await request(app.getHttpServer()).get('/health/ready').expect(503);
    expect(res.body).toMatchObject({
      status: 'error',
      error: { bus: { status: 'down', message: 'broker kafka-1:9092 unreachable' } },
      info: { database: { status: 'up' } },
    });
  });

  it('fails the PostgreSQL check when the database cannot be reached', async () => {
    const down = new Pool({ connectionString: 'postgres://postgres:postgres@127.0.0.1:1/postgres' });
    try {
      const { check } = postgresReadinessCheck(down);
      await expect(check()).rejects.toThrow();
    } finally {
      await down.end();
    }
  });

  it('serves Prometheus metrics with the lag gauges after a value is reported', async () => {
    reportRelayLag('intake', 42);
    await request(app.getHttpServer()).get('/api/probe/lag').expect(200);
    const res = await request(app.getHttpServer()).get('/metrics').expect(200);
    expect(res.headers['content-type']).toContain('text/plain');
    expect(res.text).toContain('# TYPE tiepdan_relay_lag_events gauge');
    expect(res.text).toContain('tiepdan_relay_lag_events{service="intake"} 42');
    expect(res.text).toContain('tiepdan_subscription_lag_events{subscriber="reporting.case-summary"} 7');
    expect(res.text).toContain('process_cpu_user_seconds_total');
  });

  it('observes request durations by method, route pattern and status', async () => {
    await request(app.getHttpServer()).get('/api/probe/p-1').expect(200);
    await request(app.getHttpServer()).get('/no/such/route').expect(404);
    const res = await request(app.getHttpServer()).get('/metrics').expect(200);
    expect(res.text).toMatch(
      /tiepdan_http_request_duration_seconds_count\{method="GET",route="\/api\/probe\/:id",status="200"\} \d+/,
    );
    expect(res.text).toMatch(
      /tiepdan_http_request_duration_seconds_count\{method="GET",route="unmatched",status="404"\} \d+/,
    );
    expect(res.text).not.toContain('route="/api/probe/p-1"');
  });

  it('carries the caller’s x-correlation-id through the request and returns it', async () => {
    const res = await request(app.getHttpServer())
      .get('/api/probe/p-2')
      .set('x-correlation-id', 'corr-123')
      .expect(200);
    expect(res.headers['x-correlation-id']).toBe('corr-123');
    expect(res.body).toEqual({ id: 'p-2', correlationId: 'corr-123' });
  });

  it('makes a UUID correlation id when the caller sends none or a malformed one', async () => {
    for (const header of [undefined, 'Nguyễn Văn A']) {
      const call = request(app.getHttpServer()).get('/api/probe/p-3');
      const res = await (
        header === undefined ? call : call.set('x-correlation-id', encodeURIComponent(header) + ' x')
      ).expect(200);
      expect(res.headers['x-correlation-id']).toMatch(
        /^[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/,
      );
      expect(res.body.correlationId).toBe(res.headers['x-correlation-id']);
    }
  });

  it('logs each request with its correlation id, without query string, body or credentials', async () => {
    await request(app.getHttpServer())
      .post('/api/probe/p-4?phone=0912345678')
      .set('x-correlation-id', 'corr-log')
      .set('authorization', 'Bearer secret-token')
      .set('cookie', 'sid=secret-cookie')
      .send({ fullName: 'Nguyễn Văn A' })
      .expect(404);
    await request(app.getHttpServer())
      .get('/api/probe/p-5?phone=0912345678')
      .set('x-correlation-id', 'corr-log-2')
      .expect(200);
    await new Promise((resolve) => setImmediate(resolve));
    const lines = out.lines().filter((line) => line.msg === 'request completed');
    const posted = lines.find((line) => line.correlationId === 'corr-log');
    const got = lines.find((line) => line.correlationId === 'corr-log-2');
    expect(posted).toMatchObject({
      service: 'intake',
      req: { method: 'POST', path: '/api/probe/p-4', route: 'unmatched' },
      res: { statusCode: 404 },
    });
    expect(got).toMatchObject({
      service: 'intake',
      level: 'info',
      req: { method: 'GET', path: '/api/probe/p-5', route: '/api/probe/:id' },
    });
    const all = JSON.stringify(out.lines());
    for (const leaked of ['0912345678', 'secret-token', 'secret-cookie', 'Nguyễn Văn A'])
      expect(all).not.toContain(leaked);
  });

  it('logs probe and scrape requests at debug level only', async () => {
    await request(app.getHttpServer()).get('/health/live').set('x-correlation-id', 'corr-probe').expect(200);
    await new Promise((resolve) => setImmediate(resolve));
    expect(out.lines().find((line) => line.correlationId === 'corr-probe')).toMatchObject({ level: 'debug' });
  });

  it('marks health and metrics public, so the auth guard lets probes and scrapes through without a token', () => {
    expect(Reflect.getMetadata(IS_PUBLIC_KEY, HealthController)).toBe(true);
    expect(Reflect.getMetadata(IS_PUBLIC_KEY, MetricsController)).toBe(true);
  });

  it('sends Nest’s own logs through pino', () => {
    expect(
      out.lines().some((line) => line.context === 'RoutesResolver' || line.context === 'RouterExplorer'),
    ).toBe(true);
    expect(app.get(LOGGER)).toBe(logger);
  });
});
