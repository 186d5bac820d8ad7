import { WorkingCalendar } from '@tiep-dan/platform/calendar';
import { VN_2026 } from '../time-limits/calendar.test-fixtures';
import { DEFAULT_TIME_LIMITS } from '../time-limits/time-limits.policy';
import { enforcementRequired } from './case.decide';
import type { CaseEvent } from './case.events';
import {
  OTHER_UNIT,
  UNIT,
  command,
  given,
  officer,
  ofType,
  openCase,
  openDenunciation,
  replay,
  system,
  unit,
} from './case.test-fixtures';

const ack = (today: string, actor = unit()) => command('AcknowledgeAssignment', today, { actor });
const verify = (today: string, actor = unit()) => command('StartVerification', today, { actor });
const conclude = (
  today: string,
  result: 'right' | 'partly_right' | 'wrong',
  extra: { issuedOn?: string; handlingMeasures?: boolean; updateId?: string } = {},
) =>
  command('Conclude', today, {
    actor: unit(),
    result,
    documentNumber: '15/QĐ-UBND',
    issuedOn: extra.issuedOn ?? today,
    ...extra,
  });

/** A first complaint opened 2 Mar 2026, acknowledged 3 Mar, in verification from 4 Mar. */
const verifying = (): CaseEvent[] => replay(openCase(), ack('2026-03-03'), verify('2026-03-04'));

