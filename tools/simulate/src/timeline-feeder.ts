import { createHash } from 'node:crypto';
import type { PetitionSubmissionInput } from '@tiep-dan/contracts';
import {
  Deliveries,
  type DeliveryOutcome,
  type FeedMessage,
  type FeedOptions,
  type FeedSummary,
  type HttpClient,
  type SubmissionSink,
} from './feeders';
import type { CommuneYear, SimulatedSubmission } from './generator';
import type { SimulatedReceptionSession, SimulatedVisit } from './reception-sessions';

/**
 * Feeding a simulated period to intake as it happened, day by day: the day's reception sessions are
 * opened, then its petitions are recorded (an in-person petition with the id intake gave its session),
 * then each session's visits are recorded with the ids intake gave the petitions, and the session is
 * closed. Intake takes reception sessions over its REST API only: it has no Kafka topic for them.
 */

export const RECEPTION_SESSIONS_PATH = '/api/intake/reception-sessions';

/** The body of `POST /api/intake/reception-sessions` (intake's `openSessionSchema`). */
export type OpenSessionBody = Pick<
  SimulatedReceptionSession,
  'kind' | 'date' | 'venue' | 'presidedBy' | 'receivingOfficialIds'
>;

type IntakeVisitOutcome =
  | Exclude<SimulatedVisit['outcome'], { type: 'petition_recorded' }>
  | { type: 'petition_recorded'; petitionIds: string[] };

/** The body of `POST /api/intake/reception-sessions/{id}/visits` (intake's `recordVisitSchema`). */
export type VisitBody = Omit<SimulatedVisit, 'outcome'> & { outcome: IntakeVisitOutcome };

/** Where reception sessions go; an acceptance of `open` carries intake's session (`{ id }`). */
export interface ReceptionSink {
  open(body: OpenSessionBody, idempotencyKey: string): Promise<DeliveryOutcome>;
  recordVisit(sessionId: string, body: VisitBody, idempotencyKey: string): Promise<DeliveryOutcome>;
  close(sessionId: string, idempotencyKey: string): Promise<DeliveryOutcome>;
}

export function createReceptionSink(client: HttpClient): ReceptionSink {
  return {
    open: (body, key) => client.post(RECEPTION_SESSIONS_PATH, body, key),
    recordVisit: (sessionId, body, key) =>
      client.post(`${RECEPTION_SESSIONS_PATH}/${sessionId}/visits`, body, key),
    close: (sessionId, key) => client.post(`${RECEPTION_SESSIONS_PATH}/${sessionId}/close`, {}, key),
  };
}

export function openSessionBody(session: SimulatedReceptionSession): OpenSessionBody {
  return {
    kind: session.kind,
    date: session.date,
    venue: session.venue,
    presidedBy: session.presidedBy,
    receivingOfficialIds: session.receivingOfficialIds,
  };
}

/**
 * A visit as intake records it: the submissions it handed in become intake's petition ids. Undefined
 * when none of them was recorded: the visit would have nothing to show for its outcome.
 */
export function visitBody(
  visit: SimulatedVisit,
  petitionIdOf: (submissionId: string) => string | undefined,
): VisitBody | undefined {
  const { outcome, ...rest } = visit;
  if (outcome.type !== 'petition_recorded') return { ...rest, outcome };
  const petitionIds = outcome.submissionIds.map(petitionIdOf).filter((id): id is string => id !== undefined);
  return petitionIds.length === 0
    ? undefined
    : { ...rest, outcome: { type: 'petition_recorded', petitionIds } };
}

/**
 * Idempotency keys of a session's requests. The session's content is in the key, so that feeding the
 * same run again gets intake's first answers, while another run (another seed, another petition count)
 * never reuses a key for other content.
 */
export function sessionKey(session: SimulatedReceptionSession): string {
  const digest = createHash('sha256').update(JSON.stringify(session)).digest('hex').slice(0, 12);
  return `sim-session-${session.sessionId}-${digest}`;
}

export interface TimelineSummary extends FeedSummary {
  petitions: {
    total: number;
    accepted: number;
    /** Linked by intake's matcher to an earlier petition (trùng đơn, đơn tái diễn). */
    duplicateOf: number;
    repeatOf: number;
    /** In-person petitions recorded without their session because it could not be opened. */
    withoutSession: number;
  };
  sessions: {
    total: number;
    opened: number;
    closed: number;
    visits: { total: number; recorded: number; skipped: number };
  };
}

/** Counts the requests of a period: each session opened and closed, each petition, each visit. */
export function timelineRequests(year: Pick<CommuneYear, 'submissions' | 'sessions'>): number {
  const visits = year.sessions.reduce((n, s) => n + s.visits.length, 0);
  return year.submissions.length + 2 * year.sessions.length + visits;
}

/** The petition without its reception session: for a feed where intake cannot know the session. */
export function withoutSession(petition: PetitionSubmissionInput): PetitionSubmissionInput {
  const { receptionSessionId: _session, ...rest } = petition;
  return rest;
}

function idOf(body: unknown, field: 'id' | 'petitionId'): string | undefined {
  const value = (body as Record<string, unknown> | undefined)?.[field];
  return typeof value === 'string' && value !== '' ? value : undefined;
}

interface Day {
  sessions: SimulatedReceptionSession[];
  submissions: SimulatedSubmission[];
}

