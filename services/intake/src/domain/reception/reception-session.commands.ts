import type { Delegation, SessionDetails, VisitOutcome } from './reception-session.events';

/**
 * Commands on one reception session. Ids of new things (session, visit, note) are chosen by the
 * caller, so a retried command is recognisable; "now" is passed to `decide` beside the command.
 */

export interface OpenReceptionSession extends SessionDetails {
  type: 'OpenReceptionSession';
  sessionId: string;
}

export interface VisitInput {
  visitorRef: string;
  /** People who came without forming a delegation (1–4); defaults to 1. */
  peopleCount?: number;
  delegation?: Delegation;
  firstTime: boolean;
  matterSummary: string;
  outcome: VisitOutcome;
}

export interface RecordVisit extends VisitInput {
  type: 'RecordVisit';
  visitId: string;
}

export interface LinkPetition {
  type: 'LinkPetition';
  petitionId: string;
  visitId?: string;
}

export interface AddNote {
  type: 'AddNote';
  noteId: string;
  text: string;
  addedBy: string;
}

export interface CorrectSessionDetails extends SessionDetails {
  type: 'CorrectSessionDetails';
  reason: string;
}

export interface CorrectVisit extends VisitInput {
  type: 'CorrectVisit';
  visitId: string;
  reason: string;
}

export interface VoidVisit {
  type: 'VoidVisit';
  visitId: string;
  reason: string;
}

export interface UnlinkPetition {
  type: 'UnlinkPetition';
  petitionId: string;
  reason: string;
}

export interface CloseReceptionSession {
  type: 'CloseReceptionSession';
}

export type ReceptionSessionCommand =
  | OpenReceptionSession
  | RecordVisit
  | LinkPetition
  | AddNote
  | CorrectSessionDetails
  | CorrectVisit
  | VoidVisit
  | UnlinkPetition
  | CloseReceptionSession;
