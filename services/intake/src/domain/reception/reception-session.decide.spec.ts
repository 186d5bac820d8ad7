import { DomainError } from '@tiep-dan/contracts';
import type { ReceptionSessionCommand, VisitInput } from './reception-session.commands';
import { decideReceptionSession } from './reception-session.decide';
import type {
  CitizenReceivedData,
  ReceptionSessionEvent,
  ReceptionSessionOpenedData,
  ReceptionSummary,
  SessionDetails,
  VisitCorrectedData,
} from './reception-session.events';
import {
  foldReceptionSession,
  summarizeReceptionSession,
  type ActiveSessionState,
} from './reception-session.state';

// 10:00 on Friday 20 Nov 2026 in the commune (UTC+7).
const NOW = new Date('2026-11-20T03:00:00.000Z');
const SESSION = '6a0f7c52-8d1e-4d8a-9a61-3f0c1b2d4e5f';

const details: SessionDetails = {
  kind: 'regular',
  date: '2026-11-20',
  venue: { mode: 'in_person', site: { name: 'Trụ sở tiếp công dân xã', address: 'Thôn Mỹ Xá' } },
  presidedBy: { officialId: 'officer-1', position: 'official' },
  receivingOfficialIds: ['officer-2'],
};

const opened = (overrides: Partial<ReceptionSessionOpenedData> = {}): ReceptionSessionEvent => ({
  type: 'ReceptionSessionOpened',
  data: { sessionId: SESSION, ...details, ...overrides },
});

const visitInput: VisitInput = {
  visitorRef: 'CD-000123',
  firstTime: true,
  matterSummary: 'Land boundary dispute with neighbour',
  outcome: { type: 'petition_recorded', petitionIds: ['petition-a'] },
};

const received = (visitId: string, overrides: Partial<CitizenReceivedData> = {}): ReceptionSessionEvent => ({
  type: 'CitizenReceived',
  data: {
    visitId,
    visitorRef: visitInput.visitorRef,
    peopleCount: 1,
    firstTime: true,
    matterSummary: visitInput.matterSummary,
    outcome: { type: 'petition_recorded', petitionIds: ['petition-a'] },
    ...overrides,
  },
});

const EMPTY_SUMMARY: ReceptionSummary = {
  visits: 0,
  people: 0,
  firstTimeVisits: 0,
  repeatVisits: 0,
  delegations: 0,
  delegationPeople: 0,
  firstTimeDelegations: 0,
  repeatDelegations: 0,
  outcomes: { petition_recorded: 0, guided: 0, answered: 0, refused: 0 },
  petitions: 0,
};

const closed: ReceptionSessionEvent = {
  type: 'ReceptionSessionClosed',
  data: { closedAt: '2026-11-20T09:00:00.000Z', summary: EMPTY_SUMMARY },
};

function given(...history: ReceptionSessionEvent[]) {
  const state = foldReceptionSession(history);
  return {
    when(command: ReceptionSessionCommand, now: Date = NOW) {
      const run = () => decideReceptionSession(command, state, now);
      return {
        then(expected: ReceptionSessionEvent[]): void {
          expect(run()).toEqual(expected);
        },
        thenFails(code: string, details?: Record<string, unknown>): void {
          let error: unknown;
          try {
            run();
          } catch (e) {
            error = e;
          }
          expect(error).toBeInstanceOf(DomainError);
          expect((error as DomainError).code).toBe(code);
          if (details) expect((error as DomainError).details).toMatchObject(details);
        },
      };
    },
  };
}

const open = (overrides: Partial<SessionDetails> = {}): ReceptionSessionCommand => ({
  type: 'OpenReceptionSession',
  sessionId: SESSION,
  ...details,
  ...overrides,
});

const recordVisit = (visitId: string, overrides: Partial<VisitInput> = {}): ReceptionSessionCommand => ({
  type: 'RecordVisit',
  visitId,
  ...visitInput,
  ...overrides,
});

