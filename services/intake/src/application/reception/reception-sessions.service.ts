import { Inject, Injectable, Logger } from '@nestjs/common';
import { WrongExpectedVersionError } from '@tiep-dan/event-store';
import { currentCorrelationId, type AuthPrincipal } from '@tiep-dan/platform';
import { randomUUID } from 'node:crypto';
import type { z } from 'zod';
import {
  CHAIRMAN_RECEPTION_RULES,
  chairmanComplianceWindow,
  chairmanReceptionCompliance,
  communeDateAt,
  decideReceptionSession,
  evolveReceptionSession,
  receptionError,
  type ActiveSessionState,
  type ChairmanReceptionCompliance,
  type ReceptionSessionCommand,
} from '../../domain/reception';
import {
  ReceptionSessionListTable,
  listRowOf,
  type ReceptionSessionList,
} from '../../infrastructure/reception/reception-session-list.table';
import { ReceptionSessionStreams } from '../../infrastructure/reception/reception-session.streams';
import type {
  addNoteSchema,
  correctSessionSchema,
  correctVisitSchema,
  linkPetitionSchema,
  listQuerySchema,
  openSessionSchema,
  recordVisitSchema,
} from './reception-sessions.dto';
import {
  toListItemView,
  toSessionView,
  type ReceptionSessionPage,
  type ReceptionSessionView,
} from './reception-session.views';

/** Where the application reads the time; tests drive it. Deciders get it as an argument. */
export const RECEPTION_CLOCK = Symbol('RECEPTION_CLOCK');
export type Clock = () => Date;

/** Appends that lose a race re-read the stream and decide again, this many times in all. */
const MAX_ATTEMPTS = 3;

/** Roles that see who the visitors are (their pseudonymous references); police only need the facts. */
const VISITOR_REF_READERS = new Set(['reception_officer', 'chairman', 'front_supervisor', 'administrator']);

export function viewOptionsFor(principal: AuthPrincipal) {
  return { showVisitorRefs: principal.roles.some((role) => VISITOR_REF_READERS.has(role)) };
}

/**
 * Reception sessions (tiếp công dân): each write loads the session's stream, lets the pure decider
 * judge the command at "now", appends with the expected version, then updates the list table.
 */
@Injectable()
export class ReceptionSessionsService {
  private readonly logger = new Logger('ReceptionSessions');

  constructor(
    @Inject(ReceptionSessionStreams) private readonly streams: ReceptionSessionStreams,
    @Inject(ReceptionSessionListTable) private readonly table: ReceptionSessionList,
    @Inject(RECEPTION_CLOCK) private readonly clock: Clock,
  ) {}

  async open(input: z.infer<typeof openSessionSchema>, actor: AuthPrincipal): Promise<ReceptionSessionView> {
    const sessionId = randomUUID();
    return this.execute(sessionId, { type: 'OpenReceptionSession', sessionId, ...input }, actor);
  }

  async recordVisit(
    sessionId: string,
    input: z.infer<typeof recordVisitSchema>,
    actor: AuthPrincipal,
  ): Promise<{ visitId: string; session: ReceptionSessionView }> {
    const visitId = randomUUID();
    const session = await this.execute(sessionId, { type: 'RecordVisit', visitId, ...input }, actor);
    return { visitId, session };
  }

  async linkPetition(
    sessionId: string,
    input: z.infer<typeof linkPetitionSchema>,
    actor: AuthPrincipal,
  ): Promise<ReceptionSessionView> {
    return this.execute(sessionId, { type: 'LinkPetition', ...input }, actor);
  }

  async addNote(
    sessionId: string,
    input: z.infer<typeof addNoteSchema>,
    actor: AuthPrincipal,
  ): Promise<{ noteId: string; session: ReceptionSessionView }> {
    const noteId = randomUUID();
    const session = await this.execute(
      sessionId,
      { type: 'AddNote', noteId, text: input.text, addedBy: actor.userId },
      actor,
    );
    return { noteId, session };
  }

