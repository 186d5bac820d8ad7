import type {
  CaseComplexity,
  ComplaintRound,
  DeadlineStage,
  FilingReason,
  ProcessingOutcome,
} from '@tiep-dan/contracts';
import type { Duration, LocalDate, WorkingCalendar } from '@tiep-dan/platform/calendar';
import { ProcessingError } from './processing.errors';
import type { ProcessingDeadline, ProcessingEvent } from './processing.events';
import type { ProcessingState } from './processing.state';
import type { BodyRef, PetitionFacts, ProcessingDecision, ProcessingProposal } from './processing.types';

export interface ProcessingContext {
  calendar: WorkingCalendar;
  /** TT 05/2021: 10 days from receipt (the unit is data: the texts differ). */
  processingTimeLimit: Duration;
  /** The stage a deadline is in today (time-limits/deadlineProgress), `on_track` before any. */
  stageOf(deadline: ProcessingDeadline, today: LocalDate): DeadlineStage | 'on_track';
}

/** Intake recorded a petition: open its processing with the system's proposal. */
export interface OpenProcessing {
  type: 'OpenProcessing';
  facts: PetitionFacts;
  proposal: ProcessingProposal;
  now: string;
}

/** Intake amended the petition: the proposal is made again from the new facts while nobody decided. */
export interface AmendPetitionFacts {
  type: 'AmendPetitionFacts';
  facts: PetitionFacts;
  proposal: ProcessingProposal;
  now: string;
}

export interface CancelProcessing {
  type: 'CancelProcessing';
  reason: 'withdrawn' | 'split';
  now: string;
}

/** What a processor chose; absent fields take the proposal's. */
export interface ProcessingChoice {
  outcome?: ProcessingOutcome;
  filingReason?: FilingReason;
  body?: BodyRef;
  unitCode?: string;
  complaintRound?: ComplaintRound;
  complexity: CaseComplexity;
  /** Longer time limits for complaints; by default what intake knows of the petition's hamlet. */
  remoteArea?: boolean;
  /** Required when the choice differs from the proposal. */
  reason?: string;
}

export interface DecideProcessing {
  type: 'DecideProcessing';
  choice: ProcessingChoice;
  /** The proposal for the chosen complaint round (the application asks the rules again when it changed). */
  proposal: ProcessingProposal;
  /** Id of the case an acceptance opens. */
  caseId: string;
  decidedBy: string;
  now: string;
  today: LocalDate;
}

export interface CheckProcessingDeadline {
  type: 'CheckProcessingDeadline';
  today: LocalDate;
}

export type ProcessingCommand =
  OpenProcessing | AmendPetitionFacts | CancelProcessing | DecideProcessing | CheckProcessingDeadline;

const STAGE_ORDER: readonly DeadlineStage[] = ['approaching', 'due', 'overdue'];

export function decide(
  state: ProcessingState | undefined,
  command: ProcessingCommand,
  context: ProcessingContext,
): ProcessingEvent[] {
  if (command.type === 'OpenProcessing') return open(state, command, context);
  if (!state) throw new ProcessingError('PROCESSING.NOT_FOUND', 'routing has not received this petition');
  switch (command.type) {
    case 'AmendPetitionFacts':
      if (state.status !== 'pending') return [];
      if (sameJson(state.facts, command.facts))
        return proposedIfChanged(state, command.proposal, command.now);
      return [
        {
          type: 'ProcessingFactsAmended',
          data: { petitionId: state.petitionId, facts: command.facts, amendedAt: command.now },
        },
        ...proposedIfChanged(state, command.proposal, command.now),
      ];
    case 'CancelProcessing':
      if (state.status !== 'pending') return [];
      return [
        {
          type: 'ProcessingCancelled',
          data: { petitionId: state.petitionId, reason: command.reason, cancelledAt: command.now },
        },
      ];
    case 'DecideProcessing':
      return decideOutcome(state, command);
    case 'CheckProcessingDeadline':
      return checkDeadline(state, command, context);
  }
}

function open(
  state: ProcessingState | undefined,
  command: OpenProcessing,
  context: ProcessingContext,
): ProcessingEvent[] {
  // The petition event is delivered at least once: a redelivery finds the processing open.
  if (state) return [];
  const start = command.facts.receivedOn;
  const deadline: ProcessingDeadline = {
    start,
    dueOn: context.calendar.computeDeadline(start, context.processingTimeLimit),
    duration: context.processingTimeLimit,
  };
  const petitionId = command.facts.petitionId;
  return [
    { type: 'ProcessingOpened', data: { petitionId, facts: command.facts, deadline, openedAt: command.now } },
    { type: 'ProcessingProposed', data: { petitionId, proposal: command.proposal, proposedAt: command.now } },
  ];
}

function proposedIfChanged(
  state: ProcessingState,
  proposal: ProcessingProposal,
  now: string,
): ProcessingEvent[] {
  if (state.proposal && sameJson(state.proposal, proposal)) return [];
  return [{ type: 'ProcessingProposed', data: { petitionId: state.petitionId, proposal, proposedAt: now } }];
}

