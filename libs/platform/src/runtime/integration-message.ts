import type { IntegrationEvent } from '@tiep-dan/contracts';
import type { RecordedEvent } from '@tiep-dan/event-store';
import type { RelayMessage } from '@tiep-dan/messaging';

/**
 * The integration message for one recorded event: the envelope of libs/contracts (ids, versions,
 * correlation) around the event's data. Services whose integration payload equals the stored event data
 * use this directly in their relay mapper; others transform `data` first.
 */
export function integrationMessage(
  topic: string,
  aggregateId: string,
  event: RecordedEvent,
  data: Record<string, unknown> = event.data as Record<string, unknown>,
): RelayMessage {
  const envelope: IntegrationEvent = {
    eventId: event.id,
    type: event.type,
    schemaVersion: event.schemaVersion,
    aggregateId,
    aggregateVersion: event.streamVersion,
    occurredAt: event.metadata.occurredAt ?? event.recordedAt.toISOString(),
    ...(event.metadata.correlationId ? { correlationId: event.metadata.correlationId } : {}),
    ...(event.metadata.causationId ? { causationId: event.metadata.causationId } : {}),
    data,
  };
  return { topic, key: aggregateId, value: envelope };
}
