import { EventStoreDbEventStore } from '../src';
import { eventStoreContract } from './event-store.contract';

// Runs whenever a server is given (docker-compose starts KurrentDB), e.g. EVENTSTORE_URL=esdb://localhost:2113?tls=false
const describeIfEsdb = process.env.EVENTSTORE_URL ? describe : describe.skip;

describeIfEsdb('EventStoreDB adapter', () => {
  eventStoreContract(
    'EventStoreDB',
    async () => ({
      connect: async ({ upcasters } = {}) =>
        new EventStoreDbEventStore({ connectionString: process.env.EVENTSTORE_URL ?? '', upcasters }),
    }),
    { uniqueEventIds: false },
  );
});
