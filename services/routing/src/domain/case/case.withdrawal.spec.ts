import type { CaseEvent } from './case.events';
import { command, given, officer, ofType, openCase, replay, unit } from './case.test-fixtures';

const ack = (today: string) => command('AcknowledgeAssignment', today, { actor: unit() });
const withdrawWhole = (today: string, reason?: string) =>
  command('Withdraw', today, reason === undefined ? { scope: 'whole' } : { scope: 'whole', reason });
const reopen = (today: string, evidence = 'Biên bản xác minh: bị ép buộc rút đơn') =>
  command('Reopen', today, { reason: 'withdrawal_coerced', evidence });

/** A first complaint opened Mon 2 Mar 2026 (resolution due Wed 1 Apr), acknowledged 3 Mar. */
const acknowledged = (): CaseEvent[] => replay(openCase(), ack('2026-03-03'));
const withdrawn = (): CaseEvent[] => [
  ...acknowledged(),
  ...given(...acknowledged())
    .when(withdrawWhole('2026-03-10'))
    .events(),
];

describe('withdrawal in part: noted, the rest continues (Luật 136/2025)', () => {
  it('notes the part withdrawn and keeps the case running', () => {
    const outcome = given(...acknowledged()).when(
      command('Withdraw', '2026-03-10', {
        scope: 'part',
        part: 'Yêu cầu bồi thường',
        reason: 'Đã thỏa thuận',
      }),
    );
    expect(outcome.events()).toEqual([
      {
        type: 'CaseWithdrawnInPart',
        data: {
          caseId: 'case-1',
          at: '2026-03-10T02:00:00.000Z',
          on: '2026-03-10',
          by: officer.id,
          unitCode: 'phong-kinh-te',
          part: 'Yêu cầu bồi thường',
          reason: 'Đã thỏa thuận',
        },
      },
    ]);
    expect(outcome.state()).toMatchObject({ status: 'acknowledged', partsWithdrawn: ['Yêu cầu bồi thường'] });
    expect(outcome.state().deadlines.resolution?.dueOn).toBe('2026-04-01');
  });

  it('needs to know which part', () => {
    given(...acknowledged())
      .when(command('Withdraw', '2026-03-10', { scope: 'part' }))
      .thenFails('CASE.INVALID_INPUT');
  });
});

describe('withdrawal in whole: the case ends and is not reopened unless the withdrawal was coerced', () => {
  it('ends the case', () => {
    const outcome = given(...acknowledged()).when(withdrawWhole('2026-03-10', 'Đã được giải thích'));
    expect(outcome.events()).toEqual([
      {
        type: 'CaseWithdrawn',
        data: {
          caseId: 'case-1',
          at: '2026-03-10T02:00:00.000Z',
          on: '2026-03-10',
          by: officer.id,
          unitCode: 'phong-kinh-te',
          reason: 'Đã được giải thích',
        },
      },
    ]);
    expect(outcome.state()).toMatchObject({ status: 'withdrawn', withdrawnOn: '2026-03-10' });
    given(...withdrawn())
      .when(command('StartVerification', '2026-03-11', { actor: unit() }))
      .thenFails('CASE.INVALID_TRANSITION');
  });

  it('reopens a coerced withdrawal where it was, the withdrawn days not counted', () => {
    const outcome = given(...withdrawn()).when(reopen('2026-03-20'));
    // 11–20 Mar do not count: 1 Apr + 10 = Sat 11 Apr → Mon 13 Apr.
    expect(outcome.events()).toEqual([
      {
        type: 'CaseReopened',
        data: {
          caseId: 'case-1',
          at: '2026-03-20T02:00:00.000Z',
          on: '2026-03-20',
          by: officer.id,
          unitCode: 'phong-kinh-te',
          reason: 'withdrawal_coerced',
          evidence: 'Biên bản xác minh: bị ép buộc rút đơn',
          status: 'acknowledged',
          suspension: { from: '2026-03-11', to: '2026-03-20' },
          deadlines: [expect.objectContaining({ kind: 'resolution', dueOn: '2026-04-13' })],
        },
      },
    ]);
    expect(outcome.state()).toMatchObject({
      status: 'acknowledged',
      deadlines: { resolution: { dueOn: '2026-04-13' } },
    });
    expect(outcome.state().withdrawnOn).toBeUndefined();
  });

  it('reopens a case withdrawn while suspended as suspended', () => {
    const suspended = replay(
      openCase(),
      ack('2026-03-03'),
      command('Suspend', '2026-03-05', { reason: 'Chờ ý kiến của Sở' }),
      withdrawWhole('2026-03-10'),
    );
    const outcome = given(...suspended).when(reopen('2026-03-20'));
    expect(ofType(outcome.events(), 'CaseReopened')[0]?.data).toMatchObject({
      status: 'suspended',
      suspension: null,
      deadlines: [],
    });
    // Resumed 25 Mar: 6–25 Mar (20 days) do not count: 1 Apr + 20 = Tue 21 Apr.
    const resumed = given(...suspended, ...outcome.events()).when(command('Resume', '2026-03-25', {}));
    expect(resumed.state()).toMatchObject({
      status: 'acknowledged',
      deadlines: { resolution: { dueOn: '2026-04-21' } },
    });
  });

  it('does not reopen without evidence of coercion', () => {
    given(...withdrawn())
      .when(reopen('2026-03-20', ' '))
      .thenFails('CASE.INVALID_INPUT');
  });

  it('does not reopen a case that was not withdrawn, nor twice', () => {
    given(...acknowledged())
      .when(reopen('2026-03-20'))
      .thenFails('CASE.CANNOT_REOPEN');
    const reopened = [
      ...withdrawn(),
      ...given(...withdrawn())
        .when(reopen('2026-03-20'))
        .events(),
    ];
    given(...reopened)
      .when(reopen('2026-03-21'))
      .thenFails('CASE.CANNOT_REOPEN');
  });

  it('has nothing to withdraw once the decision is issued', () => {
    const concluded = replay(
      openCase(),
      ack('2026-03-03'),
      command('StartVerification', '2026-03-04', { actor: unit() }),
      command('Conclude', '2026-03-20', {
        actor: unit(),
        result: 'wrong',
        documentNumber: '9/QĐ',
        issuedOn: '2026-03-20',
      }),
    );
    given(...concluded)
      .when(withdrawWhole('2026-03-21'))
      .thenFails('CASE.INVALID_TRANSITION');
  });
});
