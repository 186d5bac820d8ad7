export * from './service-definition';
export * from './integration-message';
export * from './bootstrap';
export * from './probe/probe';
export { generatePassword } from './password';
export * from './service-providers';
export { SERVICE_NODE_FLAGS } from './node-flags';
