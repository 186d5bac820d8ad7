import { InMemoryEventLog, InMemoryEventStore } from '../src';
import { eventStoreContract } from './event-store.contract';

eventStoreContract('in-memory', async () => {
  const log = new InMemoryEventLog();
  return { connect: async ({ upcasters } = {}) => new InMemoryEventStore({ log, upcasters }) };
});
