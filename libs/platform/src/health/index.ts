export * from './readiness';
export * from './postgres.check';
export * from './health.controller';
export * from './health.module';
