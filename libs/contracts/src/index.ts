export * from './topics';
export * from './integration-event';
export * from './probe.events';
export * from './intake/petition.vocabulary';
export * from './intake/petition-submission';
export * from './domain-error';
export * from './intake/petition.integration-events';