describe('case decider: opening (thụ lý)', () => {
  it('opens a first complaint and assigns it with its 30-day resolution deadline and the acknowledgement time', () => {
    given()
      .when(openCase())
      .then([
        {
          type: 'CaseOpened',
          data: {
            caseId: 'case-1',
            at: '2026-03-02T02:00:00.000Z',
            on: '2026-03-02',
            by: 'routing-clock',
            petitionId: 'petition-1',
            kind: 'complaint',
            classification: 'administrative.land_housing',
            sensitiveTags: ['land'],
            complaintRound: 'first',
            complexity: 'normal',
            remoteArea: false,
            receivedOn: '2026-02-26',
            unitCode: UNIT,
            ruleId: 'complaint-commune-chairman',
            ruleSetVersion: 3,
            petitionerRefs: ['P-7f3a'],
            // 26 Feb + 10 days = Sun 8 Mar → Mon 9 Mar (LKN art. 27).
            complaintAcceptance: {
              start: '2026-02-26',
              dueOn: '2026-03-09',
              duration: { amount: 10, unit: 'calendar_days' },
              legalBasis: DEFAULT_TIME_LIMITS.complaintAcceptance.legalBasis,
              late: false,
            },
          },
        },
        {
          type: 'CaseAssigned',
          data: {
            caseId: 'case-1',
            at: '2026-03-02T02:00:00.000Z',
            on: '2026-03-02',
            by: 'routing-clock',
            petitionId: 'petition-1',
            assignmentNo: 1,
            unitCode: UNIT,
            kind: 'complaint',
            classification: 'administrative.land_housing',
            sensitiveTags: ['land'],
            complexity: 'normal',
            assignedOn: '2026-03-02',
            acknowledgeBy: '2026-03-04',
            acknowledgeWithin: { amount: 2, unit: 'working_days' },
            deadlines: [
              {
                kind: 'resolution',
                start: '2026-03-02',
                dueOn: '2026-04-01',
                duration: { amount: 30, unit: 'calendar_days' },
                legalBasis: DEFAULT_TIME_LIMITS.firstComplaintResolution.normal.legalBasis,
              },
            ],
          },
        },
      ]);
  });

  it('records a complaint accepted more than 10 days after receipt as accepted late', () => {
    const opened = ofType(
      given()
        .when(openCase({ receivedOn: '2026-02-10' }))
        .events(),
      'CaseOpened',
    )[0];
    // 10 Feb + 10 = 20 Feb (Tết) → 23 Feb.
    expect(opened?.data.complaintAcceptance).toMatchObject({ dueOn: '2026-02-23', late: true });
  });

  it('takes a complaint without a round as a first complaint', () => {
    const { complaintRound: _round, ...withoutRound } = openCase();
    const state = given()
      .when({ ...withoutRound })
      .state();
    expect(state.complaintRound).toBe('first');
  });

  it('gives a complex second complaint in a remote area 70 days', () => {
    const events = given()
      .when(
        openCase({
          complaintRound: 'second',
          complexity: 'complex',
          remoteArea: true,
          previousCaseId: 'case-0',
        }),
      )
      .events();
    expect(ofType(events, 'CaseAssigned')[0]?.data.deadlines).toEqual([
      expect.objectContaining({
        kind: 'resolution',
        dueOn: '2026-05-11',
        duration: { amount: 70, unit: 'calendar_days' },
      }),
    ]);
  });

  it('starts only the acceptance check for a denunciation: resolution waits for acceptance', () => {
    const events = given().when(openDenunciation()).events();
    expect(ofType(events, 'CaseOpened')[0]?.data.complaintAcceptance).toBeUndefined();
    expect(ofType(events, 'CaseAssigned')[0]?.data).toMatchObject({
      acknowledgeBy: '2026-02-24',
      deadlines: [
        {
          kind: 'acceptance_check',
          start: '2026-02-13',
          dueOn: '2026-03-03',
          duration: { amount: 7, unit: 'working_days' },
        },
      ],
    });
  });

  it('counts the acceptance check from receipt, not from the opening of the case', () => {
    const events = given()
      .when(openDenunciation({ today: '2026-02-24' }))
      .events();
    expect(ofType(events, 'CaseAssigned')[0]?.data.deadlines[0]).toMatchObject({
      start: '2026-02-13',
      dueOn: '2026-03-03',
    });
  });

  it.each(['recommendation', 'reflection'] as const)(
    'gives a %s the configured 15 working days, a make-up Saturday counted',
    (kind) => {
      const events = given()
        .when(
          openCase({
            kind,
            classification: 'policy',
            complaintRound: undefined,
            today: '2026-08-14',
            receivedOn: '2026-08-13',
          }),
        )
        .events();
      expect(ofType(events, 'CaseAssigned')[0]?.data.deadlines).toEqual([
        expect.objectContaining({
          kind: 'resolution',
          dueOn: '2026-09-08',
          duration: { amount: 15, unit: 'working_days' },
          verify: true,
        }),
      ]);
    },
  );

  it('uses the configured recommendation time', () => {
    const limits = {
      ...DEFAULT_TIME_LIMITS,
      recommendationResolution: { ...DEFAULT_TIME_LIMITS.recommendationResolution, amount: 10 },
    };
    const events = given()
      .when(
        openCase({
          kind: 'recommendation',
          classification: 'other',
          complaintRound: undefined,
          today: '2026-08-14',
        }),
        { calendar: new WorkingCalendar([VN_2026]), limits },
      )
      .events();
    // Fri 14 Aug: 17–21, Sat 22, 24–27.
    expect(ofType(events, 'CaseAssigned')[0]?.data.deadlines[0]?.dueOn).toBe('2026-08-27');
  });

  it('treats a retried opening with the same data as already done, even on another day', () => {
    given(...replay(openCase()))
      .when(openCase({ today: '2026-03-03', now: '2026-03-03T01:00:00.000Z', actor: officer }))
      .then([]);
  });

  it('treats the same tags and petitioners in another order as the same data', () => {
    const first = openCase({ sensitiveTags: ['land', 'environment'], petitionerRefs: ['P-1', 'P-2'] });
    given(...replay(first))
      .when(openCase({ sensitiveTags: ['environment', 'land'], petitionerRefs: ['P-2', 'P-1'] }))
      .then([]);
  });

  it('refuses to open an existing case with other data', () => {
    given(...replay(openCase()))
      .when(openCase({ unitCode: OTHER_UNIT }))
      .thenFails('CASE.ALREADY_OPENED');
    given(...replay(openCase()))
      .when(openCase({ complexity: 'complex' }))
      .thenFails('CASE.ALREADY_OPENED');
  });

  it('refers to petitioners by pseudonymous refs only, never by name', () => {
    given()
      .when(openCase({ petitionerRefs: ['Nguyễn Văn An'] }))
      .thenFails('CASE.INVALID_INPUT');
    const events = given()
      .when(openCase({ petitionerRefs: ['P-7f3a'] }))
      .events();
    expect(JSON.stringify(events)).not.toMatch(/Nguyễn/);
  });

  it('refuses inconsistent opening data', () => {
    given()
      .when(openCase({ classification: 'corruption' }))
      .thenFails('CASE.INVALID_INPUT');
    given()
      .when(openDenunciation({ complaintRound: 'first' }))
      .thenFails('CASE.INVALID_INPUT');
    given()
      .when(openCase({ receivedOn: '2026-03-05' }))
      .thenFails('CASE.INVALID_INPUT');
    given()
      .when(openCase({ receivedOn: '2026-02-30' }))
      .thenFails('CASE.INVALID_INPUT');
    given()
      .when(openCase({ today: '2026-3-2' }))
      .thenFails('CASE.INVALID_INPUT');
    given()
      .when(openCase({ unitCode: ' ' }))
      .thenFails('CASE.INVALID_INPUT');
  });

  it('fails loudly when the calendar has no data for the year a deadline reaches', () => {
    given()
      .when(openCase({ today: '2026-12-21', receivedOn: '2026-12-18' }), {
        calendar: new WorkingCalendar([VN_2026]),
        limits: DEFAULT_TIME_LIMITS,
      })
      .thenFails('CALENDAR.YEAR_NOT_CONFIGURED');
  });

  it('answers not found for any other command on a case that does not exist', () => {
    const outcome = given().when(ack('2026-03-03'));
    outcome.thenFails('CASE.NOT_FOUND');
    expect(outcome.error?.kind).toBe('not_found');
  });
});