describe('opening a reception session', () => {
  it('records a regular in-person session with its site, presiding and receiving officials', () => {
    given().when(open()).then([opened()]);
  });

  it('records an online session that links several reception sites', () => {
    const venue = {
      mode: 'online' as const,
      platform: 'Zoom',
      link: 'https://meet.example.vn/tcd-2026-11-20',
      linkedSites: [{ name: 'Điểm cầu thôn 1' }, { name: 'Điểm cầu thôn 2', address: 'Nhà văn hoá thôn 2' }],
    };
    given()
      .when(open({ venue }))
      .then([opened({ venue })]);
  });

  it('refuses an online session linking the same site twice', () => {
    const venue = {
      mode: 'online' as const,
      platform: 'Zoom',
      link: 'https://meet.example.vn/x',
      linkedSites: [{ name: 'Điểm cầu thôn 1' }, { name: 'điểm cầu thôn 1 ' }],
    };
    given().when(open({ venue })).thenFails('RECEPTION.DUPLICATE_LINKED_SITE');
  });

  it('refuses a session dated after today in the commune', () => {
    given()
      .when(open({ date: '2026-11-21' }))
      .thenFails('RECEPTION.DATE_IN_FUTURE', { today: '2026-11-20' });
  });

  it('judges "today" in the commune time zone (UTC+7), not in UTC', () => {
    // 18:30 UTC on 19 Nov is already 01:30 on 20 Nov in Vietnam.
    given().when(open(), new Date('2026-11-19T18:30:00.000Z')).then([opened()]);
    given().when(open(), new Date('2026-11-19T16:59:00.000Z')).thenFails('RECEPTION.DATE_IN_FUTURE');
  });

  it('refuses a date that does not exist', () => {
    given()
      .when(open({ date: '2026-02-30' }))
      .thenFails('RECEPTION.INVALID_DATE');
  });

  it('refuses an official listed twice among those receiving', () => {
    given()
      .when(open({ receivingOfficialIds: ['officer-2', 'officer-1'] }))
      .thenFails('RECEPTION.DUPLICATE_OFFICIAL');
  });

  it('refuses to open a session that already exists', () => {
    given(opened()).when(open()).thenFails('RECEPTION.SESSION_ALREADY_EXISTS');
  });

  describe("the chairman's periodic reception", () => {
    const periodic = (date: string, position: 'chairman' | 'vice_chairman' | 'official') =>
      open({ kind: 'chairman_periodic', date, presidedBy: { officialId: 'leader-1', position } });

    it('is recorded when the chairman presides himself', () => {
      given()
        .when(periodic('2026-07-15', 'chairman'))
        .then([
          opened({
            kind: 'chairman_periodic',
            date: '2026-07-15',
            presidedBy: { officialId: 'leader-1', position: 'chairman' },
          }),
        ]);
    });

    it('cannot be delegated to a vice chairman from 1 July 2026 (Luật 136/2025)', () => {
      given()
        .when(periodic('2026-07-01', 'vice_chairman'))
        .thenFails('RECEPTION.CHAIRMAN_MUST_PRESIDE', { ruleFrom: '2026-07-01' });
    });

    it('could be presided by a vice chairman by authorisation before 1 July 2026, as the rule data says', () => {
      given()
        .when(periodic('2026-06-30', 'vice_chairman'))
        .then([
          opened({
            kind: 'chairman_periodic',
            date: '2026-06-30',
            presidedBy: { officialId: 'leader-1', position: 'vice_chairman' },
          }),
        ]);
    });

    it('is never presided by an official who is not a chairman or vice chairman', () => {
      given().when(periodic('2026-06-30', 'official')).thenFails('RECEPTION.CHAIRMAN_MUST_PRESIDE');
    });

    it('does not restrict ad-hoc reception, which a vice chairman may hold by authorisation', () => {
      const adHoc = open({
        kind: 'ad_hoc',
        presidedBy: { officialId: 'leader-2', position: 'vice_chairman' },
      });
      given()
        .when(adHoc)
        .then([
          opened({ kind: 'ad_hoc', presidedBy: { officialId: 'leader-2', position: 'vice_chairman' } }),
        ]);
    });
  });
});