  async correctDetails(
    sessionId: string,
    input: z.infer<typeof correctSessionSchema>,
    actor: AuthPrincipal,
  ): Promise<ReceptionSessionView> {
    return this.execute(sessionId, { type: 'CorrectSessionDetails', ...input }, actor);
  }

  async correctVisit(
    sessionId: string,
    visitId: string,
    input: z.infer<typeof correctVisitSchema>,
    actor: AuthPrincipal,
  ): Promise<ReceptionSessionView> {
    return this.execute(sessionId, { type: 'CorrectVisit', visitId, ...input }, actor);
  }

  async voidVisit(
    sessionId: string,
    visitId: string,
    reason: string,
    actor: AuthPrincipal,
  ): Promise<ReceptionSessionView> {
    return this.execute(sessionId, { type: 'VoidVisit', visitId, reason }, actor);
  }

  async unlinkPetition(
    sessionId: string,
    petitionId: string,
    reason: string,
    actor: AuthPrincipal,
  ): Promise<ReceptionSessionView> {
    return this.execute(sessionId, { type: 'UnlinkPetition', petitionId, reason }, actor);
  }

  async close(sessionId: string, actor: AuthPrincipal): Promise<ReceptionSessionView> {
    return this.execute(sessionId, { type: 'CloseReceptionSession' }, actor);
  }

  /** One session from its stream (always current, whatever the list table's lag). */
  async get(sessionId: string, viewer: AuthPrincipal): Promise<ReceptionSessionView> {
    const { state, version } = await this.streams.load(sessionId);
    if (state.status === 'none')
      throw receptionError('SESSION_NOT_FOUND', `no reception session ${sessionId}`);
    return toSessionView(state, version, viewOptionsFor(viewer));
  }

  async list(query: z.infer<typeof listQuerySchema>): Promise<ReceptionSessionPage> {
    const { items, total } = await this.table.list(query);
    return { items: items.map(toListItemView), total, limit: query.limit, offset: query.offset };
  }

  /** The chairman's periodic reception in `month` against the rule in force then (see the domain helper). */
  async compliance(month: string): Promise<ChairmanReceptionCompliance> {
    const window = chairmanComplianceWindow(month, CHAIRMAN_RECEPTION_RULES);
    const sessions = await this.table.chairmanPeriodicSessions(window.from, window.to);
    return chairmanReceptionCompliance(
      sessions,
      month,
      CHAIRMAN_RECEPTION_RULES,
      communeDateAt(this.clock()),
    );
  }

  private async execute(
    sessionId: string,
    command: ReceptionSessionCommand,
    actor: AuthPrincipal,
  ): Promise<ReceptionSessionView> {
    for (let attempt = 1; ; attempt++) {
      const { state, version } = await this.streams.load(sessionId);
      const now = this.clock();
      const events = decideReceptionSession(command, state, now);
      let newVersion: number;
      try {
        const correlationId = currentCorrelationId();
        newVersion = await this.streams.append(sessionId, events, version, {
          actor: actor.userId,
          occurredAt: now.toISOString(),
          ...(correlationId ? { correlationId } : {}),
        });
      } catch (error) {
        if (!(error instanceof WrongExpectedVersionError)) throw error;
        if (attempt >= MAX_ATTEMPTS) {
          throw receptionError(
            'CONCURRENT_UPDATE',
            'the session kept changing while this request ran; retry',
          );
        }
        continue;
      }
      const updated = events.reduce(evolveReceptionSession, state) as ActiveSessionState;
      await this.updateList(updated, newVersion);
      return toSessionView(updated, newVersion, viewOptionsFor(actor));
    }
  }

  private async updateList(state: ActiveSessionState, version: number): Promise<void> {
    try {
      await this.table.upsert(listRowOf(state, version));
    } catch (error) {
      // The append is the truth and succeeded: the list projector brings the row up to date later.
      this.logger.warn(`list row of session ${state.sessionId} not updated: ${String(error)}`);
    }
  }
}
