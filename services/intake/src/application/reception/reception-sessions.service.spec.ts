import { Logger } from '@nestjs/common';
import { DomainError } from '@tiep-dan/contracts';
import {
  InMemoryEventStore,
  WrongExpectedVersionError,
  type AppendOptions,
  type NewEvent,
} from '@tiep-dan/event-store';
import type { AuthPrincipal } from '@tiep-dan/platform';
import type { ChairmanReceptionSessionRecord } from '../../domain/reception';
import { ReceptionSessionListProjector } from '../../infrastructure/reception/reception-session-list.projector';
import type {
  ReceptionSessionList,
  ReceptionSessionListQuery,
  ReceptionSessionListRow,
} from '../../infrastructure/reception/reception-session-list.table';
import { ReceptionSessionStreams } from '../../infrastructure/reception/reception-session.streams';
import { ReceptionSessionsService } from './reception-sessions.service';

const NOW = new Date('2026-11-20T03:00:00.000Z');
const officer: AuthPrincipal = { userId: 'officer-1', username: 'canbo', roles: ['reception_officer'] };
const police: AuthPrincipal = { userId: 'police-1', username: 'congan', roles: ['police'] };

/** The list read model in memory, with the same never-go-back rule as the table. */
class MemoryList implements ReceptionSessionList {
  readonly rows = new Map<string, ReceptionSessionListRow>();
  failNextUpserts = 0;

  async upsert(row: ReceptionSessionListRow): Promise<void> {
    if (this.failNextUpserts > 0) {
      this.failNextUpserts -= 1;
      throw new Error('database unavailable');
    }
    const current = this.rows.get(row.sessionId);
    if (!current || current.version < row.version) this.rows.set(row.sessionId, row);
  }
  async versionOf(sessionId: string): Promise<number | undefined> {
    return this.rows.get(sessionId)?.version;
  }
  async list(query: ReceptionSessionListQuery) {
    const items = [...this.rows.values()].slice(query.offset, query.offset + query.limit);
    return { items, total: this.rows.size };
  }
  async chairmanPeriodicSessions(from: string, to: string): Promise<ChairmanReceptionSessionRecord[]> {
    return [...this.rows.values()]
      .filter((r) => r.kind === 'chairman_periodic' && r.date >= from && r.date <= to)
      .map((r) => ({ sessionId: r.sessionId, kind: r.kind, date: r.date, presidedBy: r.presidedBy }));
  }
  async clear(): Promise<void> {
    this.rows.clear();
  }
}

const details = {
  kind: 'regular' as const,
  date: '2026-11-20',
  venue: { mode: 'in_person' as const, site: { name: 'Trụ sở tiếp công dân xã' } },
  presidedBy: { officialId: 'officer-1', position: 'official' as const },
  receivingOfficialIds: [],
};
const visit = (petitionId: string) => ({
  visitorRef: 'CD-000123',
  firstTime: true,
  matterSummary: 'Land boundary',
  outcome: { type: 'petition_recorded' as const, petitionIds: [petitionId] },
});

function setup(store = new InMemoryEventStore()) {
  const list = new MemoryList();
  const streams = new ReceptionSessionStreams(store);
  const service = new ReceptionSessionsService(streams, list, () => NOW);
  return { store, list, streams, service };
}