export async function feedTimeline(
  year: Pick<CommuneYear, 'submissions' | 'sessions'>,
  petitions: SubmissionSink,
  reception: ReceptionSink,
  options: FeedOptions,
): Promise<TimelineSummary> {
  const deliveries = new Deliveries(options);
  const total = timelineRequests(year);
  let handled = 0;
  const done = (requests = 1) => {
    handled += requests;
    options.onProgress?.(handled, total);
  };
  const summary = {
    petitions: {
      total: year.submissions.length,
      accepted: 0,
      duplicateOf: 0,
      repeatOf: 0,
      withoutSession: 0,
    },
    sessions: {
      total: year.sessions.length,
      opened: 0,
      closed: 0,
      visits: { total: year.sessions.reduce((n, s) => n + s.visits.length, 0), recorded: 0, skipped: 0 },
    },
  };

  const days = new Map<string, Day>();
  const day = (date: string) => {
    let d = days.get(date);
    if (!d) days.set(date, (d = { sessions: [], submissions: [] }));
    return d;
  };
  for (const session of year.sessions) day(session.date).sessions.push(session);
  for (const submission of year.submissions) day(submission.petition.receivedOn).submissions.push(submission);

  const intakeSession = new Map<string, string>();
  const intakePetition = new Map<string, string>();

  const openSession = async (session: SimulatedReceptionSession) => {
    const outcome = await deliveries.send(() =>
      reception.open(openSessionBody(session), sessionKey(session)),
    );
    done();
    const id = outcome.result === 'accepted' ? idOf(outcome.body, 'id') : undefined;
    if (id !== undefined) {
      intakeSession.set(session.sessionId, id);
      summary.sessions.opened++;
    }
  };

  const recordPetition = async (submission: SimulatedSubmission) => {
    const simulated = submission.petition.receptionSessionId;
    const sessionId = simulated === undefined ? undefined : intakeSession.get(simulated);
    if (simulated !== undefined && sessionId === undefined) summary.petitions.withoutSession++;
    const petition =
      sessionId === undefined
        ? withoutSession(submission.petition)
        : { ...submission.petition, receptionSessionId: sessionId };
    const message: FeedMessage = { submissionId: submission.submissionId, petition };
    const outcome = await deliveries.send(() => petitions.deliver(message));
    done();
    if (outcome.result !== 'accepted') return;
    summary.petitions.accepted++;
    const body = outcome.body as { duplicateOf?: unknown; repeatOf?: unknown } | undefined;
    if (body?.duplicateOf) summary.petitions.duplicateOf++;
    if (body?.repeatOf) summary.petitions.repeatOf++;
    const petitionId = idOf(outcome.body, 'petitionId');
    if (petitionId !== undefined) intakePetition.set(submission.submissionId, petitionId);
  };

  // One session's visits one after the other: each is an append to the session's stream.
  const receive = async (session: SimulatedReceptionSession) => {
    const sessionId = intakeSession.get(session.sessionId);
    const key = sessionKey(session);
    if (sessionId === undefined) {
      summary.sessions.visits.skipped += session.visits.length;
      done(session.visits.length + 1);
      return;
    }
    for (const [index, visit] of session.visits.entries()) {
      if (deliveries.aborted) return;
      const body = visitBody(visit, (id) => intakePetition.get(id));
      if (body === undefined) {
        summary.sessions.visits.skipped++;
      } else {
        const outcome = await deliveries.send(() =>
          reception.recordVisit(sessionId, body, `${key}-visit-${index + 1}`),
        );
        if (outcome.result === 'accepted') summary.sessions.visits.recorded++;
      }
      done();
    }
    if (deliveries.aborted) return;
    const closed = await deliveries.send(() => reception.close(sessionId, `${key}-close`));
    if (closed.result === 'accepted') summary.sessions.closed++;
    done();
  };

  for (const [, { sessions, submissions }] of [...days].sort(([a], [b]) => (a < b ? -1 : 1))) {
    if (deliveries.aborted) break;
    await deliveries.forEach(sessions, openSession);
    await deliveries.forEach(submissions, recordPetition);
    await deliveries.forEach(sessions, receive);
  }

  return { ...deliveries.summary(total, handled), ...summary };
}

export function formatTimelineSummary(summary: TimelineSummary, target: string): string {
  const seconds = summary.elapsedMs / 1000;
  const list = (record: Record<string, number>) =>
    Object.entries(record)
      .sort(([a], [b]) => (a < b ? -1 : 1))
      .map(([code, n]) => `    ${code}: ${n}`);
  const rejected = Object.values(summary.rejected).reduce((a, b) => a + b, 0);
  const failed = Object.values(summary.failed).reduce((a, b) => a + b, 0);
  const { petitions, sessions } = summary;
  return [
    `${target}: ${summary.handled}/${summary.total} requests in ${seconds.toFixed(1)} s` +
      ` (${seconds > 0 ? (summary.handled / seconds).toFixed(1) : '–'}/s)${summary.interrupted ? ', interrupted' : ''}`,
    `  petitions: ${petitions.accepted}/${petitions.total} accepted; linked as duplicate ${petitions.duplicateOf}, as repeat ${petitions.repeatOf}` +
      (petitions.withoutSession > 0 ? `; ${petitions.withoutSession} without their session` : ''),
    `  reception sessions: ${sessions.opened}/${sessions.total} opened, ${sessions.closed} closed; ` +
      `visits ${sessions.visits.recorded}/${sessions.visits.total} recorded` +
      (sessions.visits.skipped > 0 ? `, ${sessions.visits.skipped} skipped` : ''),
    `  accepted requests: ${summary.accepted}`,
    `  rejected: ${rejected}`,
    ...list(summary.rejected),
    `  failed after retries: ${failed}`,
    ...list(summary.failed),
    `  retried attempts: ${summary.retried}`,
    `  latency: p50 ${summary.latencyMs.p50} ms, p99 ${summary.latencyMs.p99} ms, max ${summary.latencyMs.max} ms`,
  ].join('\n');
}
