export * from './topics';
export * from './integration-event';
export * from './probe.events';
