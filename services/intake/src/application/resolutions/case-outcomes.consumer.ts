import { Topics } from '@tiep-dan/contracts';
import { BusConsumer, type InboundMessage, type MessageBus } from '@tiep-dan/messaging';
import type { CaseOutcomesStore } from '../../infrastructure/resolutions/case-outcomes.store';
import { caseOutcomeOf, processingOutcomeOf } from './case-outcome';

export const CASE_OUTCOMES_GROUP = 'intake.case-outcomes';

/**
 * Routing's case events (`routing.case-events.v1`) → which petitions' matters are finally resolved, so
 * that a later petition of the same person about one is linked as a repeat (`repeatOf`), not as a
 * duplicate of an open petition. `CaseOpened` tells the petition of the case (and the first-time case
 * of a second complaint), `CaseClosed` that it was resolved (see `case-outcome.ts` for why the other
 * endings do not count). Both are stored as facts keyed by case, so a redelivery changes nothing and a
 * closing seen before its opening waits for it. Other event types are skipped; an invalid message of a
 * followed type goes to `routing.case-events.v1.dlq` with the reason, and the consumer goes on.
 * Routing's processing events (`routing.processing-events.v1`) tell which petitions were filed away:
 * those are no longer open to duplicate matching.
 */
export class CaseOutcomesConsumer extends BusConsumer {
  constructor(
    bus: MessageBus,
    private readonly store: CaseOutcomesStore,
  ) {
    // From the beginning: cases closed before intake followed them count too.
    super(bus, {
      group: CASE_OUTCOMES_GROUP,
      topics: [Topics.routingCaseEvents, Topics.routingProcessingEvents],
      fromBeginning: true,
    });
  }

  async handle(message: InboundMessage): Promise<void> {
    if (message.topic === Topics.routingProcessingEvents) {
      const filed = processingOutcomeOf(message.key, message.value);
      if (filed) {
        await this.store.recordFiling({
          petitionId: filed.petitionId,
          filingReason: filed.filingReason,
          filedAt: filed.at,
        });
      }
      return;
    }
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
