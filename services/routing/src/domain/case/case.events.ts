import type {
  CaseComplexity,
  ComplaintRound,
  ConclusionResult,
  PetitionKind,
  SensitiveTag,
} from '@tiep-dan/contracts';
import type { DateInterval, Duration, LocalDate } from '@tiep-dan/platform/calendar';

/**
 * Notices the law requires, each tracked as a deadline: to the denouncer and the accused after
 * acceptance (LTC art. 29) and after the conclusion (LTC art. 40), and the first-time decision to the
 * complainant (LKN).
 */
export const NOTICE_KINDS = [
  'acceptance_to_denouncer',
  'acceptance_to_accused',
  'conclusion_to_denouncer',
  'conclusion_to_accused',
  'decision_to_complainant',
] as const;
export type NoticeKind = (typeof NOTICE_KINDS)[number];

/**
 * The deadlines a case tracks: `resolution` (giải quyết), the denunciation's `acceptance_check`, the
 * petitioner's `second_complaint_filing` window after a first-time decision, and the notices.
 */
export const CASE_DEADLINE_KINDS = [
  'acceptance_check',
  'resolution',
  'second_complaint_filing',
  ...NOTICE_KINDS,
] as const;
export type CaseDeadlineKind = (typeof CASE_DEADLINE_KINDS)[number];

/** A legal deadline as events carry it: counted from `start` (never counted itself), in its own unit. */
export interface CaseDeadline {
  kind: CaseDeadlineKind;
  start: LocalDate;
  dueOn: LocalDate;
  /** The whole period, extensions included. */
  duration: Duration;
  legalBasis: string;
  /** The figure was not confirmed by our sources (configuration). */
  verify?: boolean;
}

/** The dates of a deadline without its kind. */
export type DeadlineDates = Omit<CaseDeadline, 'kind'>;

/** Who did it and when; no personal data (an actor id is a user, unit or system id). */
export interface CaseEventMeta {
  caseId: string;
  /** The instant of the command (ISO 8601). */
  at: string;
  /** The local date (Asia/Ho_Chi_Minh) of the command: the day deadlines count from. */
  on: LocalDate;
  by: string;
  /**
   * The unit the case is with when the event happens (for a transfer, the unit it leaves; for an
   * assignment, the unit it goes to): the relay also sends the event to that unit's topic.
   */
  unitCode: string;
}

/** A unit's own id for a report it sends; applied once. */
interface UnitReport {
  updateId?: string;
}

/** Thụ lý: the petition was accepted for resolution and the case opened. Petitioners only as `P-…` refs. */
export interface CaseOpened {
  type: 'CaseOpened';
  data: CaseEventMeta & {
    petitionId: string;
    kind: PetitionKind;
    classification: string;
    sensitiveTags: SensitiveTag[];
    /** Complaints only. */
    complaintRound?: ComplaintRound;
    complexity: CaseComplexity;
    remoteArea: boolean;
    receivedOn: LocalDate;
    /** The unit and handler of the first assignment. */
    unitCode: string;
    handlerId?: string;
    ruleId: string;
    ruleSetVersion: number;
    petitionerRefs: string[];
    previousCaseId?: string;
    /** The body that transferred this denunciation here (it cannot be transferred again). */
    transferredFrom?: string;
    /** Complaints: thụ lý is due within 10 days of receipt (LKN art. 27); `late` when it came after. */
    complaintAcceptance?: DeadlineDates & { late: boolean };
  };
}

/** The case was given to a unit (on opening, or on a transfer between units). */
export interface CaseAssigned {
  type: 'CaseAssigned';
  data: CaseEventMeta & {
    petitionId: string;
    /** 1 for the first assignment, +1 per transfer. */
    assignmentNo: number;
    unitCode: string;
    handlerId?: string;
    kind: PetitionKind;
    classification: string;
    sensitiveTags: SensitiveTag[];
    complexity: CaseComplexity;
    assignedOn: LocalDate;
    /** The unit must acknowledge by then, or the case is escalated. */
    acknowledgeBy: LocalDate;
    acknowledgeWithin: Duration;
    /** The open deadlines the unit works to (those it starts, on opening). */
    deadlines: CaseDeadline[];
    /** The unit the case came from (the history stays with the case). */
    transferredFrom?: string;
    reason?: string;
  };
}

