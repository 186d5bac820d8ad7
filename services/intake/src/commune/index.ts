export * from './commune-config.schema';
export * from './commune-config.repository';
export * from './commune-index';
export * from './commune.directory';
export * from './commune.module';
export { sampleCommuneConfig, SEED_AUTHOR } from './seed/sample-commune.seed';
