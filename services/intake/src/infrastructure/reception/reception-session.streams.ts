import type { EventMetadata, EventStore, RecordedEvent } from '@tiep-dan/event-store';
import { randomUUID } from 'node:crypto';
import {
  foldReceptionSession,
  RECEPTION_SESSION_EVENT_TYPES,
  type ReceptionSessionEvent,
  type ReceptionSessionState,
} from '../../domain/reception';

/** Streams of the reception-session aggregate: `reception-session-<uuid>`. */
export const RECEPTION_STREAM_PREFIX = 'reception-session-';

export function receptionStreamId(sessionId: string): string {
  return `${RECEPTION_STREAM_PREFIX}${sessionId}`;
}

export interface LoadedReceptionSession {
  state: ReceptionSessionState;
  /** Version of the stream's last event; -1 when the stream does not exist. */
  version: number;
}

const KNOWN_TYPES: ReadonlySet<string> = new Set(RECEPTION_SESSION_EVENT_TYPES);

export function toReceptionEvent(event: RecordedEvent): ReceptionSessionEvent {
  if (!KNOWN_TYPES.has(event.type)) {
    throw new Error(`unknown event type ${event.type} in ${event.streamId}`);
  }
  return { type: event.type, data: event.data } as ReceptionSessionEvent;
}

/** Reads and writes reception-session streams through the event store port. */
export class ReceptionSessionStreams {
  constructor(private readonly store: EventStore) {}

  async load(sessionId: string): Promise<LoadedReceptionSession> {
    const recorded = await this.store.readStream(receptionStreamId(sessionId));
    return {
      state: foldReceptionSession(recorded.map(toReceptionEvent)),
      version: recorded.length === 0 ? -1 : recorded[recorded.length - 1].streamVersion,
    };
  }

  /** Appends at `expectedVersion` (-1: the stream must not exist); returns the new stream version. */
  async append(
    sessionId: string,
    events: readonly ReceptionSessionEvent[],
    expectedVersion: number,
    metadata: EventMetadata,
  ): Promise<number> {
    const result = await this.store.appendToStream(
      receptionStreamId(sessionId),
      events.map((event) => ({
        id: randomUUID(),
        type: event.type,
        schemaVersion: 1,
        data: event.data,
        metadata,
      })),
      { expectedVersion: expectedVersion < 0 ? 'no_stream' : expectedVersion },
    );
    return result.nextExpectedVersion;
  }
}
