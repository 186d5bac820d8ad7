import {
  Logger,
  Module,
  type DynamicModule,
  type OnApplicationBootstrap,
  type OnApplicationShutdown,
} from '@nestjs/common';
import type { EventStore } from '@tiep-dan/event-store';
import type { Pool } from 'pg';
import { ReceptionIdempotencyStore } from '../../infrastructure/reception/reception-idempotency.table';
import { ReceptionSessionListProjector } from '../../infrastructure/reception/reception-session-list.projector';
import { ReceptionSessionListTable } from '../../infrastructure/reception/reception-session-list.table';
import { ReceptionSessionStreams } from '../../infrastructure/reception/reception-session.streams';
import { ReceptionIdempotency } from './reception-idempotency';
import { ReceptionSessionsController } from './reception-sessions.http.controller';
import { RECEPTION_CLOCK, ReceptionSessionsService, type Clock } from './reception-sessions.service';

export interface ReceptionModuleOptions {
  /** The intake service's event store (streams `reception-session-<id>`). */
  eventStore: EventStore;
  /** Pool on the intake database; tables go in `schema`. */
  pool: Pool;
  schema: string;
  /** Defaults to the system clock; tests pass a fixed one. */
  clock?: Clock;
  /** Runs the list projector (repairs the list table from the streams). Default true. */
  projector?: boolean;
}

/** Starts the list projector once the application is up and stops it on shutdown. */
class ProjectorLifecycle implements OnApplicationBootstrap, OnApplicationShutdown {
  constructor(
    private readonly projector: ReceptionSessionListProjector,
    private readonly enabled: boolean,
  ) {}

  async onApplicationBootstrap(): Promise<void> {
    if (this.enabled) await this.projector.start();
  }

  async onApplicationShutdown(): Promise<void> {
    await this.projector.stop();
  }
}

/**
 * Reception sessions of intake: `intake/reception-sessions` endpoints, the list and idempotency tables
 * (created on start), and the list projector. Relies on AuthModule's global guard for `@Roles` and on
 * the global DomainErrorFilter for `RECEPTION.*` errors.
 */
@Module({})
export class ReceptionModule {
  static register(options: ReceptionModuleOptions): DynamicModule {
    const logger = new Logger('ReceptionSessionListProjector');
    return {
      module: ReceptionModule,
      controllers: [ReceptionSessionsController],
      providers: [
        { provide: RECEPTION_CLOCK, useValue: options.clock ?? (() => new Date()) },
        {
          provide: ReceptionSessionStreams,
          useFactory: () => new ReceptionSessionStreams(options.eventStore),
        },
        {
          provide: ReceptionSessionListTable,
          useFactory: async () => {
            const table = new ReceptionSessionListTable(options.pool, options.schema);
            await table.migrate();
            return table;
          },
        },
        {
          provide: ReceptionIdempotencyStore,
          useFactory: async () => {
            const store = new ReceptionIdempotencyStore(options.pool, options.schema);
            await store.migrate();
            return store;
          },
        },
        {
          provide: ReceptionSessionListProjector,
          inject: [ReceptionSessionStreams, ReceptionSessionListTable],
          useFactory: (streams: ReceptionSessionStreams, table: ReceptionSessionListTable) =>
            new ReceptionSessionListProjector(options.eventStore, streams, table, {
              warn: (message, context) => logger.warn(`${message} ${JSON.stringify(context ?? {})}`),
            }),
        },
        {
          provide: ProjectorLifecycle,
          inject: [ReceptionSessionListProjector],
          useFactory: (projector: ReceptionSessionListProjector) =>
            new ProjectorLifecycle(projector, options.projector ?? true),
        },
        ReceptionIdempotency,
        ReceptionSessionsService,
      ],
      exports: [ReceptionSessionsService, ReceptionSessionListProjector],
    };
  }
}