describe('case decider: the unit acknowledges and verifies', () => {
  it('moves an acknowledged assignment to acknowledged, on time', () => {
    const outcome = given(...replay(openCase())).when(ack('2026-03-04'));
    outcome.then([
      {
        type: 'AssignmentAcknowledged',
        data: {
          caseId: 'case-1',
          at: '2026-03-04T02:00:00.000Z',
          on: '2026-03-04',
          by: `unit:${UNIT}`,
          assignmentNo: 1,
          unitCode: UNIT,
          acknowledgeBy: '2026-03-04',
          late: false,
        },
      },
    ]);
    expect(outcome.state()).toMatchObject({ status: 'acknowledged', acknowledged: true });
  });

  it('records an acknowledgement after the acknowledgement time as late', () => {
    const events = given(...replay(openCase()))
      .when(ack('2026-03-05'))
      .events();
    expect(ofType(events, 'AssignmentAcknowledged')[0]?.data.late).toBe(true);
  });

  it('names the handler the unit chose', () => {
    const state = given(...replay(openCase()))
      .when(command('AcknowledgeAssignment', '2026-03-03', { actor: unit(), handlerId: 'handler-9' }))
      .state();
    expect(state.handlerId).toBe('handler-9');
  });

  it('treats a repeated acknowledgement as already done', () => {
    given(...replay(openCase(), ack('2026-03-03')))
      .when(ack('2026-03-04'))
      .then([]);
  });

  it('lets only the assigned unit acknowledge', () => {
    const history = replay(openCase());
    const other = given(...history).when(ack('2026-03-03', unit(OTHER_UNIT)));
    other.thenFails('CASE.NOT_ASSIGNED_UNIT');
    expect(other.error?.kind).toBe('forbidden');
    given(...history)
      .when(ack('2026-03-03', officer))
      .thenFails('CASE.NOT_ASSIGNED_UNIT');
  });

  it('refuses any unit action from another unit, or from a unit that does not say which it is', () => {
    const history = replay(openCase(), ack('2026-03-03'));
    given(...history)
      .when(verify('2026-03-04', unit(OTHER_UNIT)))
      .thenFails('CASE.NOT_ASSIGNED_UNIT');
    given(...history)
      .when(verify('2026-03-04', { id: 'unit:?', kind: 'unit' }))
      .thenFails('CASE.NOT_ASSIGNED_UNIT');
    given(...history)
      .when(command('AddProgressNote', '2026-03-04', { actor: unit(OTHER_UNIT), updateId: 'u-1', note: 'x' }))
      .thenFails('CASE.NOT_ASSIGNED_UNIT');
  });

  it('starts verification after the acknowledgement, and a resent start changes nothing', () => {
    const history = replay(openCase(), ack('2026-03-03'));
    const outcome = given(...history).when(verify('2026-03-04'));
    expect(outcome.state().status).toBe('verifying');
    given(...history, ...outcome.events())
      .when(verify('2026-03-05'))
      .then([]);
  });

  it('refuses to verify an assignment not acknowledged yet, and says from which status', () => {
    const outcome = given(...replay(openCase())).when(verify('2026-03-03'));
    outcome.thenFails('CASE.INVALID_TRANSITION');
    expect(outcome.error?.message).toContain('assigned');
  });

  it('adds a progress note once per update id (units resend)', () => {
    const note = command('AddProgressNote', '2026-03-05', {
      actor: unit(),
      updateId: 'upd-1',
      note: '  Đã làm việc với hộ dân\nngày 5/3 ',
    });
    const outcome = given(...verifying()).when(note);
    outcome.then([
      {
        type: 'ProgressNoteAdded',
        data: {
          caseId: 'case-1',
          at: '2026-03-05T02:00:00.000Z',
          on: '2026-03-05',
          by: `unit:${UNIT}`,
          updateId: 'upd-1',
          unitCode: UNIT,
          note: 'Đã làm việc với hộ dân\nngày 5/3',
        },
      },
    ]);
    given(...verifying(), ...outcome.events())
      .when(note)
      .then([]);
  });

  it('refuses an empty progress note and a note on a closed case', () => {
    given(...verifying())
      .when(command('AddProgressNote', '2026-03-05', { actor: unit(), updateId: 'u-2', note: ' ' }))
      .thenFails('CASE.INVALID_INPUT');
    const closed = replay(
      ...[openCase(), ack('2026-03-03'), verify('2026-03-04')],
      conclude('2026-03-20', 'wrong'),
      command('Close', '2026-03-21', {}),
    );
    given(...closed)
      .when(command('AddProgressNote', '2026-03-22', { actor: unit(), updateId: 'u-3', note: 'late' }))
      .thenFails('CASE.INVALID_TRANSITION');
  });
});

