import { z } from 'zod';

/**
 * Pipeline probe: an operator (administrator) sends a probe through one service; it is appended to that
 * service's event store, published by the service's relay and recorded by every other service's
 * consumer. Reading the probe back shows which services received it: an end-to-end check of the event
 * store → relay → Kafka → consumer path in production, with no business data involved.
 */
export const PROBE_SENT = 'ProbeSent';

export const probeSentDataSchema = z.object({
  probeId: z.string().uuid(),
  origin: z.enum(['intake', 'routing', 'monitoring', 'reporting']),
  note: z.string().max(200).optional(),
  sentAt: z.string().datetime({ offset: true }),
});

export type ProbeSentData = z.infer<typeof probeSentDataSchema>;
