import { BusConsumer, invalidMessage } from './bus-consumer';
import { InProcessMessageBus } from './in-process/in-process-message-bus';
import { silentLogger } from './logger';
import { DeadLetterHeaders, type InboundMessage, type MessageBus } from './message-bus.port';

/** Takes `{n}` messages; a negative n is invalid. */
class NumbersConsumer extends BusConsumer {
  readonly handled: number[] = [];

  constructor(bus: MessageBus) {
    super(bus, { group: 'numbers', topics: ['numbers.v1'], fromBeginning: true });
  }

  async handle(message: InboundMessage): Promise<void> {
    const n = (message.value as { n: number }).n;
    if (n < 0) throw invalidMessage('NUMBERS.INVALID', { path: ['n'], message: 'must not be negative' });
    this.handled.push(n);
  }
}

describe('BusConsumer', () => {
  let bus: InProcessMessageBus;
  let dead: InboundMessage[];

  beforeEach(async () => {
    bus = new InProcessMessageBus({
      retry: { maxAttempts: 2, initialDelayMs: 1, maxDelayMs: 1, multiplier: 1 },
      logger: silentLogger,
      acknowledge: 'handled',
    });
    dead = [];
    await bus.subscribe({
      group: 'dlq',
      topics: ['numbers.v1.dlq'],
      raw: true,
      handler: async (m) => void dead.push(m),
    });
  });

  afterEach(() => bus.close());

  it('joins its group on start, once even if started twice, and hands each message to handle', async () => {
    const consumer = new NumbersConsumer(bus);
    await consumer.start();
    await consumer.start();
    await bus.publish('numbers.v1', [
      { key: 'a', value: { n: 1 } },
      { key: 'a', value: { n: 2 } },
    ]);
    expect(consumer.handled).toEqual([1, 2]);
    await consumer.stop();
  });

  it('receives nothing more after stop, and reads on from where it was after a new start', async () => {
    const consumer = new NumbersConsumer(bus);
    await consumer.start();
    await bus.publish('numbers.v1', [{ key: 'a', value: { n: 1 } }]);
    await consumer.stop();
    await consumer.stop();
    await bus.publish('numbers.v1', [{ key: 'a', value: { n: 2 } }]);
    expect(consumer.handled).toEqual([1]);
    await consumer.start();
    await new Promise((resolve) => setTimeout(resolve, 20));
    expect(consumer.handled).toEqual([1, 2]);
    await consumer.stop();
  });

  it('dead-letters an invalid message at once with "<code> at <path>: <message>", and goes on', async () => {
    const consumer = new NumbersConsumer(bus);
    await consumer.start();
    await bus.publish('numbers.v1', [
      { key: 'a', value: { n: -1 } },
      { key: 'a', value: { n: 3 } },
    ]);
    expect(consumer.handled).toEqual([3]);
    expect(dead).toHaveLength(1);
    expect(dead[0]?.headers[DeadLetterHeaders.reason]).toContain(
      'NUMBERS.INVALID at "n": must not be negative',
    );
    expect(dead[0]?.headers[DeadLetterHeaders.attempts]).toBe('1');
    await consumer.stop();
  });

  it('names the root when the issue has no path, and says "invalid" without an issue', () => {
    expect(invalidMessage('X.BAD', { path: [], message: 'not an object' }).message).toBe(
      'X.BAD at "(root)": not an object',
    );
    expect(invalidMessage('X.BAD', undefined).message).toBe('X.BAD at "(root)": invalid');
  });
});
