import { InProcessMessageBus, silentLogger, type InboundMessage } from '../src';
import { CONTRACT_RETRY, messageBusContract } from './support/message-bus.contract';

for (const acknowledge of ['appended', 'handled'] as const) {
  messageBusContract(`in-process (acknowledge: ${acknowledge})`, async () => {
    const bus = new InProcessMessageBus({ retry: CONTRACT_RETRY, logger: silentLogger, acknowledge });
    return {
      bus,
      produceRaw: (topic, record) => bus.produceRaw(topic, record),
      settleMs: 0,
      close: () => bus.close(),
    };
  });
}

describe("in-process bus with acknowledge: 'handled' (embedded mode)", () => {
  let bus: InProcessMessageBus;

  beforeEach(() => {
    bus = new InProcessMessageBus({ retry: CONTRACT_RETRY, logger: silentLogger, acknowledge: 'handled' });
  });

  afterEach(() => bus.close());

  it('resolves publish only after every subscribed group handled the message', async () => {
    const finished: string[] = [];
    let releaseSlow!: () => void;
    const slowGate = new Promise<void>((resolve) => (releaseSlow = resolve));
    await bus.subscribe({
      group: 'fast',
      topics: ['t.v1'],
      handler: async () => void finished.push('fast'),
    });
    await bus.subscribe({
      group: 'slow',
      topics: ['t.v1'],
      handler: async () => {
        await slowGate;
        finished.push('slow');
      },
    });
    let published = false;
    const publishing = bus.publish('t.v1', [{ key: 'k', value: { n: 1 } }]).then(() => (published = true));
    await new Promise((resolve) => setTimeout(resolve, 50));
    expect(finished).toEqual(['fast']);
    expect(published).toBe(false);
    releaseSlow();
    await publishing;
    expect(finished.sort()).toEqual(['fast', 'slow']);
  });

  it('counts a dead-lettered message as handled', async () => {
    await bus.subscribe({
      group: 'failing',
      topics: ['t.v1'],
      handler: async () => {
        throw new Error('always fails');
      },
    });
    const dead: InboundMessage[] = [];
    await bus.subscribe({
      group: 'dlq',
      topics: ['t.v1.dlq'],
      raw: true,
      handler: async (m) => void dead.push(m),
    });
    await bus.publish('t.v1', [{ key: 'k', value: { n: 1 } }]);
    expect(dead).toHaveLength(1);
  });

  it('resolves at once when no group follows the topic', async () => {
    await bus.publish('nobody.v1', [{ key: 'k', value: {} }]);
  });

  it('rejects a publish still waiting when the bus closes, so the relay keeps its checkpoint', async () => {
    let release!: () => void;
    const gate = new Promise<void>((resolve) => (release = resolve));
    await bus.subscribe({ group: 'slow', topics: ['t.v1'], handler: () => gate });
    const publishing = bus.publish('t.v1', [{ key: 'k', value: {} }]);
    await new Promise((resolve) => setTimeout(resolve, 20));
    const closing = bus.close();
    await expect(publishing).rejects.toThrow(/closed before the message was handled/);
    release();
    await closing;
  });
});
