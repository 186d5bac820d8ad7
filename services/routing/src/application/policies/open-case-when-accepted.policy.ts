import type { EventMetadata, RecordedEvent } from '@tiep-dan/event-store';
import { CaseError, type OpenCaseData } from '../../domain/case';
import type { ProcessingDecided } from '../../domain/processing';
import { instant } from '../clock';
import type { CasesService } from '../cases/cases.service';
import type { ProcessingService } from '../processing/processing.service';

/** The rule id a case carries when the processor overrode the rules' proposal. */
export const OVERRIDE_RULE_ID = 'processor-override';

/**
 * ProcessingDecided(accept) → OpenCase. Runs on a durable subscription of routing's own processing
 * streams, never in the processor's request: the decision is recorded first, and the case follows even
 * if the process dies in between (the subscription resumes from its checkpoint; OpenCase is idempotent
 * on the case id derived from the petition).
 */
export class OpenCaseWhenAccepted {
  constructor(
    private readonly processing: ProcessingService,
    private readonly cases: CasesService,
    private readonly timeZone: string,
  ) {}

  async handle(event: RecordedEvent): Promise<void> {
    if (event.type !== 'ProcessingDecided') return;
    const data = event.data as ProcessingDecided['data'];
    const { decision } = data;
    if (decision.outcome !== 'accept' || !decision.caseId || !decision.unitCode) return;
    const { state } = await this.processing.get(data.petitionId);
    const facts = state.facts;
    const opening: OpenCaseData = {
      caseId: decision.caseId,
      petitionId: data.petitionId,
      kind: facts.kind,
      classification: facts.classification,
      sensitiveTags: facts.sensitiveTags,
      ...(facts.kind === 'complaint' ? { complaintRound: decision.complaintRound ?? 'first' } : {}),
      complexity: decision.complexity,
      remoteArea: decision.remoteArea,
      receivedOn: facts.receivedOn,
      unitCode: decision.unitCode,
      ruleId: decision.overridden ? OVERRIDE_RULE_ID : (decision.ruleId ?? OVERRIDE_RULE_ID),
      ruleSetVersion: decision.ruleSetVersion ?? 0,
      petitionerRefs: facts.petitioners.refs,
    };
    const metadata: EventMetadata = {
      causationId: event.id,
      ...(event.metadata.correlationId ? { correlationId: event.metadata.correlationId } : {}),
      actor: 'system:routing-case-opening',
      occurredAt: data.decidedAt,
    };
    // The case counts from the decision (thụ lý), not from when this policy happens to run.
    await this.cases.open(opening, { now: data.decidedAt, today: data.decidedOn }, metadata);
  }

  /** The petition was withdrawn after its acceptance: the whole case is withdrawn. */
  async withdrawCase(caseId: string, metadata: EventMetadata): Promise<void> {
    const at = instant(new Date(), this.timeZone);
    try {
      await this.cases.act(
        caseId,
        { type: 'Withdraw', scope: 'whole', reason: 'Công dân rút đơn (intake)' },
        { id: 'system:routing-petition-events', kind: 'system' },
        at,
        metadata,
      );
    } catch (error) {
      // An ended case (closed, stopped, already withdrawn) has nothing left to withdraw. A case not
      // opened yet is retried by the bus: the opening policy is about to create it.
      if (error instanceof CaseError && error.code === 'CASE.INVALID_TRANSITION') return;
      throw error;
    }
  }
}
