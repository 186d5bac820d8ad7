import type { SubscriptionFilter } from '../event-store.port';

/** Drops empty lists, which every adapter reads as "no restriction" rather than "match nothing". */
export function normalizeFilter(filter: SubscriptionFilter | undefined): SubscriptionFilter {
  return {
    streamPrefixes: filter?.streamPrefixes?.length ? [...filter.streamPrefixes] : undefined,
    eventTypes: filter?.eventTypes?.length ? [...filter.eventTypes] : undefined,
  };
}

/** Client-side form of a subscription filter (the PostgreSQL adapter filters in SQL instead). */
export function matchesFilter(filter: SubscriptionFilter, streamId: string, type: string): boolean {
  if (filter.streamPrefixes && !filter.streamPrefixes.some((prefix) => streamId.startsWith(prefix)))
    return false;
  if (filter.eventTypes && !filter.eventTypes.includes(type)) return false;
  return true;
}
