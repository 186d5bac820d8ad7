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
 * Whether this process runs the service's background work: the relay of its events to Kafka, its
 * subscriptions and Kafka consumers, its timers. Not in an API replica (`PROCESS_ROLE=api`), whose
 * writes that work picks up in the service's one process with role `all` (through PostgreSQL, woken by
 * NOTIFY).
 */
export function runsBackgroundWork(context: Pick<ServiceContext, 'config'>): boolean {
  return context.config.PROCESS_ROLE !== 'api';
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
