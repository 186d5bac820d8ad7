import type { PetitionEvent, PetitionReceived } from './petition.events';

export type PetitionStatus = 'received' | 'processing' | 'withdrawn' | 'split';

export interface PetitionState {
  petitionId: string;
  status: PetitionStatus;
  received: PetitionReceived['data'];
  /** The petition as amended so far. */
  current: PetitionReceived['data'];
  erasedPersonIds: string[];
  reveals: number;
  /** The parts, once split. */
  splitInto?: string[];
}

/** Folds the petition's events, oldest first; `undefined` before `PetitionReceived`. */
export function evolve(state: PetitionState | undefined, event: PetitionEvent): PetitionState | undefined {
  if (event.type === 'PetitionReceived') {
    return {
      petitionId: event.data.petitionId,
      status: 'received',
      received: event.data,
      current: event.data,
      erasedPersonIds: [],
      reveals: 0,
    };
  }
  if (!state) return state;
  switch (event.type) {
    case 'PetitionAmended':
      return { ...state, current: { ...state.current, ...event.data.changes } };
    case 'PetitionWithdrawn':
      return { ...state, status: 'withdrawn' };
    case 'PetitionSplit':
      return { ...state, status: 'split', splitInto: event.data.parts.map((p) => p.petitionId) };
    case 'PetitionProcessingStarted':
      return state.status === 'received' ? { ...state, status: 'processing' } : state;
    case 'PetitionerIdentityRevealed':
      return { ...state, reveals: state.reveals + 1 };
    case 'PetitionerDataErased':
      return { ...state, erasedPersonIds: [...state.erasedPersonIds, event.data.personId] };
  }
}

export function foldPetition(events: readonly PetitionEvent[]): PetitionState | undefined {
  return events.reduce<PetitionState | undefined>(evolve, undefined);
}
