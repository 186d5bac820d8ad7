import type { EventMetadata } from '@tiep-dan/event-store';
import { currentCorrelationId } from '@tiep-dan/platform';

/**
 * The correlation id of the request or message being handled (platform logging), for events whose
 * caller did not name one: a unit's system follows its case's events back to what caused them.
 */
export function correlatedMetadata(): Partial<EventMetadata> {
  const correlationId = currentCorrelationId();
  return correlationId ? { correlationId } : {};
}
