/**
 * One behavioural suite for the messaging port, run against every adapter (Kafka and in-process), so
 * that the embedded mode behaves as the distributed one: keys and order, groups, committed offsets,
 * retries, dead-letter topic, message context.
 */
import { randomUUID } from 'node:crypto';
import {
  currentMessageContext,
  deadLetterTopic,
  DeadLetterHeaders,
  MessageHeaders,
  PermanentMessageError,
  type BusSubscription,
  type InboundMessage,
  type MessageBus,
  type MessageHandler,
  type RawRecord,
} from '../../src';
import { delay, waitFor } from './wait-for';

/** The retry policy the harness's bus must be created with. */
export const CONTRACT_RETRY = { maxAttempts: 3, initialDelayMs: 20, maxDelayMs: 100, multiplier: 2 };

export interface BusHarness {
  bus: MessageBus;
  /** Writes a record as is (no key, invalid JSON, ...), bypassing the checks of `publish`. */
  produceRaw(topic: string, record: RawRecord): Promise<void>;
  /** Time for a group that starts at the end to have fixed its start position after `subscribe`. */
  settleMs: number;
  close(): Promise<void>;
}

export function messageBusContract(adapter: string, createHarness: () => Promise<BusHarness>): void {
  describe(`MessageBus contract: ${adapter}`, () => {
    let harness: BusHarness;
    let bus: MessageBus;
    const subscriptions: BusSubscription[] = [];

    beforeAll(async () => {
      harness = await createHarness();
      bus = harness.bus;
    });

    afterEach(async () => {
      await Promise.all(subscriptions.splice(0).map((s) => s.stop()));
    });

    afterAll(async () => {
      await harness.close();
    });

    async function newTopic(partitions = 3): Promise<string> {
      const topic = `contract.t${randomUUID().slice(0, 8)}.v1`;
      await bus.ensureTopics([topic], { partitions });
      await bus.ensureTopics([deadLetterTopic(topic)], { partitions: 1 });
      return topic;
    }

    async function consume(
      topics: string[],
      handler: MessageHandler,
      options: {
        group?: string;
        fromBeginning?: boolean;
        raw?: boolean;
        retry?: { maxAttempts?: number; initialDelayMs?: number; maxDelayMs?: number };
      } = {},
    ): Promise<BusSubscription> {
      const subscription = await bus.subscribe({
        group: options.group ?? `g-${randomUUID()}`,
        topics,
        handler,
        fromBeginning: options.fromBeginning ?? true,
        raw: options.raw ?? false,
        ...(options.retry ? { retry: options.retry } : {}),
      });
      subscriptions.push(subscription);
      return subscription;
    }

    function collect(): { messages: InboundMessage[]; handler: MessageHandler } {
      const messages: InboundMessage[] = [];
      return { messages, handler: async (m) => void messages.push(m) };
    }

    it('delivers a message with its key, parsed JSON value, headers and raw bytes', async () => {
      const topic = await newTopic();
      const received = collect();
      await consume([topic], received.handler);
      await bus.publish(topic, [
        {
          key: 'petition-1',
          value: { n: 1, text: 'Đơn khiếu nại' },
          headers: { [MessageHeaders.eventId]: 'e-1' },
        },
      ]);
      await waitFor(() => received.messages.length === 1, 'the message');
      const [message] = received.messages;
      expect(message).toMatchObject({ topic, key: 'petition-1', value: { n: 1, text: 'Đơn khiếu nại' } });
      expect(message?.headers).toMatchObject({
        [MessageHeaders.eventId]: 'e-1',
        [MessageHeaders.contentType]: 'application/json',
      });
      expect(JSON.parse(message?.raw.toString('utf8') ?? '')).toEqual({ n: 1, text: 'Đơn khiếu nại' });
      expect(typeof message?.offset).toBe('string');
      expect(message?.timestamp).toBeInstanceOf(Date);
    });

    it('delivers text and bytes as they were published', async () => {
      const topic = await newTopic(1);
      const received = collect();
      await consume([topic], received.handler);
      await bus.publish(topic, [
        { key: 'k', value: 'plain text' },
        { key: 'k', value: Buffer.from([0, 1, 2]) },
      ]);
      await waitFor(() => received.messages.length === 2, 'both messages');
      expect(received.messages[0]?.value).toBe('plain text');
      expect(Buffer.isBuffer(received.messages[1]?.value)).toBe(true);
      expect(received.messages[1]?.raw).toEqual(Buffer.from([0, 1, 2]));
    });

    it('keeps the messages of one key in order', async () => {
      const topic = await newTopic(3);
      const received = collect();
      await consume([topic], received.handler);
      const keys = ['a', 'b', 'c', 'd', 'e'];
      for (let n = 0; n < 10; n++)
        await bus.publish(
          topic,
          keys.map((key) => ({ key, value: { n } })),
        );
      await waitFor(() => received.messages.length === 50, '50 messages');
      for (const key of keys) {
        const sequence = received.messages
          .filter((m) => m.key === key)
          .map((m) => (m.value as { n: number }).n);
        expect(sequence).toEqual([0, 1, 2, 3, 4, 5, 6, 7, 8, 9]);
      }
    });

    it('publishes a batch for several topics, each topic’s messages in order per key', async () => {
      const [first, second] = [await newTopic(3), await newTopic(1)];
      const received = collect();
      await consume([first, second], received.handler);
      const keys = ['a', 'b', 'c'];
      await bus.publishBatch([
        { topic: first, messages: keys.flatMap((key) => [0, 1, 2].map((n) => ({ key, value: { n } }))) },
        {
          topic: second,
          messages: [{ key: 'a', value: 'text', headers: { [MessageHeaders.eventId]: 'e-9' } }],
        },
        { topic: first, messages: [{ key: 'a', value: { n: 3 } }] },
      ]);
      await bus.publishBatch([]);
      await waitFor(() => received.messages.length === 11, '11 messages');
      for (const key of keys) {
        const sequence = received.messages
          .filter((m) => m.topic === first && m.key === key)
          .map((m) => (m.value as { n: number }).n);
        expect(sequence).toEqual(key === 'a' ? [0, 1, 2, 3] : [0, 1, 2]);
      }
      const other = received.messages.filter((m) => m.topic === second);
      expect(other.map((m) => [m.key, m.value, m.headers[MessageHeaders.eventId]])).toEqual([
        ['a', 'text', 'e-9'],
      ]);
    });

    it('refuses a batch with a message without key, publishing none of it', async () => {
      const topic = await newTopic(1);
      const received = collect();
      await consume([topic], received.handler);
      await expect(
        bus.publishBatch([
          { topic, messages: [{ key: 'k', value: { n: 1 } }] },
          { topic, messages: [{ key: '', value: { n: 2 } }] },
        ]),
      ).rejects.toThrow(/no key/);
      await bus.publish(topic, [{ key: 'k', value: { n: 3 } }]);
      await waitFor(() => received.messages.length >= 1, 'the later message');
      await delay(harness.settleMs);
      expect(received.messages.map((m) => (m.value as { n: number }).n)).toEqual([3]);
    });

    it('gives every consumer group every message once', async () => {
      const topic = await newTopic();
      const first = collect();
      const second = collect();
      await Promise.all([consume([topic], first.handler), consume([topic], second.handler)]);
      await bus.publish(
        topic,
        Array.from({ length: 12 }, (_, n) => ({ key: `k${n}`, value: { n } })),
      );
      await waitFor(() => first.messages.length === 12 && second.messages.length === 12, 'both groups');
      await delay(300);
      for (const received of [first, second]) {
        expect(received.messages.map((m) => (m.value as { n: number }).n).sort((a, b) => a - b)).toEqual([
          ...Array(12).keys(),
        ]);
      }
    });

    it('shares the partitions of a topic among the members of one group', async () => {
      const topic = await newTopic(4);
      const group = `g-${randomUUID()}`;
      const a = collect();
      const b = collect();
      await consume([topic], a.handler, { group });
      await consume([topic], b.handler, { group });
      await bus.publish(
        topic,
        Array.from({ length: 40 }, (_, n) => ({ key: `key-${n}`, value: { n } })),
      );
      await waitFor(() => a.messages.length + b.messages.length >= 40, 'all messages');
      await delay(300);
      const all = [...a.messages, ...b.messages]
        .map((m) => (m.value as { n: number }).n)
        .sort((x, y) => x - y);
      expect(all).toEqual([...Array(40).keys()]);
      expect(a.messages.length).toBeGreaterThan(0);
      expect(b.messages.length).toBeGreaterThan(0);
      const partitionsOf = (ms: InboundMessage[]): Set<number> => new Set(ms.map((m) => m.partition));
      for (const partition of partitionsOf(a.messages))
        expect(partitionsOf(b.messages).has(partition)).toBe(false);
    });

    it('resumes a group after its last committed message when it subscribes again', async () => {
      const topic = await newTopic(1);
      const group = `g-${randomUUID()}`;
      const before = collect();
      const subscription = await consume([topic], before.handler, { group });
      await bus.publish(
        topic,
        [1, 2, 3].map((n) => ({ key: 'k', value: { n } })),
      );
      await waitFor(() => before.messages.length === 3, 'the first three');
      await subscription.stop();
      await bus.publish(
        topic,
        [4, 5].map((n) => ({ key: 'k', value: { n } })),
      );
      const after = collect();
      await consume([topic], after.handler, { group });
      await waitFor(() => after.messages.length === 2, 'the two new ones');
      await delay(300);
      expect(after.messages.map((m) => (m.value as { n: number }).n)).toEqual([4, 5]);
    });

    it('starts a new group at the end of the topic unless fromBeginning', async () => {
      const topic = await newTopic(1);
      await bus.publish(topic, [{ key: 'k', value: { n: 'old' } }]);
      const received = collect();
      await consume([topic], received.handler, { fromBeginning: false });
      await delay(harness.settleMs);
      await bus.publish(topic, [{ key: 'k', value: { n: 'new' } }]);
      await waitFor(() => received.messages.length >= 1, 'the new message');
      await delay(200);
      expect(received.messages.map((m) => (m.value as { n: string }).n)).toEqual(['new']);
    });

    it('retries a handler that fails transiently until it succeeds', async () => {
      const topic = await newTopic(1);
      const attempts: string[] = [];
      const handled: string[] = [];
      await consume([topic], async (m) => {
        const id = (m.value as { id: string }).id;
        attempts.push(id);
        if (id === 'flaky' && attempts.filter((a) => a === 'flaky').length < 3)
          throw new Error('database busy');
        handled.push(id);
      });
      await bus.publish(topic, [
        { key: 'k', value: { id: 'flaky' } },
        { key: 'k', value: { id: 'next' } },
      ]);
      await waitFor(() => handled.length === 2, 'both handled');
      expect(handled).toEqual(['flaky', 'next']);
      expect(attempts).toEqual(['flaky', 'flaky', 'flaky', 'next']);
    });

    it('moves a message that keeps failing to <topic>.dlq after the bounded attempts, then goes on', async () => {
      const topic = await newTopic(1);
      const group = `g-${randomUUID()}`;
      let attempts = 0;
      const handled: string[] = [];
      await consume(
        [topic],
        async (m) => {
          const id = (m.value as { id: string }).id;
          if (id === 'poison') {
            attempts += 1;
            throw new Error('cannot apply');
          }
          handled.push(id);
        },
        { group },
      );
      const dead = collect();
      await consume([deadLetterTopic(topic)], dead.handler, { raw: true });
      await bus.publish(topic, [
        { key: 'case-7', value: { id: 'poison' }, headers: { [MessageHeaders.eventId]: 'ev-poison' } },
        { key: 'case-7', value: { id: 'after' } },
      ]);
      await waitFor(
        () => handled.length === 1 && dead.messages.length === 1,
        'the next message and the dead letter',
      );
      expect(handled).toEqual(['after']);
      expect(attempts).toBe(CONTRACT_RETRY.maxAttempts);
      const [letter] = dead.messages;
      expect(letter?.key).toBe('case-7');
      expect(JSON.parse(letter?.raw.toString('utf8') ?? '')).toEqual({ id: 'poison' });
      expect(letter?.headers).toMatchObject({
        [MessageHeaders.eventId]: 'ev-poison',
        [DeadLetterHeaders.originalTopic]: topic,
        [DeadLetterHeaders.originalPartition]: '0',
        [DeadLetterHeaders.originalOffset]: '0',
        [DeadLetterHeaders.attempts]: String(CONTRACT_RETRY.maxAttempts),
        [DeadLetterHeaders.consumerGroup]: group,
      });
      expect(letter?.headers[DeadLetterHeaders.reason]).toContain('cannot apply');
      expect(Number.isNaN(Date.parse(letter?.headers[DeadLetterHeaders.failedAt] ?? ''))).toBe(false);
    });

    it('moves a message whose handler throws PermanentMessageError to the DLQ without retrying', async () => {
      const topic = await newTopic(1);
      let attempts = 0;
      await consume([topic], async () => {
        attempts += 1;
        throw new PermanentMessageError('value fails validation');
      });
      const dead = collect();
      await consume([deadLetterTopic(topic)], dead.handler, { raw: true });
      await bus.publish(topic, [{ key: 'k', value: { bad: true } }]);
      await waitFor(() => dead.messages.length === 1, 'the dead letter');
      expect(attempts).toBe(1);
      expect(dead.messages[0]?.headers[DeadLetterHeaders.reason]).toContain('value fails validation');
    });

    it('moves a malformed message to the DLQ at once with the reason, then handles the next one', async () => {
      const topic = await newTopic(1);
      const handled: InboundMessage[] = [];
      let calls = 0;
      await consume([topic], async (m) => {
        calls += 1;
        handled.push(m);
      });
      const dead = collect();
      await consume([deadLetterTopic(topic)], dead.handler, { raw: true });
      await harness.produceRaw(topic, {
        key: Buffer.from('k'),
        value: Buffer.from('{"not json'),
        headers: { [MessageHeaders.contentType]: 'application/json' },
      });
      await harness.produceRaw(topic, { key: null, value: Buffer.from('{"ok":true}'), headers: {} });
      await bus.publish(topic, [{ key: 'k', value: { ok: 'next' } }]);
      await waitFor(
        () => handled.length === 1 && dead.messages.length === 2,
        'the next message and two dead letters',
      );
      expect(calls).toBe(1);
      expect(handled[0]?.value).toEqual({ ok: 'next' });
      const reasons = dead.messages.map((m) => m.headers[DeadLetterHeaders.reason]);
      expect(reasons[0]).toMatch(/^malformed: invalid JSON/);
      expect(dead.messages[0]?.raw.toString()).toBe('{"not json');
      expect(reasons[1]).toBe('malformed: missing key');
      expect(dead.messages[1]?.key).toBe('');
      expect(dead.messages.map((m) => m.headers[DeadLetterHeaders.attempts])).toEqual(['0', '0']);
    });

    it('redelivers a message whose handling was cut short by stop to the next member of the group', async () => {
      const topic = await newTopic(1);
      const group = `g-${randomUUID()}`;
      let failedAttempts = 0;
      const first = await consume(
        [topic],
        async () => {
          failedAttempts += 1;
          throw new Error('still failing');
        },
        { group, retry: { maxAttempts: 1000, initialDelayMs: 200, maxDelayMs: 200 } },
      );
      // Not awaited yet: a bus that acknowledges once the message is handled resolves only after the
      // redelivery below.
      const publishing = bus.publish(topic, [{ key: 'k', value: { id: 'x' } }]);
      await waitFor(() => failedAttempts >= 1, 'a failed attempt');
      await first.stop();
      const received = collect();
      await consume([topic], received.handler, { group });
      await waitFor(() => received.messages.length === 1, 'the redelivery');
      expect(received.messages[0]?.value).toEqual({ id: 'x' });
      expect(received.messages[0]?.offset).toBe('0');
      await publishing;
    });

    it('runs the handler inside the message context with the correlation and causation headers', async () => {
      const topic = await newTopic(1);
      const contexts: Array<ReturnType<typeof currentMessageContext>> = [];
      await consume([topic], async () => {
        await delay(1);
        contexts.push(currentMessageContext());
      });
      await bus.publish(topic, [
        {
          key: 'case-1',
          value: {},
          headers: {
            [MessageHeaders.eventId]: 'ev-2',
            [MessageHeaders.eventType]: 'CaseOpened',
            [MessageHeaders.correlationId]: 'corr-1',
            [MessageHeaders.causationId]: 'ev-1',
          },
        },
      ]);
      await waitFor(() => contexts.length === 1, 'the handler');
      expect(contexts[0]).toMatchObject({
        topic,
        key: 'case-1',
        eventId: 'ev-2',
        eventType: 'CaseOpened',
        correlationId: 'corr-1',
        causationId: 'ev-1',
      });
      expect(currentMessageContext()).toBeUndefined();
    });

    it('refuses to publish a message without key', async () => {
      const topic = await newTopic(1);
      await expect(bus.publish(topic, [{ key: '', value: {} }])).rejects.toThrow(/no key/);
    });

    it('answers the readiness check', async () => {
      await expect(bus.ping()).resolves.toBe(true);
      expect(bus.isReady()).toBe(true);
    });
  });
}