function decideOutcome(state: ProcessingState, command: DecideProcessing): ProcessingEvent[] {
  const decision = decisionOf(command, state.facts);
  if (state.status === 'cancelled') {
    throw new ProcessingError(
      'PROCESSING.CANCELLED',
      'the petition was withdrawn or split: nothing to decide',
    );
  }
  if (state.status === 'decided' && state.decision) {
    if (sameDecision(state.decision, decision)) return [];
    throw new ProcessingError(
      'PROCESSING.ALREADY_DECIDED',
      `the petition was already decided (${state.decision.outcome}); a later change is a transfer of the case`,
    );
  }
  const data = {
    petitionId: state.petitionId,
    kind: state.facts.kind,
    receivedOn: state.facts.receivedOn,
    decision,
    proposed: command.proposal,
    decidedBy: command.decidedBy,
    decidedAt: command.now,
    decidedOn: command.today,
    late: command.today > state.deadline.dueOn,
  };
  return [...proposedIfChanged(state, command.proposal, command.now), { type: 'ProcessingDecided', data }];
}

/** The decision a choice makes of the proposal, with the checks the law and the reports need. */
function decisionOf(command: DecideProcessing, facts: PetitionFacts): ProcessingDecision {
  const { choice, proposal } = command;
  const outcome = choice.outcome ?? (proposal.outcome === 'undetermined' ? undefined : proposal.outcome);
  if (!outcome) {
    throw new ProcessingError(
      'PROCESSING.NOT_PROPOSED',
      'the rules could not place this petition: choose the outcome',
    );
  }
  const sameOutcome = outcome === proposal.outcome;
  const filingReason =
    outcome === 'file_away'
      ? (choice.filingReason ?? (sameOutcome ? proposal.filingReason : undefined))
      : undefined;
  const body =
    outcome === 'file_away' ? undefined : (choice.body ?? (sameOutcome ? proposal.body : undefined));
  const unitCode =
    outcome === 'accept' ? (choice.unitCode ?? (sameOutcome ? proposal.unitCode : undefined)) : undefined;
  if (outcome === 'file_away' && !filingReason) {
    throw new ProcessingError(
      'PROCESSING.FILING_REASON_REQUIRED',
      'filing a petition away needs its legal reason',
    );
  }
  if (outcome === 'accept' && !unitCode) {
    throw new ProcessingError(
      'PROCESSING.UNIT_REQUIRED',
      'an accepted petition is assigned to a unit: choose it',
    );
  }
  if ((outcome === 'forward' || outcome === 'guide' || outcome === 'remind') && !body) {
    throw new ProcessingError('PROCESSING.BODY_REQUIRED', `${outcome} needs the competent body`);
  }
  const overridden =
    proposal.outcome !== 'undetermined' &&
    (!sameOutcome ||
      filingReason !== proposal.filingReason ||
      body?.code !== proposal.body?.code ||
      (outcome === 'accept' && unitCode !== proposal.unitCode));
  const reason = choice.reason?.trim();
  if (overridden && !reason) {
    throw new ProcessingError(
      'PROCESSING.OVERRIDE_REASON_REQUIRED',
      'the decision differs from the proposal of the rules: give the reason',
    );
  }
  const complaintRound = choice.complaintRound ?? proposal.complaintRound;
  return {
    outcome,
    ...(filingReason ? { filingReason } : {}),
    ...(body ? { body } : {}),
    ...(unitCode ? { unitCode } : {}),
    ...(proposal.ruleId && !overridden ? { ruleId: proposal.ruleId } : {}),
    ...(proposal.ruleSetVersion !== undefined ? { ruleSetVersion: proposal.ruleSetVersion } : {}),
    ...(complaintRound ? { complaintRound } : {}),
    explanation: overridden && reason ? { vi: reason, en: reason } : proposal.explanation,
    complexity: choice.complexity,
    remoteArea: choice.remoteArea ?? facts.remoteArea ?? false,
    overridden,
    ...(overridden && reason ? { overrideReason: reason } : {}),
    ...(outcome === 'accept' ? { caseId: command.caseId } : {}),
  };
}

function sameDecision(a: ProcessingDecision, b: ProcessingDecision): boolean {
  return (
    a.outcome === b.outcome &&
    a.filingReason === b.filingReason &&
    a.body?.code === b.body?.code &&
    a.unitCode === b.unitCode &&
    a.complexity === b.complexity &&
    a.remoteArea === b.remoteArea
  );
}

function checkDeadline(
  state: ProcessingState,
  command: CheckProcessingDeadline,
  context: ProcessingContext,
): ProcessingEvent[] {
  if (state.status !== 'pending') return [];
  const stage = context.stageOf(state.deadline, command.today);
  if (stage === 'on_track') return [];
  // Once per stage. As for cases' deadlines, a stage passed while no tick came (the system was down)
  // is implied by the later one and not announced after it: an "approaching" alert about a petition
  // already overdue would only mislead.
  const rank = STAGE_ORDER.indexOf(stage);
  if (state.stagesReached.some((s) => STAGE_ORDER.indexOf(s) >= rank)) return [];
  return [
    {
      type: 'ProcessingDeadlineReached',
      data: { petitionId: state.petitionId, stage, dueOn: state.deadline.dueOn, today: command.today },
    },
  ];
}

function sameJson(a: unknown, b: unknown): boolean {
  return JSON.stringify(a) === JSON.stringify(b);
}