export interface AssignmentAcknowledged {
  type: 'AssignmentAcknowledged';
  data: CaseEventMeta &
    UnitReport & {
      assignmentNo: number;
      unitCode: string;
      handlerId?: string;
      acknowledgeBy: LocalDate;
      late: boolean;
    };
}

/** Xác minh: the unit started verifying the content. */
export interface VerificationStarted {
  type: 'VerificationStarted';
  data: CaseEventMeta & UnitReport & { unitCode: string; handlerId?: string };
}

export interface ProgressNoteAdded {
  type: 'ProgressNoteAdded';
  data: CaseEventMeta & { updateId: string; unitCode: string; note: string };
}

/** Thụ lý tố cáo: the resolution and the notices to the denouncer and the accused start today. */
export interface DenunciationAccepted {
  type: 'DenunciationAccepted';
  data: CaseEventMeta & {
    acceptanceCheckDueOn: LocalDate;
    /** Accepted after the check's deadline. */
    late: boolean;
    deadlines: CaseDeadline[];
  };
}

/** Không thụ lý: the denunciation does not meet the conditions of acceptance; the case ends. */
export interface DenunciationDeclined {
  type: 'DenunciationDeclined';
  data: CaseEventMeta & { reason: string; acceptanceCheckDueOn: LocalDate; late: boolean };
}

/** The acceptance check runs 10 working days instead of 7 (LTC art. 24), once. */
export interface AcceptanceCheckExtended {
  type: 'AcceptanceCheckExtended';
  data: CaseEventMeta & { reason: string; previousDueOn: LocalDate; deadline: CaseDeadline };
}

export interface NoticeSent {
  type: 'NoticeSent';
  data: CaseEventMeta & { notice: NoticeKind; sentOn: LocalDate; dueOn: LocalDate; late: boolean };
}

/** Gia hạn: the resolution deadline was extended by a written decision. */
export interface DeadlineExtended {
  type: 'DeadlineExtended';
  data: CaseEventMeta &
    UnitReport & {
      /** 1 for the first extension. */
      extensionNo: number;
      added: Duration;
      reason: string;
      decisionNumber?: string;
      /** The complexity the extension rests on (the case's complexity from now on). */
      complexity: CaseComplexity;
      previousDueOn: LocalDate;
      /** The resolution deadline as extended. */
      deadline: CaseDeadline;
      /** The rule allowing the extension. */
      legalBasis: string;
    };
}

/** Tạm đình chỉ: the clock stops from the day after today. */
export interface CaseSuspended {
  type: 'CaseSuspended';
  data: CaseEventMeta & { reason: string };
}

/** The clock runs again; open deadlines are moved by the suspended days. */
export interface CaseResumed {
  type: 'CaseResumed';
  data: CaseEventMeta & {
    /** The days that did not count, or null when suspended and resumed the same day. */
    suspension: DateInterval | null;
    deadlines: CaseDeadline[];
    acknowledgeBy?: LocalDate;
  };
}

/** Đình chỉ: resolution stopped for good. */
export interface CaseStopped {
  type: 'CaseStopped';
  data: CaseEventMeta & { reason: string };
}

/** Part of the petition was withdrawn; the rest continues. */
export interface CaseWithdrawnInPart {
  type: 'CaseWithdrawnInPart';
  data: CaseEventMeta & { part: string; reason?: string };
}

/** The whole petition was withdrawn: the case ends unless the withdrawal proves coerced. */
export interface CaseWithdrawn {
  type: 'CaseWithdrawn';
  data: CaseEventMeta & { reason?: string };
}

/** A whole withdrawal was coerced: resolution resumes where it was, the withdrawn days not counted. */
export interface CaseReopened {
  type: 'CaseReopened';
  data: CaseEventMeta & {
    reason: 'withdrawal_coerced';
    evidence: string;
    status: CaseStatusBeforeWithdrawal;
    suspension: DateInterval | null;
    deadlines: CaseDeadline[];
    acknowledgeBy?: LocalDate;
  };
}