describe('ReceptionSessionsService', () => {
  it('appends to reception-session-<id> with the actor and the clock time, then updates the list row', async () => {
    const { store, list, service } = setup();
    const session = await service.open(details, officer);
    const events = await store.readStream(`reception-session-${session.id}`);
    expect(events.map((e) => e.type)).toEqual(['ReceptionSessionOpened']);
    expect(events[0].metadata).toMatchObject({ actor: 'officer-1', occurredAt: NOW.toISOString() });
    expect(list.rows.get(session.id)).toMatchObject({ version: 0, status: 'open', date: '2026-11-20' });

    await service.recordVisit(session.id, visit('00000000-0000-4000-8000-000000000001'), officer);
    expect(list.rows.get(session.id)).toMatchObject({ version: 1, visits: 1, petitions: 1 });
  });

  it('lets two officers record visits at the same moment: the one that loses the race decides again', async () => {
    const store = new InMemoryEventStore();
    const { service } = setup(store);
    const session = await service.open(details, officer);
    // Both requests read the stream before either appends.
    let reads = 0;
    let release: () => void = () => undefined;
    const bothRead = new Promise<void>((resolve) => (release = resolve));
    const readStream = store.readStream.bind(store);
    store.readStream = async (...args) => {
      const result = await readStream(...args);
      reads += 1;
      if (reads === 2) release();
      if (reads <= 2) await bothRead;
      return result;
    };
    const [a, b] = await Promise.all([
      service.recordVisit(session.id, visit('00000000-0000-4000-8000-00000000000a'), officer),
      service.recordVisit(session.id, visit('00000000-0000-4000-8000-00000000000b'), officer),
    ]);
    expect(reads).toBeGreaterThan(2);
    const stored = await readStream(`reception-session-${session.id}`);
    expect(stored.map((e) => e.type)).toEqual([
      'ReceptionSessionOpened',
      'CitizenReceived',
      'CitizenReceived',
    ]);
    expect(new Set([a.visitId, b.visitId]).size).toBe(2);
  });

  it('answers RECEPTION.CONCURRENT_UPDATE when it keeps losing the race', async () => {
    const store = new InMemoryEventStore();
    const { service } = setup(store);
    const session = await service.open(details, officer);
    let appends = 0;
    store.appendToStream = async (streamId: string, _events: NewEvent[], options: AppendOptions) => {
      appends += 1;
      throw new WrongExpectedVersionError(streamId, options.expectedVersion, 99);
    };
    await expect(service.close(session.id, officer)).rejects.toMatchObject({
      code: 'RECEPTION.CONCURRENT_UPDATE',
    });
    expect(appends).toBe(3);
  });

  it('keeps a write that succeeded even if the list update fails; the projector repairs the row', async () => {
    const { store, list, streams, service } = setup();
    const session = await service.open(details, officer);
    list.failNextUpserts = 1;
    const warn = jest.spyOn(Logger.prototype, 'warn').mockImplementation(() => undefined);
    const closed = await service.close(session.id, officer);
    expect(closed.status).toBe('closed');
    expect(list.rows.get(session.id)?.status).toBe('open');
    expect(warn).toHaveBeenCalledWith(expect.stringContaining(session.id));
    warn.mockRestore();

    const projector = new ReceptionSessionListProjector(store, streams, list, { warn: () => undefined });
    for (const event of await store.readStream(`reception-session-${session.id}`))
      await projector.project(event);
    expect(list.rows.get(session.id)).toMatchObject({ status: 'closed', version: 1 });
  });

  it('rebuilds the list from the streams alone', async () => {
    const { store, list, streams, service } = setup();
    const first = await service.open(details, officer);
    const second = await service.open({ ...details, date: '2026-11-19' }, officer);
    await service.close(second.id, officer);
    list.rows.clear();
    list.rows.set('stale', { ...list.rows.get(first.id)!, sessionId: 'stale' } as ReceptionSessionListRow);

    await new ReceptionSessionListProjector(store, streams, list, { warn: () => undefined }).rebuild();
    expect([...list.rows.keys()].sort()).toEqual([first.id, second.id].sort());
    expect(list.rows.get(second.id)).toMatchObject({ status: 'closed', version: 1 });
  });

  it('keeps the projector following new events through its durable subscription', async () => {
    const { store, list, streams, service } = setup();
    const projector = new ReceptionSessionListProjector(store, streams, list, { warn: () => undefined });
    await projector.start();
    const warn = jest.spyOn(Logger.prototype, 'warn').mockImplementation(() => undefined);
    try {
      list.failNextUpserts = 1;
      const session = await service.open(details, officer);
      for (let i = 0; i < 50 && !list.rows.has(session.id); i++) await new Promise((r) => setTimeout(r, 10));
      expect(list.rows.get(session.id)).toMatchObject({ version: 0 });
    } finally {
      warn.mockRestore();
      await projector.stop();
    }
  });

  it('shows police a session without visitor references', async () => {
    const { service } = setup();
    const session = await service.open(details, officer);
    await service.recordVisit(session.id, visit('00000000-0000-4000-8000-000000000001'), officer);
    expect((await service.get(session.id, officer)).visits[0].visitorRef).toBe('CD-000123');
    const seenByPolice = await service.get(session.id, police);
    expect(seenByPolice.visits[0]).not.toHaveProperty('visitorRef');
    expect(seenByPolice.visits[0].peopleCount).toBe(1);
  });

  it('answers RECEPTION.SESSION_NOT_FOUND for an unknown session', async () => {
    const { service } = setup();
    const error = await service.get('00000000-0000-4000-8000-0000000000ff', officer).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(DomainError);
    expect((error as DomainError).code).toBe('RECEPTION.SESSION_NOT_FOUND');
  });

  it('judges the current month as in progress, using the clock for "today"', async () => {
    const { service } = setup();
    await service.open(
      {
        ...details,
        kind: 'chairman_periodic',
        presidedBy: { officialId: 'chairman-1', position: 'chairman' },
      },
      officer,
    );
    const report = await service.compliance('2026-11');
    expect(report).toMatchObject({ heldDates: ['2026-11-20'], requiredDays: 2, status: 'in_progress' });
  });
});
