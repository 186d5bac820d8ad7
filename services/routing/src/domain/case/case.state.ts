import type { CaseComplexity, ConclusionResult, DeadlineStage } from '@tiep-dan/contracts';
import type { DateInterval, Duration, LocalDate } from '@tiep-dan/platform/calendar';
import type { OpenCaseData } from './case.commands';
import type { CaseDeadline, CaseDeadlineKind, CaseEvent, CaseStatusBeforeWithdrawal } from './case.events';

/**
 * assigned → acknowledged → verifying → concluded → (enforcing → enforced) → closed, with `suspended`
 * (tạm đình chỉ) on the way. Terminal: closed, stopped (đình chỉ), withdrawn (unless the withdrawal was
 * coerced), transferred_out (a denunciation outside competence), not_accepted (a denunciation that failed
 * the acceptance check).
 */
export type CaseStatus =
  | 'assigned'
  | 'acknowledged'
  | 'verifying'
  | 'suspended'
  | 'concluded'
  | 'enforcing'
  | 'enforced'
  | 'closed'
  | 'stopped'
  | 'withdrawn'
  | 'transferred_out'
  | 'not_accepted';

/** A deadline the case tracks: the stages already announced, and whether it was met (and when). */
export interface TrackedDeadline extends CaseDeadline {
  stagesEmitted: DeadlineStage[];
  met: boolean;
  metOn?: LocalDate;
  /** Met after its last day. */
  late?: boolean;
}

export interface CaseAssignment {
  no: number;
  unitCode: string;
  assignedOn: LocalDate;
  acknowledgeBy: LocalDate;
  acknowledgeWithin: Duration;
  acknowledged: boolean;
  acknowledgedOn?: LocalDate;
  escalated: boolean;
  transferredFrom?: string;
}

export interface CaseState {
  caseId: string;
  /** What the case was opened with, to recognise a retried OpenCase. */
  opening: OpenCaseData;
  petitionId: string;
  kind: OpenCaseData['kind'];
  classification: string;
  complaintRound?: OpenCaseData['complaintRound'];
  complexity: CaseComplexity;
  remoteArea: boolean;
  receivedOn: LocalDate;
  /** Thụ lý: the day the case was opened. */
  openedOn: LocalDate;
  petitionerRefs: string[];
  transferredFrom?: string;
  status: CaseStatus;
  /** While suspended: the status to resume to, and since when. */
  resumeStatus?: CaseStatusBeforeWithdrawal;
  suspendedSince?: LocalDate;
  /** Closed periods of suspension (and of a coerced withdrawal): those days do not count. */
  suspensions: DateInterval[];
  /** While withdrawn: the status a coerced withdrawal reopens to, and since when. */
  statusBeforeWithdrawal?: CaseStatusBeforeWithdrawal;
  withdrawnOn?: LocalDate;
  partsWithdrawn: string[];
  unitCode: string;
  handlerId?: string;
  /** The current assignment has been acknowledged by its unit. */
  acknowledged: boolean;
  assignment: CaseAssignment;
  deadlines: Partial<Record<CaseDeadlineKind, TrackedDeadline>>;
  /** Denunciations: acceptance (thụ lý) after the check, and whether the check was extended. */
  denunciation?: { accepted: boolean; acceptedOn?: LocalDate; checkExtended: boolean };
  extensionsUsed: number;
  conclusion?: {
    result: ConclusionResult;
    documentNumber: string;
    issuedOn: LocalDate;
    enforcementRequired: boolean;
  };
  transferredOutTo?: string;
  secondComplaint?: { petitionId: string; filedOn: LocalDate; nextLevelBody: string };
  /** Unit report ids already applied. */
  appliedUpdateIds: string[];
}

function track(deadline: CaseDeadline): TrackedDeadline {
  return { ...deadline, stagesEmitted: [], met: false };
}

function withDeadlines(
  deadlines: CaseState['deadlines'],
  added: readonly CaseDeadline[],
): CaseState['deadlines'] {
  const next = { ...deadlines };
  for (const d of added) next[d.kind] = track(d);
  return next;
}

/** New dates for deadlines already tracked (after a suspension): announced stages are kept. */
function withNewDates(
  deadlines: CaseState['deadlines'],
  moved: readonly CaseDeadline[],
): CaseState['deadlines'] {
  const next = { ...deadlines };
  for (const d of moved) {
    const current = next[d.kind];
    if (current) next[d.kind] = { ...current, dueOn: d.dueOn, duration: d.duration };
  }
  return next;
}

function meet(
  deadlines: CaseState['deadlines'],
  kind: CaseDeadlineKind,
  on: LocalDate,
): CaseState['deadlines'] {
  const d = deadlines[kind];
  if (!d || d.met) return deadlines;
  return { ...deadlines, [kind]: { ...d, met: true, metOn: on, late: on > d.dueOn } };
}

