export * from './event-store.port';
export * from './upcasting';
export * from './in-memory/in-memory.event-store';
export * from './postgres/postgres.event-store';
export {
  migrateEventStore,
  EVENT_STORE_MIGRATIONS,
  type EventStoreMigration,
} from './postgres/postgres.migrations';
export * from './eventstoredb/eventstoredb.event-store';
export * from './name-based-id';
export * from './aggregate-repository';
export { GroupCommit, settle, type GroupCommitOptions, type Settled } from './support/group-commit';
