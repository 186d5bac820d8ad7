import { z } from 'zod';

/**
 * The envelope of every integration event on Kafka. The value is JSON; the same ids travel in the
 * message headers (event-id, event-type, correlation-id, causation-id) so that consumers can route and
 * de-duplicate without parsing the body.
 */
export const integrationEventSchema = z.object({
  eventId: z.string().uuid(),
  type: z.string().min(1),
  schemaVersion: z.number().int().positive(),
  /** Id of the aggregate (petition, case, hot spot...) the event is about; also the Kafka key. */
  aggregateId: z.string().min(1),
  /** Version of the aggregate's stream after this event (0-based); consumers can detect gaps. */
  aggregateVersion: z.number().int().nonnegative(),
  occurredAt: z.string().datetime({ offset: true }),
  correlationId: z.string().optional(),
  causationId: z.string().optional(),
  data: z.record(z.unknown()),
});

export type IntegrationEvent<TData extends Record<string, unknown> = Record<string, unknown>> = Omit<
  z.infer<typeof integrationEventSchema>,
  'data'
> & { data: TData };