describe('case decider: conclusion, enforcement and closing', () => {
  it('concludes a verified complaint with its outcome and starts the decision notice and the second-complaint window', () => {
    const events = given(...verifying())
      .when(conclude('2026-03-30', 'partly_right', { updateId: 'upd-9' }))
      .events();
    expect(events).toEqual([
      {
        type: 'CaseConcluded',
        data: {
          caseId: 'case-1',
          at: '2026-03-30T02:00:00.000Z',
          on: '2026-03-30',
          by: `unit:${UNIT}`,
          unitCode: UNIT,
          updateId: 'upd-9',
          result: 'partly_right',
          documentNumber: '15/QĐ-UBND',
          issuedOn: '2026-03-30',
          enforcementRequired: true,
          resolutionDueOn: '2026-04-01',
          late: false,
          deadlines: [
            {
              kind: 'decision_to_complainant',
              start: '2026-03-30',
              dueOn: '2026-04-02',
              duration: { amount: 3, unit: 'working_days' },
              legalBasis: DEFAULT_TIME_LIMITS.complaintDecisionNotice.legalBasis,
              verify: true,
            },
            {
              kind: 'second_complaint_filing',
              start: '2026-03-30',
              dueOn: '2026-04-29',
              duration: { amount: 30, unit: 'calendar_days' },
              legalBasis: DEFAULT_TIME_LIMITS.secondComplaintFiling.normal.legalBasis,
            },
          ],
        },
      },
    ]);
  });

  it('records a decision issued after the resolution deadline as late', () => {
    const events = given(...verifying())
      .when(conclude('2026-04-03', 'wrong'))
      .events();
    expect(ofType(events, 'CaseConcluded')[0]?.data).toMatchObject({
      late: true,
      resolutionDueOn: '2026-04-01',
    });
  });

  it('a resent conclusion with the same update id changes nothing', () => {
    const concluded = [
      ...verifying(),
      ...given(...verifying())
        .when(conclude('2026-03-30', 'right', { updateId: 'upd-9' }))
        .events(),
    ];
    given(...concluded)
      .when(conclude('2026-03-31', 'right', { updateId: 'upd-9', issuedOn: '2026-03-30' }))
      .then([]);
    given(...concluded)
      .when(conclude('2026-03-31', 'right', { issuedOn: '2026-03-30' }))
      .thenFails('CASE.INVALID_TRANSITION');
  });

  it('concludes only a case under verification', () => {
    const outcome = given(...replay(openCase(), ack('2026-03-03'))).when(conclude('2026-03-20', 'right'));
    outcome.thenFails('CASE.INVALID_TRANSITION');
    expect(outcome.error?.message).toBe('cannot conclude a case that is acknowledged');
  });

  it('refuses a conclusion without a document number, issued in the future or before acceptance', () => {
    given(...verifying())
      .when(
        command('Conclude', '2026-03-20', {
          actor: unit(),
          result: 'right',
          documentNumber: ' ',
          issuedOn: '2026-03-20',
        }),
      )
      .thenFails('CASE.INVALID_INPUT');
    given(...verifying())
      .when(conclude('2026-03-20', 'right', { issuedOn: '2026-03-21' }))
      .thenFails('CASE.INVALID_INPUT');
    given(...verifying())
      .when(conclude('2026-03-20', 'right', { issuedOn: '2026-03-01' }))
      .thenFails('CASE.INVALID_INPUT');
  });

  it('requires enforcement of a complaint decision that found the complaint right or partly right', () => {
    expect(enforcementRequired('complaint', 'right')).toBe(true);
    expect(enforcementRequired('complaint', 'partly_right')).toBe(true);
    expect(enforcementRequired('complaint', 'wrong')).toBe(false);
  });

  it('requires enforcement of a denunciation conclusion with handling measures, by default when founded', () => {
    expect(enforcementRequired('denunciation', 'right')).toBe(true);
    expect(enforcementRequired('denunciation', 'wrong')).toBe(false);
    expect(enforcementRequired('denunciation', 'right', false)).toBe(false);
    expect(enforcementRequired('denunciation', 'wrong', true)).toBe(true);
  });

  it('never requires enforcement of an answer to a recommendation or reflection', () => {
    expect(enforcementRequired('recommendation', 'right')).toBe(false);
    expect(enforcementRequired('reflection', 'partly_right')).toBe(false);
  });

  it('refuses handling measures on a complaint', () => {
    given(...verifying())
      .when(conclude('2026-03-20', 'right', { handlingMeasures: false }))
      .thenFails('CASE.INVALID_INPUT');
  });

  it('enforces, then closes, a decision that requires enforcement', () => {
    const concluded = [
      ...verifying(),
      ...given(...verifying())
        .when(conclude('2026-03-30', 'right'))
        .events(),
    ];
    given(...concluded)
      .when(command('Close', '2026-03-31', {}))
      .thenFails('CASE.ENFORCEMENT_PENDING');
    const started = given(...concluded).when(command('StartEnforcement', '2026-04-02', { actor: unit() }));
    expect(started.state().status).toBe('enforcing');
    const enforcing = [...concluded, ...started.events()];
    given(...enforcing)
      .when(command('Close', '2026-04-03', {}))
      .thenFails('CASE.ENFORCEMENT_PENDING');
    given(...enforcing)
      .when(command('StartEnforcement', '2026-04-03', { actor: unit() }))
      .then([]);
    const completed = given(...enforcing).when(
      command('CompleteEnforcement', '2026-04-20', { actor: unit(), note: 'Đã hủy quyết định' }),
    );
    expect(completed.state().status).toBe('enforced');
    const closed = given(...enforcing, ...completed.events()).when(command('Close', '2026-04-21', {}));
    expect(closed.events()).toEqual([
      {
        type: 'CaseClosed',
        data: {
          caseId: 'case-1',
          at: '2026-04-21T02:00:00.000Z',
          on: '2026-04-21',
          by: officer.id,
          unitCode: UNIT,
          result: 'right',
          enforced: true,
        },
      },
    ]);
    expect(closed.state().status).toBe('closed');
  });

  it('closes a decision that requires no enforcement at once, and refuses to enforce it', () => {
    const concluded = [
      ...verifying(),
      ...given(...verifying())
        .when(conclude('2026-03-30', 'wrong'))
        .events(),
    ];
    given(...concluded)
      .when(command('StartEnforcement', '2026-03-31', { actor: unit() }))
      .thenFails('CASE.ENFORCEMENT_NOT_REQUIRED');
    expect(
      given(...concluded)
        .when(command('Close', '2026-03-31', {}))
        .state().status,
    ).toBe('closed');
  });

  it('closes only a concluded case', () => {
    given(...verifying())
      .when(command('Close', '2026-03-20', {}))
      .thenFails('CASE.INVALID_TRANSITION');
    given(...verifying())
      .when(command('CompleteEnforcement', '2026-03-20', { actor: unit() }))
      .thenFails('CASE.INVALID_TRANSITION');
  });

  it('closes a recommendation once answered', () => {
    const rec = replay(
      openCase({ kind: 'recommendation', classification: 'policy', complaintRound: undefined }),
      ack('2026-03-03'),
      verify('2026-03-04'),
      conclude('2026-03-10', 'right'),
    );
    expect(ofType(rec, 'CaseConcluded')[0]?.data).toMatchObject({
      enforcementRequired: false,
      deadlines: [],
    });
    expect(
      given(...rec)
        .when(command('Close', '2026-03-11', {}))
        .state().status,
    ).toBe('closed');
  });
});

