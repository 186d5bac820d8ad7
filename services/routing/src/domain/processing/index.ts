export * from './processing.types';
export * from './processing.errors';
export * from './processing.events';
export * from './processing.state';
export * from './processing.decide';
export * from './processing.propose';
