import type { Provider } from '@nestjs/common';
import { EVENT_STORE } from '@tiep-dan/event-store';
import { MESSAGE_BUS } from '@tiep-dan/messaging';
import type { ServiceContext } from './service-definition';

export const SERVICE_CONTEXT = Symbol('SERVICE_CONTEXT');
/** The service's pg Pool (its own schema: `SERVICE_CONTEXT.schema`). */
export const PG_POOL = Symbol('PG_POOL');

/**
 * Providers every service module declares (not exported, so that the four modules of the embedded
 * process each see their own event store and pool under the same tokens).
 */
export function serviceContextProviders(context: ServiceContext): Provider[] {
  return [
    { provide: SERVICE_CONTEXT, useValue: context },
    { provide: EVENT_STORE, useValue: context.eventStore },
    { provide: MESSAGE_BUS, useValue: context.bus },
    { provide: PG_POOL, useValue: context.pool },
  ];
}
