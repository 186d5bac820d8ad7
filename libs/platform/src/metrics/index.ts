export * from './metrics.registry';
export * from './lag-reporter';
export * from './metrics.controller';
export * from './http-metrics.middleware';
export * from './metrics.module';