describe('recording a visit', () => {
  it('records the visit of one citizen with the petition handed in', () => {
    given(opened())
      .when(recordVisit('v1'))
      .then([received('v1')]);
  });

  it('records a small group of up to four people as one visit', () => {
    given(opened())
      .when(recordVisit('v1', { peopleCount: 4 }))
      .then([received('v1', { peopleCount: 4 })]);
  });

  it('requires five or more people to be recorded as a delegation', () => {
    given(opened())
      .when(recordVisit('v1', { peopleCount: 5 }))
      .thenFails('RECEPTION.DELEGATION_REQUIRED');
  });

  it.each([
    [5, 2],
    [10, 2],
    [11, 5],
    [12, 5],
    [200, 5],
  ])('accepts a delegation of %i people with %i representatives', (headcount, representativesCount) => {
    given(opened())
      .when(recordVisit('v1', { delegation: { headcount, representativesCount } }))
      .then([received('v1', { peopleCount: headcount, delegation: { headcount, representativesCount } })]);
  });

  it.each([
    [5, 3, 2],
    [10, 3, 2],
    [11, 6, 5],
    [12, 6, 5],
  ])(
    'refuses a delegation of %i people with %i representatives (at most %i: Nghị định 124/2020 art. 6)',
    (headcount, representativesCount, max) => {
      given(opened())
        .when(recordVisit('v1', { delegation: { headcount, representativesCount } }))
        .thenFails('RECEPTION.TOO_MANY_REPRESENTATIVES', {
          headcount,
          representativesCount,
          maxRepresentatives: max,
        });
    },
  );

  it('refuses a delegation of fewer than five people', () => {
    given(opened())
      .when(recordVisit('v1', { delegation: { headcount: 4, representativesCount: 1 } }))
      .thenFails('RECEPTION.DELEGATION_TOO_SMALL');
  });

  it('refuses a delegation without a representative', () => {
    given(opened())
      .when(recordVisit('v1', { delegation: { headcount: 8, representativesCount: 0 } }))
      .thenFails('RECEPTION.REPRESENTATIVES_REQUIRED');
  });

  it("refuses a people count that contradicts the delegation's headcount", () => {
    given(opened())
      .when(recordVisit('v1', { peopleCount: 7, delegation: { headcount: 8, representativesCount: 2 } }))
      .thenFails('RECEPTION.INVALID_PEOPLE_COUNT');
  });

  it('refuses a visitor reference that looks like a name (it must be pseudonymous)', () => {
    given(opened())
      .when(recordVisit('v1', { visitorRef: 'Nguyễn Văn A' }))
      .thenFails('RECEPTION.INVALID_VISITOR_REF');
  });

  it('refuses the outcome "petition recorded" without a petition', () => {
    given(opened())
      .when(recordVisit('v1', { outcome: { type: 'petition_recorded', petitionIds: [] } }))
      .thenFails('RECEPTION.PETITION_REQUIRED');
  });

  it('refuses a visit that references the same petition twice', () => {
    given(opened())
      .when(recordVisit('v1', { outcome: { type: 'petition_recorded', petitionIds: ['p1', 'p1'] } }))
      .thenFails('RECEPTION.DUPLICATE_PETITION_IN_VISIT');
  });

  it('refuses a petition already recorded at another visit of the session', () => {
    given(opened(), received('v1'))
      .when(recordVisit('v2'))
      .thenFails('RECEPTION.PETITION_ALREADY_LINKED', { petitionId: 'petition-a' });
  });

  it.each(['intoxicated', 'threatening', 'already_resolved_correctly'] as const)(
    'records a refusal of reception on the ground "%s" (Luật Tiếp công dân art. 9)',
    (code) => {
      const outcome = { type: 'refused' as const, reason: { code } };
      given(opened())
        .when(recordVisit('v1', { outcome }))
        .then([received('v1', { outcome })]);
    },
  );

  it('requires the grounds of a refusal for "other"', () => {
    given(opened())
      .when(recordVisit('v1', { outcome: { type: 'refused', reason: { code: 'other', text: '  ' } } }))
      .thenFails('RECEPTION.REFUSAL_REASON_REQUIRED');
  });

  it('records guidance and direct answers', () => {
    given(opened())
      .when(
        recordVisit('v1', {
          firstTime: false,
          outcome: { type: 'guided', guidedTo: 'Tòa án nhân dân khu vực' },
        }),
      )
      .then([
        received('v1', {
          firstTime: false,
          outcome: { type: 'guided', guidedTo: 'Tòa án nhân dân khu vực' },
        }),
      ]);
  });

  it('refuses a visit id used twice', () => {
    given(opened(), received('v1'))
      .when(recordVisit('v1', { outcome: { type: 'answered' } }))
      .thenFails('RECEPTION.DUPLICATE_VISIT_ID');
  });

  it('cannot add a visit to a closed session', () => {
    given(opened(), closed).when(recordVisit('v1')).thenFails('RECEPTION.SESSION_CLOSED');
  });

  it('cannot add a visit to a session that does not exist', () => {
    given().when(recordVisit('v1')).thenFails('RECEPTION.SESSION_NOT_FOUND');
  });
});

