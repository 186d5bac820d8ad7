import type { PetitionReceivedV1, PetitionAmendedV1 } from '@tiep-dan/contracts';
import {
  AggregateRepository,
  nameBasedUuid,
  type EventMetadata,
  type Handled,
  type EventStore,
  type RecordedEvent,
} from '@tiep-dan/event-store';
import type { Duration, LocalDate, WorkingCalendar } from '@tiep-dan/platform/calendar';
import {
  decide,
  foldProcessing,
  proposeProcessing,
  ProcessingError,
  type CompetenceGap,
  type CompetenceProposal,
  type PetitionFacts,
  type ProcessingChoice,
  type ProcessingCommand,
  type ProcessingContext,
  type ProcessingEvent,
  type ProcessingState,
  type ProcessingProposal,
} from '../../domain/processing';
import { correlatedMetadata } from '../../infrastructure/event-sourcing/correlated-metadata';
import type { ProcessingListReadModel } from '../../infrastructure/read-models/processing-list.read-model';
import type { Instant } from '../clock';

import { PROCESSING_STREAM_PREFIX } from '../../infrastructure/relay/routing.relay-mapping';

/** The competence rules' answer for a petition's facts (RulesService.match), or the gap they leave. */
export type CompetenceLookup = (
  facts: PetitionFacts,
  complaintRound: 'first' | 'second' | undefined,
) => Promise<CompetenceProposal | CompetenceGap>;

export interface ProcessingServiceOptions {
  store: EventStore;
  competence: CompetenceLookup;
  calendar: () => Promise<WorkingCalendar>;
  processingTimeLimit: Duration;
  /** The stage a deadline is in today (time-limits/deadlineProgress). */
  stageOf: (
    ...args: [...Parameters<ProcessingContext['stageOf']>, WorkingCalendar]
  ) => ReturnType<ProcessingContext['stageOf']>;
  readModel: ProcessingListReadModel;
  /**
   * The complaint round of the case an earlier petition opened, if it opened a complaint case. A
   * complaint that repeats the matter of a first-round case is the second complaint (LKN art. 33).
   */
  earlierComplaintRound?: (petitionId: string) => Promise<'first' | 'second' | undefined>;
}

export interface Actor {
  userId: string;
  username: string;
}

/** The case id an acceptance opens: one case per accepted petition, the same on every retry. */
export function caseIdFor(petitionId: string): string {
  return nameBasedUuid(`case:${petitionId}`);
}

/** The facts routing keeps of intake's PetitionReceived: no identity, no free text. */
export function factsFromReceived(data: PetitionReceivedV1): PetitionFacts {
  return {
    petitionId: data.petitionId,
    kind: data.kind,
    channel: data.channel,
    receivedOn: data.receivedOn,
    classification: data.classification,
    sensitiveTags: data.sensitiveTags,
    missingElements: data.missingElements,
    ...(data.hamletCode ? { hamletCode: data.hamletCode } : {}),
    ...(data.remoteArea !== undefined ? { remoteArea: data.remoteArea } : {}),
    petitioners: {
      type: data.petitioners.type,
      headcount: data.petitioners.headcount,
      anonymous: data.petitioners.anonymous,
      refs: data.petitioners.refs,
    },
    ...(data.respondent ? { respondent: data.respondent } : {}),
    ...(data.learnedOfDecisionOn ? { learnedOfDecisionOn: data.learnedOfDecisionOn } : {}),
    ...(data.duplicateOf ? { duplicateOf: { petitionId: data.duplicateOf.petitionId } } : {}),
    ...(data.repeatOf ? { repeatOf: { petitionId: data.repeatOf.petitionId } } : {}),
    ...(data.splitFrom ? { splitFrom: data.splitFrom } : {}),
  };
}

/**
 * Processing of petitions (xử lý đơn): opens it when intake records a petition, proposes the outcome
 * from the filing-away grounds and the competence rules, lets a processor confirm or override it, and
 * follows the 10-day processing deadline.
 */
export class ProcessingService {
  private readonly aggregates: AggregateRepository<ProcessingState, ProcessingEvent>;

  constructor(private readonly options: ProcessingServiceOptions) {
    this.aggregates = new AggregateRepository(options.store, {
      prefix: PROCESSING_STREAM_PREFIX,
      fold: foldProcessing,
      defaults: correlatedMetadata,
    });
  }

  async onPetitionReceived(
    data: PetitionReceivedV1,
    at: Instant,
    metadata: EventMetadata,
  ): Promise<Handled<ProcessingState, ProcessingEvent>> {
    const facts = factsFromReceived(data);
    const proposal = await this.propose(facts);
    return this.handle(facts.petitionId, { type: 'OpenProcessing', facts, proposal, now: at.now }, metadata);
  }

