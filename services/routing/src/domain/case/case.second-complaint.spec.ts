import { DEFAULT_TIME_LIMITS } from '../time-limits/time-limits.policy';
import type { OpenCase } from './case.commands';
import type { CaseEvent } from './case.events';
import {
  command,
  given,
  ofType,
  openCase,
  openDenunciation,
  replay,
  system,
  unit,
} from './case.test-fixtures';

const file = (
  today: string,
  filedOn: string = today,
  extra: { decisionReceivedOn?: string; nextLevelBody?: string } = {},
) => command('FileSecondComplaint', today, { petitionId: 'petition-2', filedOn, ...extra });

/** A first complaint opened Mon 2 Mar 2026 and under verification (resolution due 1 Apr; 16 Apr in a remote area). */
const verifying = (overrides: Partial<Omit<OpenCase, 'type'>> = {}): CaseEvent[] =>
  replay(
    openCase(overrides),
    command('AcknowledgeAssignment', '2026-03-03', { actor: unit() }),
    command('StartVerification', '2026-03-04', { actor: unit() }),
  );

/** ... decided on Mon 30 Mar (found wrong): the window runs to Wed 29 Apr (30 days), Thu 14 May remote (45). */
const decided = (overrides: Partial<Omit<OpenCase, 'type'>> = {}, issuedOn = '2026-03-30'): CaseEvent[] => {
  const history = verifying(overrides);
  const concluded = given(...history)
    .when(
      command('Conclude', issuedOn, {
        actor: unit(),
        result: 'wrong',
        documentNumber: '21/QĐ-UBND',
        issuedOn,
      }),
    )
    .events();
  return [...history, ...concluded];
};

describe('second complaint against the first decision (LKN art. 33)', () => {
  it('is in time on the 30th day after the decision: the matter reopens at the next level', () => {
    const outcome = given(...decided()).when(file('2026-04-29'));
    expect(outcome.events()).toEqual([
      {
        type: 'SecondComplaintFiled',
        data: {
          caseId: 'case-1',
          at: '2026-04-29T02:00:00.000Z',
          on: '2026-04-29',
          by: 'user-office-1',
          unitCode: 'phong-kinh-te',
          petitionId: 'petition-2',
          filedOn: '2026-04-29',
          nextLevelBody: 'provincial-committee',
          basis: 'first_decision',
          window: {
            kind: 'second_complaint_filing',
            start: '2026-03-30',
            dueOn: '2026-04-29',
            duration: { amount: 30, unit: 'calendar_days' },
            legalBasis: DEFAULT_TIME_LIMITS.secondComplaintFiling.normal.legalBasis,
          },
        },
      },
    ]);
    const state = outcome.state();
    expect(state.secondComplaint).toEqual({
      petitionId: 'petition-2',
      filedOn: '2026-04-29',
      nextLevelBody: 'provincial-committee',
    });
    expect(state.deadlines.second_complaint_filing).toMatchObject({ met: true, metOn: '2026-04-29' });
  });

  it('is out of time on the 31st day', () => {
    const outcome = given(...decided()).when(file('2026-04-30'));
    outcome.thenFails('CASE.SECOND_COMPLAINT_OUT_OF_TIME');
    expect(outcome.error?.details).toEqual({ closedOn: '2026-04-29' });
  });

  it('gives 45 days in a remote area', () => {
    expect(
      ofType(
        given(...decided({ remoteArea: true }))
          .when(file('2026-05-14'))
          .events(),
        'SecondComplaintFiled',
      )[0]?.data.window,
    ).toMatchObject({
      dueOn: '2026-05-14',
      duration: { amount: 45, unit: 'calendar_days' },
    });
    given(...decided({ remoteArea: true }))
      .when(file('2026-05-15'))
      .thenFails('CASE.SECOND_COMPLAINT_OUT_OF_TIME');
  });

  it('counts the window from the day the complainant received the decision', () => {
    // Received Mon 6 Apr: 30 days → Wed 6 May.
    const events = given(...decided())
      .when(file('2026-05-06', '2026-05-06', { decisionReceivedOn: '2026-04-06' }))
      .events();
    expect(ofType(events, 'SecondComplaintFiled')[0]?.data.window).toMatchObject({
      start: '2026-04-06',
      dueOn: '2026-05-06',
    });
    given(...decided())
      .when(file('2026-05-07', '2026-05-07', { decisionReceivedOn: '2026-04-06' }))
      .thenFails('CASE.SECOND_COMPLAINT_OUT_OF_TIME');
    given(...decided())
      .when(file('2026-04-10', '2026-04-10', { decisionReceivedOn: '2026-03-29' }))
      .thenFails('CASE.INVALID_INPUT');
  });

  it('is accepted on a closed case within the window', () => {
    const closed = [
      ...decided(),
      ...given(...decided())
        .when(command('Close', '2026-03-31', {}))
        .events(),
    ];
    expect(
      ofType(
        given(...closed)
          .when(file('2026-04-10'))
          .events(),
        'SecondComplaintFiled',
      ),
    ).toHaveLength(1);
  });

  it('goes to the body the caller names when the default is not the right one', () => {
    const events = given(...decided())
      .when(file('2026-04-10', '2026-04-10', { nextLevelBody: 'chu-tich-ubnd-tinh' }))
      .events();
    expect(ofType(events, 'SecondComplaintFiled')[0]?.data.nextLevelBody).toBe('chu-tich-ubnd-tinh');
  });

  it('is filed once', () => {
    const filed = [
      ...decided(),
      ...given(...decided())
        .when(file('2026-04-10'))
        .events(),
    ];
    given(...filed)
      .when(file('2026-04-11'))
      .thenFails('CASE.SECOND_COMPLAINT_ALREADY_FILED');
  });

  it('cannot be filed after today', () => {
    given(...decided())
      .when(file('2026-04-10', '2026-04-11'))
      .thenFails('CASE.INVALID_INPUT');
  });
});

