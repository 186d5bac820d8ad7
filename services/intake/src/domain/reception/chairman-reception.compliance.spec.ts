import { DomainError } from '@tiep-dan/contracts';
import {
  chairmanComplianceWindow,
  chairmanReceptionCompliance,
  type ChairmanReceptionSessionRecord,
} from './chairman-reception.compliance';
import type { OfficialPosition, ReceptionKind } from './reception-session.events';
import { CHAIRMAN_RECEPTION_RULES, type ChairmanReceptionRule } from './reception.rules';

let counter = 0;
function held(
  date: string,
  position: OfficialPosition = 'chairman',
  kind: ReceptionKind = 'chairman_periodic',
): ChairmanReceptionSessionRecord {
  counter += 1;
  return { sessionId: `s${counter}`, kind, date, presidedBy: { position } };
}

function codeOf(fn: () => unknown): string | undefined {
  try {
    fn();
  } catch (error) {
    return error instanceof DomainError ? error.code : undefined;
  }
  return undefined;
}

describe('chairman periodic reception: before 1 July 2026, at least one day every week', () => {
  it('judges March 2026 (wholly under the old rule) week by week: the ISO weeks whose Thursday is in March', () => {
    const report = chairmanReceptionCompliance(
      [held('2026-03-05'), held('2026-03-12'), held('2026-03-18'), held('2026-03-26')],
      '2026-03',
    );
    expect(report.rule.minimum).toEqual({ days: 1, per: 'week' });
    expect(report.periods.map((p) => [p.from, p.to])).toEqual([
      ['2026-03-02', '2026-03-08'],
      ['2026-03-09', '2026-03-15'],
      ['2026-03-16', '2026-03-22'],
      ['2026-03-23', '2026-03-29'],
    ]);
    expect(report).toMatchObject({ requiredDays: 4, heldDays: 4, status: 'compliant' });
  });

  it('is not met by extra days in one week when another week has none', () => {
    const report = chairmanReceptionCompliance(
      [held('2026-03-03'), held('2026-03-04'), held('2026-03-12'), held('2026-03-19'), held('2026-03-20')],
      '2026-03',
    );
    expect(report.heldDays).toBe(5);
    expect(report.requiredDays).toBe(4);
    expect(report.status).toBe('non_compliant');
    expect(report.periods.filter((p) => p.status === 'missed').map((p) => p.from)).toEqual(['2026-03-23']);
  });

  it('judges a week across a month end once, with the month that holds its Thursday', () => {
    // Monday 30 March – Sunday 5 April 2026 belongs to April: a reception on 31 March covers it.
    expect(chairmanComplianceWindow('2026-04')).toEqual({ from: '2026-03-30', to: '2026-05-03' });
    const sessions = ['2026-03-31', '2026-04-07', '2026-04-14', '2026-04-21', '2026-04-28'].map((d) =>
      held(d),
    );
    const april = chairmanReceptionCompliance(sessions, '2026-04');
    expect(april).toMatchObject({ requiredDays: 5, heldDays: 5, status: 'compliant' });
    // ...and does not count for March, whose last week ended on Sunday 29 March.
    expect(chairmanReceptionCompliance(sessions, '2026-03').heldDates).toEqual([]);
  });

  it('counts a day a vice chairman presided by authorisation, and lists it as delegated', () => {
    const report = chairmanReceptionCompliance(
      [held('2026-06-02'), held('2026-06-09', 'vice_chairman'), held('2026-06-16'), held('2026-06-23')],
      '2026-06',
    );
    expect(report).toMatchObject({
      requiredDays: 4,
      heldDays: 4,
      delegatedDates: ['2026-06-09'],
      status: 'compliant',
    });
  });

  it('judges June 2026, the last month of the old rule, by its four weeks; the week of 1 July goes to July', () => {
    const report = chairmanReceptionCompliance([held('2026-06-02'), held('2026-06-30')], '2026-06');
    expect(report.periods).toHaveLength(4);
    expect(report.periods[3].to).toBe('2026-06-28');
    expect(report.heldDates).toEqual(['2026-06-02']);
    expect(report.status).toBe('non_compliant');
  });
});

