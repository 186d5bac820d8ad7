import { z } from 'zod';
import { PETITION_KINDS, SENSITIVE_TAGS } from '../intake/petition.vocabulary';
import { durationV1 } from './processing.integration-events';
import { CASE_COMPLEXITIES, COMPLAINT_ROUNDS, CONCLUSION_RESULTS } from './routing.vocabulary';

/**
 * The `data` of the integration events on `routing.case-events.v1` (key: case id; envelope:
 * integration-event.ts): one case (hồ sơ giải quyết) from its acceptance (thụ lý) to its closing.
 * Routing's relay publishes the domain events of services/routing/src/domain/case without the texts
 * staff type that may name people (`note`, `summary`, `evidence`); routing.relay-contract.spec.ts
 * there fails when those events and these schemas part. Objects are open: a field may be added within
 * the version, so consumers ignore the fields they do not know.
 */

const localDate = z.string().regex(/^\d{4}-\d{2}-\d{2}$/, 'a date YYYY-MM-DD');
const instant = z.string().datetime({ offset: true });

/** Notices the law requires (LTC art. 29 and 40 to the denouncer and the accused; LKN to the complainant). */
export const noticeKindV1 = z.enum([
  'acceptance_to_denouncer',
  'acceptance_to_accused',
  'conclusion_to_denouncer',
  'conclusion_to_accused',
  'decision_to_complainant',
]);

/** The deadlines a case tracks: resolution, the denunciation's acceptance check, the second-complaint window, the notices. */
export const caseDeadlineKindV1 = z.enum([
  'acceptance_check',
  'resolution',
  'second_complaint_filing',
  ...noticeKindV1.options,
]);

const deadlineDates = {
  /** The day the period counts from (never counted itself). */
  start: localDate,
  dueOn: localDate,
  /** The whole period, extensions included. */
  duration: durationV1,
  legalBasis: z.string(),
  /** The figure was not confirmed by the project's legal sources (configuration). */
  verify: z.boolean().optional(),
};

export const caseDeadlineV1 = z.object({ kind: caseDeadlineKindV1, ...deadlineDates });
export type CaseDeadlineV1 = z.infer<typeof caseDeadlineV1>;

/** Days that did not count (a suspension, or a coerced withdrawal), both ends included. */
export const dateIntervalV1 = z.object({ from: localDate, to: localDate });

/**
 * Who did it, when and where the case was, on every case event. `by` is a user, unit or system id,
 * never a citizen's. The texts staff write (notes, summaries, evidence, the written reasons of
 * decisions, the part withdrawn) stay in routing, readable through its API: they may name people.
 */
const caseEvent = z.object({
  caseId: z.string().uuid(),
  /** The instant of the command. */
  at: instant,
  /** The commune's local date of the command: the day deadlines count from. */
  on: localDate,
  by: z.string(),
  /**
   * The unit the case is with when the event happens (for a transfer, the unit it leaves; for an
   * assignment, the unit it goes to): the event also goes to that unit's topic.
   */
  unitCode: z.string(),
});

/** The unit's own id of the report on `units.case-updates.v1` (or REST) that made this event. */
const updateId = z.string().uuid();

export const caseOpenedV1 = caseEvent.extend({
  petitionId: z.string().uuid(),
  kind: z.enum(PETITION_KINDS),
  classification: z.string(),
  sensitiveTags: z.array(z.enum(SENSITIVE_TAGS)),
  complaintRound: z.enum(COMPLAINT_ROUNDS).optional(),
  complexity: z.enum(CASE_COMPLEXITIES),
  remoteArea: z.boolean(),
  receivedOn: localDate,
  unitCode: z.string(),
  handlerId: z.string().optional(),
  ruleId: z.string(),
  ruleSetVersion: z.number().int(),
  /** Pseudonymous petitioner references only; empty for an anonymous denunciation. */
  petitionerRefs: z.array(z.string().regex(/^P-[A-Za-z0-9_-]+$/, 'a pseudonymous reference P-…')),
  /** A second complaint: the first-time case. */
  previousCaseId: z.string().uuid().optional(),
  /** The body that transferred this denunciation here. */
  transferredFrom: z.string().optional(),
  /** Complaints: thụ lý is due within 10 days of receipt (LKN art. 27); `late` when it came after. */
  complaintAcceptance: z.object({ ...deadlineDates, late: z.boolean() }).optional(),
});
export type CaseOpenedV1 = z.infer<typeof caseOpenedV1>;

