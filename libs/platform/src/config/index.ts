export * from './config.schemas';
export * from './config.table';
export * from './load-config';
export * from './config-table.markdown';
export * from './platform-config.module';
export * from './platform.module';
