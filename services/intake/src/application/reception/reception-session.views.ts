import {
  activeVisits,
  sessionPetitions,
  summarizeReceptionSession,
  type ActiveSessionState,
  type Delegation,
  type NoteAddedData,
  type PresidingOfficial,
  type ReceptionKind,
  type ReceptionSite,
  type ReceptionSummary,
  type SessionDetails,
  type VisitOutcome,
  type VisitState,
} from '../../domain/reception';
import type { ReceptionSessionListRow } from '../../infrastructure/reception/reception-session-list.table';

export interface VisitView {
  visitId: string;
  /** Left out for readers who do not need to recognise visitors (police). */
  visitorRef?: string;
  peopleCount: number;
  delegation?: Delegation;
  firstTime: boolean;
  matterSummary: string;
  outcome: VisitOutcome;
}

export interface ReceptionSessionView {
  id: string;
  /** Stream version: grows with every change. */
  version: number;
  status: 'open' | 'closed';
  kind: ReceptionKind;
  mode: SessionDetails['venue']['mode'];
  date: string;
  site?: ReceptionSite;
  online?: { platform: string; link: string };
  linkedSites: ReceptionSite[];
  presidedBy: PresidingOfficial;
  receivingOfficialIds: string[];
  visits: VisitView[];
  voidedVisits: { visitId: string; reason: string }[];
  /** Every petition recorded in the session. */
  petitionIds: string[];
  notes: NoteAddedData[];
  /** Computed from the visits; for a closed session, as recorded at closing. */
  summary: ReceptionSummary;
  closedAt?: string;
}

export interface ViewOptions {
  showVisitorRefs: boolean;
}

function visitView(visit: VisitState, options: ViewOptions): VisitView {
  return {
    visitId: visit.visitId,
    ...(options.showVisitorRefs ? { visitorRef: visit.visitorRef } : {}),
    peopleCount: visit.peopleCount,
    ...(visit.delegation ? { delegation: visit.delegation } : {}),
    firstTime: visit.firstTime,
    matterSummary: visit.matterSummary,
    outcome: visit.outcome,
  };
}

export function toSessionView(
  state: ActiveSessionState,
  version: number,
  options: ViewOptions,
): ReceptionSessionView {
  const { details } = state;
  const venue = details.venue;
  return {
    id: state.sessionId,
    version,
    status: state.status,
    kind: details.kind,
    mode: venue.mode,
    date: details.date,
    ...(venue.mode === 'in_person'
      ? { site: venue.site }
      : { online: { platform: venue.platform, link: venue.link } }),
    linkedSites: venue.mode === 'online' ? venue.linkedSites : [],
    presidedBy: details.presidedBy,
    receivingOfficialIds: details.receivingOfficialIds,
    visits: activeVisits(state).map((v) => visitView(v, options)),
    voidedVisits: state.visits.flatMap((v) =>
      v.voided ? [{ visitId: v.visitId, reason: v.voided.reason }] : [],
    ),
    petitionIds: [...sessionPetitions(state).keys()],
    notes: state.notes,
    summary: state.summary ?? summarizeReceptionSession(state),
    ...(state.closedAt ? { closedAt: state.closedAt } : {}),
  };
}

export interface ReceptionSessionListItemView {
  id: string;
  version: number;
  status: 'open' | 'closed';
  kind: ReceptionKind;
  mode: SessionDetails['venue']['mode'];
  date: string;
  presidedBy: PresidingOfficial;
  visits: number;
  people: number;
  delegations: number;
  petitions: number;
  closedAt: string | null;
}

export function toListItemView(row: ReceptionSessionListRow): ReceptionSessionListItemView {
  const { sessionId, ...rest } = row;
  return { id: sessionId, ...rest };
}

export interface ReceptionSessionPage {
  items: ReceptionSessionListItemView[];
  total: number;
  limit: number;
  offset: number;
}
