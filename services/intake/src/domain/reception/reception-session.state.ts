import type {
  NoteAddedData,
  ReceptionSessionEvent,
  ReceptionSummary,
  SessionDetails,
  VisitDetails,
} from './reception-session.events';

export interface VisitState extends VisitDetails {
  visitId: string;
  /** Set when the visit was recorded by mistake; it then counts nowhere. */
  voided?: { reason: string };
}

export interface ActiveSessionState {
  status: 'open' | 'closed';
  sessionId: string;
  details: SessionDetails;
  /** In recording order, voided ones included (the history stays visible). */
  visits: VisitState[];
  /** Petitions recorded in the session but not handed in at a particular visit. */
  unattachedPetitionIds: string[];
  notes: NoteAddedData[];
  closedAt?: string;
  summary?: ReceptionSummary;
}

export type ReceptionSessionState = { status: 'none' } | ActiveSessionState;

export const initialReceptionSessionState: ReceptionSessionState = { status: 'none' };

function withVisit(
  state: ActiveSessionState,
  visitId: string,
  change: (visit: VisitState) => VisitState,
): ActiveSessionState {
  return { ...state, visits: state.visits.map((v) => (v.visitId === visitId ? change(v) : v)) };
}

/** Applies one event; trusts it (the decider already checked the rules when it was written). */
export function evolveReceptionSession(
  state: ReceptionSessionState,
  event: ReceptionSessionEvent,
): ReceptionSessionState {
  if (event.type === 'ReceptionSessionOpened') {
    const { sessionId, ...details } = event.data;
    return { status: 'open', sessionId, details, visits: [], unattachedPetitionIds: [], notes: [] };
  }
  if (state.status === 'none') return state;
  switch (event.type) {
    case 'CitizenReceived': {
      const { visitId, ...details } = event.data;
      return { ...state, visits: [...state.visits, { visitId, ...details }] };
    }
    case 'PetitionLinked': {
      const { petitionId, visitId } = event.data;
      if (visitId === undefined) {
        return { ...state, unattachedPetitionIds: [...state.unattachedPetitionIds, petitionId] };
      }
      return withVisit(state, visitId, (visit) =>
        visit.outcome.type === 'petition_recorded'
          ? {
              ...visit,
              outcome: { ...visit.outcome, petitionIds: [...visit.outcome.petitionIds, petitionId] },
            }
          : visit,
      );
    }
    case 'NoteAdded':
      return { ...state, notes: [...state.notes, event.data] };
    case 'ReceptionSessionCorrected': {
      const { reason: _reason, ...details } = event.data;
      return { ...state, details };
    }
    case 'VisitCorrected': {
      const { visitId, reason: _reason, ...details } = event.data;
      return withVisit(state, visitId, () => ({ visitId, ...details }));
    }
    case 'VisitVoided':
      return withVisit(state, event.data.visitId, (visit) => ({
        ...visit,
        voided: { reason: event.data.reason },
      }));
    case 'PetitionUnlinked': {
      const { petitionId } = event.data;
      return {
        ...state,
        unattachedPetitionIds: state.unattachedPetitionIds.filter((id) => id !== petitionId),
        visits: state.visits.map((visit) =>
          visit.outcome.type === 'petition_recorded' && visit.outcome.petitionIds.includes(petitionId)
            ? {
                ...visit,
                outcome: {
                  ...visit.outcome,
                  petitionIds: visit.outcome.petitionIds.filter((id) => id !== petitionId),
                },
              }
            : visit,
        ),
      };
    }
    case 'ReceptionSessionClosed':
      return { ...state, status: 'closed', closedAt: event.data.closedAt, summary: event.data.summary };
  }
}

export function foldReceptionSession(events: readonly ReceptionSessionEvent[]): ReceptionSessionState {
  return events.reduce(evolveReceptionSession, initialReceptionSessionState);
}

export function activeVisits(state: ActiveSessionState): VisitState[] {
  return state.visits.filter((v) => !v.voided);
}

/** Every petition recorded in the session, with the visit it was handed in at (if any). */
export function sessionPetitions(state: ActiveSessionState): Map<string, string | undefined> {
  const petitions = new Map<string, string | undefined>();
  for (const visit of activeVisits(state)) {
    if (visit.outcome.type !== 'petition_recorded') continue;
    for (const id of visit.outcome.petitionIds) petitions.set(id, visit.visitId);
  }
  for (const id of state.unattachedPetitionIds) petitions.set(id, undefined);
  return petitions;
}

/** The figures 01/TCD counts for one session, always computed from the visits, never supplied. */
export function summarizeReceptionSession(state: ActiveSessionState): ReceptionSummary {
  const summary: ReceptionSummary = {
    visits: 0,
    people: 0,
    firstTimeVisits: 0,
    repeatVisits: 0,
    delegations: 0,
    delegationPeople: 0,
    firstTimeDelegations: 0,
    repeatDelegations: 0,
    outcomes: { petition_recorded: 0, guided: 0, answered: 0, refused: 0 },
    petitions: sessionPetitions(state).size,
  };
  for (const visit of activeVisits(state)) {
    summary.visits += 1;
    summary.people += visit.peopleCount;
    summary[visit.firstTime ? 'firstTimeVisits' : 'repeatVisits'] += 1;
    summary.outcomes[visit.outcome.type] += 1;
    if (visit.delegation) {
      summary.delegations += 1;
      summary.delegationPeople += visit.delegation.headcount;
      summary[visit.firstTime ? 'firstTimeDelegations' : 'repeatDelegations'] += 1;
    }
  }
  return summary;
}
