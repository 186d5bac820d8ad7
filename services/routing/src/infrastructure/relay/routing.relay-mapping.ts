import { Topics, unitAssignmentsTopic, type UnitAssignmentV1 } from '@tiep-dan/contracts';
import type { RecordedEvent } from '@tiep-dan/event-store';
import type { RelayMessage } from '@tiep-dan/messaging';
import { integrationMessage } from '@tiep-dan/platform';
import type { CaseAssigned } from '../../domain/case';

/** Streams of routing: the processing of one petition, and one case. */
export const PROCESSING_STREAM_PREFIX = 'processing-';
export const CASE_STREAM_PREFIX = 'case-';

/**
 * Routing's public events. Processing events go on `routing.processing-events.v1` (key: petition id),
 * case events on `routing.case-events.v1` (key: case id); an assignment also goes to the unit's own
 * topic `routing.unit-assignments.<unit>.v1` as a `UnitAssignmentV1`, which is all a unit's system needs.
 * Nothing here carries personal data: petitioners are pseudonymous refs, and the free texts staff write
 * (progress notes, summaries, evidence) stay in routing, readable through its API under its roles.
 */
export function routingRelayMapper(event: RecordedEvent): RelayMessage | RelayMessage[] | null {
  if (event.streamId.startsWith(PROCESSING_STREAM_PREFIX)) {
    return integrationMessage(
      Topics.routingProcessingEvents,
      event.streamId.slice(PROCESSING_STREAM_PREFIX.length),
      event,
    );
  }
  if (!event.streamId.startsWith(CASE_STREAM_PREFIX)) return null;
  const caseId = event.streamId.slice(CASE_STREAM_PREFIX.length);
  const caseMessage = integrationMessage(
    Topics.routingCaseEvents,
    caseId,
    event,
    withoutFreeTexts(event.data as Record<string, unknown>),
  );
  if (event.type !== 'CaseAssigned') return caseMessage;
  const data = event.data as CaseAssigned['data'];
  const assignment: UnitAssignmentV1 = {
    caseId,
    petitionId: data.petitionId,
    unitCode: data.unitCode,
    ...(data.handlerId ? { handlerId: data.handlerId } : {}),
    kind: data.kind,
    classification: data.classification,
    sensitiveTags: data.sensitiveTags,
    complexity: data.complexity,
    assignedOn: data.assignedOn,
    acknowledgeBy: data.acknowledgeBy,
    deadlines: data.deadlines.map((d) => ({
      kind: d.kind,
      start: d.start,
      dueOn: d.dueOn,
      amount: d.duration.amount,
      unit: d.duration.unit,
    })),
    ...(data.transferredFrom ? { transferredFrom: data.transferredFrom } : {}),
    ...(data.reason ? { reason: data.reason } : {}),
  };
  return [caseMessage, integrationMessage(unitAssignmentsTopic(data.unitCode), caseId, event, assignment)];
}

/** Fields of case events that hold text typed by staff, which may name people. */
const FREE_TEXT_FIELDS: ReadonlySet<string> = new Set(['note', 'summary', 'evidence']);

function withoutFreeTexts(data: Record<string, unknown>): Record<string, unknown> {
  return Object.fromEntries(Object.entries(data).filter(([key]) => !FREE_TEXT_FIELDS.has(key)));
}