describe('linking petitions', () => {
  it('records a petition handed in during the session outside any visit', () => {
    given(opened())
      .when({ type: 'LinkPetition', petitionId: 'p9' })
      .then([{ type: 'PetitionLinked', data: { petitionId: 'p9' } }]);
  });

  it('adds a further petition to the visit that recorded petitions', () => {
    given(opened(), received('v1'))
      .when({ type: 'LinkPetition', petitionId: 'p2', visitId: 'v1' })
      .then([{ type: 'PetitionLinked', data: { petitionId: 'p2', visitId: 'v1' } }]);
  });

  it('refuses a petition the visit already references', () => {
    given(opened(), received('v1'))
      .when({ type: 'LinkPetition', petitionId: 'petition-a', visitId: 'v1' })
      .thenFails('RECEPTION.DUPLICATE_PETITION_IN_VISIT');
  });

  it('refuses a petition already recorded elsewhere in the session', () => {
    given(opened(), { type: 'PetitionLinked', data: { petitionId: 'p9' } })
      .when({ type: 'LinkPetition', petitionId: 'p9' })
      .thenFails('RECEPTION.PETITION_ALREADY_LINKED');
  });

  it('refuses a petition for a visit that ended without one', () => {
    given(opened(), received('v1', { outcome: { type: 'answered' } }))
      .when({ type: 'LinkPetition', petitionId: 'p2', visitId: 'v1' })
      .thenFails('RECEPTION.VISIT_RECORDED_NO_PETITION');
  });

  it('refuses a petition for an unknown or voided visit', () => {
    given(opened())
      .when({ type: 'LinkPetition', petitionId: 'p2', visitId: 'v1' })
      .thenFails('RECEPTION.VISIT_NOT_FOUND');
    given(opened(), received('v1'), { type: 'VisitVoided', data: { visitId: 'v1', reason: 'entered twice' } })
      .when({ type: 'LinkPetition', petitionId: 'p2', visitId: 'v1' })
      .thenFails('RECEPTION.VISIT_NOT_FOUND');
  });

  it('cannot link a petition to a closed session', () => {
    given(opened(), closed)
      .when({ type: 'LinkPetition', petitionId: 'p9' })
      .thenFails('RECEPTION.SESSION_CLOSED');
  });
});

describe('notes', () => {
  it('records a note with its author, stamped with "now"', () => {
    given(opened())
      .when({
        type: 'AddNote',
        noteId: 'n1',
        text: 'Đoàn đông người, có Công an xã hỗ trợ',
        addedBy: 'officer-1',
      })
      .then([
        {
          type: 'NoteAdded',
          data: {
            noteId: 'n1',
            text: 'Đoàn đông người, có Công an xã hỗ trợ',
            addedBy: 'officer-1',
            addedAt: NOW.toISOString(),
          },
        },
      ]);
  });

  it('refuses an empty note and a note added after closing', () => {
    given(opened())
      .when({ type: 'AddNote', noteId: 'n1', text: ' ', addedBy: 'o' })
      .thenFails('RECEPTION.TEXT_REQUIRED');
    given(opened(), closed)
      .when({ type: 'AddNote', noteId: 'n1', text: 'late', addedBy: 'o' })
      .thenFails('RECEPTION.SESSION_CLOSED');
  });
});

