import { randomUUID } from 'node:crypto';
import {
  WrongExpectedVersionError,
  type EventMetadata,
  type EventStore,
  type RecordedEvent,
} from '@tiep-dan/event-store';
import { decide, type PetitionCommand } from '../../domain/petition/petition.decide';
import type { PetitionEvent } from '../../domain/petition/petition.events';
import { evolve, foldPetition, type PetitionState } from '../../domain/petition/petition.state';
import { PETITION_STREAM_PREFIX } from './petition.relay-mapping';

export interface LoadedPetition {
  state: PetitionState | undefined;
  version: number;
  events: PetitionEvent[];
}

export interface HandleResult {
  state: PetitionState;
  version: number;
  /** Events appended by this call (empty for an idempotent retry). */
  appended: PetitionEvent[];
  /** The same as the store recorded them (positions aside), for projections to apply at once. */
  recorded: RecordedEvent[];
}

/**
 * Load → decide → append with the expected version, for the petition aggregate. A concurrent writer
 * makes the append fail on the version; the command is then decided again on the fresh state (a
 * bounded number of times), so the outcome is the same as if the two had run one after the other.
 */
export class PetitionRepository {
  constructor(private readonly store: EventStore) {}

  static streamId(petitionId: string): string {
    return `${PETITION_STREAM_PREFIX}${petitionId}`;
  }

  async load(petitionId: string): Promise<LoadedPetition> {
    const recorded = await this.store.readStream(PetitionRepository.streamId(petitionId));
    const events = recorded.map((r) => ({ type: r.type, data: r.data }) as PetitionEvent);
    return { state: foldPetition(events), version: recorded.length - 1, events };
  }

  /** `preloaded`: the stream as the caller just read it, saving a read on the first attempt. */
  async handle(
    petitionId: string,
    command: PetitionCommand,
    metadata: EventMetadata,
    preloaded?: LoadedPetition,
  ): Promise<HandleResult> {
    for (let attempt = 0; ; attempt++) {
      const loaded = attempt === 0 && preloaded ? preloaded : await this.load(petitionId);
      const events = decide(loaded.state, command);
      if (events.length === 0) {
        if (!loaded.state) throw new Error('decider returned no events for a petition that does not exist');
        return { state: loaded.state, version: loaded.version, appended: [], recorded: [] };
      }
      try {
        const streamId = PetitionRepository.streamId(petitionId);
        const toAppend = events.map((event) => ({
          // Random on purpose: with name-based ids the store would take a concurrent twin of this
          // decision for a retry of it and report success to both callers.
          id: randomUUID(),
          type: event.type,
          data: event.data,
          metadata,
        }));
        const result = await this.store.appendToStream(streamId, toAppend, {
          expectedVersion: loaded.version < 0 ? 'no_stream' : loaded.version,
        });
        const state = events.reduce<PetitionState | undefined>(evolve, loaded.state);
        const recordedAt = new Date();
        const recorded: RecordedEvent[] = toAppend.map((event, i) => ({
          ...event,
          streamId,
          streamVersion: loaded.version + 1 + i,
          globalPosition: result.lastGlobalPosition,
          schemaVersion: 1,
          recordedAt,
        }));
        return {
          state: state as PetitionState,
          version: result.nextExpectedVersion,
          appended: events,
          recorded,
        };
      } catch (error) {
        if (error instanceof WrongExpectedVersionError && attempt < 5) continue;
        throw error;
      }
    }
  }
}
