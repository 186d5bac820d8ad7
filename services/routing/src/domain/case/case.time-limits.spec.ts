import { DEFAULT_TIME_LIMITS, withTimeLimitOverrides } from '../time-limits/time-limits.policy';
import type { CaseEvent } from './case.events';
import {
  OTHER_UNIT,
  command,
  context,
  given,
  ofType,
  openCase,
  openDenunciation,
  replay,
  system,
  unit,
} from './case.test-fixtures';

const ack = (today: string, unitCode?: string) =>
  command('AcknowledgeAssignment', today, { actor: unit(unitCode) });
const tick = (today: string) => command('CheckDeadlines', today, { actor: system });
const suspend = (today: string) =>
  command('Suspend', today, { reason: 'Chờ kết quả giám định của cơ quan khác' });
const resume = (today: string) => command('Resume', today, {});
const extend = (today: string) =>
  command('ExtendDeadline', today, { actor: unit(), reason: 'Vụ việc phức tạp, nhiều hộ liên quan' });

/** A first complaint opened Mon 2 Mar 2026 (resolution due Wed 1 Apr), acknowledged 3 Mar. */
const acknowledged = (): CaseEvent[] => replay(openCase(), ack('2026-03-03'));

const stageEvent = (events: CaseEvent[]) => events.map((e) => e.type);

/** Runs the history, then each command in turn; returns the events of the last. */
function after(history: CaseEvent[], ...commands: Parameters<typeof replay>): CaseEvent[] {
  let events = history;
  let last: CaseEvent[] = [];
  for (const c of commands) {
    last = given(...events)
      .when(c)
      .events();
    events = [...events, ...last];
  }
  return last;
}

function chain(history: CaseEvent[], ...commands: Parameters<typeof replay>): CaseEvent[] {
  let events = history;
  for (const c of commands)
    events = [
      ...events,
      ...given(...events)
        .when(c)
        .events(),
    ];
  return events;
}

describe('complaint resolution time (LKN art. 28)', () => {
  it('lets a normal complaint found complex run to 45 days by a written decision, once', () => {
    const outcome = given(...acknowledged()).when(extend('2026-03-20'));
    expect(ofType(outcome.events(), 'DeadlineExtended')[0]?.data).toMatchObject({
      added: { amount: 15, unit: 'calendar_days' },
      complexity: 'complex',
      previousDueOn: '2026-04-01',
      deadline: { dueOn: '2026-04-16', duration: { amount: 45, unit: 'calendar_days' } },
    });
    given(...acknowledged(), ...outcome.events())
      .when(extend('2026-04-10'))
      .thenFails('CASE.EXTENSION_NOT_ALLOWED');
  });

  it('does not extend a complex complaint beyond its 45 days', () => {
    given(...replay(openCase({ complexity: 'complex' }), ack('2026-03-03')))
      .when(extend('2026-03-20'))
      .thenFails('CASE.EXTENSION_NOT_ALLOWED');
  });

  it('lets a remote-area complaint found complex run from 45 to 60 days', () => {
    const events = after(replay(openCase({ remoteArea: true }), ack('2026-03-03')), extend('2026-03-20'));
    expect(ofType(events, 'DeadlineExtended')[0]?.data.deadline).toMatchObject({
      dueOn: '2026-05-04',
      duration: { amount: 60, unit: 'calendar_days' },
    });
  });

  it('extends a recommendation once by the configured 15 working days', () => {
    const rec = replay(
      openCase({
        kind: 'recommendation',
        classification: 'land',
        complaintRound: undefined,
        today: '2026-08-14',
        receivedOn: '2026-08-14',
      }),
      ack('2026-08-17'),
    );
    const first = given(...rec).when(extend('2026-09-01'));
    expect(ofType(first.events(), 'DeadlineExtended')[0]?.data.deadline).toMatchObject({
      dueOn: '2026-09-29',
      duration: { amount: 30, unit: 'working_days' },
    });
    given(...rec, ...first.events())
      .when(extend('2026-09-20'))
      .thenFails('CASE.EXTENSION_NOT_ALLOWED');
  });

  it('extends neither a suspended nor a concluded case', () => {
    given(...chain(acknowledged(), suspend('2026-03-09')))
      .when(extend('2026-03-10'))
      .thenFails('CASE.INVALID_TRANSITION');
    const concluded = chain(
      acknowledged(),
      command('StartVerification', '2026-03-04', { actor: unit() }),
      command('Conclude', '2026-03-20', {
        actor: unit(),
        result: 'wrong',
        documentNumber: '9/QĐ',
        issuedOn: '2026-03-20',
      }),
    );
    given(...concluded)
      .when(extend('2026-03-21'))
      .thenFails('CASE.INVALID_TRANSITION');
  });
});