/** The statuses a case can be withdrawn from (and returns to when reopened). */
export type CaseStatusBeforeWithdrawal = 'assigned' | 'acknowledged' | 'verifying' | 'suspended';

/** A complaint decision or a denunciation conclusion was issued. */
export interface CaseConcluded {
  type: 'CaseConcluded';
  data: CaseEventMeta &
    UnitReport & {
      result: ConclusionResult;
      documentNumber: string;
      issuedOn: LocalDate;
      summary?: string;
      enforcementRequired: boolean;
      resolutionDueOn: LocalDate;
      /** Issued after the resolution deadline. */
      late: boolean;
      /** What the decision starts: notices, the second-complaint window. */
      deadlines: CaseDeadline[];
    };
}

export interface EnforcementStarted {
  type: 'EnforcementStarted';
  data: CaseEventMeta & UnitReport & { note?: string };
}

export interface EnforcementCompleted {
  type: 'EnforcementCompleted';
  data: CaseEventMeta & UnitReport & { note?: string };
}

export interface CaseClosed {
  type: 'CaseClosed';
  data: CaseEventMeta & { result: ConclusionResult; enforced: boolean };
}

/** Moved to another commune unit; the case and its history stay, the new unit must acknowledge. */
export interface CaseTransferred {
  type: 'CaseTransferred';
  data: CaseEventMeta & { fromUnitCode: string; toUnitCode: string; reason: string };
}

/** A denunciation outside the commune's competence went to the competent body; the case ends here. */
export interface CaseTransferredOutOfCompetence {
  type: 'CaseTransferredOutOfCompetence';
  data: CaseEventMeta & { toBody: string; reason: string };
}

/** A second complaint was filed in time: the matter reopens at the next level. */
export interface SecondComplaintFiled {
  type: 'SecondComplaintFiled';
  data: CaseEventMeta & {
    petitionId: string;
    filedOn: LocalDate;
    nextLevelBody: string;
    /** Against the first decision, or because none came within the first-time limit. */
    basis: 'first_decision' | 'no_decision_in_time';
    window: CaseDeadline;
  };
}

/** A tracked deadline reached a stage (announced once per deadline and stage). */
interface DeadlineStageData extends CaseEventMeta {
  deadline: CaseDeadlineKind;
  start: LocalDate;
  dueOn: LocalDate;
  duration: Duration;
  /** Share of the days used (suspended days excluded). */
  used: number;
  unitCode: string;
}

export interface DeadlineApproaching {
  type: 'DeadlineApproaching';
  data: DeadlineStageData;
}

export interface DeadlineDue {
  type: 'DeadlineDue';
  data: DeadlineStageData;
}

export interface DeadlineOverdue {
  type: 'DeadlineOverdue';
  data: DeadlineStageData;
}

/** The unit did not acknowledge its assignment in time. */
export interface AssignmentEscalated {
  type: 'AssignmentEscalated';
  data: CaseEventMeta & {
    assignmentNo: number;
    unitCode: string;
    assignedOn: LocalDate;
    acknowledgeBy: LocalDate;
  };
}

export type CaseEvent =
  | CaseOpened
  | CaseAssigned
  | AssignmentAcknowledged
  | VerificationStarted
  | ProgressNoteAdded
  | DenunciationAccepted
  | DenunciationDeclined
  | AcceptanceCheckExtended
  | NoticeSent
  | DeadlineExtended
  | CaseSuspended
  | CaseResumed
  | CaseStopped
  | CaseWithdrawnInPart
  | CaseWithdrawn
  | CaseReopened
  | CaseConcluded
  | EnforcementStarted
  | EnforcementCompleted
  | CaseClosed
  | CaseTransferred
  | CaseTransferredOutOfCompetence
  | SecondComplaintFiled
  | DeadlineApproaching
  | DeadlineDue
  | DeadlineOverdue
  | AssignmentEscalated;

export type CaseEventType = CaseEvent['type'];

/** The stream of a case. */
export function caseStreamName(caseId: string): string {
  return `case-${caseId}`;
}
