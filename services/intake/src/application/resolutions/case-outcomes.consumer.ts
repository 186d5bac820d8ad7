import { Topics } from '@tiep-dan/contracts';
import { BusConsumer, type InboundMessage, type MessageBus } from '@tiep-dan/messaging';
import type { CaseOutcomesStore } from '../../infrastructure/resolutions/case-outcomes.store';
import { caseOutcomeOf } from './case-outcome';

export const CASE_OUTCOMES_GROUP = 'intake.case-outcomes';

/**
 * Routing's case events (`routing.case-events.v1`) → which petitions' matters are finally resolved, so
 * that a later petition of the same person about one is linked as a repeat (`repeatOf`), not as a
 * duplicate of an open petition. `CaseOpened` tells the petition of the case (and the first-time case
 * of a second complaint), `CaseClosed` that it was resolved (see `case-outcome.ts` for why the other
 * endings do not count). Both are stored as facts keyed by case, so a redelivery changes nothing and a
 * closing seen before its opening waits for it. Other event types are skipped; an invalid message of a
 * followed type goes to `routing.case-events.v1.dlq` with the reason, and the consumer goes on.
 */
export class CaseOutcomesConsumer extends BusConsumer {
  constructor(
    bus: MessageBus,
    private readonly store: CaseOutcomesStore,
  ) {
    // From the beginning: cases closed before intake followed them count too.
    super(bus, { group: CASE_OUTCOMES_GROUP, topics: [Topics.routingCaseEvents], fromBeginning: true });
  }

  async handle(message: InboundMessage): Promise<void> {
    const outcome = caseOutcomeOf(message.key, message.value);
    if (!outcome) return;
    if (outcome.type === 'opened') {
      await this.store.recordOpening({
        caseId: outcome.caseId,
        petitionId: outcome.petitionId,
        ...(outcome.previousCaseId !== undefined ? { previousCaseId: outcome.previousCaseId } : {}),
        openedAt: outcome.at,
      });
    } else {
      await this.store.recordClosing({
        caseId: outcome.caseId,
        result: outcome.result,
        closedAt: outcome.at,
      });
    }
  }
}
