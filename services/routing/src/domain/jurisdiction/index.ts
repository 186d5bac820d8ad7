export * from './jurisdiction.types';
export * from './jurisdiction.errors';
export * from './jurisdiction.validate';
export * from './jurisdiction.match';
export * from './jurisdiction.coverage';
export * from './jurisdiction.labels';
export { DEFAULT_RULE_SET } from './default-rule-set';
