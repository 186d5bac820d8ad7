import {
  caseClosedV1,
  caseOpenedV1,
  integrationEventSchema,
  processingDecidedV1,
  type ConclusionResult,
} from '@tiep-dan/contracts';
import { invalidMessage, PermanentMessageError, type MessageIssue } from '@tiep-dan/messaging';

/** What intake learns from a case event: which petition a case is about, and that it was closed. */
export type CaseOutcome =
  | { type: 'opened'; caseId: string; petitionId: string; previousCaseId?: string; at: string }
  | { type: 'closed'; caseId: string; result: ConclusionResult; at: string };

/**
 * The case events that matter to intake. Only `CaseClosed` resolves a matter: the decision (complaint)
 * or conclusion (denunciation) or answer was issued and, where it must be, enforced, so the matter was
 * settled on its merits, and a petition about it again is a repeat (LTCD art. 9: a matter already
 * resolved correctly). The other endings settle nothing: a stopped (đình chỉ) or withdrawn case, a
 * denunciation not accepted (không thụ lý) or transferred out of competence. A petition about such a
 * matter is a new petition, or a duplicate while the earlier one is still open at intake.
 */
const FOLLOWED = { CaseOpened: caseOpenedV1, CaseClosed: caseClosedV1 } as const;

/**
 * Reads one message of `routing.case-events.v1`: the outcome it carries, or `undefined` for the event
 * types intake does not follow (including types newer than this version). A message that is not an
 * integration event, a followed event that breaks its contract, or one keyed by anything but its case
 * id throws a PermanentMessageError (dead-lettered with the reason).
 */
export function caseOutcomeOf(key: string, value: unknown): CaseOutcome | undefined {
  const envelope = integrationEventSchema.safeParse(value);
  if (!envelope.success) throw invalid('envelope', envelope.error.issues[0]);
  const { type, data, aggregateId } = envelope.data;
  // Own keys only: `constructor` is no event.
  if (!Object.hasOwn(FOLLOWED, type)) return undefined;
  if (type === 'CaseOpened') {
    const opened = caseOpenedV1.safeParse(data);
    if (!opened.success) throw invalid(type, opened.error.issues[0]);
    const d = opened.data;
    checkKey(key, aggregateId, d.caseId);
    return {
      type: 'opened',
      caseId: d.caseId,
      petitionId: d.petitionId,
      ...(d.previousCaseId !== undefined ? { previousCaseId: d.previousCaseId } : {}),
      at: d.at,
    };
  }
  const closed = caseClosedV1.safeParse(data);
  if (!closed.success) throw invalid(type, closed.error.issues[0]);
  checkKey(key, aggregateId, closed.data.caseId);
  return { type: 'closed', caseId: closed.data.caseId, result: closed.data.result, at: closed.data.at };
}

function checkKey(key: string, aggregateId: string, caseId: string): void {
  if (key !== caseId || aggregateId !== caseId) {
    throw new PermanentMessageError(
      `INTAKE.CASE_KEY_MISMATCH: the event of case ${caseId} came with key "${key}" and aggregate "${aggregateId}"`,
    );
  }
}

function invalid(what: string, issue: MessageIssue | undefined): PermanentMessageError {
  return invalidMessage(`INTAKE.INVALID_CASE_EVENT ${what}`, issue);
}

/** What intake learns from routing's processing: the petition was filed away (lưu đơn), and why. */
export interface PetitionFiled {
  type: 'filed';
  petitionId: string;
  filingReason: string;
  at: string;
}

/**
 * Reads one message of `routing.processing-events.v1`: a `ProcessingDecided` that filed the petition
 * away, or `undefined` for every other event and outcome. A filed-away petition is no longer open: a
 * later petition of the same person about the same matter is a new petition (perhaps now signed, or
 * with the facts it lacked), not a duplicate of it. Invalid messages throw a PermanentMessageError.
 */
export function processingOutcomeOf(key: string, value: unknown): PetitionFiled | undefined {
  const envelope = integrationEventSchema.safeParse(value);
  if (!envelope.success) throw invalidProcessing('envelope', envelope.error.issues[0]);
  const { type, data, aggregateId } = envelope.data;
  if (type !== 'ProcessingDecided') return undefined;
  const decided = processingDecidedV1.safeParse(data);
  if (!decided.success) throw invalidProcessing(type, decided.error.issues[0]);
  const { petitionId, decision, decidedAt } = decided.data;
  if (key !== petitionId || aggregateId !== petitionId) {
    throw new PermanentMessageError(
      `INTAKE.PROCESSING_KEY_MISMATCH: the decision on petition ${petitionId} came with key "${key}" and aggregate "${aggregateId}"`,
    );
  }
  if (decision.outcome !== 'file_away') return undefined;
  return { type: 'filed', petitionId, filingReason: decision.filingReason ?? 'unspecified', at: decidedAt };
}

function invalidProcessing(what: string, issue: MessageIssue | undefined): PermanentMessageError {
  return invalidMessage(`INTAKE.INVALID_PROCESSING_EVENT ${what}`, issue);
}
