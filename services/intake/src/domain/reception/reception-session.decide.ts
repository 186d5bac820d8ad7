import type { ReceptionSessionCommand, VisitInput } from './reception-session.commands';
import { assertLocalDate, communeDateAt } from './reception-date';
import { receptionError } from './reception-session.errors';
import type { ReceptionSessionEvent, SessionDetails, VisitDetails } from './reception-session.events';
import {
  activeVisits,
  sessionPetitions,
  summarizeReceptionSession,
  type ActiveSessionState,
  type ReceptionSessionState,
} from './reception-session.state';
import {
  CHAIRMAN_RECEPTION_RULES,
  DELEGATION_MIN_HEADCOUNT,
  REPRESENTATIVE_LIMITS,
  chairmanRuleOn,
  maxRepresentatives,
  type ChairmanReceptionRule,
  type RepresentativeLimit,
} from './reception.rules';

/** The legal data the decider applies; defaults are the rules in `reception.rules.ts`. */
export interface ReceptionRules {
  chairman: readonly ChairmanReceptionRule[];
  representatives: readonly RepresentativeLimit[];
}

export const DEFAULT_RECEPTION_RULES: ReceptionRules = {
  chairman: CHAIRMAN_RECEPTION_RULES,
  representatives: REPRESENTATIVE_LIMITS,
};

/**
 * A pseudonymous reference: no spaces, so a person's full name cannot be typed into it by mistake.
 * Letters, digits and `. _ : / -`, up to 64 characters.
 */
const VISITOR_REF = /^[A-Za-z0-9][A-Za-z0-9._:/-]{0,63}$/;

function requireText(value: string | undefined, field: string): string {
  if (value === undefined || value.trim() === '') {
    throw receptionError('TEXT_REQUIRED', `${field} must not be empty`, { field });
  }
  return value;
}

function requireReason(reason: string): string {
  if (reason.trim() === '') {
    throw receptionError('CORRECTION_REASON_REQUIRED', 'a correction states its reason');
  }
  return reason;
}

function checkSessionDetails(details: SessionDetails, now: Date, rules: ReceptionRules): SessionDetails {
  assertLocalDate(details.date, 'date');
  const today = communeDateAt(now);
  if (details.date > today) {
    throw receptionError(
      'DATE_IN_FUTURE',
      `a session is recorded once held: ${details.date} is after ${today}`,
      {
        date: details.date,
        today,
      },
    );
  }

  const { venue } = details;
  if (venue.mode === 'in_person') {
    requireText(venue.site.name, 'venue.site.name');
  } else {
    requireText(venue.platform, 'venue.platform');
    requireText(venue.link, 'venue.link');
    const names = new Set<string>();
    for (const site of venue.linkedSites) {
      const key = requireText(site.name, 'venue.linkedSites.name').trim().toLowerCase();
      if (names.has(key)) {
        throw receptionError('DUPLICATE_LINKED_SITE', `site "${site.name}" is linked twice`);
      }
      names.add(key);
    }
  }

  const officials = [
    requireText(details.presidedBy.officialId, 'presidedBy.officialId'),
    ...details.receivingOfficialIds,
  ];
  if (new Set(officials).size !== officials.length) {
    throw receptionError('DUPLICATE_OFFICIAL', 'an official is listed twice among those receiving');
  }

  if (details.kind === 'chairman_periodic' && details.presidedBy.position !== 'chairman') {
    const rule = chairmanRuleOn(details.date, rules.chairman);
    const delegated = details.presidedBy.position === 'vice_chairman' && rule?.delegationAllowed === true;
    if (!delegated) {
      throw receptionError(
        'CHAIRMAN_MUST_PRESIDE',
        `the chairman's periodic reception on ${details.date} must be presided by the chairman himself`,
        { date: details.date, position: details.presidedBy.position, ruleFrom: rule?.effectiveFrom ?? null },
      );
    }
  }
  return details;
}

