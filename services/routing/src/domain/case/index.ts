export * from './case.commands';
export * from './case.events';
export * from './case.state';
export * from './case.decide';
export * from './case.errors';
