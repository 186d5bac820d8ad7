import {
  AggregateRepository,
  type EventMetadata,
  type EventStore,
  type Loaded,
  type RecordedEvent,
} from '@tiep-dan/event-store';
import { decide, type PetitionCommand } from '../../domain/petition/petition.decide';
import type { PetitionEvent } from '../../domain/petition/petition.events';
import { evolve, foldPetition, type PetitionState } from '../../domain/petition/petition.state';
import { PETITION_STREAM_PREFIX } from './petition.relay-mapping';

export type LoadedPetition = Loaded<PetitionState, PetitionEvent>;

export interface HandleResult {
  state: PetitionState;
  version: number;
  /** Events appended by this call (empty for an idempotent retry). */
  appended: PetitionEvent[];
  /** The same as the store recorded them (positions aside), for projections to apply at once. */
  recorded: RecordedEvent[];
}

/**
 * The petition aggregate on the event store: load → decide → append with the expected version,
 * decided again on a concurrent writer's version conflict (libs/event-store AggregateRepository).
 */
export class PetitionRepository {
  private readonly aggregates: AggregateRepository<PetitionState, PetitionEvent>;

  constructor(store: EventStore) {
    this.aggregates = new AggregateRepository(store, {
      prefix: PETITION_STREAM_PREFIX,
      fold: foldPetition,
      evolve,
    });
  }

  static streamId(petitionId: string): string {
    return `${PETITION_STREAM_PREFIX}${petitionId}`;
  }

  load(petitionId: string): Promise<LoadedPetition> {
    return this.aggregates.load(petitionId);
  }

  /** `preloaded`: the stream as the caller just read it, saving a read on the first attempt. */
  async handle(
    petitionId: string,
    command: PetitionCommand,
    metadata: EventMetadata,
    preloaded?: LoadedPetition,
  ): Promise<HandleResult> {
    const result = await this.aggregates.handle(
      petitionId,
      (state) => decide(state, command),
      metadata,
      preloaded,
    );
    // Every petition command but the recording needs the petition; the decider refuses it otherwise.
    if (!result.state) throw new Error('decider returned no events for a petition that does not exist');
    return { ...result, state: result.state };
  }
}
