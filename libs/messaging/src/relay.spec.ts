import { randomUUID } from 'node:crypto';
import {
  InMemoryEventStore,
  type BatchSubscribeOptions,
  type EventStore,
  type RecordedEvent,
} from '@tiep-dan/event-store';
import { InProcessMessageBus } from './in-process/in-process-message-bus';
import { silentLogger } from './logger';
import type { InboundMessage, TopicMessages } from './message-bus.port';
import { Relay, type RelayMapper, type RelayOptions } from './relay';

const TOPIC = 'intake.petition-events.v1';
const publicEvents: RelayMapper = (event) =>
  event.type.startsWith('Internal') ? null : { topic: TOPIC, value: { type: event.type, data: event.data } };

async function until(condition: () => boolean | Promise<boolean>, what: string): Promise<void> {
  const deadline = Date.now() + 5000;
  while (!(await condition())) {
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 5));
  }
}

function append(
  store: InMemoryEventStore,
  streamId: string,
  type: string,
  data: object,
  metadata = {},
): Promise<unknown> {
  return store.appendToStream(streamId, [{ id: randomUUID(), type, data, metadata }], {
    expectedVersion: 'any',
  });
}

/** The values of a batch's messages, decoded (the relay hands the bus JSON bytes), topic after topic. */
function values(batch: readonly TopicMessages[]): unknown[] {
  return batch.flatMap((t) => t.messages.map((m) => JSON.parse((m.value as Buffer).toString('utf8'))));
}