describe('corrections while open', () => {
  it("corrects the session's details, stating why", () => {
    given(opened())
      .when({ type: 'CorrectSessionDetails', ...details, date: '2026-11-19', reason: 'wrong date typed' })
      .then([
        {
          type: 'ReceptionSessionCorrected',
          data: { ...details, date: '2026-11-19', reason: 'wrong date typed' },
        },
      ]);
  });

  it('refuses a correction without a reason', () => {
    given(opened())
      .when({ type: 'CorrectSessionDetails', ...details, reason: ' ' })
      .thenFails('RECEPTION.CORRECTION_REASON_REQUIRED');
  });

  it('applies the same rules to corrected details (no future date, no delegated periodic reception)', () => {
    given(opened())
      .when({ type: 'CorrectSessionDetails', ...details, date: '2026-12-01', reason: 'r' })
      .thenFails('RECEPTION.DATE_IN_FUTURE');
    given(opened())
      .when({
        type: 'CorrectSessionDetails',
        ...details,
        kind: 'chairman_periodic',
        presidedBy: { officialId: 'leader-2', position: 'vice_chairman' },
        reason: 'r',
      })
      .thenFails('RECEPTION.CHAIRMAN_MUST_PRESIDE');
  });

  it('corrects a visit, keeping its own petitions without conflict', () => {
    const outcome = { type: 'petition_recorded' as const, petitionIds: ['petition-a', 'petition-b'] };
    const corrected: VisitCorrectedData = {
      visitId: 'v1',
      visitorRef: visitInput.visitorRef,
      peopleCount: 1,
      firstTime: true,
      matterSummary: visitInput.matterSummary,
      outcome,
      reason: 'second petition split off',
    };
    given(opened(), received('v1'))
      .when({
        type: 'CorrectVisit',
        visitId: 'v1',
        ...visitInput,
        outcome,
        reason: 'second petition split off',
      })
      .then([{ type: 'VisitCorrected', data: corrected }]);
  });

  it("refuses a visit correction that takes another visit's petition", () => {
    given(
      opened(),
      received('v1'),
      received('v2', { outcome: { type: 'petition_recorded', petitionIds: ['p2'] } }),
    )
      .when({ type: 'CorrectVisit', visitId: 'v2', ...visitInput, reason: 'r' })
      .thenFails('RECEPTION.PETITION_ALREADY_LINKED');
  });

  it('refuses to correct a visit that is not in the session', () => {
    given(opened())
      .when({ type: 'CorrectVisit', visitId: 'v1', ...visitInput, reason: 'r' })
      .thenFails('RECEPTION.VISIT_NOT_FOUND');
  });

  it('voids a visit entered by mistake: its petitions leave the session and can be recorded again', () => {
    const history = [
      opened(),
      received('v1'),
      { type: 'VisitVoided', data: { visitId: 'v1', reason: 'duplicate' } } as const,
    ];
    given(opened(), received('v1'))
      .when({ type: 'VoidVisit', visitId: 'v1', reason: 'duplicate' })
      .then([history[2]]);
    given(...history)
      .when(recordVisit('v2'))
      .then([received('v2')]);
  });

  it('unlinks a petition recorded by mistake', () => {
    given(opened(), { type: 'PetitionLinked', data: { petitionId: 'p9' } })
      .when({ type: 'UnlinkPetition', petitionId: 'p9', reason: 'belongs to another session' })
      .then([{ type: 'PetitionUnlinked', data: { petitionId: 'p9', reason: 'belongs to another session' } }]);
  });

  it("refuses to unlink the only petition of a visit (the visit's outcome is corrected instead)", () => {
    given(opened(), received('v1'))
      .when({ type: 'UnlinkPetition', petitionId: 'petition-a', reason: 'r' })
      .thenFails('RECEPTION.LAST_PETITION_OF_VISIT');
  });

  it('refuses to unlink a petition that is not recorded in the session', () => {
    given(opened())
      .when({ type: 'UnlinkPetition', petitionId: 'p9', reason: 'r' })
      .thenFails('RECEPTION.PETITION_NOT_LINKED');
  });

  it('refuses every correction once the session is closed', () => {
    const commands: ReceptionSessionCommand[] = [
      { type: 'CorrectSessionDetails', ...details, reason: 'r' },
      { type: 'CorrectVisit', visitId: 'v1', ...visitInput, reason: 'r' },
      { type: 'VoidVisit', visitId: 'v1', reason: 'r' },
      { type: 'UnlinkPetition', petitionId: 'petition-a', reason: 'r' },
    ];
    for (const command of commands) {
      given(opened(), received('v1'), closed).when(command).thenFails('RECEPTION.SESSION_CLOSED');
    }
  });
});