function checkVisit(
  input: VisitInput,
  state: ActiveSessionState,
  rules: ReceptionRules,
  /** The visit being corrected: its own petitions do not conflict with themselves. */
  visitId?: string,
): VisitDetails {
  if (!VISITOR_REF.test(input.visitorRef)) {
    throw receptionError(
      'INVALID_VISITOR_REF',
      'visitorRef must be a pseudonymous reference (letters, digits, . _ : / -, no spaces), never a name',
    );
  }

  let peopleCount: number;
  if (input.delegation) {
    const { headcount, representativesCount } = input.delegation;
    if (!Number.isInteger(headcount) || headcount < DELEGATION_MIN_HEADCOUNT) {
      throw receptionError(
        'DELEGATION_TOO_SMALL',
        `a delegation has at least ${DELEGATION_MIN_HEADCOUNT} people`,
        { headcount, minHeadcount: DELEGATION_MIN_HEADCOUNT },
      );
    }
    if (!Number.isInteger(representativesCount) || representativesCount < 1) {
      throw receptionError(
        'REPRESENTATIVES_REQUIRED',
        'a delegation speaks through at least one representative',
      );
    }
    const max = Math.min(maxRepresentatives(headcount, rules.representatives) ?? headcount, headcount);
    if (representativesCount > max) {
      throw receptionError(
        'TOO_MANY_REPRESENTATIVES',
        `a delegation of ${headcount} people sends at most ${max} representatives`,
        { headcount, representativesCount, maxRepresentatives: max },
      );
    }
    if (input.peopleCount !== undefined && input.peopleCount !== headcount) {
      throw receptionError('INVALID_PEOPLE_COUNT', 'peopleCount of a delegation is its headcount', {
        peopleCount: input.peopleCount,
        headcount,
      });
    }
    peopleCount = headcount;
  } else {
    peopleCount = input.peopleCount ?? 1;
    if (!Number.isInteger(peopleCount) || peopleCount < 1) {
      throw receptionError('INVALID_PEOPLE_COUNT', 'a visit is made by at least one person', { peopleCount });
    }
    if (peopleCount >= DELEGATION_MIN_HEADCOUNT) {
      throw receptionError(
        'DELEGATION_REQUIRED',
        `${peopleCount} people coming together are a delegation: record its headcount and representatives`,
        { peopleCount, minHeadcount: DELEGATION_MIN_HEADCOUNT },
      );
    }
  }

  requireText(input.matterSummary, 'matterSummary');

  const { outcome } = input;
  if (outcome.type === 'petition_recorded') {
    if (outcome.petitionIds.length === 0) {
      throw receptionError('PETITION_REQUIRED', 'outcome petition_recorded names the recorded petitions');
    }
    if (new Set(outcome.petitionIds).size !== outcome.petitionIds.length) {
      throw receptionError('DUPLICATE_PETITION_IN_VISIT', 'a visit references the same petition twice');
    }
    const recorded = sessionPetitions(state);
    for (const petitionId of outcome.petitionIds) {
      if (recorded.has(petitionId) && (visitId === undefined || recorded.get(petitionId) !== visitId)) {
        throw receptionError(
          'PETITION_ALREADY_LINKED',
          `petition ${petitionId} is already recorded in this session`,
          {
            petitionId,
          },
        );
      }
    }
  }
  if (outcome.type === 'refused' && outcome.reason.code === 'other') {
    if (outcome.reason.text.trim() === '') {
      throw receptionError('REFUSAL_REASON_REQUIRED', 'a refusal on other grounds states them');
    }
  }

  return {
    visitorRef: input.visitorRef,
    peopleCount,
    ...(input.delegation ? { delegation: input.delegation } : {}),
    firstTime: input.firstTime,
    matterSummary: input.matterSummary,
    outcome,
  };
}

function openSession(state: ReceptionSessionState): ActiveSessionState {
  if (state.status === 'none') throw receptionError('SESSION_NOT_FOUND', 'no such reception session');
  if (state.status === 'closed') {
    throw receptionError('SESSION_CLOSED', `reception session ${state.sessionId} is closed`, {
      sessionId: state.sessionId,
    });
  }
  return state;
}

function findActiveVisit(state: ActiveSessionState, visitId: string) {
  const visit = activeVisits(state).find((v) => v.visitId === visitId);
  if (!visit) throw receptionError('VISIT_NOT_FOUND', `no visit ${visitId} in this session`, { visitId });
  return visit;
}

function sessionDetailsOf(command: SessionDetails): SessionDetails {
  return {
    kind: command.kind,
    date: command.date,
    venue: command.venue,
    presidedBy: command.presidedBy,
    receivingOfficialIds: command.receivingOfficialIds,
  };
}

/**
 * The rules of a reception session (tiếp công dân): what a command may do given the session's history.
 * Pure: `now` is passed in (it decides which dates are in the future and stamps the closing).
 */