export const caseAssignedV1 = caseEvent.extend({
  petitionId: z.string().uuid(),
  /** 1 for the first assignment, +1 per transfer. */
  assignmentNo: z.number().int(),
  unitCode: z.string(),
  handlerId: z.string().optional(),
  kind: z.enum(PETITION_KINDS),
  classification: z.string(),
  sensitiveTags: z.array(z.enum(SENSITIVE_TAGS)),
  complexity: z.enum(CASE_COMPLEXITIES),
  assignedOn: localDate,
  acknowledgeBy: localDate,
  acknowledgeWithin: durationV1,
  deadlines: z.array(caseDeadlineV1),
  transferredFrom: z.string().optional(),
});
export type CaseAssignedV1 = z.infer<typeof caseAssignedV1>;

export const assignmentAcknowledgedV1 = caseEvent.extend({
  updateId: updateId.optional(),
  assignmentNo: z.number().int(),
  unitCode: z.string(),
  handlerId: z.string().optional(),
  acknowledgeBy: localDate,
  late: z.boolean(),
});
export type AssignmentAcknowledgedV1 = z.infer<typeof assignmentAcknowledgedV1>;

/** Xác minh: the unit started verifying the content. */
export const verificationStartedV1 = caseEvent.extend({
  updateId: updateId.optional(),
  unitCode: z.string(),
  handlerId: z.string().optional(),
});
export type VerificationStartedV1 = z.infer<typeof verificationStartedV1>;

/** The note itself stays in routing. */
export const progressNoteAddedV1 = caseEvent.extend({ updateId, unitCode: z.string() });
export type ProgressNoteAddedV1 = z.infer<typeof progressNoteAddedV1>;

/** Thụ lý tố cáo: resolution and the notices start. */
export const denunciationAcceptedV1 = caseEvent.extend({
  acceptanceCheckDueOn: localDate,
  late: z.boolean(),
  deadlines: z.array(caseDeadlineV1),
});
export type DenunciationAcceptedV1 = z.infer<typeof denunciationAcceptedV1>;

/** Không thụ lý: the case ends. */
export const denunciationDeclinedV1 = caseEvent.extend({
  acceptanceCheckDueOn: localDate,
  late: z.boolean(),
});
export type DenunciationDeclinedV1 = z.infer<typeof denunciationDeclinedV1>;

export const acceptanceCheckExtendedV1 = caseEvent.extend({
  previousDueOn: localDate,
  deadline: caseDeadlineV1,
});
export type AcceptanceCheckExtendedV1 = z.infer<typeof acceptanceCheckExtendedV1>;

export const noticeSentV1 = caseEvent.extend({
  notice: noticeKindV1,
  sentOn: localDate,
  dueOn: localDate,
  late: z.boolean(),
});
export type NoticeSentV1 = z.infer<typeof noticeSentV1>;

/** Gia hạn by a written decision. */
export const deadlineExtendedV1 = caseEvent.extend({
  updateId: updateId.optional(),
  extensionNo: z.number().int(),
  added: durationV1,
  decisionNumber: z.string().optional(),
  /** The complexity the extension rests on: the case's from now on. */
  complexity: z.enum(CASE_COMPLEXITIES),
  previousDueOn: localDate,
  /** The resolution deadline as extended. */
  deadline: caseDeadlineV1,
  legalBasis: z.string(),
});
export type DeadlineExtendedV1 = z.infer<typeof deadlineExtendedV1>;

/** Tạm đình chỉ: the clock stops from the next day. */
export const caseSuspendedV1 = caseEvent;
export type CaseSuspendedV1 = z.infer<typeof caseSuspendedV1>;

/** The open deadlines moved by the days that did not count (`null`: resumed the day it was suspended). */
export const caseResumedV1 = caseEvent.extend({
  suspension: dateIntervalV1.nullable(),
  deadlines: z.array(caseDeadlineV1),
  acknowledgeBy: localDate.optional(),
});
export type CaseResumedV1 = z.infer<typeof caseResumedV1>;

/** Đình chỉ: resolution stopped for good. */
export const caseStoppedV1 = caseEvent;
export type CaseStoppedV1 = z.infer<typeof caseStoppedV1>;

/** The part withdrawn stays in routing. */
export const caseWithdrawnInPartV1 = caseEvent;
export type CaseWithdrawnInPartV1 = z.infer<typeof caseWithdrawnInPartV1>;

export const caseWithdrawnV1 = caseEvent;
export type CaseWithdrawnV1 = z.infer<typeof caseWithdrawnV1>;

/** A whole withdrawal shown to be coerced (the evidence stays in routing): resolution resumes. */
export const caseReopenedV1 = caseEvent.extend({
  reason: z.literal('withdrawal_coerced'),
  /** The status the case returns to. */
  status: z.enum(['assigned', 'acknowledged', 'verifying', 'suspended']),
  suspension: dateIntervalV1.nullable(),
  deadlines: z.array(caseDeadlineV1),
  acknowledgeBy: localDate.optional(),
});
export type CaseReopenedV1 = z.infer<typeof caseReopenedV1>;

