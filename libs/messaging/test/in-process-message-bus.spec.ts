import { InProcessMessageBus, silentLogger } from '../src';
import { CONTRACT_RETRY, messageBusContract } from './support/message-bus.contract';

messageBusContract('in-process', async () => {
  const bus = new InProcessMessageBus({ retry: CONTRACT_RETRY, logger: silentLogger });
  return {
    bus,
    produceRaw: (topic, record) => bus.produceRaw(topic, record),
    settleMs: 0,
    close: () => bus.close(),
  };
});
