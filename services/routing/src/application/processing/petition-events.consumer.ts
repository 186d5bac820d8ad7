import {
  integrationEventSchema,
  PETITION_INTEGRATION_EVENTS,
  Topics,
  type PetitionAmendedV1,
  type PetitionReceivedV1,
  type PetitionSplitV1,
  type PetitionWithdrawnV1,
} from '@tiep-dan/contracts';
import type { EventMetadata } from '@tiep-dan/event-store';
import {
  BusConsumer,
  invalidMessage,
  MessageHeaders,
  type InboundMessage,
  type MessageBus,
  type MessageIssue,
} from '@tiep-dan/messaging';
import { instant } from '../clock';
import type { ProcessingService } from './processing.service';

export const PETITION_EVENTS_GROUP = 'routing.petition-events';

/** What else reacts to a petition's withdrawal once it was accepted (the case is withdrawn). */
export type WithdrawnAfterDecision = (petitionId: string, metadata: EventMetadata) => Promise<void>;

/**
 * Intake's petition events (`intake.petition-events.v1`) → processing. Every received petition gets
 * its processing opened with a proposal; amendments propose again; a withdrawal or split before the
 * decision cancels it. Redeliveries are harmless: the deciders treat a repeated fact as done. A message
 * that is not a valid petition event goes to the dead-letter topic with the reason.
 */
export class PetitionEventsConsumer extends BusConsumer {
  constructor(
    bus: MessageBus,
    private readonly processing: ProcessingService,
    private readonly timeZone: string,
    private readonly onWithdrawnAfterDecision: WithdrawnAfterDecision,
  ) {
    super(bus, { group: PETITION_EVENTS_GROUP, topics: [Topics.intakePetitionEvents], fromBeginning: true });
  }

  async handle(message: InboundMessage): Promise<void> {
    const envelope = integrationEventSchema.safeParse(message.value);
    if (!envelope.success) throw invalid('envelope', envelope.error.issues[0]);
    const { type, data, eventId } = envelope.data;
    // A newer event type this version does not use (own keys only: `constructor` is no event).
    if (!Object.hasOwn(PETITION_INTEGRATION_EVENTS, type)) return;
    const schema = PETITION_INTEGRATION_EVENTS[type as keyof typeof PETITION_INTEGRATION_EVENTS];
    const parsed = schema.safeParse(data);
    if (!parsed.success) throw invalid(type, parsed.error.issues[0]);
    const metadata: EventMetadata = {
      correlationId: envelope.data.correlationId ?? message.headers[MessageHeaders.correlationId] ?? eventId,
      causationId: eventId,
      actor: 'system:routing-petition-events',
      occurredAt: envelope.data.occurredAt,
    };
    const at = instant(new Date(), this.timeZone);
    switch (type) {
      case 'PetitionReceived':
        await this.processing.onPetitionReceived(parsed.data as PetitionReceivedV1, at, metadata);
        return;
      case 'PetitionAmended':
        await this.processing.onPetitionAmended(parsed.data as PetitionAmendedV1, at, metadata);
        return;
      case 'PetitionWithdrawn': {
        const { petitionId } = parsed.data as PetitionWithdrawnV1;
        const result = await this.processing.cancel(petitionId, 'withdrawn', at, metadata);
        if (result?.state?.status === 'decided' && result.state.decision?.outcome === 'accept') {
          await this.onWithdrawnAfterDecision(petitionId, metadata);
        }
        return;
      }
      case 'PetitionSplit':
        await this.processing.cancel((parsed.data as PetitionSplitV1).petitionId, 'split', at, metadata);
        return;
      default:
        // PetitionerDataErased: routing keeps only pseudonymous references, which reveal nothing
        // once intake destroyed the person's key.
        return;
    }
  }
}

function invalid(what: string, issue: MessageIssue | undefined) {
  return invalidMessage(`ROUTING.INVALID_PETITION_EVENT ${what}`, issue);
}