function stage(
  deadlines: CaseState['deadlines'],
  kind: CaseDeadlineKind,
  reached: DeadlineStage,
): CaseState['deadlines'] {
  const d = deadlines[kind];
  if (!d || d.stagesEmitted.includes(reached)) return deadlines;
  return { ...deadlines, [kind]: { ...d, stagesEmitted: [...d.stagesEmitted, reached] } };
}

function applied(state: CaseState, updateId: string | undefined): string[] {
  return updateId === undefined ? state.appliedUpdateIds : [...state.appliedUpdateIds, updateId];
}

/** Folds one event. Pure: every date it needs is in the event (deciders computed them). */
export function evolve(state: CaseState | undefined, event: CaseEvent): CaseState | undefined {
  if (event.type === 'CaseOpened') {
    const d = event.data;
    const opening: OpenCaseData = {
      caseId: d.caseId,
      petitionId: d.petitionId,
      kind: d.kind,
      classification: d.classification,
      sensitiveTags: d.sensitiveTags,
      complexity: d.complexity,
      remoteArea: d.remoteArea,
      receivedOn: d.receivedOn,
      unitCode: d.unitCode,
      ruleId: d.ruleId,
      ruleSetVersion: d.ruleSetVersion,
      petitionerRefs: d.petitionerRefs,
    };
    if (d.complaintRound !== undefined) opening.complaintRound = d.complaintRound;
    if (d.handlerId !== undefined) opening.handlerId = d.handlerId;
    if (d.previousCaseId !== undefined) opening.previousCaseId = d.previousCaseId;
    if (d.transferredFrom !== undefined) opening.transferredFrom = d.transferredFrom;
    const next: CaseState = {
      caseId: d.caseId,
      opening,
      petitionId: d.petitionId,
      kind: d.kind,
      classification: d.classification,
      complexity: d.complexity,
      remoteArea: d.remoteArea,
      receivedOn: d.receivedOn,
      openedOn: d.on,
      petitionerRefs: d.petitionerRefs,
      status: 'assigned',
      suspensions: [],
      partsWithdrawn: [],
      unitCode: d.unitCode,
      acknowledged: false,
      assignment: {
        no: 0,
        unitCode: d.unitCode,
        assignedOn: d.on,
        acknowledgeBy: d.on,
        acknowledgeWithin: { amount: 0, unit: 'working_days' },
        acknowledged: false,
        escalated: false,
      },
      deadlines: {},
      extensionsUsed: 0,
      appliedUpdateIds: [],
    };
    if (d.complaintRound !== undefined) next.complaintRound = d.complaintRound;
    if (d.handlerId !== undefined) next.handlerId = d.handlerId;
    if (d.transferredFrom !== undefined) next.transferredFrom = d.transferredFrom;
    if (d.kind === 'denunciation') next.denunciation = { accepted: false, checkExtended: false };
    return next;
  }
  if (!state) return state;

  switch (event.type) {
    case 'CaseAssigned': {
      const d = event.data;
      const assignment: CaseAssignment = {
        no: d.assignmentNo,
        unitCode: d.unitCode,
        assignedOn: d.assignedOn,
        acknowledgeBy: d.acknowledgeBy,
        acknowledgeWithin: d.acknowledgeWithin,
        acknowledged: false,
        escalated: false,
      };
      if (d.transferredFrom !== undefined) assignment.transferredFrom = d.transferredFrom;
      const { handlerId: _previousHandler, ...rest } = state;
      const next: CaseState = {
        ...rest,
        status: 'assigned',
        unitCode: d.unitCode,
        acknowledged: false,
        assignment,
        // On opening the deadlines start here; on a transfer they are the running ones, already tracked.
        deadlines: d.assignmentNo === 1 ? withDeadlines(state.deadlines, d.deadlines) : state.deadlines,
      };
      if (d.handlerId !== undefined) next.handlerId = d.handlerId;
      return next;
    }
    case 'AssignmentAcknowledged': {
      const d = event.data;
      const next: CaseState = {
        ...state,
        acknowledged: true,
        assignment: { ...state.assignment, acknowledged: true, acknowledgedOn: d.on },
        appliedUpdateIds: applied(state, d.updateId),
      };
      if (state.status === 'assigned') next.status = 'acknowledged';
      if (state.status === 'suspended' && state.resumeStatus === 'assigned')
        next.resumeStatus = 'acknowledged';
      if (d.handlerId !== undefined) next.handlerId = d.handlerId;
      return next;
    }
    case 'VerificationStarted': {
      const next: CaseState = {
        ...state,
        status: 'verifying',
        appliedUpdateIds: applied(state, event.data.updateId),
      };
      if (event.data.handlerId !== undefined) next.handlerId = event.data.handlerId;
      return next;
    }
    case 'ProgressNoteAdded':
      return { ...state, appliedUpdateIds: applied(state, event.data.updateId) };
    case 'DenunciationAccepted':
      return {
        ...state,
        denunciation: {
          ...(state.denunciation ?? { checkExtended: false }),
          accepted: true,
          acceptedOn: event.data.on,
        },
        deadlines: withDeadlines(
          meet(state.deadlines, 'acceptance_check', event.data.on),
          event.data.deadlines,
        ),
      };
    case 'DenunciationDeclined':
      return {
        ...state,
        status: 'not_accepted',
        deadlines: meet(state.deadlines, 'acceptance_check', event.data.on),
      };
    case 'AcceptanceCheckExtended':
      return {
        ...state,
        denunciation: { ...(state.denunciation ?? { accepted: false }), checkExtended: true },
        // A new period: its stages are announced again.
        deadlines: withDeadlines(state.deadlines, [event.data.deadline]),
      };
    case 'NoticeSent':
      return { ...state, deadlines: meet(state.deadlines, event.data.notice, event.data.sentOn) };
    case 'DeadlineExtended':
      return {
        ...state,
        complexity: event.data.complexity,
        extensionsUsed: state.extensionsUsed + 1,
        deadlines: withDeadlines(state.deadlines, [event.data.deadline]),
        appliedUpdateIds: applied(state, event.data.updateId),
      };
    case 'CaseSuspended':
      return {
        ...state,
        status: 'suspended',
        resumeStatus: state.status as CaseStatusBeforeWithdrawal,
        suspendedSince: event.data.on,
      };
    case 'CaseResumed': {
      const { resumeStatus, suspendedSince: _since, ...rest } = state;
      return {
        ...rest,
        status: resumeStatus ?? 'assigned',
        suspensions: event.data.suspension
          ? [...state.suspensions, event.data.suspension]
          : state.suspensions,
        deadlines: withNewDates(state.deadlines, event.data.deadlines),
        assignment:
          event.data.acknowledgeBy !== undefined
            ? { ...state.assignment, acknowledgeBy: event.data.acknowledgeBy }
            : state.assignment,
      };
    }
    case 'CaseStopped':
      return { ...state, status: 'stopped' };
    case 'CaseWithdrawnInPart':
      return { ...state, partsWithdrawn: [...state.partsWithdrawn, event.data.part] };
    case 'CaseWithdrawn':
      return {
        ...state,
        status: 'withdrawn',
        statusBeforeWithdrawal: state.status as CaseStatusBeforeWithdrawal,
        withdrawnOn: event.data.on,
      };
    case 'CaseReopened': {
      const { statusBeforeWithdrawal: _before, withdrawnOn: _on, ...rest } = state;
      return {
        ...rest,
        status: event.data.status,
        suspensions: event.data.suspension
          ? [...state.suspensions, event.data.suspension]
          : state.suspensions,
        deadlines: withNewDates(state.deadlines, event.data.deadlines),
        assignment:
          event.data.acknowledgeBy !== undefined
            ? { ...state.assignment, acknowledgeBy: event.data.acknowledgeBy }
            : state.assignment,
      };
    }
    case 'CaseConcluded': {
      const d = event.data;
      return {
        ...state,
        status: 'concluded',
        conclusion: {
          result: d.result,
          documentNumber: d.documentNumber,
          issuedOn: d.issuedOn,
          enforcementRequired: d.enforcementRequired,
        },
        deadlines: withDeadlines(meet(state.deadlines, 'resolution', d.issuedOn), d.deadlines),
        appliedUpdateIds: applied(state, d.updateId),
      };
    }
    case 'EnforcementStarted':
      return { ...state, status: 'enforcing', appliedUpdateIds: applied(state, event.data.updateId) };
    case 'EnforcementCompleted':
      return { ...state, status: 'enforced', appliedUpdateIds: applied(state, event.data.updateId) };
    case 'CaseClosed':
      return { ...state, status: 'closed' };
    case 'CaseTransferred':
      // The new assignment follows as CaseAssigned.
      return state;
    case 'CaseTransferredOutOfCompetence':
      return { ...state, status: 'transferred_out', transferredOutTo: event.data.toBody };
    case 'SecondComplaintFiled':
      return {
        ...state,
        secondComplaint: {
          petitionId: event.data.petitionId,
          filedOn: event.data.filedOn,
          nextLevelBody: event.data.nextLevelBody,
        },
        deadlines: meet(state.deadlines, 'second_complaint_filing', event.data.filedOn),
      };
    case 'DeadlineApproaching':
      return { ...state, deadlines: stage(state.deadlines, event.data.deadline, 'approaching') };
    case 'DeadlineDue':
      return { ...state, deadlines: stage(state.deadlines, event.data.deadline, 'due') };
    case 'DeadlineOverdue':
      return { ...state, deadlines: stage(state.deadlines, event.data.deadline, 'overdue') };
    case 'AssignmentEscalated':
      return { ...state, assignment: { ...state.assignment, escalated: true } };
  }
}

/** Folds a case's events, oldest first; `undefined` before `CaseOpened`. */
export function foldCase(events: readonly CaseEvent[]): CaseState | undefined {
  return events.reduce<CaseState | undefined>(evolve, undefined);
}
