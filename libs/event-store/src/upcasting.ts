import type { RecordedEvent } from './event-store.port';

/**
 * Turns the data of one event type from `schemaVersion` into `schemaVersion + 1`. Upcasters chain, so
 * a v1 event read by code that knows v3 passes through the v1→v2 and v2→v3 upcasters. Stored events
 * are never rewritten: a published event's meaning never changes, only its shape on read.
 */
export interface Upcaster {
  type: string;
  schemaVersion: number;
  upcast: (data: unknown) => unknown;
}

/** Registry shared by every adapter, so that upcasting behaves the same whatever the storage. */
export class UpcasterRegistry {
  private readonly byKey = new Map<string, Upcaster['upcast']>();

  constructor(upcasters: readonly Upcaster[] = []) {
    for (const upcaster of upcasters) {
      const key = UpcasterRegistry.key(upcaster.type, upcaster.schemaVersion);
      if (this.byKey.has(key)) {
        throw new Error(`Two upcasters for ${upcaster.type} v${upcaster.schemaVersion}`);
      }
      this.byKey.set(key, upcaster.upcast);
    }
  }

  get isEmpty(): boolean {
    return this.byKey.size === 0;
  }

  apply<E extends RecordedEvent>(event: E): E {
    if (this.isEmpty) return event;
    let { data, schemaVersion } = event;
    for (;;) {
      const upcast = this.byKey.get(UpcasterRegistry.key(event.type, schemaVersion));
      if (!upcast) break;
      data = upcast(data);
      schemaVersion += 1;
    }
    return schemaVersion === event.schemaVersion ? event : { ...event, data, schemaVersion };
  }

  private static key(type: string, schemaVersion: number): string {
    return `${schemaVersion}\u0000${type}`;
  }
}