describe('Relay', () => {
  let store: InMemoryEventStore;
  let bus: InProcessMessageBus;
  let received: InboundMessage[];
  const relays: Relay[] = [];

  beforeEach(async () => {
    store = new InMemoryEventStore();
    bus = new InProcessMessageBus({ logger: silentLogger });
    received = [];
    await bus.subscribe({
      group: 'reader',
      topics: [TOPIC],
      fromBeginning: true,
      handler: async (m) => void received.push(m),
    });
  });

  afterEach(async () => {
    await Promise.all(relays.splice(0).map((r) => r.stop()));
    await bus.close();
    await store.close();
  });

  function relay(
    overrides: Partial<Pick<RelayOptions, 'bus' | 'map' | 'batchSize' | 'maxBatchBytes'>> = {},
  ): Relay {
    const r = new Relay({
      service: 'intake',
      store,
      bus: overrides.bus ?? bus,
      streamPrefixes: ['petition-'],
      map: overrides.map ?? publicEvents,
      retry: { initialDelayMs: 5, maxDelayMs: 20 },
      logger: silentLogger,
      batchSize: overrides.batchSize,
      maxBatchBytes: overrides.maxBatchBytes,
    });
    relays.push(r);
    return r;
  }

  it('publishes the service’s events keyed by stream id, with event id, type, correlation and causation headers', async () => {
    await append(
      store,
      'petition-1',
      'PetitionReceived',
      { n: 1 },
      { correlationId: 'corr-1', causationId: 'cmd-1' },
    );
    await append(store, 'case-9', 'CaseOpened', {});
    await relay().start();
    await until(() => received.length === 1, 'the message');
    const [event] = await store.readStream('petition-1');
    expect(received[0]).toMatchObject({
      key: 'petition-1',
      value: { type: 'PetitionReceived', data: { n: 1 } },
    });
    expect(received[0]?.headers).toMatchObject({
      'event-id': event?.id,
      'event-type': 'PetitionReceived',
      'correlation-id': 'corr-1',
      'causation-id': 'cmd-1',
      'schema-version': '1',
    });
  });

  it('starts a correlation at the event itself when the event has none', async () => {
    await append(store, 'petition-1', 'PetitionReceived', {});
    await relay().start();
    await until(() => received.length === 1, 'the message');
    expect(received[0]?.headers['correlation-id']).toBe(received[0]?.headers['event-id']);
  });

  it('skips events the mapper returns null for, and moves its checkpoint past them', async () => {
    await append(store, 'petition-1', 'InternalNoteAdded', {});
    await append(store, 'petition-1', 'PetitionReceived', {});
    const r = relay();
    await r.start();
    await until(() => received.length === 1, 'the public event');
    await until(async () => (await store.readCheckpoint('relay:intake')) === '2', 'the checkpoint');
    expect(received.map((m) => m.headers['event-type'])).toEqual(['PetitionReceived']);
  });

  it('publishes an event mapped to several messages on each of their topics, in order', async () => {
    const unitTopic = 'routing.unit-assignments.economic-department.v1';
    const unitMessages: InboundMessage[] = [];
    await bus.subscribe({
      group: 'unit',
      topics: [unitTopic],
      fromBeginning: true,
      handler: async (m) => void unitMessages.push(m),
    });
    await append(store, 'petition-1', 'CaseAssigned', { unit: 'economic-department' });
    await relay({
      map: (event) => [
        { topic: TOPIC, value: { type: event.type } },
        { topic: unitTopic, value: { assignment: event.data } },
      ],
    }).start();
    await until(() => received.length === 1 && unitMessages.length === 1, 'both messages');
    expect(unitMessages[0]?.value).toEqual({ assignment: { unit: 'economic-department' } });
    expect(unitMessages[0]?.headers['event-id']).toBe(received[0]?.headers['event-id']);
  });

  it('retries a failing batch without advancing the checkpoint or publishing anything after it', async () => {
    const requests: string[][] = [];
    const checkpointsWhileFailing: Array<string | undefined> = [];
    let failures = 3;
    const flaky = {
      publishBatch: async (batch: readonly TopicMessages[]) => {
        if (failures-- > 0) {
          checkpointsWhileFailing.push(await store.readCheckpoint('relay:intake'));
          throw new Error('broker down');
        }
        requests.push(values(batch).map((v) => String((v as { data: { n: number } }).data.n)));
      },
    };
    for (let n = 1; n <= 3; n++) await append(store, 'petition-1', 'PetitionReceived', { n });
    await append(store, 'petition-2', 'PetitionReceived', { n: 4 });
    const r = relay({ bus: flaky });
    await r.start();
    await until(() => requests.length === 1, 'the batch');
    // The four events were read together, refused together, and then published together, once.
    expect(requests).toEqual([['1', '2', '3', '4']]);
    expect(checkpointsWhileFailing).toEqual([undefined, undefined, undefined]);
    await until(async () => (await store.readCheckpoint('relay:intake')) === '4', 'the checkpoint');
    expect(r.status().consecutiveFailures).toBe(0);
    await new Promise((resolve) => setTimeout(resolve, 50));
    expect(requests).toHaveLength(1);
  });

  it('publishes a batch of events of several streams in one request, per topic, in order per key', async () => {
    const unitTopic = 'routing.unit-assignments.economic-department.v1';
    const requests: TopicMessages[][] = [];
    const recording = {
      publishBatch: async (batch: readonly TopicMessages[]) => {
        requests.push([...batch]);
        await bus.publishBatch(batch);
      },
    };
    // 3 streams interleaved, an internal event, and an event that goes to two topics.
    const expected = new Map<string, number[]>();
    for (let n = 0; n < 30; n++) {
      const stream = `petition-${n % 3}`;
      await append(store, stream, 'PetitionReceived', { n }, { correlationId: `corr-${n}` });
      expected.set(stream, [...(expected.get(stream) ?? []), n]);
      if (n === 10) await append(store, stream, 'InternalNoteAdded', {});
    }
    await append(store, 'petition-0', 'CaseAssigned', { n: 30 });
    const map: RelayMapper = (event) =>
      event.type === 'CaseAssigned'
        ? [
            { topic: TOPIC, value: { type: event.type, data: event.data } },
            { topic: unitTopic, key: 'unit-key', value: { assignment: event.data }, headers: { x: 'y' } },
          ]
        : publicEvents(event);
    await relay({ bus: recording, map }).start();
    await until(() => received.length === 31, 'the 31 messages');
    await until(async () => (await store.readCheckpoint('relay:intake')) === '32', 'the checkpoint');

    expect(requests).toHaveLength(1);
    expect(requests[0].map((t) => [t.topic, t.messages.length])).toEqual([
      [TOPIC, 31],
      [unitTopic, 1],
    ]);
    expect(requests[0][1].messages[0]).toMatchObject({ key: 'unit-key', headers: { x: 'y' } });
    const stored = new Map<string, RecordedEvent>();
    for (const stream of expected.keys()) for (const e of await store.readStream(stream)) stored.set(e.id, e);
    for (const [stream, ns] of expected) {
      const forKey = received.filter((m) => m.key === stream);
      const data = forKey.map((m) => (m.value as { data: { n: number } }).data.n);
      expect(data).toEqual(stream === 'petition-0' ? [...ns, 30] : ns);
      for (const m of forKey) {
        const event = stored.get(m.headers['event-id'] ?? '');
        expect(m.headers).toMatchObject({
          'event-type': event?.type,
          'schema-version': '1',
          'correlation-id': event?.metadata.correlationId ?? event?.id,
          'content-type': 'application/json',
        });
      }
    }
  });

  it('bounds a batch by batchSize and maxBatchBytes, and sends a request only after the previous one was acknowledged', async () => {
    const requests: number[][] = [];
    let inFlight = 0;
    let overlapped = false;
    const slow = {
      publishBatch: async (batch: readonly TopicMessages[]) => {
        overlapped ||= inFlight > 0;
        inFlight += 1;
        await new Promise((resolve) => setTimeout(resolve, 10));
        inFlight -= 1;
        requests.push(values(batch).map((v) => (v as { data: { n: number } }).data.n));
      },
    };
    for (let n = 0; n < 10; n++)
      await append(store, `petition-${n % 2}`, 'PetitionReceived', {
        n,
        text: n === 6 ? 'x'.repeat(3000) : '',
      });
    const r = relay({ bus: slow, batchSize: 4, maxBatchBytes: 500 });
    await r.start();
    await until(() => requests.flat().length === 10, 'the ten events');
    // Store batches of 4 events; each event's message (value, key, headers) is ~230 bytes, so 2 fit
    // under 500; event 6 (3 kB) goes alone.
    expect(requests).toEqual([[0, 1], [2, 3], [4, 5], [6], [7], [8, 9]]);
    expect(overlapped).toBe(false);
    await until(async () => (await store.readCheckpoint('relay:intake')) === '10', 'the checkpoint');
  });

  it('publishes the events before one the mapper fails on, stalls at that event, and never republishes them', async () => {
    let broken = true;
    const attempts: number[] = [];
    const map: RelayMapper = (event) => {
      const n = (event.data as { n: number }).n;
      attempts.push(n);
      if (n === 2 && broken) throw new Error('mapper bug');
      return publicEvents(event);
    };
    for (let n = 1; n <= 3; n++) await append(store, `petition-${n}`, 'PetitionReceived', { n });
    const r = relay({ map });
    await r.start();
    await until(() => attempts.filter((n) => n === 2).length >= 3, 'a few resubscriptions');
    const published = () => received.map((m) => (m.value as { data: { n: number } }).data.n);
    expect(published()).toEqual([1]);
    // The checkpoint stays before the batch; the event before the failing one is not published again.
    expect(await store.readCheckpoint('relay:intake')).toBeUndefined();
    broken = false;
    await until(() => received.length === 3, 'the rest');
    await until(async () => (await store.readCheckpoint('relay:intake')) === '3', 'the checkpoint');
    expect(published()).toEqual([1, 2, 3]);
  });

  it('refuses a message without key before publishing, after publishing the events before it', async () => {
    const attempts: number[] = [];
    const map: RelayMapper = (event) => {
      const n = (event.data as { n: number }).n;
      attempts.push(n);
      return { topic: TOPIC, key: n === 2 ? '' : undefined, value: { type: event.type, data: event.data } };
    };
    for (let n = 1; n <= 3; n++) await append(store, `petition-${n}`, 'PetitionReceived', { n });
    await relay({ map }).start();
    await until(() => attempts.filter((n) => n === 2).length >= 2, 'a resubscription');
    expect(received.map((m) => (m.value as { data: { n: number } }).data.n)).toEqual([1]);
    expect(await store.readCheckpoint('relay:intake')).toBeUndefined();
  });

  it('reports lag while the broker does not acknowledge, and none once caught up', async () => {
    let down = true;
    const published: string[] = [];
    const gated = {
      publishBatch: async (batch: readonly TopicMessages[]) => {
        if (down) throw new Error('broker down');
        published.push(...batch.flatMap((t) => t.messages.map((m) => m.key)));
      },
    };
    await append(store, 'petition-1', 'PetitionReceived', {});
    const r = relay({ bus: gated });
    await r.start();
    await until(() => r.status().consecutiveFailures > 1, 'failed attempts');
    const later = new Date(Date.now() + 10_000);
    expect(await r.lag(later)).toMatchObject({ behind: true, head: '1', checkpoint: undefined });
    expect((await r.lag(later)).seconds).toBeGreaterThanOrEqual(9);
    down = false;
    await until(() => published.length === 1, 'the publish');
    await until(() => r.status().caughtUp, 'caught up');
    expect(await r.lag()).toMatchObject({ behind: false, seconds: 0, checkpoint: '1' });
  });

  it('resumes from its checkpoint after a stop cut a retry short, publishing the unacknowledged event', async () => {
    let down = true;
    const published: string[] = [];
    const gated = {
      publishBatch: async (batch: readonly TopicMessages[]) => {
        if (down) throw new Error('broker down');
        published.push(...values(batch).map((v) => String((v as { data: { n: number } }).data.n)));
      },
    };
    await append(store, 'petition-1', 'PetitionReceived', { n: 1 });
    const first = relay({ bus: gated });
    await first.start();
    await until(() => first.status().consecutiveFailures > 0, 'a failed attempt');
    await first.stop();
    expect(await store.readCheckpoint('relay:intake')).toBeUndefined();
    down = false;
    await append(store, 'petition-1', 'PetitionReceived', { n: 2 });
    await relay({ bus: gated }).start();
    await until(() => published.length === 2, 'both events');
    expect(published).toEqual(['1', '2']);
  });

  it('started again after another relay published meanwhile (leadership back), goes on from the checkpoint without seeing a gap', async () => {
    const n = (m: InboundMessage) => (m.value as { data: { n: number } }).data.n;
    await append(store, 'petition-1', 'PetitionReceived', { n: 0 });
    await append(store, 'petition-1', 'PetitionAmended', { n: 1 });
    const first = relay();
    await first.start();
    await until(() => received.length === 2, 'the first relay’s events');
    await first.stop();
    const second = relay();
    await second.start();
    await append(store, 'petition-1', 'PetitionAmended', { n: 2 });
    await until(() => received.length === 3, 'the second relay’s event');
    await until(async () => (await store.readCheckpoint('relay:intake')) === '3', 'its checkpoint');
    await second.stop();
    await first.start();
    await append(store, 'petition-1', 'PetitionAmended', { n: 3 });
    // Remembering version 1 from before, the first relay would take version 3 for a gap and stall.
    await until(() => received.length === 4, 'the event after the first relay’s return');
    expect(received.map(n)).toEqual([0, 1, 2, 3]);
    expect(first.status()).toMatchObject({ running: true, consecutiveFailures: 0 });
  });

  it('resubscribes after the mapper threw, and publishes the event it failed on', async () => {
    let throws = 1;
    const map: RelayMapper = (event: RecordedEvent) => {
      if (throws-- > 0) throw new Error('mapper bug');
      return publicEvents(event);
    };
    await append(store, 'petition-1', 'PetitionReceived', { n: 1 });
    await relay({ map }).start();
    await until(() => received.length === 1, 'the event');
  });

  it('refuses a topic that does not follow <service>.<what>.v<N>', async () => {
    const attempts: string[] = [];
    const map: RelayMapper = () => {
      attempts.push('x');
      return { topic: 'Bad Topic', value: {} };
    };
    await append(store, 'petition-1', 'PetitionReceived', {});
    await relay({ map }).start();
    await until(() => attempts.length >= 2, 'a resubscription');
    expect(received).toHaveLength(0);
  });

  it('never publishes a stream out of order even if the store hands events over with a gap', async () => {
    const event = (streamId: string, streamVersion: number, position: number): RecordedEvent => ({
      id: `${streamId}-${streamVersion}`,
      streamId,
      streamVersion,
      globalPosition: String(position),
      type: 'PetitionReceived',
      schemaVersion: 1,
      data: {},
      metadata: {},
      recordedAt: new Date(),
    });
    const a0 = event('petition-a', 0, 1);
    const a1 = event('petition-a', 1, 2);
    const a2 = event('petition-a', 2, 3);
    // First subscription: a1 is missing before a2 (the store's bug); the resubscription from the
    // checkpoint replays a0 and then delivers everything in order.
    const scripts = [
      [a0, a2],
      [a0, a1, a2],
    ];
    let subscriptions = 0;
    const store: EventStore = {
      appendToStream: () => Promise.reject(new Error('not used')),
      readStream: () => Promise.resolve([]),
      headPosition: () => Promise.resolve('3'),
      readCheckpoint: () => Promise.resolve(undefined),
      close: () => Promise.resolve(),
      subscribe: async (options) => {
        const script = scripts[subscriptions++] ?? [];
        let position: string | undefined;
        const done = (async () => {
          try {
            // The whole script as one batch.
            if (script.length > 0) await (options as BatchSubscribeOptions).handleBatch(script);
            position = script[script.length - 1]?.globalPosition;
            options.onCaughtUp?.();
          } catch (error) {
            options.onError?.(error);
          }
        })();
        return {
          stop: () => done,
          get position() {
            return position;
          },
        };
      },
    };
    const published: string[] = [];
    const r = new Relay({
      service: 'intake',
      store,
      bus: {
        publishBatch: async (batch: readonly TopicMessages[]) =>
          void published.push(...batch.flatMap((t) => t.messages.map((m) => m.headers?.['event-id'] ?? ''))),
      },
      streamPrefixes: ['petition-'],
      map: publicEvents,
      retry: { initialDelayMs: 5, maxDelayMs: 20 },
      logger: silentLogger,
    });
    relays.push(r);
    await r.start();
    await until(() => published.length === 3, 'the three events');
    expect(published).toEqual(['petition-a-0', 'petition-a-1', 'petition-a-2']);
    expect(subscriptions).toBe(2);
  });

  it('embedded mode: a message lost with the in-memory bus before it was handled is published again after a restart', async () => {
    const stopAt = 'petition-2';
    // First run: the consumer handles petition-1, then the process "dies" while petition-2 is in flight.
    const first = new InProcessMessageBus({ logger: silentLogger, acknowledge: 'handled' });
    const handledFirst: string[] = [];
    let inFlight = false;
    let release!: () => void;
    const gate = new Promise<void>((resolve) => (release = resolve));
    await first.subscribe({
      group: 'consumer',
      topics: [TOPIC],
      fromBeginning: true,
      handler: async (m) => {
        if (m.key === stopAt) {
          inFlight = true;
          await gate;
        }
        handledFirst.push(m.key);
      },
    });
    const firstRelay = relay({ bus: first });
    await firstRelay.start();
    await append(store, 'petition-1', 'PetitionReceived', {});
    // Handled and checkpointed alone, not in one batch with petition-2.
    await until(() => handledFirst.length === 1, 'petition-1 handled');
    await append(store, stopAt, 'PetitionReceived', {});
    await until(() => inFlight, 'petition-2 in flight');
    expect(await store.readCheckpoint('relay:intake')).toBe(
      (await store.readStream('petition-1'))[0].globalPosition,
    );
    // The bus goes away with the message unhandled: the relay's publish fails and its checkpoint stays.
    const closing = first.close();
    await firstRelay.stop();

    // Restart: a new bus (memory is gone) and relay resume from the checkpoint.
    const second = new InProcessMessageBus({ logger: silentLogger, acknowledge: 'handled' });
    const handledSecond: string[] = [];
    await second.subscribe({
      group: 'consumer',
      topics: [TOPIC],
      fromBeginning: true,
      handler: async (m) => void handledSecond.push(m.key),
    });
    await relay({ bus: second }).start();
    await until(() => handledSecond.includes(stopAt), 'petition-2 after the restart');
    expect(handledFirst).toEqual(['petition-1']);
    expect(handledSecond).toEqual([stopAt]);
    await second.close();
    release();
    await closing;
  });
});
