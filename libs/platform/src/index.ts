export * from './embedded/embedded-postgres';
export * from './config';
export * from './logging';
export * from './health';
export * from './metrics';
export * from './auth';
export * from './calendar';
export * from './runtime';