describe('second complaint when no first decision came in time (LKN art. 33)', () => {
  it('cannot be filed while the first-time limit runs', () => {
    const outcome = given(...verifying()).when(file('2026-04-01'));
    outcome.thenFails('CASE.SECOND_COMPLAINT_PREMATURE');
    expect(outcome.error?.details).toEqual({ resolutionDueOn: '2026-04-01' });
  });

  it('can be filed from the day after the first-time limit, for 30 days (an end on 1 May moves to Mon 4 May)', () => {
    const outcome = given(...verifying()).when(file('2026-04-02'));
    expect(ofType(outcome.events(), 'SecondComplaintFiled')[0]?.data).toMatchObject({
      basis: 'no_decision_in_time',
      window: { start: '2026-04-01', dueOn: '2026-05-04' },
    });
    expect(
      ofType(
        given(...verifying())
          .when(file('2026-05-04'))
          .events(),
        'SecondComplaintFiled',
      ),
    ).toHaveLength(1);
    given(...verifying())
      .when(file('2026-05-05'))
      .thenFails('CASE.SECOND_COMPLAINT_OUT_OF_TIME');
  });

  it('gives 45 days after the 45-day limit in a remote area', () => {
    // Limit 16 Apr; + 45 days = Sun 31 May → Mon 1 Jun.
    given(...verifying({ remoteArea: true }))
      .when(file('2026-04-16'))
      .thenFails('CASE.SECOND_COMPLAINT_PREMATURE');
    expect(
      ofType(
        given(...verifying({ remoteArea: true }))
          .when(file('2026-06-01'))
          .events(),
        'SecondComplaintFiled',
      )[0]?.data.window,
    ).toMatchObject({
      start: '2026-04-16',
      dueOn: '2026-06-01',
    });
    given(...verifying({ remoteArea: true }))
      .when(file('2026-06-02'))
      .thenFails('CASE.SECOND_COMPLAINT_OUT_OF_TIME');
  });

  it('counts a complaint filed before a late decision as filed for want of a decision', () => {
    // Due 1 Apr, decided late on 10 Apr; the complaint was filed on 5 Apr.
    const events = given(...decided({}, '2026-04-10'))
      .when(file('2026-04-12', '2026-04-05'))
      .events();
    expect(ofType(events, 'SecondComplaintFiled')[0]?.data.basis).toBe('no_decision_in_time');
  });

  it('is premature while the first case is suspended: its limit is not running', () => {
    const suspended = [
      ...verifying(),
      ...given(...verifying())
        .when(command('Suspend', '2026-03-20', { reason: 'Chờ trưng cầu giám định' }))
        .events(),
    ];
    given(...suspended)
      .when(file('2026-04-10'))
      .thenFails('CASE.SECOND_COMPLAINT_PREMATURE');
  });
});

