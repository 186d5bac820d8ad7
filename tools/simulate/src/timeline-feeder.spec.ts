import type { DeliveryOutcome, FeedMessage, HttpClient, SubmissionSink } from './feeders';
import { generateCommuneYear, type CommuneYear } from './generator';
import {
  createReceptionSink,
  feedTimeline,
  formatTimelineSummary,
  openSessionBody,
  sessionKey,
  timelineRequests,
  visitBody,
  type OpenSessionBody,
  type ReceptionSink,
  type VisitBody,
} from './timeline-feeder';

const month: CommuneYear = generateCommuneYear({
  seed: 3,
  year: 2025,
  petitions: 80,
  startDate: '2025-03-01',
  endDate: '2025-03-31',
});

type Call =
  | { what: 'open'; date: string; key: string; body: OpenSessionBody; id: string }
  | { what: 'petition'; date: string; key: string; petition: FeedMessage['petition']; id: string }
  | { what: 'visit'; sessionId: string; key: string; body: VisitBody }
  | { what: 'close'; sessionId: string; key: string };

/** Intake in memory: answers like its REST API, ids derived from the idempotency keys. */
function fakeIntake(refuse: { sessionsOn?: string; submissionIds?: string[] } = {}) {
  const calls: Call[] = [];
  const inFlight = new Map<string, number>();
  let overlapping = false;
  const idFor = (key: string) => `id-${key}`;
  const petitions: SubmissionSink = {
    name: 'fake',
    open: async () => {},
    close: async () => {},
    async deliver(message): Promise<DeliveryOutcome> {
      if (refuse.submissionIds?.includes(message.submissionId)) {
        return { result: 'rejected', code: 'PETITION.INVALID_INPUT' };
      }
      const id = idFor(message.submissionId);
      calls.push({
        what: 'petition',
        date: message.petition.receivedOn,
        key: message.submissionId,
        petition: message.petition,
        id,
      });
      const duplicate = message.petition.summary.length % 7 === 0;
      return {
        result: 'accepted',
        body: { petitionId: id, ...(duplicate ? { duplicateOf: { petitionId: 'x' } } : {}) },
      };
    },
  };
  const reception: ReceptionSink = {
    async open(body, key) {
      if (body.date === refuse.sessionsOn) return { result: 'retry', reason: 'HTTP_503' };
      calls.push({ what: 'open', date: body.date, key, body, id: idFor(key) });
      return { result: 'accepted', body: { id: idFor(key) } };
    },
    async recordVisit(sessionId, body, key) {
      inFlight.set(sessionId, (inFlight.get(sessionId) ?? 0) + 1);
      if ((inFlight.get(sessionId) ?? 0) > 1) overlapping = true;
      await new Promise((resolve) => setImmediate(resolve));
      inFlight.set(sessionId, (inFlight.get(sessionId) ?? 1) - 1);
      calls.push({ what: 'visit', sessionId, key, body });
      return { result: 'accepted', body: { visitId: `v-${key}` } };
    },
    async close(sessionId, key) {
      calls.push({ what: 'close', sessionId, key });
      return { result: 'accepted', body: { id: sessionId } };
    },
  };
  return { calls, petitions, reception, overlapping: () => overlapping };
}

const options = { concurrency: 4, maxAttempts: 2, backoff: { initialMs: 1, maxMs: 1 } };

