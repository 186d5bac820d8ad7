import { randomUUID } from 'node:crypto';
import { currentCorrelationId } from '@tiep-dan/platform';
import {
  WrongExpectedVersionError,
  type EventMetadata,
  type EventStore,
  type RecordedEvent,
} from '@tiep-dan/event-store';

/** A domain event as deciders produce it. */
export interface DomainEvent {
  type: string;
  data: object;
}

export interface Loaded<S, E extends DomainEvent> {
  state: S | undefined;
  /** Stream version of the last event (-1: no stream). */
  version: number;
  events: E[];
}

export interface Handled<S, E extends DomainEvent> {
  state: S | undefined;
  version: number;
  /** Events appended by this call (empty when the decider found nothing to do). */
  appended: E[];
  recorded: RecordedEvent[];
}

/**
 * Load → decide → append with the expected version for one kind of aggregate (ARCHITECTURE.md: "A write
 * = load stream → decide (pure) → append with the expected stream version"). A concurrent writer makes
 * the append fail on the version; the command is then decided again on the fresh state, a bounded
 * number of times, so that the outcome is the same as if the two had run one after the other.
 */
export class AggregateStore<S, E extends DomainEvent> {
  constructor(
    private readonly store: EventStore,
    private readonly prefix: string,
    private readonly fold: (events: readonly E[]) => S | undefined,
  ) {}

  streamId(id: string): string {
    return `${this.prefix}${id}`;
  }

  async load(id: string): Promise<Loaded<S, E>> {
    const recorded = await this.store.readStream(this.streamId(id));
    const events = recorded.map((r) => ({ type: r.type, data: r.data }) as E);
    return { state: this.fold(events), version: recorded.length - 1, events };
  }

  async handle(
    id: string,
    decide: (state: S | undefined) => E[],
    metadata: EventMetadata,
  ): Promise<Handled<S, E>> {
    for (let attempt = 0; ; attempt++) {
      const loaded = await this.load(id);
      const events = decide(loaded.state);
      if (events.length === 0)
        return { state: loaded.state, version: loaded.version, appended: [], recorded: [] };
      const streamId = this.streamId(id);
      // The request's or message's correlation id, when the caller did not name one: a unit's system
      // follows its case's events back to the request that caused them.
      const correlationId = metadata.correlationId ?? currentCorrelationId();
      const withCorrelation = correlationId ? { ...metadata, correlationId } : metadata;
      const toAppend = events.map((event) => ({
        id: randomUUID(),
        type: event.type,
        data: event.data,
        metadata: withCorrelation,
      }));
      try {
        const result = await this.store.appendToStream(streamId, toAppend, {
          expectedVersion: loaded.version < 0 ? 'no_stream' : loaded.version,
        });
        const recordedAt = new Date();
        return {
          state: this.fold([...loaded.events, ...events]),
          version: result.nextExpectedVersion,
          appended: events,
          recorded: toAppend.map((event, i) => ({
            ...event,
            data: event.data as Record<string, unknown>,
            streamId,
            streamVersion: loaded.version + 1 + i,
            globalPosition: result.lastGlobalPosition,
            schemaVersion: 1,
            recordedAt,
          })),
        };
      } catch (error) {
        if (error instanceof WrongExpectedVersionError && attempt < 5) continue;
        throw error;
      }
    }
  }
}
