export * from './correlation';
export * from './redaction';
export * from './logger';
export * from './nest-logger';
export * from './http-request';
export * from './http-logging.middleware';
export * from './logging.module';