describe('case decider: transfer between units (history kept)', () => {
  const transfer = (today: string, toUnitCode = OTHER_UNIT) =>
    command('TransferToUnit', today, { toUnitCode, reason: 'Nội dung thuộc lĩnh vực văn hóa' });

  it('moves the case to the new unit, which must acknowledge again; the deadlines keep running', () => {
    const outcome = given(...verifying()).when(transfer('2026-03-06'));
    const [transferred, assigned] = outcome.events();
    expect(transferred).toEqual({
      type: 'CaseTransferred',
      data: {
        caseId: 'case-1',
        at: '2026-03-06T02:00:00.000Z',
        on: '2026-03-06',
        by: officer.id,
        unitCode: UNIT,
        fromUnitCode: UNIT,
        toUnitCode: OTHER_UNIT,
        reason: 'Nội dung thuộc lĩnh vực văn hóa',
      },
    });
    expect(assigned).toMatchObject({
      type: 'CaseAssigned',
      data: {
        assignmentNo: 2,
        unitCode: OTHER_UNIT,
        transferredFrom: UNIT,
        reason: 'Nội dung thuộc lĩnh vực văn hóa',
        assignedOn: '2026-03-06',
        // Fri 6 Mar + 2 working days.
        acknowledgeBy: '2026-03-10',
        deadlines: [
          expect.objectContaining({ kind: 'resolution', start: '2026-03-02', dueOn: '2026-04-01' }),
        ],
      },
    });
    const state = outcome.state();
    expect(state).toMatchObject({ status: 'assigned', unitCode: OTHER_UNIT, acknowledged: false });
    expect(state.deadlines.resolution).toMatchObject({ start: '2026-03-02', dueOn: '2026-04-01' });
    expect(state.handlerId).toBeUndefined();
  });

  it('keeps extensions and the rest of the history across a transfer', () => {
    const extended = replay(
      openCase(),
      ack('2026-03-03'),
      verify('2026-03-04'),
      command('ExtendDeadline', '2026-03-20', { actor: unit(), reason: 'Vụ việc phức tạp, cần đo đạc lại' }),
    );
    const state = given(...extended)
      .when(transfer('2026-03-21'))
      .state();
    expect(state.extensionsUsed).toBe(1);
    expect(state.deadlines.resolution?.dueOn).toBe('2026-04-16');
  });

  it('refuses a late report from the old unit and accepts the new unit', () => {
    const moved = [
      ...verifying(),
      ...given(...verifying())
        .when(transfer('2026-03-06'))
        .events(),
    ];
    given(...moved)
      .when(ack('2026-03-09'))
      .thenFails('CASE.NOT_ASSIGNED_UNIT');
    expect(
      given(...moved)
        .when(ack('2026-03-09', unit(OTHER_UNIT)))
        .state().status,
    ).toBe('acknowledged');
  });

  it('refuses a transfer to the same unit, without a reason, or of a concluded case', () => {
    given(...verifying())
      .when(transfer('2026-03-06', UNIT))
      .thenFails('CASE.SAME_UNIT');
    given(...verifying())
      .when(command('TransferToUnit', '2026-03-06', { toUnitCode: OTHER_UNIT, reason: '' }))
      .thenFails('CASE.REASON_REQUIRED');
    const concluded = [
      ...verifying(),
      ...given(...verifying())
        .when(conclude('2026-03-30', 'wrong'))
        .events(),
    ];
    given(...concluded)
      .when(transfer('2026-03-31'))
      .thenFails('CASE.INVALID_TRANSITION');
  });
});

