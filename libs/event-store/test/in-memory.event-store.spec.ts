import { InMemoryEventLog, InMemoryEventStore } from '@tiep-dan/event-store';
import { eventStoreContract } from './event-store.contract';

eventStoreContract('in-memory', async () => {
  const log = new InMemoryEventLog();
  return { connect: async ({ upcasters } = {}) => new InMemoryEventStore({ log, upcasters }) };
});
