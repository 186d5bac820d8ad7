import type { DeadlineStage } from '@tiep-dan/contracts';
import type { Duration, LocalDate } from '@tiep-dan/platform/calendar';
import type { PetitionFacts, ProcessingDecision, ProcessingProposal } from './processing.types';

/** The legal time to decide what happens to a petition (xử lý đơn), counted from its receipt. */
export interface ProcessingDeadline {
  start: LocalDate;
  dueOn: LocalDate;
  duration: Duration;
}

/** A received petition waits for its processing decision; the system's proposal follows. */
export interface ProcessingOpened {
  type: 'ProcessingOpened';
  data: { petitionId: string; facts: PetitionFacts; deadline: ProcessingDeadline; openedAt: string };
}

/** What the rules propose (again after an amendment of the petition or a change of the complaint round). */
export interface ProcessingProposed {
  type: 'ProcessingProposed';
  data: { petitionId: string; proposal: ProcessingProposal; proposedAt: string };
}

/** Intake amended the petition before processing: the facts the proposal rests on changed. */
export interface ProcessingFactsAmended {
  type: 'ProcessingFactsAmended';
  data: { petitionId: string; facts: PetitionFacts; amendedAt: string };
}

/** A processor confirmed the proposal or overrode it with a reason (counted for the misrouting rate). */
export interface ProcessingDecided {
  type: 'ProcessingDecided';
  data: {
    petitionId: string;
    kind: PetitionFacts['kind'];
    receivedOn: LocalDate;
    decision: ProcessingDecision;
    proposed: ProcessingProposal;
    decidedBy: string;
    decidedAt: string;
    decidedOn: LocalDate;
    /** The decision came after the processing deadline. */
    late: boolean;
  };
}

/** The petition was withdrawn or split before a decision: nothing left to decide. */
export interface ProcessingCancelled {
  type: 'ProcessingCancelled';
  data: { petitionId: string; reason: 'withdrawn' | 'split'; cancelledAt: string };
}

/** A clock tick found the processing deadline approaching, due or passed. */
export interface ProcessingDeadlineReached {
  type: 'ProcessingDeadlineReached';
  data: { petitionId: string; stage: DeadlineStage; dueOn: LocalDate; today: LocalDate };
}

export type ProcessingEvent =
  | ProcessingOpened
  | ProcessingProposed
  | ProcessingFactsAmended
  | ProcessingDecided
  | ProcessingCancelled
  | ProcessingDeadlineReached;