describe('feeding a period with its reception sessions', () => {
  it('opens a day’s sessions before its petitions, and records their visits and closes them after', async () => {
    const intake = fakeIntake();
    await feedTimeline(month, intake.petitions, intake.reception, options);
    const dateOf = new Map<string, string>();
    for (const c of intake.calls) if (c.what === 'open') dateOf.set(c.id, c.date);
    const dayOf = (c: Call) =>
      c.what === 'open' || c.what === 'petition' ? c.date : dateOf.get(c.sessionId);
    const stage = { open: 0, petition: 1, visit: 2, close: 2 } as const;
    // Days in order, and within a day: every session opened, then every petition, then visits and closes.
    const steps = intake.calls.map((c) => `${dayOf(c)} ${stage[c.what]}`);
    expect(steps).toEqual([...steps].sort());
    for (const session of month.sessions) {
      const id = `id-${sessionKey(session)}`;
      const own = intake.calls.filter(
        (c) => (c.what === 'visit' || c.what === 'close') && c.sessionId === id,
      );
      expect(own.map((c) => c.what)).toEqual([...session.visits.map(() => 'visit'), 'close']);
    }
  });

  it('gives an in-person petition the id intake gave its session, and a visit the ids intake gave its petitions', async () => {
    const intake = fakeIntake();
    await feedTimeline(month, intake.petitions, intake.reception, options);
    const intakeIdOf = new Map(month.sessions.map((s) => [s.sessionId, `id-${sessionKey(s)}`] as const));
    const sent = intake.calls.filter((c) => c.what === 'petition');
    expect(sent).toHaveLength(month.submissions.length);
    for (const s of month.submissions) {
      const call = sent.find((c) => c.key === s.submissionId);
      const simulated = s.petition.receptionSessionId;
      expect(call?.petition.receptionSessionId).toBe(simulated && intakeIdOf.get(simulated));
    }
    const inPerson = month.submissions.filter((s) => s.petition.channel === 'in_person');
    expect(inPerson.length).toBeGreaterThan(0);
    const linked = intake.calls.flatMap((c) =>
      c.what === 'visit' && c.body.outcome.type === 'petition_recorded' ? c.body.outcome.petitionIds : [],
    );
    expect(linked.sort()).toEqual(inPerson.map((s) => `id-${s.submissionId}`).sort());
  });

  it('records one session’s visits one after another', async () => {
    const intake = fakeIntake();
    await feedTimeline(month, intake.petitions, intake.reception, { ...options, concurrency: 8 });
    expect(intake.overlapping()).toBe(false);
  });

  it('counts every request, the sessions opened and closed, the visits and the matcher’s links', async () => {
    const intake = fakeIntake();
    const progress: number[] = [];
    const summary = await feedTimeline(month, intake.petitions, intake.reception, {
      ...options,
      onProgress: (done) => progress.push(done),
    });
    const visits = month.sessions.reduce((n, s) => n + s.visits.length, 0);
    expect(summary.total).toBe(month.submissions.length + 2 * month.sessions.length + visits);
    expect(summary.total).toBe(timelineRequests(month));
    expect(summary).toMatchObject({
      handled: summary.total,
      accepted: summary.total,
      interrupted: false,
      petitions: { total: month.submissions.length, accepted: month.submissions.length, withoutSession: 0 },
      sessions: {
        opened: month.sessions.length,
        closed: month.sessions.length,
        visits: { total: visits, recorded: visits, skipped: 0 },
      },
    });
    expect(summary.petitions.duplicateOf).toBe(
      month.submissions.filter((s) => s.petition.summary.length % 7 === 0).length,
    );
    expect(progress[progress.length - 1]).toBe(summary.total);
    expect(formatTimelineSummary(summary, 'http x')).toMatch(
      new RegExp(`reception sessions: ${month.sessions.length}/${month.sessions.length} opened`),
    );
  });

  it('records the petitions of a session it could not open without it, skips its visits and says so', async () => {
    const date = month.submissions.find((s) => s.petition.channel === 'in_person')?.petition.receivedOn;
    const intake = fakeIntake({ sessionsOn: date });
    const summary = await feedTimeline(month, intake.petitions, intake.reception, options);
    const lost = month.sessions.filter((s) => s.date === date);
    const stranded = month.submissions.filter(
      (s) => s.petition.receivedOn === date && s.petition.receptionSessionId !== undefined,
    );
    expect(summary.sessions.opened).toBe(month.sessions.length - lost.length);
    expect(summary.petitions.withoutSession).toBe(stranded.length);
    for (const s of stranded) {
      const call = intake.calls.find((c) => c.what === 'petition' && c.key === s.submissionId);
      expect(call?.what === 'petition' && call.petition.receptionSessionId).toBeUndefined();
    }
    expect(summary.sessions.visits.skipped).toBe(lost.reduce((n, s) => n + s.visits.length, 0));
    expect(summary.failed).toEqual({ HTTP_503: lost.length });
    expect(summary.accepted).toBeLessThan(summary.total);
    expect(formatTimelineSummary(summary, 'http x')).toMatch(/without their session/);
  });

  it('skips the visit of a petition intake refused', async () => {
    const refused = month.submissions.find((s) => s.petition.channel === 'in_person');
    const intake = fakeIntake({ submissionIds: [refused?.submissionId as string] });
    const summary = await feedTimeline(month, intake.petitions, intake.reception, options);
    expect(summary.sessions.visits.skipped).toBe(1);
    expect(summary.rejected).toEqual({ 'PETITION.INVALID_INPUT': 1 });
  });

  it('uses the same idempotency keys when the same run is fed again, and never one key for two contents', async () => {
    const keys = async (year: CommuneYear) => {
      const intake = fakeIntake();
      await feedTimeline(year, intake.petitions, intake.reception, options);
      return intake.calls.map((c) => c.key).sort();
    };
    const first = await keys(month);
    expect(await keys(month)).toEqual(first);
    expect(new Set(first).size).toBe(first.length);
    for (const key of first) expect(key).toMatch(/^[A-Za-z0-9._:-]{1,200}$/);

    const other = generateCommuneYear({
      seed: 3,
      year: 2025,
      petitions: 81,
      startDate: '2025-03-01',
      endDate: '2025-03-31',
    });
    const contentOf = new Map(month.sessions.map((s) => [s.sessionId, JSON.stringify(s)]));
    const changed = other.sessions.filter((s) => contentOf.get(s.sessionId) !== JSON.stringify(s));
    expect(changed.length).toBeGreaterThan(0);
    const firstKeys = new Set(month.sessions.map(sessionKey));
    for (const session of changed) expect(firstKeys.has(sessionKey(session))).toBe(false);
  });

  it('stops taking new work when interrupted', async () => {
    const intake = fakeIntake();
    const abort = new AbortController();
    const summary = await feedTimeline(month, intake.petitions, intake.reception, {
      ...options,
      signal: abort.signal,
      onProgress: (done) => {
        if (done === 10) abort.abort();
      },
    });
    expect(summary.interrupted).toBe(true);
    expect(summary.handled).toBeLessThan(summary.total);
  });
});