  async onPetitionAmended(
    data: PetitionAmendedV1,
    at: Instant,
    metadata: EventMetadata,
  ): Promise<Handled<ProcessingState, ProcessingEvent> | undefined> {
    const { state } = await this.aggregates.load(data.petitionId);
    if (!state || state.status !== 'pending') return undefined;
    const facts: PetitionFacts = {
      ...state.facts,
      ...(data.classification !== undefined ? { classification: data.classification } : {}),
      ...(data.sensitiveTags !== undefined ? { sensitiveTags: data.sensitiveTags } : {}),
      ...(data.missingElements !== undefined ? { missingElements: data.missingElements } : {}),
      ...(data.hamletCode !== undefined ? { hamletCode: data.hamletCode } : {}),
      ...(data.remoteArea !== undefined ? { remoteArea: data.remoteArea } : {}),
      ...(data.learnedOfDecisionOn !== undefined ? { learnedOfDecisionOn: data.learnedOfDecisionOn } : {}),
    };
    const proposal = await this.propose(facts, state.proposal?.complaintRound);
    return this.handle(
      data.petitionId,
      { type: 'AmendPetitionFacts', facts, proposal, now: at.now },
      metadata,
    );
  }

  /** The petition was withdrawn or split: a pending processing ends. Returns the state (decided ones stay). */
  async cancel(petitionId: string, reason: 'withdrawn' | 'split', at: Instant, metadata: EventMetadata) {
    const { state } = await this.aggregates.load(petitionId);
    if (!state) return undefined;
    return this.handle(petitionId, { type: 'CancelProcessing', reason, now: at.now }, metadata);
  }

  async decide(
    petitionId: string,
    choice: ProcessingChoice,
    actor: Actor,
    at: Instant,
    metadata: EventMetadata,
  ) {
    const { state } = await this.aggregates.load(petitionId);
    if (!state)
      throw new ProcessingError('PROCESSING.NOT_FOUND', 'Không tìm thấy đơn trong danh sách xử lý.');
    const round = choice.complaintRound ?? state.proposal?.complaintRound;
    const proposal =
      state.proposal && round === state.proposal.complaintRound
        ? state.proposal
        : await this.propose(state.facts, round);
    return this.handle(
      petitionId,
      {
        type: 'DecideProcessing',
        choice,
        proposal,
        caseId: caseIdFor(petitionId),
        decidedBy: actor.userId,
        now: at.now,
        today: at.today,
      },
      metadata,
    );
  }

  checkDeadline(petitionId: string, today: LocalDate, metadata: EventMetadata) {
    return this.handle(petitionId, { type: 'CheckProcessingDeadline', today }, metadata);
  }

  async get(
    petitionId: string,
  ): Promise<{ state: ProcessingState; version: number; events: ProcessingEvent[] }> {
    const loaded = await this.aggregates.load(petitionId);
    if (!loaded.state)
      throw new ProcessingError('PROCESSING.NOT_FOUND', 'Không tìm thấy đơn trong danh sách xử lý.');
    return { state: loaded.state, version: loaded.version, events: loaded.events };
  }

  private async propose(facts: PetitionFacts, round?: 'first' | 'second'): Promise<ProcessingProposal> {
    const complaintRound =
      facts.kind === 'complaint' ? (round ?? (await this.roundOfRepeat(facts)) ?? 'first') : undefined;
    return proposeProcessing(facts, await this.options.competence(facts, complaintRound), complaintRound);
  }

  /** A complaint about a matter whose first-round complaint case closed is the second complaint. */
  private async roundOfRepeat(facts: PetitionFacts): Promise<'second' | undefined> {
    if (!facts.repeatOf || !this.options.earlierComplaintRound) return undefined;
    return (await this.options.earlierComplaintRound(facts.repeatOf.petitionId)) === 'first'
      ? 'second'
      : undefined;
  }

  private async handle(petitionId: string, command: ProcessingCommand, metadata: EventMetadata) {
    const calendar = await this.options.calendar();
    const context: ProcessingContext = {
      calendar,
      processingTimeLimit: this.options.processingTimeLimit,
      stageOf: (deadline, today) => this.options.stageOf(deadline, today, calendar),
    };
    const result = await this.aggregates.handle(
      petitionId,
      (state) => decide(state, command, context),
      metadata,
    );
    // Applied at once so that the list shows a write to its writer; the subscriber's replay is a no-op.
    await this.applyToReadModel(result.recorded);
    return result;
  }

  private async applyToReadModel(recorded: RecordedEvent[]): Promise<void> {
    for (const event of recorded) await this.options.readModel.apply(event);
  }
}