describe('suspension (tạm đình chỉ): suspended time does not count', () => {
  it('suspends with a written reason', () => {
    const outcome = given(...acknowledged()).when(suspend('2026-03-09'));
    expect(outcome.events()).toEqual([
      {
        type: 'CaseSuspended',
        data: {
          caseId: 'case-1',
          at: '2026-03-09T02:00:00.000Z',
          on: '2026-03-09',
          by: 'user-office-1',
          unitCode: 'phong-kinh-te',
          reason: 'Chờ kết quả giám định của cơ quan khác',
        },
      },
    ]);
    expect(outcome.state()).toMatchObject({ status: 'suspended', suspendedSince: '2026-03-09' });
    given(...acknowledged())
      .when(command('Suspend', '2026-03-09', { reason: '' }))
      .thenFails('CASE.REASON_REQUIRED');
  });

  it('moves the resolution deadline by the suspended days on resumption', () => {
    // Suspended 9 Mar, resumed 19 Mar: 10–19 Mar do not count; 1 Apr + 10 = Sat 11 Apr → Mon 13 Apr.
    const outcome = given(...chain(acknowledged(), suspend('2026-03-09'))).when(resume('2026-03-19'));
    expect(outcome.events()).toEqual([
      {
        type: 'CaseResumed',
        data: {
          caseId: 'case-1',
          at: '2026-03-19T02:00:00.000Z',
          on: '2026-03-19',
          by: 'user-office-1',
          unitCode: 'phong-kinh-te',
          suspension: { from: '2026-03-10', to: '2026-03-19' },
          deadlines: [
            {
              kind: 'resolution',
              start: '2026-03-02',
              dueOn: '2026-04-13',
              duration: { amount: 30, unit: 'calendar_days' },
              legalBasis: DEFAULT_TIME_LIMITS.firstComplaintResolution.normal.legalBasis,
            },
          ],
        },
      },
    ]);
    expect(outcome.state()).toMatchObject({
      status: 'acknowledged',
      suspensions: [{ from: '2026-03-10', to: '2026-03-19' }],
      deadlines: { resolution: { dueOn: '2026-04-13' } },
    });
    expect(outcome.state().suspendedSince).toBeUndefined();
  });

  it('counts nothing when suspended and resumed on the same day', () => {
    const events = after(acknowledged(), suspend('2026-03-09'), resume('2026-03-09'));
    expect(ofType(events, 'CaseResumed')[0]?.data).toMatchObject({
      suspension: null,
      deadlines: [{ kind: 'resolution', dueOn: '2026-04-01' }],
    });
  });

  it('adds up several suspensions', () => {
    const history = chain(acknowledged(), suspend('2026-03-09'), resume('2026-03-12'), suspend('2026-03-16'));
    const events = given(...history)
      .when(resume('2026-03-18'))
      .events();
    // 3 + 2 days: 1 Apr + 5 = Mon 6 Apr.
    expect(ofType(events, 'CaseResumed')[0]?.data.deadlines[0]?.dueOn).toBe('2026-04-06');
  });

  it('moves the acknowledgement time of an unacknowledged assignment too', () => {
    const events = after(replay(openCase()), suspend('2026-03-02'), resume('2026-03-06'));
    // Assigned Mon 2 Mar; 3–6 Mar do not count: Mon 9, Tue 10.
    expect(ofType(events, 'CaseResumed')[0]?.data).toMatchObject({ acknowledgeBy: '2026-03-10' });
  });

  it('lets the unit acknowledge while suspended, and resumes to acknowledged', () => {
    const history = chain(replay(openCase()), suspend('2026-03-02'), ack('2026-03-03'));
    expect(
      given(...history)
        .when(resume('2026-03-06'))
        .state().status,
    ).toBe('acknowledged');
  });

  it('resumes to the status it was suspended from', () => {
    const verifying = chain(acknowledged(), command('StartVerification', '2026-03-04', { actor: unit() }));
    expect(
      given(...chain(verifying, suspend('2026-03-09')))
        .when(resume('2026-03-10'))
        .state().status,
    ).toBe('verifying');
  });

  it('refuses to suspend twice, to resume a running case, and to work while suspended', () => {
    const suspended = chain(acknowledged(), suspend('2026-03-09'));
    given(...suspended)
      .when(suspend('2026-03-10'))
      .thenFails('CASE.INVALID_TRANSITION');
    given(...acknowledged())
      .when(resume('2026-03-10'))
      .thenFails('CASE.INVALID_TRANSITION');
    given(...suspended)
      .when(command('StartVerification', '2026-03-10', { actor: unit() }))
      .thenFails('CASE.INVALID_TRANSITION');
    given(...suspended)
      .when(command('TransferToUnit', '2026-03-10', { toUnitCode: OTHER_UNIT, reason: 'Chuyển' }))
      .thenFails('CASE.INVALID_TRANSITION');
  });

  it('stops a suspended case', () => {
    expect(
      given(...chain(acknowledged(), suspend('2026-03-09')))
        .when(command('Stop', '2026-03-20', { reason: 'Người khiếu nại rút yêu cầu giám định' }))
        .state().status,
    ).toBe('stopped');
  });

  it('suspends an accepted denunciation and moves its open notices too', () => {
    const accepted = replay(
      openDenunciation(),
      ack('2026-02-23'),
      command('AcceptDenunciation', '2026-03-03', {}),
      command('Suspend', '2026-03-04', { reason: 'Chờ kết luận giám định' }),
    );
    const events = given(...accepted)
      .when(resume('2026-03-06'))
      .events();
    // 5–6 Mar (Thu, Fri) do not count: notices 10 Mar → 12 Mar; resolution 2 Apr → 4 Apr (Sat) → 6 Apr.
    expect(ofType(events, 'CaseResumed')[0]?.data.deadlines).toEqual([
      expect.objectContaining({ kind: 'resolution', dueOn: '2026-04-06' }),
      expect.objectContaining({ kind: 'acceptance_to_denouncer', dueOn: '2026-03-12' }),
      expect.objectContaining({ kind: 'acceptance_to_accused', dueOn: '2026-03-12' }),
    ]);
  });
});

