import { Topics, unitAssignmentsTopic, type UnitAssignmentV1 } from '@tiep-dan/contracts';
import type { RecordedEvent } from '@tiep-dan/event-store';
import type { RelayMessage } from '@tiep-dan/messaging';
import { integrationMessage } from '@tiep-dan/platform';
import type { CaseAssigned, CaseEventType } from '../../domain/case';
import type { ProcessingDecision } from '../../domain/processing';

/** Streams of routing: the processing of one petition, and one case. */
export const PROCESSING_STREAM_PREFIX = 'processing-';
export const CASE_STREAM_PREFIX = 'case-';

/**
 * Routing's public events. Processing events go on `routing.processing-events.v1` (key: petition id),
 * case events on `routing.case-events.v1` (key: case id). Every case event after the opening also goes
 * to the topic of the unit the case is with, `routing.unit-assignments.<unit>.v1` — an assignment as a
 * `UnitAssignmentV1`, which is all a unit's system needs to take the case in.
 *
 * Nothing here carries personal data: petitioners are pseudonymous refs, staff are user ids, and the
 * texts staff write (progress notes, summaries, evidence, the written reasons of decisions, the part
 * of a petition withdrawn, the reason for overriding the rules) stay in routing, readable through its
 * API under its roles: they may name people.
 */
export function routingRelayMapper(event: RecordedEvent): RelayMessage | RelayMessage[] | null {
  if (event.streamId.startsWith(PROCESSING_STREAM_PREFIX)) {
    const petitionId = event.streamId.slice(PROCESSING_STREAM_PREFIX.length);
    const data = event.type === 'ProcessingDecided' ? publicDecided(event.data as DecidedData) : undefined;
    return integrationMessage(Topics.routingProcessingEvents, petitionId, event, data);
  }
  if (!event.streamId.startsWith(CASE_STREAM_PREFIX)) return null;
  const caseId = event.streamId.slice(CASE_STREAM_PREFIX.length);
  const data = withoutStaffTexts(event.type, event.data as Record<string, unknown>);
  const caseMessage = integrationMessage(Topics.routingCaseEvents, caseId, event, data);
  const unitCode = typeof data.unitCode === 'string' ? data.unitCode : undefined;
  if (event.type === 'CaseOpened' || !unitCode) return caseMessage;
  const forUnit = event.type === 'CaseAssigned' ? assignmentOf(caseId, event.data as AssignedData) : data;
  return [caseMessage, integrationMessage(unitAssignmentsTopic(unitCode), caseId, event, forUnit)];
}

type AssignedData = CaseAssigned['data'];
type DecidedData = { decision: ProcessingDecision; [key: string]: unknown };

function assignmentOf(caseId: string, data: AssignedData): UnitAssignmentV1 {
  return {
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
  };
}

/** The explanation published for a decision that departs from the rules' proposal. */
export const OVERRIDDEN_EXPLANATION = {
  vi: 'Người xử lý đơn quyết định khác với đề xuất theo quy tắc thẩm quyền; lý do bằng văn bản được lưu tại hệ thống.',
  en: 'The processor decided otherwise than the competence rules proposed; the written reason is kept in routing.',
} as const;

function publicDecided(data: DecidedData): DecidedData {
  const { overrideReason: _reason, ...decision } = data.decision;
  return {
    ...data,
    decision: decision.overridden ? { ...decision, explanation: OVERRIDDEN_EXPLANATION } : decision,
  };
}

/** Fields of case events that hold text typed by staff, which may name people. */
const STAFF_TEXT_FIELDS: ReadonlySet<string> = new Set(['note', 'summary', 'evidence', 'reason', 'part']);
/** Case events whose `reason` is a code, not a text: kept. */
const CODED_REASON: ReadonlySet<CaseEventType> = new Set(['CaseReopened']);

function withoutStaffTexts(type: string, data: Record<string, unknown>): Record<string, unknown> {
  const keepReason = CODED_REASON.has(type as CaseEventType);
  return Object.fromEntries(
    Object.entries(data).filter(([key]) => !STAFF_TEXT_FIELDS.has(key) || (key === 'reason' && keepReason)),
  );
}
