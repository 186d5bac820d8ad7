import type { DynamicModule } from '@nestjs/common';
import type { EventStore } from '@tiep-dan/event-store';
import type { MessageBus, RelayMapper } from '@tiep-dan/messaging';
import type { Pool } from 'pg';
import type { AppConfig, ServiceName } from '../config/config.table';
import type { Logger } from '../logging/logger';

/** What the runtime gives one service: its own schema's pool and event store, and the process's bus. */
export interface ServiceContext {
  name: ServiceName;
  config: AppConfig;
  /** Pool on the service's database; the service keeps to its own schema (named after the service). */
  pool: Pool;
  schema: string;
  eventStore: EventStore;
  bus: MessageBus;
  logger: Logger;
}

/**
 * A service as the runtime hosts it, alone (distributed mode) or with the others (embedded mode):
 * its Nest module and what its relay publishes.
 */
export interface ServiceDefinition {
  name: ServiceName;
  /** The service's Nest module, built from its context. Its controllers live under `/api/<name>/`. */
  module(context: ServiceContext): DynamicModule;
  /** Prefixes of the streams the service owns (`petition-`, `case-`...); its relay follows them. */
  streamPrefixes: readonly string[];
  /** Maps the service's own events to integration messages (`null`: internal, not published). */
  relayMapper: RelayMapper;
  /** Topics the service publishes to, created at start-up so that consumers can join before the first event. */
  topics: readonly string[];
}
