import { EventStoreDbEventStore } from '@tiep-dan/event-store';
import { eventStoreContract } from './event-store.contract';

// Runs whenever a server is given (docker-compose starts KurrentDB), e.g. EVENTSTORE_URL=esdb://localhost:2113?tls=false
const url = process.env.EVENTSTORE_URL;
const describeIfEsdb = url ? describe : describe.skip;

describeIfEsdb('EventStoreDB adapter', () => {
  eventStoreContract(
    'EventStoreDB',
    async () => ({
      connect: async ({ upcasters } = {}) => new EventStoreDbEventStore({ connectionString: url ?? '', upcasters }),
    }),
    { uniqueEventIds: false },
  );
});