describe('clock ticks: approaching, due, overdue — each once', () => {
  it('announces nothing while less than 80% of the time is used', () => {
    given(...acknowledged())
      .when(tick('2026-03-25'))
      .then([]);
  });

  it('announces the deadline approaching when 80% of its days are used', () => {
    const outcome = given(...acknowledged()).when(tick('2026-03-26'));
    outcome.then([
      {
        type: 'DeadlineApproaching',
        data: {
          caseId: 'case-1',
          at: '2026-03-26T02:00:00.000Z',
          on: '2026-03-26',
          by: 'routing-clock',
          deadline: 'resolution',
          start: '2026-03-02',
          dueOn: '2026-04-01',
          duration: { amount: 30, unit: 'calendar_days' },
          used: 0.8,
          unitCode: 'phong-kinh-te',
        },
      },
    ]);
    expect(outcome.state().deadlines.resolution?.stagesEmitted).toEqual(['approaching']);
  });

  it('announces each stage once however often the clock ticks', () => {
    let history = acknowledged();
    const seen: string[] = [];
    for (const day of [
      '2026-03-26',
      '2026-03-27',
      '2026-03-31',
      '2026-04-01',
      '2026-04-01',
      '2026-04-02',
      '2026-04-03',
    ]) {
      const events = given(...history)
        .when(tick(day))
        .events();
      seen.push(...stageEvent(events).map((t) => `${day} ${t}`));
      history = [...history, ...events];
    }
    expect(seen).toEqual([
      '2026-03-26 DeadlineApproaching',
      '2026-04-01 DeadlineDue',
      '2026-04-02 DeadlineOverdue',
    ]);
  });

  it('announces only the stage reached when ticks were missed, never an earlier one afterwards', () => {
    const overdue = given(...acknowledged()).when(tick('2026-04-03'));
    expect(stageEvent(overdue.events())).toEqual(['DeadlineOverdue']);
    given(...acknowledged(), ...overdue.events())
      .when(tick('2026-04-04'))
      .then([]);
  });

  it('counts working-day deadlines in working days: the acceptance check of a denunciation received before Tết', () => {
    let history = replay(openDenunciation(), ack('2026-02-13'));
    const seen: string[] = [];
    for (const day of ['2026-02-20', '2026-02-27', '2026-03-02', '2026-03-03', '2026-03-04']) {
      const events = given(...history)
        .when(tick(day))
        .events();
      seen.push(...stageEvent(events).map((t) => `${day} ${t}`));
      history = [...history, ...events];
    }
    expect(seen).toEqual([
      '2026-03-02 DeadlineApproaching',
      '2026-03-03 DeadlineDue',
      '2026-03-04 DeadlineOverdue',
    ]);
  });

  it('tracks the notices to the denouncer and the accused as deadlines', () => {
    const accepted = replay(
      openDenunciation(),
      ack('2026-02-23'),
      command('AcceptDenunciation', '2026-03-03', {}),
    );
    const events = given(...accepted)
      .when(tick('2026-03-11'))
      .events();
    expect(events.map((e) => (e.type === 'DeadlineOverdue' ? e.data.deadline : e.type))).toEqual([
      'acceptance_to_denouncer',
      'acceptance_to_accused',
    ]);
  });

  it('stops watching a deadline once it is met', () => {
    const accepted = replay(
      openDenunciation(),
      ack('2026-02-23'),
      command('AcceptDenunciation', '2026-03-03', {}),
      command('RecordNoticeSent', '2026-03-05', { notice: 'acceptance_to_denouncer' }),
      command('RecordNoticeSent', '2026-03-05', { notice: 'acceptance_to_accused' }),
    );
    given(...accepted)
      .when(tick('2026-03-11'))
      .then([]);
  });

  it('announces nothing while suspended, and no overdue for the time spent suspended', () => {
    const suspended = chain(acknowledged(), suspend('2026-03-09'));
    given(...suspended)
      .when(tick('2026-04-05'))
      .then([]);
    // Resumed 19 Mar: 10 days did not count, so on 2 Apr (past the original 1 Apr) only 21 of 30 days are used.
    const resumed = chain(suspended, resume('2026-03-19'));
    given(...resumed)
      .when(tick('2026-04-02'))
      .then([]);
    expect(
      stageEvent(
        given(...resumed)
          .when(tick('2026-04-05'))
          .events(),
      ),
    ).toEqual(['DeadlineApproaching']);
    expect(
      stageEvent(
        given(...resumed)
          .when(tick('2026-04-13'))
          .events(),
      ),
    ).toEqual(['DeadlineDue']);
  });

  it('announces the stages of an extended deadline again', () => {
    const history = chain(acknowledged(), tick('2026-03-26'));
    const extended = chain(history, extend('2026-03-27'));
    expect(extended.slice(-1)[0]?.type).toBe('DeadlineExtended');
    given(...extended)
      .when(tick('2026-04-01'))
      .then([]);
    expect(
      stageEvent(
        given(...extended)
          .when(tick('2026-04-16'))
          .events(),
      ),
    ).toEqual(['DeadlineDue']);
  });

  it('watches nothing on a stopped or withdrawn case', () => {
    given(...chain(acknowledged(), command('Stop', '2026-03-10', { reason: 'Đình chỉ' })))
      .when(tick('2026-04-05'))
      .then([]);
    given(...chain(acknowledged(), command('Withdraw', '2026-03-10', { scope: 'whole' })))
      .when(tick('2026-04-05'))
      .then([]);
  });

  it('uses the configured approaching threshold', () => {
    const limits = withTimeLimitOverrides({ approachingThreshold: { ratio: 0.5 } });
    const events = given(...acknowledged())
      .when(tick('2026-03-17'), { ...context, limits })
      .events();
    expect(stageEvent(events)).toEqual(['DeadlineApproaching']);
  });
});

