import { DEFAULT_TIME_LIMITS } from '../time-limits/time-limits.policy';
import type { CaseEvent } from './case.events';
import {
  command,
  given,
  officer,
  ofType,
  openCase,
  openDenunciation,
  replay,
  unit,
} from './case.test-fixtures';

const ack = (today: string) => command('AcknowledgeAssignment', today, { actor: unit() });
const accept = (today: string) => command('AcceptDenunciation', today, {});
const extend = (today: string, extra: { complexity?: 'complex' | 'very_complex'; amount?: number } = {}) =>
  command('ExtendDeadline', today, {
    actor: unit(),
    reason: 'Cần xác minh tại nhiều nơi',
    decisionNumber: '07/QĐ-UBND',
    ...extra,
  });

/** Received and opened Friday 13 Feb 2026 (before Tết), acknowledged Mon 23 Feb: the check runs to Tue 3 Mar. */
const received = (overrides: Parameters<typeof openDenunciation>[0] = {}): CaseEvent[] =>
  replay(openDenunciation(overrides), ack('2026-02-23'));
/** Accepted Tue 3 Mar 2026: resolution due Thu 2 Apr (30 days), notices due Tue 10 Mar (5 working days). */
const accepted = (overrides: Parameters<typeof openDenunciation>[0] = {}): CaseEvent[] => [
  ...received(overrides),
  ...given(...received(overrides))
    .when(accept('2026-03-03'))
    .events(),
];
const verifying = (overrides: Parameters<typeof openDenunciation>[0] = {}): CaseEvent[] => {
  const history = accepted(overrides);
  return [
    ...history,
    ...given(...history)
      .when(command('StartVerification', '2026-03-04', { actor: unit() }))
      .events(),
  ];
};

