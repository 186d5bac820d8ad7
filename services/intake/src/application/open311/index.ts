export {
  OPEN311_API_KEYS,
  Open311ApiKeyring,
  parseOpen311ApiKeys,
  type Open311ApiKey,
} from './open311.api-keys';
export {
  DEFAULT_CLASSIFICATION_OVERRIDES,
  Open311Catalogue,
  reflectionClassificationOf,
  type Open311Service,
  type ReflectionClassification,
} from './open311.catalogue';
export { Open311ErrorFilter } from './open311.error-filter';
export { Open311Controller } from './open311.http.controller';
export { OPEN311_CONTROLLERS, open311Providers, type Open311Options } from './open311.providers';
export { Open311Requests, type Open311Created, type Open311RequestView } from './open311.requests';