describe('second complaint: what it follows', () => {
  it('follows only a first complaint', () => {
    const second = replay(openCase({ complaintRound: 'second', previousCaseId: 'case-0' }));
    given(...second)
      .when(file('2026-05-10'))
      .thenFails('CASE.NOT_A_FIRST_COMPLAINT');
    given(...replay(openDenunciation()))
      .when(file('2026-05-10'))
      .thenFails('CASE.NOT_A_FIRST_COMPLAINT');
  });

  it('does not follow a withdrawn or stopped complaint', () => {
    given(
      ...verifying(),
      ...given(...verifying())
        .when(command('Withdraw', '2026-03-10', { scope: 'whole' }))
        .events(),
    )
      .when(file('2026-04-10'))
      .thenFails('CASE.INVALID_TRANSITION');
    given(
      ...verifying(),
      ...given(...verifying())
        .when(command('Stop', '2026-03-10', { reason: 'Đình chỉ' }))
        .events(),
    )
      .when(file('2026-04-10'))
      .thenFails('CASE.INVALID_TRANSITION');
  });
});

describe('the second-complaint window as a tracked deadline', () => {
  const tick = (today: string) => command('CheckDeadlines', today, { actor: system });

  it('is watched after the case closes, with the decision notice', () => {
    const closed = [
      ...decided(),
      ...given(...decided())
        .when(command('RecordNoticeSent', '2026-03-31', { notice: 'decision_to_complainant' }))
        .events(),
    ];
    const closedCase = [
      ...closed,
      ...given(...closed)
        .when(command('Close', '2026-03-31', {}))
        .events(),
    ];
    const events = given(...closedCase)
      .when(tick('2026-04-29'))
      .events();
    expect(events.map((e) => (e.type === 'DeadlineDue' ? e.data.deadline : e.type))).toEqual([
      'second_complaint_filing',
    ]);
  });

  it('is no longer watched once the second complaint is filed', () => {
    const filed = [
      ...decided(),
      ...given(...decided())
        .when(file('2026-04-10'))
        .events(),
    ];
    const events = given(...filed)
      .when(tick('2026-04-29'))
      .events();
    expect(
      events.map((e) => ('deadline' in e.data ? `${e.type} ${String(e.data.deadline)}` : e.type)),
    ).toEqual(['DeadlineOverdue decision_to_complainant']);
  });

  it('is not opened by the decision on a second complaint', () => {
    const second = replay(
      openCase({ complaintRound: 'second', previousCaseId: 'case-0' }),
      command('AcknowledgeAssignment', '2026-03-03', { actor: unit() }),
      command('StartVerification', '2026-03-04', { actor: unit() }),
    );
    const events = given(...second)
      .when(
        command('Conclude', '2026-04-10', {
          actor: unit(),
          result: 'right',
          documentNumber: '3/QĐ-UBND',
          issuedOn: '2026-04-10',
        }),
      )
      .events();
    expect(ofType(events, 'CaseConcluded')[0]?.data.deadlines).toEqual([]);
  });
});