describe('denunciation: acceptance check (LTC art. 24)', () => {
  it('accepts within the check and starts the 30-day resolution and the 5-working-day notices', () => {
    const outcome = given(...received()).when(accept('2026-03-03'));
    expect(outcome.events()).toEqual([
      {
        type: 'DenunciationAccepted',
        data: {
          caseId: 'case-1',
          at: '2026-03-03T02:00:00.000Z',
          on: '2026-03-03',
          by: officer.id,
          unitCode: 'phong-kinh-te',
          acceptanceCheckDueOn: '2026-03-03',
          late: false,
          deadlines: [
            {
              kind: 'resolution',
              start: '2026-03-03',
              dueOn: '2026-04-02',
              duration: { amount: 30, unit: 'calendar_days' },
              legalBasis: DEFAULT_TIME_LIMITS.denunciationResolution.legalBasis,
            },
            {
              kind: 'acceptance_to_denouncer',
              start: '2026-03-03',
              dueOn: '2026-03-10',
              duration: { amount: 5, unit: 'working_days' },
              legalBasis: DEFAULT_TIME_LIMITS.denunciationAcceptanceNotice.legalBasis,
            },
            {
              kind: 'acceptance_to_accused',
              start: '2026-03-03',
              dueOn: '2026-03-10',
              duration: { amount: 5, unit: 'working_days' },
              legalBasis: DEFAULT_TIME_LIMITS.denunciationAcceptanceNotice.legalBasis,
            },
          ],
        },
      },
    ]);
    const state = outcome.state();
    expect(state.denunciation).toEqual({ accepted: true, acceptedOn: '2026-03-03', checkExtended: false });
    expect(state.deadlines.acceptance_check).toMatchObject({ met: true, metOn: '2026-03-03', late: false });
  });

  it('records an acceptance after the check deadline as late', () => {
    const events = given(...received())
      .when(accept('2026-03-04'))
      .events();
    expect(ofType(events, 'DenunciationAccepted')[0]?.data.late).toBe(true);
  });

  it('has no denouncer to notify for an anonymous denunciation accepted for its evidence', () => {
    const events = given(...received({ petitionerRefs: [] }))
      .when(accept('2026-03-03'))
      .events();
    expect(ofType(events, 'DenunciationAccepted')[0]?.data.deadlines.map((d) => d.kind)).toEqual([
      'resolution',
      'acceptance_to_accused',
    ]);
  });

  it('accepts once only, and only a denunciation', () => {
    given(...accepted())
      .when(accept('2026-03-04'))
      .thenFails('CASE.INVALID_TRANSITION');
    given(...replay(openCase()))
      .when(accept('2026-03-03'))
      .thenFails('CASE.NOT_A_DENUNCIATION');
  });

  it('extends the check from 7 to 10 working days once, with a reason', () => {
    const outcome = given(...received()).when(
      command('ExtendAcceptanceCheck', '2026-03-02', { reason: 'Cần xác minh nhân thân người tố cáo' }),
    );
    expect(outcome.events()).toEqual([
      {
        type: 'AcceptanceCheckExtended',
        data: {
          caseId: 'case-1',
          at: '2026-03-02T02:00:00.000Z',
          on: '2026-03-02',
          by: officer.id,
          unitCode: 'phong-kinh-te',
          reason: 'Cần xác minh nhân thân người tố cáo',
          previousDueOn: '2026-03-03',
          deadline: {
            kind: 'acceptance_check',
            start: '2026-02-13',
            dueOn: '2026-03-06',
            duration: { amount: 10, unit: 'working_days' },
            legalBasis: DEFAULT_TIME_LIMITS.denunciationAcceptanceCheckExtended.legalBasis,
          },
        },
      },
    ]);
    const extended = [...received(), ...outcome.events()];
    given(...extended)
      .when(command('ExtendAcceptanceCheck', '2026-03-04', { reason: 'Lần nữa' }))
      .thenFails('CASE.EXTENSION_NOT_ALLOWED');
    // Accepting on 5 Mar is now within the check.
    expect(
      ofType(
        given(...extended)
          .when(accept('2026-03-05'))
          .events(),
        'DenunciationAccepted',
      )[0]?.data.late,
    ).toBe(false);
  });

  it('refuses to extend the check after it ran out, without a reason, or after acceptance', () => {
    given(...received())
      .when(command('ExtendAcceptanceCheck', '2026-03-04', { reason: 'Quá hạn rồi' }))
      .thenFails('CASE.DEADLINE_PASSED');
    given(...received())
      .when(command('ExtendAcceptanceCheck', '2026-03-02', { reason: '' }))
      .thenFails('CASE.REASON_REQUIRED');
    given(...accepted())
      .when(command('ExtendAcceptanceCheck', '2026-03-03', { reason: 'Lý do' }))
      .thenFails('CASE.INVALID_TRANSITION');
  });

  it('declines a denunciation that fails the conditions: the case ends', () => {
    const outcome = given(...received()).when(
      command('DeclineDenunciation', '2026-03-02', { reason: 'Không đủ điều kiện thụ lý' }),
    );
    expect(outcome.events()).toEqual([
      {
        type: 'DenunciationDeclined',
        data: {
          caseId: 'case-1',
          at: '2026-03-02T02:00:00.000Z',
          on: '2026-03-02',
          by: officer.id,
          unitCode: 'phong-kinh-te',
          reason: 'Không đủ điều kiện thụ lý',
          acceptanceCheckDueOn: '2026-03-03',
          late: false,
        },
      },
    ]);
    expect(outcome.state().status).toBe('not_accepted');
    given(...received(), ...outcome.events())
      .when(accept('2026-03-03'))
      .thenFails('CASE.INVALID_TRANSITION');
  });

  it('does not verify, extend or suspend a denunciation before its acceptance', () => {
    given(...received())
      .when(command('StartVerification', '2026-02-24', { actor: unit() }))
      .thenFails('CASE.DENUNCIATION_NOT_ACCEPTED');
    given(...received())
      .when(extend('2026-02-24'))
      .thenFails('CASE.DENUNCIATION_NOT_ACCEPTED');
    given(...received())
      .when(command('Suspend', '2026-02-24', { reason: 'Chờ kết quả giám định' }))
      .thenFails('CASE.DENUNCIATION_NOT_ACCEPTED');
  });
});

