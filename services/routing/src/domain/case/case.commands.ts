import type {
  CaseComplexity,
  ComplaintRound,
  ConclusionResult,
  PetitionKind,
  SensitiveTag,
} from '@tiep-dan/contracts';
import type { LocalDate } from '@tiep-dan/platform/calendar';
import type { NoticeKind } from './case.events';

/**
 * Who acts. `unitCode` means "acting for that commune unit": such an actor may act only on cases assigned
 * to its unit. Commune-level officials (the office, the chairman) act without one.
 */
export interface CaseActor {
  id: string;
  kind: 'user' | 'unit' | 'system';
  unitCode?: string;
}

/** Every command: the caller's clock (deciders never read one) and who acts. */
export interface CaseCommandBase {
  /** ISO 8601 instant. */
  now: string;
  /** The local date in Asia/Ho_Chi_Minh. */
  today: LocalDate;
  actor: CaseActor;
}

/** A unit's own id for a report: a report already applied changes nothing (units resend). */
interface UnitReportCommand {
  updateId?: string;
}

/** What opening a case says; a retry must say the same. */
export interface OpenCaseData {
  caseId: string;
  petitionId: string;
  kind: PetitionKind;
  classification: string;
  sensitiveTags: SensitiveTag[];
  /** Complaints only; a complaint without it is a first complaint. */
  complaintRound?: ComplaintRound;
  complexity: CaseComplexity;
  /** Remote or especially difficult area (vùng sâu, vùng xa, đi lại khó khăn): longer complaint limits. */
  remoteArea: boolean;
  receivedOn: LocalDate;
  unitCode: string;
  handlerId?: string;
  /** The competence rule that placed the case, and its rule-set version. */
  ruleId: string;
  ruleSetVersion: number;
  /** Pseudonymous petitioner references (`P-…`), never names. Empty for an anonymous denunciation. */
  petitionerRefs: string[];
  /** The first-time case, for a second complaint. */
  previousCaseId?: string;
  /** A denunciation that another body transferred here: the one transfer allowed is used up. */
  transferredFrom?: string;
}

/** Thụ lý: open the case, assign it and start its deadlines (acceptance = `today`). */
export interface OpenCase extends CaseCommandBase, OpenCaseData {
  type: 'OpenCase';
}

/** The assigned unit confirms it has the case (only that unit). */
export interface AcknowledgeAssignment extends CaseCommandBase, UnitReportCommand {
  type: 'AcknowledgeAssignment';
  handlerId?: string;
}

export interface StartVerification extends CaseCommandBase, UnitReportCommand {
  type: 'StartVerification';
  handlerId?: string;
}

export interface AddProgressNote extends CaseCommandBase {
  type: 'AddProgressNote';
  updateId: string;
  note: string;
}

/** Thụ lý tố cáo, during the acceptance check. */
export interface AcceptDenunciation extends CaseCommandBase {
  type: 'AcceptDenunciation';
}

/** Không thụ lý: the denunciation does not meet the conditions of acceptance. */
export interface DeclineDenunciation extends CaseCommandBase {
  type: 'DeclineDenunciation';
  reason: string;
}

/** The check needs verification in several places: 7 → 10 working days, once. */
export interface ExtendAcceptanceCheck extends CaseCommandBase {
  type: 'ExtendAcceptanceCheck';
  reason: string;
}

export interface RecordNoticeSent extends CaseCommandBase {
  type: 'RecordNoticeSent';
  notice: NoticeKind;
  /** Defaults to today. */
  sentOn?: LocalDate;
}

/** Gia hạn by written decision. */
export interface ExtendDeadline extends CaseCommandBase, UnitReportCommand {
  type: 'ExtendDeadline';
  reason: string;
  decisionNumber?: string;
  /** The days added; at most what the rule allows (the law says "not more than"), which is the default. */
  amount?: number;
  /** The complexity the extension decision declares (a denunciation found very complex gets two). */
  complexity?: CaseComplexity;
}

/** Tạm đình chỉ. */
export interface Suspend extends CaseCommandBase {
  type: 'Suspend';
  reason: string;
}

export interface Resume extends CaseCommandBase {
  type: 'Resume';
}

/** Đình chỉ: terminal. */
export interface Stop extends CaseCommandBase {
  type: 'Stop';
  reason: string;
}

export interface Withdraw extends CaseCommandBase {
  type: 'Withdraw';
  scope: 'whole' | 'part';
  /** Which part, for a partial withdrawal. */
  part?: string;
  reason?: string;
}

/** Only a whole withdrawal shown to be coerced is reopened. */
export interface Reopen extends CaseCommandBase {
  type: 'Reopen';
  reason: 'withdrawal_coerced';
  evidence: string;
}

/** Quyết định giải quyết khiếu nại / kết luận nội dung tố cáo / the answer to a recommendation. */
export interface Conclude extends CaseCommandBase, UnitReportCommand {
  type: 'Conclude';
  result: ConclusionResult;
  documentNumber: string;
  issuedOn: LocalDate;
  summary?: string;
  /**
   * Denunciations only: whether the conclusion orders handling measures (LTC art. 44), which makes
   * enforcement required. Defaults to "the denunciation was right or partly right".
   */
  handlingMeasures?: boolean;
}

export interface StartEnforcement extends CaseCommandBase, UnitReportCommand {
  type: 'StartEnforcement';
  note?: string;
}

export interface CompleteEnforcement extends CaseCommandBase, UnitReportCommand {
  type: 'CompleteEnforcement';
  note?: string;
}

export interface Close extends CaseCommandBase {
  type: 'Close';
}

export interface TransferToUnit extends CaseCommandBase {
  type: 'TransferToUnit';
  toUnitCode: string;
  reason: string;
  handlerId?: string;
}

export interface TransferOutOfCompetence extends CaseCommandBase {
  type: 'TransferOutOfCompetence';
  toBody: string;
  reason: string;
}

export interface FileSecondComplaint extends CaseCommandBase {
  type: 'FileSecondComplaint';
  petitionId: string;
  filedOn: LocalDate;
  /** When the complainant received the first decision (the window runs from receipt); defaults to its issue date. */
  decisionReceivedOn?: LocalDate;
  /** Defaults to the provincial people's committee (its exact body is still to verify, DOMAIN.md). */
  nextLevelBody?: string;
}

/** A clock tick. */
export interface CheckDeadlines extends CaseCommandBase {
  type: 'CheckDeadlines';
}

export type CaseCommand =
  | OpenCase
  | AcknowledgeAssignment
  | StartVerification
  | AddProgressNote
  | AcceptDenunciation
  | DeclineDenunciation
  | ExtendAcceptanceCheck
  | RecordNoticeSent
  | ExtendDeadline
  | Suspend
  | Resume
  | Stop
  | Withdraw
  | Reopen
  | Conclude
  | StartEnforcement
  | CompleteEnforcement
  | Close
  | TransferToUnit
  | TransferOutOfCompetence
  | FileSecondComplaint
  | CheckDeadlines;

export type CaseCommandType = CaseCommand['type'];
