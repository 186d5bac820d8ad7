import type { LocalDate } from './reception-date';

/**
 * Events of one reception session (phiên tiếp công dân), stream `reception-session-<id>`. Data is plain
 * JSON (it goes through jsonb); instants are ISO-8601 strings. No event carries a citizen's name: a
 * visitor is known by the pseudonymous reference the caller gives.
 */

/**
 * Regular reception by the reception officers (tiếp thường xuyên); the chairman's periodic reception
 * (tiếp định kỳ); ad-hoc reception by the head for an urgent or complex matter (tiếp đột xuất).
 */
export const RECEPTION_KINDS = ['regular', 'chairman_periodic', 'ad_hoc'] as const;
export type ReceptionKind = (typeof RECEPTION_KINDS)[number];

/** Online reception: Luật 136/2025, in force 1 Jul 2026. */
export const RECEPTION_MODES = ['in_person', 'online'] as const;
export type ReceptionMode = (typeof RECEPTION_MODES)[number];

/** Position of the official presiding; a vice chairman presides over periodic reception only by authorisation. */
export const OFFICIAL_POSITIONS = ['chairman', 'vice_chairman', 'official'] as const;
export type OfficialPosition = (typeof OFFICIAL_POSITIONS)[number];

/** A reception office or place (Trụ sở / Địa điểm tiếp công dân). */
export interface ReceptionSite {
  name: string;
  address?: string;
}

export type ReceptionVenue =
  | { mode: 'in_person'; site: ReceptionSite }
  /** An online session may connect several reception sites where citizens come to take part. */
  | { mode: 'online'; platform: string; link: string; linkedSites: ReceptionSite[] };

export interface PresidingOfficial {
  officialId: string;
  position: OfficialPosition;
}

export interface SessionDetails {
  kind: ReceptionKind;
  /** The commune's local date the session was held. */
  date: LocalDate;
  venue: ReceptionVenue;
  presidedBy: PresidingOfficial;
  /** The other officials receiving citizens with the presiding one. */
  receivingOfficialIds: string[];
}

/** Đoàn đông người: five or more people coming about one matter, speaking through representatives. */
export interface Delegation {
  headcount: number;
  representativesCount: number;
}

/** Grounds to refuse reception (từ chối tiếp công dân), Luật Tiếp công dân art. 9. */
export const REFUSAL_REASON_CODES = [
  'intoxicated',
  'threatening',
  'already_resolved_correctly',
  'other',
] as const;
export type RefusalReasonCode = (typeof REFUSAL_REASON_CODES)[number];

export type RefusalReason = { code: Exclude<RefusalReasonCode, 'other'> } | { code: 'other'; text: string };

export const VISIT_OUTCOME_TYPES = ['petition_recorded', 'guided', 'answered', 'refused'] as const;
export type VisitOutcomeType = (typeof VISIT_OUTCOME_TYPES)[number];

export type VisitOutcome =
  /** One visit can record several petitions: a petition with several contents is split (TT 05/2021). */
  | { type: 'petition_recorded'; petitionIds: string[] }
  /** Hướng dẫn: told which body to turn to. */
  | { type: 'guided'; guidedTo?: string }
  /** Giải thích, trả lời trực tiếp. */
  | { type: 'answered' }
  | { type: 'refused'; reason: RefusalReason };

export interface VisitDetails {
  /** Pseudonymous reference given by the caller (never a name): lets repeat visits be recognised. */
  visitorRef: string;
  /** People who came; for a delegation, its headcount. */
  peopleCount: number;
  delegation?: Delegation;
  /** First time about this matter, or a repeat visit (lần đầu / nhiều lần), as 01/TCD counts. */
  firstTime: boolean;
  matterSummary: string;
  outcome: VisitOutcome;
}

export interface ReceptionSummary {
  visits: number;
  people: number;
  firstTimeVisits: number;
  repeatVisits: number;
  delegations: number;
  delegationPeople: number;
  firstTimeDelegations: number;
  repeatDelegations: number;
  outcomes: Record<VisitOutcomeType, number>;
  /** Distinct petitions recorded in the session. */
  petitions: number;
}

export interface ReceptionSessionOpenedData extends SessionDetails {
  sessionId: string;
}
export interface CitizenReceivedData extends VisitDetails {
  visitId: string;
}
export interface PetitionLinkedData {
  petitionId: string;
  /** The visit in which it was handed in, when there was one. */
  visitId?: string;
}
export interface NoteAddedData {
  noteId: string;
  text: string;
  addedBy: string;
  addedAt: string;
}
export interface ReceptionSessionCorrectedData extends SessionDetails {
  reason: string;
}
export interface VisitCorrectedData extends VisitDetails {
  visitId: string;
  reason: string;
}
export interface VisitVoidedData {
  visitId: string;
  reason: string;
}
export interface PetitionUnlinkedData {
  petitionId: string;
  reason: string;
}
export interface ReceptionSessionClosedData {
  closedAt: string;
  summary: ReceptionSummary;
}

export type ReceptionSessionEvent =
  | { type: 'ReceptionSessionOpened'; data: ReceptionSessionOpenedData }
  | { type: 'CitizenReceived'; data: CitizenReceivedData }
  | { type: 'PetitionLinked'; data: PetitionLinkedData }
  | { type: 'NoteAdded'; data: NoteAddedData }
  | { type: 'ReceptionSessionCorrected'; data: ReceptionSessionCorrectedData }
  | { type: 'VisitCorrected'; data: VisitCorrectedData }
  | { type: 'VisitVoided'; data: VisitVoidedData }
  | { type: 'PetitionUnlinked'; data: PetitionUnlinkedData }
  | { type: 'ReceptionSessionClosed'; data: ReceptionSessionClosedData };

export type ReceptionSessionEventType = ReceptionSessionEvent['type'];

export const RECEPTION_SESSION_EVENT_TYPES: readonly ReceptionSessionEventType[] = [
  'ReceptionSessionOpened',
  'CitizenReceived',
  'PetitionLinked',
  'NoteAdded',
  'ReceptionSessionCorrected',
  'VisitCorrected',
  'VisitVoided',
  'PetitionUnlinked',
  'ReceptionSessionClosed',
];
