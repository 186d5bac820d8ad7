export * from './domain-error.filter';