describe('case decider: stopping (đình chỉ)', () => {
  it('stops a case for good, with a written reason', () => {
    const outcome = given(...verifying()).when(
      command('Stop', '2026-03-10', { reason: 'Người khiếu nại chết' }),
    );
    expect(outcome.events()).toEqual([
      {
        type: 'CaseStopped',
        data: {
          caseId: 'case-1',
          at: '2026-03-10T02:00:00.000Z',
          on: '2026-03-10',
          by: officer.id,
          unitCode: UNIT,
          reason: 'Người khiếu nại chết',
        },
      },
    ]);
    const stopped = [...verifying(), ...outcome.events()];
    given(...stopped)
      .when(command('Resume', '2026-03-11', {}))
      .thenFails('CASE.INVALID_TRANSITION');
    given(...stopped)
      .when(conclude('2026-03-11', 'right'))
      .thenFails('CASE.INVALID_TRANSITION');
    given(...stopped)
      .when(command('Reopen', '2026-03-11', { reason: 'withdrawal_coerced', evidence: 'Biên bản' }))
      .thenFails('CASE.CANNOT_REOPEN');
  });

  it('refuses to stop without a reason or after the conclusion', () => {
    given(...verifying())
      .when(command('Stop', '2026-03-10', { reason: '  ' }))
      .thenFails('CASE.REASON_REQUIRED');
    const concluded = [
      ...verifying(),
      ...given(...verifying())
        .when(conclude('2026-03-30', 'wrong'))
        .events(),
    ];
    given(...concluded)
      .when(command('Stop', '2026-03-31', { reason: 'Lý do' }))
      .thenFails('CASE.INVALID_TRANSITION');
  });

  it('lets a commune official act without a unit code', () => {
    expect(
      given(...verifying())
        .when(command('Stop', '2026-03-10', { actor: officer, reason: 'Có quyết định khác' }))
        .state().status,
    ).toBe('stopped');
    expect(
      given(...verifying())
        .when(command('Stop', '2026-03-10', { actor: system, reason: 'Có quyết định khác' }))
        .state().status,
    ).toBe('stopped');
  });
});