describe('visitBody', () => {
  const visit = {
    visitorRef: 'v-1',
    peopleCount: 1,
    firstTime: true,
    matterSummary: 'Tranh chấp đất',
    outcome: { type: 'petition_recorded' as const, submissionIds: ['a', 'b'] },
  };

  it('replaces the submission ids by intake’s petition ids, leaving out those intake has not', () => {
    expect(visitBody(visit, (id) => (id === 'a' ? 'p-a' : undefined))?.outcome).toEqual({
      type: 'petition_recorded',
      petitionIds: ['p-a'],
    });
    expect(visitBody(visit, () => undefined)).toBeUndefined();
  });

  it('keeps a walk-in as it is', () => {
    const walkIn = { ...visit, outcome: { type: 'answered' as const } };
    expect(visitBody(walkIn, () => undefined)).toEqual(walkIn);
  });
});

describe('reception sink over HTTP', () => {
  it('posts to intake’s reception-session endpoints with the idempotency keys', async () => {
    const posts: [string, unknown, string][] = [];
    const client: HttpClient = {
      baseUrl: 'http://x',
      open: async () => {},
      post: async (path, body, key) => {
        posts.push([path, body, key]);
        return { result: 'accepted' };
      },
    };
    const sink = createReceptionSink(client);
    const body: VisitBody = {
      visitorRef: 'v-1',
      peopleCount: 1,
      firstTime: true,
      matterSummary: 'Hỏi tiến độ giải quyết đơn',
      outcome: { type: 'answered' },
    };
    await sink.open(openSessionBody(month.sessions[0]), 'k-open');
    await sink.recordVisit('s-1', body, 'k-visit');
    await sink.close('s-1', 'k-close');
    expect(posts.map(([path, , key]) => [path, key])).toEqual([
      ['/api/intake/reception-sessions', 'k-open'],
      ['/api/intake/reception-sessions/s-1/visits', 'k-visit'],
      ['/api/intake/reception-sessions/s-1/close', 'k-close'],
    ]);
    expect(posts[2][1]).toEqual({});
  });
});