export function decideReceptionSession(
  command: ReceptionSessionCommand,
  state: ReceptionSessionState,
  now: Date,
  rules: ReceptionRules = DEFAULT_RECEPTION_RULES,
): ReceptionSessionEvent[] {
  if (command.type === 'OpenReceptionSession') {
    if (state.status !== 'none') {
      throw receptionError('SESSION_ALREADY_EXISTS', `reception session ${command.sessionId} already exists`);
    }
    const details = checkSessionDetails(sessionDetailsOf(command), now, rules);
    return [{ type: 'ReceptionSessionOpened', data: { sessionId: command.sessionId, ...details } }];
  }

  const session = openSession(state);
  switch (command.type) {
    case 'RecordVisit': {
      if (session.visits.some((v) => v.visitId === command.visitId)) {
        throw receptionError('DUPLICATE_VISIT_ID', `visit ${command.visitId} is already recorded`);
      }
      const visit = checkVisit(command, session, rules);
      return [{ type: 'CitizenReceived', data: { visitId: command.visitId, ...visit } }];
    }
    case 'LinkPetition': {
      const { petitionId, visitId } = command;
      if (visitId !== undefined) {
        const visit = findActiveVisit(session, visitId);
        if (visit.outcome.type !== 'petition_recorded') {
          throw receptionError(
            'VISIT_RECORDED_NO_PETITION',
            `visit ${visitId} ended as "${visit.outcome.type}": correct its outcome to record petitions`,
            { visitId, outcome: visit.outcome.type },
          );
        }
      }
      const recorded = sessionPetitions(session);
      if (recorded.has(petitionId)) {
        const sameVisit = visitId !== undefined && recorded.get(petitionId) === visitId;
        throw sameVisit
          ? receptionError(
              'DUPLICATE_PETITION_IN_VISIT',
              `visit ${visitId} already references petition ${petitionId}`,
            )
          : receptionError(
              'PETITION_ALREADY_LINKED',
              `petition ${petitionId} is already recorded in this session`,
              {
                petitionId,
              },
            );
      }
      return [
        { type: 'PetitionLinked', data: { petitionId, ...(visitId !== undefined ? { visitId } : {}) } },
      ];
    }
    case 'AddNote': {
      if (session.notes.some((n) => n.noteId === command.noteId)) {
        throw receptionError('DUPLICATE_NOTE_ID', `note ${command.noteId} is already recorded`);
      }
      requireText(command.text, 'text');
      return [
        {
          type: 'NoteAdded',
          data: {
            noteId: command.noteId,
            text: command.text,
            addedBy: command.addedBy,
            addedAt: now.toISOString(),
          },
        },
      ];
    }
    case 'CorrectSessionDetails': {
      const reason = requireReason(command.reason);
      const details = checkSessionDetails(sessionDetailsOf(command), now, rules);
      return [{ type: 'ReceptionSessionCorrected', data: { ...details, reason } }];
    }
    case 'CorrectVisit': {
      findActiveVisit(session, command.visitId);
      const reason = requireReason(command.reason);
      const visit = checkVisit(command, session, rules, command.visitId);
      return [{ type: 'VisitCorrected', data: { visitId: command.visitId, ...visit, reason } }];
    }
    case 'VoidVisit': {
      findActiveVisit(session, command.visitId);
      const reason = requireReason(command.reason);
      return [{ type: 'VisitVoided', data: { visitId: command.visitId, reason } }];
    }
    case 'UnlinkPetition': {
      const reason = requireReason(command.reason);
      const recorded = sessionPetitions(session);
      if (!recorded.has(command.petitionId)) {
        throw receptionError(
          'PETITION_NOT_LINKED',
          `petition ${command.petitionId} is not recorded in this session`,
        );
      }
      const visitId = recorded.get(command.petitionId);
      const visit = visitId === undefined ? undefined : findActiveVisit(session, visitId);
      if (visit?.outcome.type === 'petition_recorded' && visit.outcome.petitionIds.length === 1) {
        throw receptionError(
          'LAST_PETITION_OF_VISIT',
          `petition ${command.petitionId} is the only one of visit ${visit.visitId}: correct the visit's outcome instead`,
          { visitId: visit.visitId },
        );
      }
      return [{ type: 'PetitionUnlinked', data: { petitionId: command.petitionId, reason } }];
    }
    case 'CloseReceptionSession':
      return [
        {
          type: 'ReceptionSessionClosed',
          data: { closedAt: now.toISOString(), summary: summarizeReceptionSession(session) },
        },
      ];
  }
}
