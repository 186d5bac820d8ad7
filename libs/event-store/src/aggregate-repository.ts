import { randomUUID } from 'node:crypto';
import {
  WrongExpectedVersionError,
  type EventMetadata,
  type EventStore,
  type RecordedEvent,
} from './event-store.port';

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
  /** Events appended by this call (empty when the decider found nothing to do, e.g. a retry). */
  appended: E[];
  /** The same as the store recorded them (global positions aside), for read models to apply at once. */
  recorded: RecordedEvent[];
}

export interface AggregateRepositoryOptions<S, E extends DomainEvent> {
  /** Stream of aggregate `id`: `<prefix><id>`. */
  prefix: string;
  /** The state of a whole stream (undefined: nothing happened yet). */
  fold: (events: readonly E[]) => S | undefined;
  /** One event applied to a state; when given, a write evolves the state it loaded instead of folding again. */
  evolve?: (state: S | undefined, event: E) => S | undefined;
  /**
   * Metadata to add when the caller did not give it, read at each write (e.g. the correlation id of
   * the request or message being handled).
   */
  defaults?: () => Partial<EventMetadata>;
  /** Decisions retried on a version conflict before it is thrown. Default 5. */
  maxRetries?: number;
}

/**
 * Load → decide → append with the expected version for one kind of aggregate (ARCHITECTURE.md: "A write
 * = load stream → decide (pure) → append with the expected stream version"). A concurrent writer makes
 * the append fail on the version; the command is then decided again on the fresh state, a bounded
 * number of times, so that the outcome is the same as if the two had run one after the other.
 *
 * Event ids are random on purpose: with name-based ids the store would take a concurrent twin of a
 * decision for a retry of it and report success to both callers.
 */
export class AggregateRepository<S, E extends DomainEvent> {
  constructor(
    private readonly store: EventStore,
    private readonly options: AggregateRepositoryOptions<S, E>,
  ) {}

  streamId(id: string): string {
    return `${this.options.prefix}${id}`;
  }

  async load(id: string): Promise<Loaded<S, E>> {
    const recorded = await this.store.readStream(this.streamId(id));
    const events = recorded.map((r) => ({ type: r.type, data: r.data }) as E);
    return { state: this.options.fold(events), version: recorded.length - 1, events };
  }

  /** `preloaded`: the stream as the caller just read it, saving a read on the first attempt. */
  async handle(
    id: string,
    decide: (state: S | undefined) => E[],
    metadata: EventMetadata,
    preloaded?: Loaded<S, E>,
  ): Promise<Handled<S, E>> {
    const streamId = this.streamId(id);
    const withDefaults = { ...stripUndefined(this.options.defaults?.() ?? {}), ...stripUndefined(metadata) };
    for (let attempt = 0; ; attempt++) {
      const loaded = attempt === 0 && preloaded ? preloaded : await this.load(id);
      const events = decide(loaded.state);
      if (events.length === 0)
        return { state: loaded.state, version: loaded.version, appended: [], recorded: [] };
      const toAppend = events.map((event) => ({
        id: randomUUID(),
        type: event.type,
        data: event.data,
        metadata: withDefaults,
      }));
      try {
        const result = await this.store.appendToStream(streamId, toAppend, {
          expectedVersion: loaded.version < 0 ? 'no_stream' : loaded.version,
        });
        const recordedAt = new Date();
        return {
          state: this.stateAfter(loaded, events),
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
        if (error instanceof WrongExpectedVersionError && attempt < (this.options.maxRetries ?? 5)) continue;
        throw error;
      }
    }
  }

  private stateAfter(loaded: Loaded<S, E>, events: E[]): S | undefined {
    const { evolve, fold } = this.options;
    return evolve ? events.reduce<S | undefined>(evolve, loaded.state) : fold([...loaded.events, ...events]);
  }
}

function stripUndefined<T extends object>(value: T): Partial<T> {
  return Object.fromEntries(Object.entries(value).filter(([, v]) => v !== undefined)) as Partial<T>;
}
