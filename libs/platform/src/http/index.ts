export * from './domain-error.filter';
export * from './openapi-zod';
export * from './request-body-errors';
export * from './request-input';
export * from './response-defaults';