describe('chairman periodic reception: from 1 July 2026, at least two days a month, never delegated', () => {
  it('applies the new rule to July 2026 as a whole month', () => {
    const report = chairmanReceptionCompliance([held('2026-07-02'), held('2026-07-23')], '2026-07');
    expect(report.rule).toMatchObject({ effectiveFrom: '2026-07-01', delegationAllowed: false });
    expect(report.periods).toEqual([
      {
        from: '2026-07-01',
        to: '2026-07-31',
        requiredDays: 2,
        heldDates: ['2026-07-02', '2026-07-23'],
        status: 'met',
      },
    ]);
    expect(report).toMatchObject({ requiredDays: 2, heldDays: 2, status: 'compliant' });
  });

  it('is not met by one day, nor by two sessions on the same day', () => {
    expect(chairmanReceptionCompliance([held('2026-07-02')], '2026-07').status).toBe('non_compliant');
    const sameDay = chairmanReceptionCompliance([held('2026-07-02'), held('2026-07-02')], '2026-07');
    expect(sameDay).toMatchObject({ heldDays: 1, status: 'non_compliant' });
  });

  it('does not count a day presided by a vice chairman', () => {
    const report = chairmanReceptionCompliance(
      [held('2026-07-02'), held('2026-07-09', 'vice_chairman')],
      '2026-07',
    );
    expect(report).toMatchObject({ heldDays: 1, delegatedDates: [], status: 'non_compliant' });
  });

  it('counts only periodic reception: ad-hoc and regular sessions, and days outside the month, do not count', () => {
    const report = chairmanReceptionCompliance(
      [
        held('2026-07-02'),
        held('2026-07-03', 'chairman', 'ad_hoc'),
        held('2026-07-06', 'chairman', 'regular'),
        held('2026-06-30'),
      ],
      '2026-07',
    );
    expect(report).toMatchObject({ heldDates: ['2026-07-02'], status: 'non_compliant' });
  });

  it('no longer needs a day every week: August 2026 is met by two days in its first week', () => {
    const report = chairmanReceptionCompliance([held('2026-08-03'), held('2026-08-04')], '2026-08');
    expect(report).toMatchObject({ requiredDays: 2, heldDays: 2, status: 'compliant' });
  });
});

describe('compliance as data and over time', () => {
  it('reports a period not yet ended and not yet met as pending, not missed', () => {
    const midMonth = chairmanReceptionCompliance(
      [held('2026-11-05')],
      '2026-11',
      CHAIRMAN_RECEPTION_RULES,
      '2026-11-20',
    );
    expect(midMonth.status).toBe('in_progress');
    expect(midMonth.periods[0].status).toBe('pending');
    const afterMonth = chairmanReceptionCompliance(
      [held('2026-11-05')],
      '2026-11',
      CHAIRMAN_RECEPTION_RULES,
      '2026-12-01',
    );
    expect(afterMonth.status).toBe('non_compliant');
  });

  it('follows whatever rule data it is given (a new law is a new entry)', () => {
    const rules: ChairmanReceptionRule[] = [
      ...CHAIRMAN_RECEPTION_RULES,
      {
        effectiveFrom: '2027-01-01',
        minimum: { days: 3, per: 'month' },
        delegationAllowed: false,
        source: 'test',
      },
    ];
    const sessions = [held('2027-01-05'), held('2027-01-12')];
    expect(chairmanReceptionCompliance(sessions, '2027-01', rules)).toMatchObject({
      requiredDays: 3,
      status: 'non_compliant',
    });
    expect(chairmanReceptionCompliance(sessions, '2027-01')).toMatchObject({
      requiredDays: 2,
      status: 'compliant',
    });
  });

  it('refuses rules that start elsewhere than on the first of a month, or out of order', () => {
    const midMonth: ChairmanReceptionRule[] = [
      { ...CHAIRMAN_RECEPTION_RULES[1], effectiveFrom: '2026-07-15' },
    ];
    expect(codeOf(() => chairmanReceptionCompliance([], '2026-08', midMonth))).toBe(
      'RECEPTION.INVALID_RULES',
    );
    const reversed = [...CHAIRMAN_RECEPTION_RULES].reverse();
    expect(codeOf(() => chairmanReceptionCompliance([], '2026-08', reversed))).toBe(
      'RECEPTION.INVALID_RULES',
    );
  });

  it('refuses a malformed month and a month before any rule', () => {
    expect(codeOf(() => chairmanReceptionCompliance([], '2026-13'))).toBe('RECEPTION.INVALID_MONTH');
    expect(codeOf(() => chairmanReceptionCompliance([], '2014-06'))).toBe('RECEPTION.NO_RULE_FOR_MONTH');
  });
});
