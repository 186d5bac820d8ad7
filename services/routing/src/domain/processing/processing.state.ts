import type { DeadlineStage } from '@tiep-dan/contracts';
import type { ProcessingDeadline, ProcessingEvent } from './processing.events';
import type { PetitionFacts, ProcessingDecision, ProcessingProposal } from './processing.types';

export type ProcessingStatus = 'pending' | 'decided' | 'cancelled';

export interface ProcessingState {
  petitionId: string;
  status: ProcessingStatus;
  facts: PetitionFacts;
  deadline: ProcessingDeadline;
  proposal?: ProcessingProposal;
  decision?: ProcessingDecision;
  stagesReached: DeadlineStage[];
}

export function evolve(
  state: ProcessingState | undefined,
  event: ProcessingEvent,
): ProcessingState | undefined {
  switch (event.type) {
    case 'ProcessingOpened':
      return {
        petitionId: event.data.petitionId,
        status: 'pending',
        facts: event.data.facts,
        deadline: event.data.deadline,
        stagesReached: [],
      };
    case 'ProcessingProposed':
      return state && { ...state, proposal: event.data.proposal };
    case 'ProcessingFactsAmended':
      return state && { ...state, facts: event.data.facts };
    case 'ProcessingDecided':
      return state && { ...state, status: 'decided', decision: event.data.decision };
    case 'ProcessingCancelled':
      return state && { ...state, status: 'cancelled' };
    case 'ProcessingDeadlineReached':
      return state && { ...state, stagesReached: [...state.stagesReached, event.data.stage] };
  }
}

export function foldProcessing(events: readonly ProcessingEvent[]): ProcessingState | undefined {
  return events.reduce<ProcessingState | undefined>(evolve, undefined);
}