describe('denunciation: notices to the denouncer and the accused (LTC art. 29)', () => {
  const sent = (
    today: string,
    notice: 'acceptance_to_denouncer' | 'acceptance_to_accused',
    sentOn?: string,
  ) => command('RecordNoticeSent', today, sentOn === undefined ? { notice } : { notice, sentOn });

  it('meets the notice deadline when the notice is sent within 5 working days', () => {
    const outcome = given(...accepted()).when(sent('2026-03-09', 'acceptance_to_denouncer'));
    expect(outcome.events()).toEqual([
      {
        type: 'NoticeSent',
        data: {
          caseId: 'case-1',
          at: '2026-03-09T02:00:00.000Z',
          on: '2026-03-09',
          by: officer.id,
          unitCode: 'phong-kinh-te',
          notice: 'acceptance_to_denouncer',
          sentOn: '2026-03-09',
          dueOn: '2026-03-10',
          late: false,
        },
      },
    ]);
    expect(outcome.state().deadlines.acceptance_to_denouncer).toMatchObject({
      met: true,
      metOn: '2026-03-09',
      late: false,
    });
    expect(outcome.state().deadlines.acceptance_to_accused?.met).toBe(false);
  });

  it('records a notice sent after the fifth working day as late', () => {
    const events = given(...accepted())
      .when(sent('2026-03-12', 'acceptance_to_accused', '2026-03-11'))
      .events();
    expect(ofType(events, 'NoticeSent')[0]?.data).toMatchObject({ sentOn: '2026-03-11', late: true });
  });

  it('records a notice once', () => {
    const history = [
      ...accepted(),
      ...given(...accepted())
        .when(sent('2026-03-09', 'acceptance_to_accused'))
        .events(),
    ];
    given(...history)
      .when(sent('2026-03-10', 'acceptance_to_accused'))
      .then([]);
  });

  it('refuses a notice that is not due in this case, or dated outside its period', () => {
    given(...received())
      .when(sent('2026-02-24', 'acceptance_to_denouncer'))
      .thenFails('CASE.NOTICE_NOT_DUE');
    given(...accepted({ petitionerRefs: [] }))
      .when(sent('2026-03-04', 'acceptance_to_denouncer'))
      .thenFails('CASE.NOTICE_NOT_DUE');
    given(...accepted())
      .when(sent('2026-03-09', 'acceptance_to_accused', '2026-03-02'))
      .thenFails('CASE.INVALID_INPUT');
    given(...accepted())
      .when(sent('2026-03-09', 'acceptance_to_accused', '2026-03-10'))
      .thenFails('CASE.INVALID_INPUT');
  });

  it('starts the conclusion notices to the accused and the denouncer when the conclusion is issued', () => {
    const events = given(...verifying())
      .when(
        command('Conclude', '2026-03-30', {
          actor: unit(),
          result: 'right',
          documentNumber: 'KL 03',
          issuedOn: '2026-03-30',
        }),
      )
      .events();
    expect(ofType(events, 'CaseConcluded')[0]?.data).toMatchObject({
      enforcementRequired: true,
      deadlines: [
        {
          kind: 'conclusion_to_accused',
          start: '2026-03-30',
          dueOn: '2026-04-06',
          duration: { amount: 5, unit: 'working_days' },
        },
        { kind: 'conclusion_to_denouncer', dueOn: '2026-04-06' },
      ],
    });
  });

  it('closes a founded denunciation without handling measures at once', () => {
    const history = verifying();
    const concluded = given(...history)
      .when(
        command('Conclude', '2026-03-30', {
          actor: unit(),
          result: 'partly_right',
          documentNumber: 'KL 03',
          issuedOn: '2026-03-30',
          handlingMeasures: false,
        }),
      )
      .events();
    expect(
      given(...history, ...concluded)
        .when(command('Close', '2026-03-31', {}))
        .state().status,
    ).toBe('closed');
  });
});

