export * from './domain-error.filter';
export * from './request-body-errors';
export * from './request-input';
