import { AggregateRepository } from './aggregate-repository';
import { WrongExpectedVersionError } from './event-store.port';
import { InMemoryEventStore } from './in-memory/in-memory.event-store';

/** A counter that can be incremented up to a limit. */
type Counted = { type: 'Counted'; data: { by: number } };
type Counter = { total: number };

const fold = (events: readonly Counted[]): Counter | undefined =>
  events.length === 0 ? undefined : { total: events.reduce((sum, e) => sum + e.data.by, 0) };
const increment =
  (by: number, limit = 10) =>
  (state: Counter | undefined): Counted[] =>
    (state?.total ?? 0) + by > limit ? [] : [{ type: 'Counted', data: { by } }];

describe('AggregateRepository', () => {
  let store: InMemoryEventStore;
  let counters: AggregateRepository<Counter, Counted>;

  beforeEach(() => {
    store = new InMemoryEventStore();
    counters = new AggregateRepository(store, { prefix: 'counter-', fold });
  });

  it('loads the folded state of the stream <prefix><id>, with its version', async () => {
    expect(await counters.load('a')).toEqual({ state: undefined, version: -1, events: [] });
    await counters.handle('a', increment(2), {});
    await counters.handle('a', increment(3), {});
    const loaded = await counters.load('a');
    expect(loaded).toMatchObject({ state: { total: 5 }, version: 1 });
    expect((await store.readStream('counter-a')).map((e) => e.data)).toEqual([{ by: 2 }, { by: 3 }]);
  });

  it('appends what the decider decides, and returns the new state and the recorded events', async () => {
    const handled = await counters.handle('a', increment(4), { actor: 'u-1' });
    expect(handled).toMatchObject({ state: { total: 4 }, version: 0, appended: [{ data: { by: 4 } }] });
    expect(handled.recorded[0]).toMatchObject({ streamId: 'counter-a', streamVersion: 0, type: 'Counted' });
  });

  it('appends nothing when the decider decides nothing', async () => {
    await counters.handle('a', increment(9), {});
    const handled = await counters.handle('a', increment(5), {});
    expect(handled).toEqual({ state: { total: 9 }, version: 0, appended: [], recorded: [] });
    expect(await store.readStream('counter-a')).toHaveLength(1);
  });

  it('decides again on the fresh state when a concurrent writer got there first', async () => {
    await counters.handle('a', increment(6), {});
    const stale = await counters.load('a');
    await counters.handle('a', increment(3), {}); // the concurrent writer: total 9
    // Decided on the stale state (6) the increment would fit; on the fresh one (9) it does not.
    const handled = await counters.handle('a', increment(3), {}, stale);
    expect(handled).toMatchObject({ state: { total: 9 }, appended: [] });
    expect(await store.readStream('counter-a')).toHaveLength(2);
  });

  it('gives up after the retries a conflict allows', async () => {
    const racing = new AggregateRepository(store, { prefix: 'counter-', fold, maxRetries: 2 });
    let writes = 0;
    const decideWhileOthersWrite = (state: Counter | undefined): Counted[] => {
      writes += 1;
      // Another writer appends before each of our appends.
      void store.appendToStream(
        'counter-b',
        [{ id: crypto.randomUUID(), type: 'Counted', data: { by: 0 } }],
        {
          expectedVersion: 'any',
        },
      );
      return increment(1, 100)(state);
    };
    await store.appendToStream('counter-b', [{ id: crypto.randomUUID(), type: 'Counted', data: { by: 0 } }], {
      expectedVersion: 'any',
    });
    await expect(racing.handle('b', decideWhileOthersWrite, {})).rejects.toBeInstanceOf(
      WrongExpectedVersionError,
    );
    expect(writes).toBe(3);
  });

  it('evolves the loaded state when given evolve, instead of folding the whole stream again', async () => {
    const folds: number[] = [];
    const evolving = new AggregateRepository<Counter, Counted>(store, {
      prefix: 'counter-',
      fold: (events) => {
        folds.push(events.length);
        return fold(events);
      },
      evolve: (state, event) => ({ total: (state?.total ?? 0) + event.data.by }),
    });
    await evolving.handle('a', increment(2), {});
    const handled = await evolving.handle('a', increment(3), {});
    expect(handled.state).toEqual({ total: 5 });
    expect(folds).toEqual([0, 1]); // one fold per load, none after the append
  });

  it('adds the default metadata the caller did not give; the caller’s own values win', async () => {
    const correlated = new AggregateRepository(store, {
      prefix: 'counter-',
      fold,
      defaults: () => ({ correlationId: 'request-1', actor: 'system' }),
    });
    await correlated.handle('a', increment(1), { actor: 'u-7', causationId: undefined });
    await correlated.handle('a', increment(1), { correlationId: 'message-9' });
    const metadata = (await store.readStream('counter-a')).map((e) => e.metadata);
    expect(metadata[0]).toEqual({ correlationId: 'request-1', actor: 'u-7' });
    expect(metadata[1]).toEqual({ correlationId: 'message-9', actor: 'system' });
  });
});