describe('denunciation: extensions (LTC art. 30)', () => {
  it('extends a complex denunciation once by 30 days, by written decision', () => {
    const outcome = given(...verifying({ complexity: 'complex' })).when(extend('2026-03-20'));
    expect(outcome.events()).toEqual([
      {
        type: 'DeadlineExtended',
        data: {
          caseId: 'case-1',
          at: '2026-03-20T02:00:00.000Z',
          on: '2026-03-20',
          by: 'unit:phong-kinh-te',
          unitCode: 'phong-kinh-te',
          extensionNo: 1,
          added: { amount: 30, unit: 'calendar_days' },
          reason: 'Cần xác minh tại nhiều nơi',
          decisionNumber: '07/QĐ-UBND',
          complexity: 'complex',
          previousDueOn: '2026-04-02',
          // 60 days from 3 Mar = Sat 2 May → Mon 4 May.
          deadline: {
            kind: 'resolution',
            start: '2026-03-03',
            dueOn: '2026-05-04',
            duration: { amount: 60, unit: 'calendar_days' },
            legalBasis: DEFAULT_TIME_LIMITS.denunciationResolution.legalBasis,
          },
          legalBasis: DEFAULT_TIME_LIMITS.denunciationExtension.legalBasis,
        },
      },
    ]);
    expect(outcome.state().extensionsUsed).toBe(1);
    given(...verifying({ complexity: 'complex' }), ...outcome.events())
      .when(extend('2026-04-20'))
      .thenFails('CASE.EXTENSION_NOT_ALLOWED');
  });

  it('extends a very complex denunciation twice, to 90 days at most', () => {
    let history = verifying({ complexity: 'very_complex' });
    history = [
      ...history,
      ...given(...history)
        .when(extend('2026-03-20'))
        .events(),
    ];
    const second = given(...history).when(extend('2026-04-20'));
    expect(ofType(second.events(), 'DeadlineExtended')[0]?.data).toMatchObject({
      extensionNo: 2,
      deadline: { dueOn: '2026-06-01', duration: { amount: 90, unit: 'calendar_days' } },
    });
    given(...history, ...second.events())
      .when(extend('2026-05-20'))
      .thenFails('CASE.EXTENSION_NOT_ALLOWED');
  });

  it('does not extend a denunciation that is not complex', () => {
    given(...verifying())
      .when(extend('2026-03-20'))
      .thenFails('CASE.EXTENSION_NOT_ALLOWED');
  });

  it('lets the extension decision declare the denunciation complex', () => {
    const outcome = given(...verifying()).when(extend('2026-03-20', { complexity: 'complex' }));
    expect(outcome.state()).toMatchObject({ complexity: 'complex', extensionsUsed: 1 });
  });

  it('extends by fewer days when the decision says so ("not more than 30 days"), never by more', () => {
    const events = given(...verifying({ complexity: 'complex' }))
      .when(extend('2026-03-20', { amount: 15 }))
      .events();
    // 45 days from 3 Mar = Fri 17 Apr.
    expect(ofType(events, 'DeadlineExtended')[0]?.data.deadline.dueOn).toBe('2026-04-17');
    given(...verifying({ complexity: 'complex' }))
      .when(extend('2026-03-20', { amount: 31 }))
      .thenFails('CASE.INVALID_INPUT');
  });

  it('needs a written reason and comes before the deadline runs out', () => {
    given(...verifying({ complexity: 'complex' }))
      .when(command('ExtendDeadline', '2026-03-20', { actor: unit(), reason: ' ' }))
      .thenFails('CASE.REASON_REQUIRED');
    given(...verifying({ complexity: 'complex' }))
      .when(extend('2026-04-03'))
      .thenFails('CASE.DEADLINE_PASSED');
  });

  it('applies a resent extension request once', () => {
    const request = command('ExtendDeadline', '2026-03-20', {
      actor: unit(),
      reason: 'Phức tạp',
      updateId: 'upd-ext-1',
    });
    const history = verifying({ complexity: 'very_complex' });
    const first = given(...history)
      .when(request)
      .events();
    given(...history, ...first)
      .when(request)
      .then([]);
  });
});

describe('denunciation: transfer outside competence, once only', () => {
  const out = (today: string) =>
    command('TransferOutOfCompetence', today, {
      toBody: 'ubkt-dang-uy',
      reason: 'Người bị tố cáo là đảng viên',
    });

  it('transfers a denunciation outside competence to the competent body and ends the case here', () => {
    const outcome = given(...received()).when(out('2026-02-24'));
    expect(outcome.events()).toEqual([
      {
        type: 'CaseTransferredOutOfCompetence',
        data: {
          caseId: 'case-1',
          at: '2026-02-24T02:00:00.000Z',
          on: '2026-02-24',
          by: officer.id,
          unitCode: 'phong-kinh-te',
          toBody: 'ubkt-dang-uy',
          reason: 'Người bị tố cáo là đảng viên',
        },
      },
    ]);
    expect(outcome.state().status).toBe('transferred_out');
    const error = given(...received(), ...outcome.events()).when(out('2026-02-25'));
    error.thenFails('CASE.DENUNCIATION_ALREADY_TRANSFERRED');
  });

  it('does not transfer again a denunciation another body transferred here', () => {
    given(...received({ transferredFrom: 'thanh-tra-tinh' }))
      .when(out('2026-02-24'))
      .thenFails('CASE.DENUNCIATION_ALREADY_TRANSFERRED');
  });

  it('transfers only denunciations', () => {
    given(...replay(openCase()))
      .when(out('2026-03-03'))
      .thenFails('CASE.NOT_A_DENUNCIATION');
  });
});
