import { DomainError, Topics, unitCaseUpdateSchema, type UnitCaseUpdate } from '@tiep-dan/contracts';
import type { EventMetadata } from '@tiep-dan/event-store';
import {
  BusConsumer,
  invalidMessage,
  MessageHeaders,
  PermanentMessageError,
  type InboundMessage,
  type MessageBus,
} from '@tiep-dan/messaging';
import { instant } from '../clock';
import type { CaseAction, CasesService } from './cases.service';

export const UNIT_UPDATES_GROUP = 'routing.unit-updates';

/** What a unit's report asks of the case. */
export function actionOf(update: UnitCaseUpdate): CaseAction {
  const updateId = update.updateId;
  switch (update.type) {
    case 'acknowledged':
      return {
        type: 'AcknowledgeAssignment',
        updateId,
        ...(update.handler ? { handlerId: update.handler } : {}),
      };
    case 'verification_started':
      return {
        type: 'StartVerification',
        updateId,
        ...(update.handler ? { handlerId: update.handler } : {}),
      };
    case 'progress_note':
      return { type: 'AddProgressNote', updateId, note: update.note ?? '' };
    case 'extension_request': {
      const e = update.extension;
      return {
        type: 'ExtendDeadline',
        updateId,
        reason: e?.reason ?? '',
        ...(e?.decisionNumber ? { decisionNumber: e.decisionNumber } : {}),
        ...(e?.amount !== undefined ? { amount: e.amount } : {}),
        ...(e?.complexity ? { complexity: e.complexity } : {}),
      };
    }
    case 'conclusion': {
      const c = update.conclusion;
      if (!c)
        throw new PermanentMessageError('CASE.INVALID_INPUT: a conclusion needs its result and document');
      return {
        type: 'Conclude',
        updateId,
        result: c.result,
        documentNumber: c.documentNumber,
        issuedOn: c.issuedOn,
        ...(c.summary ? { summary: c.summary } : {}),
      };
    }
    case 'enforcement_started':
      return { type: 'StartEnforcement', updateId, ...(update.note ? { note: update.note } : {}) };
    case 'enforcement_done':
      return { type: 'CompleteEnforcement', updateId, ...(update.note ? { note: update.note } : {}) };
  }
}

/**
 * The units' reports on `units.case-updates.v1` → case commands, acting as the reporting unit (a unit
 * can only act on the cases assigned to it). Each report's `updateId` is applied once: the case
 * remembers the ids it applied, so a resent or redelivered report changes nothing. A report that breaks
 * a rule (not the assigned unit, wrong step, no reason for an extension...) goes to
 * `units.case-updates.v1.dlq` with the error code as its reason.
 */
export class UnitUpdatesConsumer extends BusConsumer {
  constructor(
    bus: MessageBus,
    private readonly cases: CasesService,
    private readonly timeZone: string,
  ) {
    super(bus, { group: UNIT_UPDATES_GROUP, topics: [Topics.unitsCaseUpdates], fromBeginning: true });
  }

  async handle(message: InboundMessage): Promise<void> {
    const parsed = unitCaseUpdateSchema.safeParse(message.value);
    if (!parsed.success) throw invalidMessage('CASE.INVALID_UPDATE', parsed.error.issues[0]);
    const update = parsed.data;
    if (message.key !== update.caseId) {
      // The key orders a case's reports on one partition: a report keyed otherwise may overtake or
      // be overtaken by the others of its case.
      throw new PermanentMessageError(
        `CASE.KEY_MISMATCH: the message key must be the case id ${update.caseId}, got "${message.key}"`,
      );
    }
    const metadata: EventMetadata = {
      correlationId: message.headers[MessageHeaders.correlationId] ?? update.updateId,
      causationId: update.updateId,
      actor: `unit:${update.unitCode}`,
      occurredAt: update.occurredAt,
    };
    try {
      await this.cases.act(
        update.caseId,
        actionOf(update),
        { id: update.handler ?? `unit:${update.unitCode}`, kind: 'unit', unitCode: update.unitCode },
        instant(new Date(), this.timeZone),
        metadata,
      );
    } catch (error) {
      // A broken rule never heals by retrying; infrastructure trouble does (the bus retries it).
      if (error instanceof DomainError) {
        throw new PermanentMessageError(`${error.code}: ${error.message}`, { cause: error });
      }
      throw error;
    }
  }
}