describe('escalation: a unit that does not acknowledge in time', () => {
  it('escalates the assignment the day after the acknowledgement time, once', () => {
    const opened = replay(openCase());
    given(...opened)
      .when(tick('2026-03-04'))
      .then([]);
    const outcome = given(...opened).when(tick('2026-03-05'));
    outcome.then([
      {
        type: 'AssignmentEscalated',
        data: {
          caseId: 'case-1',
          at: '2026-03-05T02:00:00.000Z',
          on: '2026-03-05',
          by: 'routing-clock',
          assignmentNo: 1,
          unitCode: 'phong-kinh-te',
          assignedOn: '2026-03-02',
          acknowledgeBy: '2026-03-04',
        },
      },
    ]);
    given(...opened, ...outcome.events())
      .when(tick('2026-03-06'))
      .then([]);
  });

  it('does not escalate an acknowledged assignment', () => {
    given(...acknowledged())
      .when(tick('2026-03-10'))
      .then([]);
  });

  it('escalates each assignment: a transferred case must be acknowledged by the new unit in time', () => {
    const escalated = chain(replay(openCase()), tick('2026-03-05'));
    const moved = chain(
      escalated,
      command('TransferToUnit', '2026-03-06', { toUnitCode: OTHER_UNIT, reason: 'Sai lĩnh vực' }),
    );
    given(...moved)
      .when(tick('2026-03-10'))
      .then([]);
    expect(
      ofType(
        given(...moved)
          .when(tick('2026-03-11'))
          .events(),
        'AssignmentEscalated',
      )[0]?.data,
    ).toMatchObject({
      assignmentNo: 2,
      unitCode: OTHER_UNIT,
      acknowledgeBy: '2026-03-10',
    });
  });

  it('uses the configured acknowledgement time', () => {
    const ctx = { ...context, limits: withTimeLimitOverrides({ unitAcknowledgement: { amount: 5 } }) };
    const opened = given().when(openCase(), ctx).events();
    // Mon 2 Mar + 5 working days.
    expect(ofType(opened, 'CaseAssigned')[0]?.data.acknowledgeBy).toBe('2026-03-09');
    given(...opened)
      .when(tick('2026-03-09'), ctx)
      .then([]);
    expect(
      stageEvent(
        given(...opened)
          .when(tick('2026-03-10'), ctx)
          .events(),
      ),
    ).toEqual(['AssignmentEscalated']);
  });

  it('does not escalate while suspended', () => {
    given(...chain(replay(openCase()), suspend('2026-03-02')))
      .when(tick('2026-03-10'))
      .then([]);
  });
});