describe('closing', () => {
  it('computes the 01/TCD figures from the visits: voided visits count nowhere, petitions count once', () => {
    const history: ReceptionSessionEvent[] = [
      opened(),
      received('v1'),
      { type: 'PetitionLinked', data: { petitionId: 'p2', visitId: 'v1' } },
      received('v2', {
        peopleCount: 12,
        delegation: { headcount: 12, representativesCount: 5 },
        firstTime: false,
        outcome: { type: 'petition_recorded', petitionIds: ['p3'] },
      }),
      received('v3', { peopleCount: 3, outcome: { type: 'guided' } }),
      received('v4', { firstTime: false, outcome: { type: 'refused', reason: { code: 'intoxicated' } } }),
      received('v5', { outcome: { type: 'answered' } }),
      received('v6', {
        peopleCount: 6,
        delegation: { headcount: 6, representativesCount: 2 },
        outcome: { type: 'answered' },
      }),
      { type: 'VisitVoided', data: { visitId: 'v5', reason: 'entered twice' } },
      { type: 'PetitionLinked', data: { petitionId: 'p4' } },
    ];
    const closeAt = new Date('2026-11-20T10:00:00.000Z');
    given(...history)
      .when({ type: 'CloseReceptionSession' }, closeAt)
      .then([
        {
          type: 'ReceptionSessionClosed',
          data: {
            closedAt: closeAt.toISOString(),
            summary: {
              visits: 5,
              people: 1 + 12 + 3 + 1 + 6,
              firstTimeVisits: 3,
              repeatVisits: 2,
              delegations: 2,
              delegationPeople: 18,
              firstTimeDelegations: 1,
              repeatDelegations: 1,
              outcomes: { petition_recorded: 2, guided: 1, answered: 1, refused: 1 },
              petitions: 4,
            },
          },
        },
      ]);
  });

  it('closes a session at which no citizen came (it was still held)', () => {
    given(opened())
      .when({ type: 'CloseReceptionSession' })
      .then([
        { type: 'ReceptionSessionClosed', data: { closedAt: NOW.toISOString(), summary: EMPTY_SUMMARY } },
      ]);
  });

  it('counts a corrected visit as corrected and an unlinked petition no more', () => {
    const state = foldReceptionSession([
      opened(),
      received('v1', { outcome: { type: 'petition_recorded', petitionIds: ['p1', 'p2'] } }),
      { type: 'PetitionUnlinked', data: { petitionId: 'p2', reason: 'belongs to another session' } },
      received('v2', { outcome: { type: 'answered' } }),
      {
        type: 'VisitCorrected',
        data: {
          visitId: 'v2',
          visitorRef: 'CD-9',
          peopleCount: 7,
          delegation: { headcount: 7, representativesCount: 2 },
          firstTime: false,
          matterSummary: 'Compensation for land clearance',
          outcome: { type: 'guided' },
          reason: 'it was a delegation',
        },
      },
    ]) as ActiveSessionState;
    expect(state.visits[0].outcome).toEqual({ type: 'petition_recorded', petitionIds: ['p1'] });
    expect(summarizeReceptionSession(state)).toMatchObject({
      visits: 2,
      people: 8,
      delegations: 1,
      repeatDelegations: 1,
      outcomes: { petition_recorded: 1, guided: 1, answered: 0, refused: 0 },
      petitions: 1,
    });
  });

  it('refuses to close twice', () => {
    given(opened(), closed).when({ type: 'CloseReceptionSession' }).thenFails('RECEPTION.SESSION_CLOSED');
  });
});
