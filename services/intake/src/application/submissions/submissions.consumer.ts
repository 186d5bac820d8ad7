import { DomainError, Topics, submissionMessageSchema } from '@tiep-dan/contracts';
import {
  BusConsumer,
  invalidMessage,
  PermanentMessageError,
  type InboundMessage,
  type MessageBus,
} from '@tiep-dan/messaging';
import type { PetitionsService } from '../petitions/petitions.service';
import { localDateIn as localDate } from '@tiep-dan/platform/calendar';

export const SUBMISSIONS_GROUP = 'intake.submissions';

/**
 * Petitions from other systems (online portal, forwarding agencies, national-database sync) on
 * `intake.submissions.v1`. Same validation as REST; a submission that breaks a rule goes to
 * `intake.submissions.v1.dlq` with the error code and message as its reason, and the consumer goes on.
 * The submission id makes it idempotent: the petition id is derived from it, so a redelivered or
 * re-sent submission is recorded once.
 */
export class SubmissionsConsumer extends BusConsumer {
  constructor(
    bus: MessageBus,
    private readonly petitions: PetitionsService,
    private readonly timeZone: string,
  ) {
    super(bus, { group: SUBMISSIONS_GROUP, topics: [Topics.intakeSubmissions], fromBeginning: true });
  }

  async handle(message: InboundMessage): Promise<void> {
    const parsed = submissionMessageSchema.safeParse(message.value);
    if (!parsed.success) throw invalidMessage('PETITION.INVALID_INPUT', parsed.error.issues[0]);
    const now = new Date();
    try {
      await this.petitions.submit(parsed.data.petition, {
        actor: { userId: 'system:intake-submissions', username: 'system:intake-submissions', roles: [] },
        now,
        today: localDate(now, this.timeZone),
        idempotency: { scope: 'kafka', key: parsed.data.submissionId },
        ...(message.headers['correlation-id'] ? { correlationId: message.headers['correlation-id'] } : {}),
      });
    } catch (error) {
      // Broken rules never heal by retrying; infrastructure trouble does (the bus retries it).
      if (error instanceof DomainError && error.kind !== 'not_found') {
        throw new PermanentMessageError(`${error.code}: ${error.message}`, { cause: error });
      }
      throw error;
    }
  }
}