/** A complaint decision or a denunciation conclusion was issued (its summary stays in routing). */
export const caseConcludedV1 = caseEvent.extend({
  updateId: updateId.optional(),
  result: z.enum(CONCLUSION_RESULTS),
  documentNumber: z.string(),
  issuedOn: localDate,
  enforcementRequired: z.boolean(),
  resolutionDueOn: localDate,
  late: z.boolean(),
  /** What the decision starts: notices, the second-complaint window. */
  deadlines: z.array(caseDeadlineV1),
});
export type CaseConcludedV1 = z.infer<typeof caseConcludedV1>;

export const enforcementStartedV1 = caseEvent.extend({ updateId: updateId.optional() });
export type EnforcementStartedV1 = z.infer<typeof enforcementStartedV1>;

export const enforcementCompletedV1 = caseEvent.extend({ updateId: updateId.optional() });
export type EnforcementCompletedV1 = z.infer<typeof enforcementCompletedV1>;

export const caseClosedV1 = caseEvent.extend({
  result: z.enum(CONCLUSION_RESULTS),
  enforced: z.boolean(),
});
export type CaseClosedV1 = z.infer<typeof caseClosedV1>;

/** Followed by the CaseAssigned of the new unit. */
export const caseTransferredV1 = caseEvent.extend({
  fromUnitCode: z.string(),
  toUnitCode: z.string(),
});
export type CaseTransferredV1 = z.infer<typeof caseTransferredV1>;

/** A denunciation outside the commune's competence went to the competent body; the case ends. */
export const caseTransferredOutOfCompetenceV1 = caseEvent.extend({
  toBody: z.string(),
});
export type CaseTransferredOutOfCompetenceV1 = z.infer<typeof caseTransferredOutOfCompetenceV1>;

export const secondComplaintFiledV1 = caseEvent.extend({
  /** The petition of the second complaint. */
  petitionId: z.string().uuid(),
  filedOn: localDate,
  nextLevelBody: z.string(),
  basis: z.enum(['first_decision', 'no_decision_in_time']),
  window: caseDeadlineV1,
});
export type SecondComplaintFiledV1 = z.infer<typeof secondComplaintFiledV1>;

/** DeadlineApproaching, DeadlineDue, DeadlineOverdue: once per deadline and stage. */
export const deadlineStageReachedV1 = caseEvent.extend({
  deadline: caseDeadlineKindV1,
  start: localDate,
  dueOn: localDate,
  duration: durationV1,
  /** Share of the period's days used, suspended days excluded (above 1 once overdue). */
  used: z.number(),
  unitCode: z.string(),
});
export type DeadlineStageReachedV1 = z.infer<typeof deadlineStageReachedV1>;

export const assignmentEscalatedV1 = caseEvent.extend({
  assignmentNo: z.number().int(),
  unitCode: z.string(),
  assignedOn: localDate,
  acknowledgeBy: localDate,
});
export type AssignmentEscalatedV1 = z.infer<typeof assignmentEscalatedV1>;

export const CASE_INTEGRATION_EVENTS = {
  CaseOpened: caseOpenedV1,
  CaseAssigned: caseAssignedV1,
  AssignmentAcknowledged: assignmentAcknowledgedV1,
  VerificationStarted: verificationStartedV1,
  ProgressNoteAdded: progressNoteAddedV1,
  DenunciationAccepted: denunciationAcceptedV1,
  DenunciationDeclined: denunciationDeclinedV1,
  AcceptanceCheckExtended: acceptanceCheckExtendedV1,
  NoticeSent: noticeSentV1,
  DeadlineExtended: deadlineExtendedV1,
  CaseSuspended: caseSuspendedV1,
  CaseResumed: caseResumedV1,
  CaseStopped: caseStoppedV1,
  CaseWithdrawnInPart: caseWithdrawnInPartV1,
  CaseWithdrawn: caseWithdrawnV1,
  CaseReopened: caseReopenedV1,
  CaseConcluded: caseConcludedV1,
  EnforcementStarted: enforcementStartedV1,
  EnforcementCompleted: enforcementCompletedV1,
  CaseClosed: caseClosedV1,
  CaseTransferred: caseTransferredV1,
  CaseTransferredOutOfCompetence: caseTransferredOutOfCompetenceV1,
  SecondComplaintFiled: secondComplaintFiledV1,
  DeadlineApproaching: deadlineStageReachedV1,
  DeadlineDue: deadlineStageReachedV1,
  DeadlineOverdue: deadlineStageReachedV1,
  AssignmentEscalated: assignmentEscalatedV1,
} as const;
