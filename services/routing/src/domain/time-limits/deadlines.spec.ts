import { CalendarError, WorkingCalendar } from '@tiep-dan/platform/calendar';
import { VN_2026, vnCalendar } from './calendar.test-fixtures';
import {
  complaintAcceptanceDeadline,
  complaintDecisionNoticeDeadline,
  complaintFilingDeadline,
  complaintResolutionDeadline,
  deadlineProgress,
  denunciationAcceptanceCheckDeadline,
  denunciationAcceptanceNoticeDeadline,
  denunciationConclusionNoticeDeadline,
  denunciationResolutionDeadline,
  elapsedDays,
  legalDeadline,
  nextExtension,
  processingDecisionDeadline,
  receptionAnswerDeadline,
  recommendationResolutionDeadline,
  resolutionDeadline,
  secondComplaintFilingDeadline,
  unitAcknowledgementDeadline,
} from './deadlines';
import { DEFAULT_TIME_LIMITS, TimeLimitPolicyError } from './time-limits.policy';

const calendar = vnCalendar();
const policy = DEFAULT_TIME_LIMITS;
const input = (start: string, suspensions: Array<{ from: string; to: string }> = []) => ({
  calendar,
  policy,
  start,
  suspensions,
});

describe('the calendar fixture (copied from the 2025 and 2026 seeds)', () => {
  it('has Tết 2026 from Monday 16 to Friday 20 February off, and the Friday before it working', () => {
    expect(calendar.isWorkingDay('2026-02-13')).toBe(true);
    for (const d of ['2026-02-16', '2026-02-17', '2026-02-18', '2026-02-19', '2026-02-20']) {
      expect(calendar.describeDay(d).kind).toBe('holiday');
    }
    expect(calendar.isWorkingDay('2026-02-23')).toBe(true);
  });

  it('has the make-up working Saturdays 26 April 2025 and 22 August 2026', () => {
    expect(calendar.describeDay('2025-04-26').kind).toBe('make_up_working_day');
    expect(calendar.describeDay('2026-08-22').kind).toBe('make_up_working_day');
    expect(calendar.isWorkingDay('2026-08-29')).toBe(false);
  });
});

describe('legal deadlines, each in its own unit', () => {
  it('processing (xử lý đơn) takes 10 calendar days, and an end in Tết moves to the first working day after it', () => {
    // Tue 10 Feb 2026 + 10 days = Fri 20 Feb, a Tết day → Mon 23 Feb (Civil Code art. 148(5)).
    expect(processingDecisionDeadline(input('2026-02-10'))).toEqual({
      start: '2026-02-10',
      dueOn: '2026-02-23',
      duration: { amount: 10, unit: 'calendar_days' },
      legalBasis: DEFAULT_TIME_LIMITS.processingDecision.legalBasis,
    });
    expect(processingDecisionDeadline(input('2026-03-02')).dueOn).toBe('2026-03-12');
  });

  it('the answer at reception takes 10 working days, Tết not counted', () => {
    // Tue 10 Feb: 11, 12, 13 Feb, then 23 Feb … 3 Mar.
    const d = receptionAnswerDeadline(input('2026-02-10'));
    expect(d.dueOn).toBe('2026-03-03');
    expect(d.duration).toEqual({ amount: 10, unit: 'working_days' });
  });

  it('filing a complaint takes 90 calendar days from learning of the decision', () => {
    // Mon 5 Jan 2026 + 90 days = Sun 5 Apr → Mon 6 Apr.
    expect(complaintFilingDeadline(input('2026-01-05')).dueOn).toBe('2026-04-06');
  });

  it('accepting a complaint takes 10 calendar days; an end on 30/4 moves past 1/5 and the weekend', () => {
    // Mon 20 Apr 2026 + 10 = Thu 30 Apr (holiday), Fri 1 May (holiday), weekend → Mon 4 May.
    const d = complaintAcceptanceDeadline(input('2026-04-20'));
    expect(d.dueOn).toBe('2026-05-04');
    expect(d.duration.unit).toBe('calendar_days');
  });

  describe('first complaint (LKN art. 28), from acceptance on Mon 2 Mar 2026', () => {
    it.each([
      ['normal', false, 30, '2026-04-01'],
      ['complex', false, 45, '2026-04-16'],
      ['normal', true, 45, '2026-04-16'],
      // 1 May is a holiday, then a weekend.
      ['complex', true, 60, '2026-05-04'],
      ['very_complex', true, 60, '2026-05-04'],
    ] as const)(
      'a %s complaint (remote area: %s) has %i calendar days: due %s',
      (complexity, remoteArea, days, due) => {
        const d = complaintResolutionDeadline({ ...input('2026-03-02'), complexity, remoteArea });
        expect(d.duration).toEqual({ amount: days, unit: 'calendar_days' });
        expect(d.dueOn).toBe(due);
      },
    );
  });

  describe('second complaint (LKN art. 37), from acceptance on Mon 2 Mar 2026', () => {
    it.each([
      ['normal', false, 45, '2026-04-16'],
      ['complex', false, 60, '2026-05-04'],
      ['normal', true, 60, '2026-05-04'],
      ['complex', true, 70, '2026-05-11'],
    ] as const)(
      'a %s complaint (remote area: %s) has %i calendar days: due %s',
      (complexity, remoteArea, days, due) => {
        const d = complaintResolutionDeadline({
          ...input('2026-03-02'),
          complaintRound: 'second',
          complexity,
          remoteArea,
        });
        expect(d.duration).toEqual({ amount: days, unit: 'calendar_days' });
        expect(d.dueOn).toBe(due);
      },
    );
  });

  it('a second complaint is filed within 30 calendar days of the first decision, 45 in remote areas', () => {
    expect(secondComplaintFilingDeadline({ ...input('2026-06-01'), remoteArea: false }).dueOn).toBe(
      '2026-07-01',
    );
    expect(secondComplaintFilingDeadline({ ...input('2026-06-01'), remoteArea: true }).dueOn).toBe(
      '2026-07-16',
    );
  });

  it('the first decision is sent to the complainant within 3 working days (a figure to verify)', () => {
    const d = complaintDecisionNoticeDeadline(input('2026-03-30'));
    expect(d.dueOn).toBe('2026-04-02');
    expect(d.verify).toBe(true);
  });

  describe('denunciation (LTC 2018)', () => {
    it('a denunciation received on the Friday before Tết 2026 must be checked by Tuesday 3 March (7 working days)', () => {
      const d = denunciationAcceptanceCheckDeadline(input('2026-02-13'));
      expect(d.dueOn).toBe('2026-03-03');
      expect(d.duration).toEqual({ amount: 7, unit: 'working_days' });
    });

    it('the extended check of that denunciation ends on Friday 6 March (10 working days)', () => {
      const d = denunciationAcceptanceCheckDeadline({ ...input('2026-02-13'), extended: true });
      expect(d.dueOn).toBe('2026-03-06');
      expect(d.duration).toEqual({ amount: 10, unit: 'working_days' });
    });

    it('a denunciation received on the Friday before Tết 2025 must be checked by Tuesday 11 February 2025', () => {
      expect(denunciationAcceptanceCheckDeadline(input('2025-01-24')).dueOn).toBe('2025-02-11');
    });

    it('the make-up working Saturday of 26 April 2025 counts, the swapped Friday 2 May does not', () => {
      // Thu 24 Apr: Fri 25, Sat 26 (make-up), Mon 28, Tue 29, [30/4, 1/5, 2/5 off], Mon 5, Tue 6, Wed 7 May.
      expect(denunciationAcceptanceCheckDeadline(input('2025-04-24')).dueOn).toBe('2025-05-07');
    });

    it('the denouncer and the accused are notified within 5 working days of acceptance', () => {
      const d = denunciationAcceptanceNoticeDeadline(input('2026-03-03'));
      expect(d.dueOn).toBe('2026-03-10');
      expect(d.duration).toEqual({ amount: 5, unit: 'working_days' });
    });

    it('resolution takes 30 calendar days from acceptance, 60 with one extension, 90 with two', () => {
      const ext = DEFAULT_TIME_LIMITS.denunciationExtension;
      const one = { amount: ext.amount, unit: ext.unit };
      expect(denunciationResolutionDeadline(input('2026-03-03')).dueOn).toBe('2026-04-02');
      // Sat 2 May → Mon 4 May.
      expect(denunciationResolutionDeadline({ ...input('2026-03-03'), extensions: [one] })).toMatchObject({
        dueOn: '2026-05-04',
        duration: { amount: 60, unit: 'calendar_days' },
      });
      expect(
        denunciationResolutionDeadline({ ...input('2026-03-03'), extensions: [one, one] }),
      ).toMatchObject({
        dueOn: '2026-06-01',
        duration: { amount: 90, unit: 'calendar_days' },
      });
    });

    it('the conclusion is sent within 5 working days (a figure to verify)', () => {
      const d = denunciationConclusionNoticeDeadline(input('2026-04-02'));
      expect(d.dueOn).toBe('2026-04-09');
      expect(d.verify).toBe(true);
    });
  });

  describe('recommendation and reflection (configured, 15 working days)', () => {
    it('a make-up working Saturday counts as a working day and the National Day break does not', () => {
      // Fri 14 Aug 2026: 17–21, Sat 22 (make-up), 24–28, [31 Aug, 1–2 Sep off], 3, 4, 7, 8 Sep.
      const d = recommendationResolutionDeadline(input('2026-08-14'));
      expect(d.dueOn).toBe('2026-09-08');
      expect(d.duration).toEqual({ amount: 15, unit: 'working_days' });
      expect(d.verify).toBe(true);
    });

    it('without the make-up Saturday the same petition would be due a day later', () => {
      const noMakeUp = new WorkingCalendar([{ ...VN_2026, makeUpWorkingDays: [] }]);
      expect(recommendationResolutionDeadline({ ...input('2026-08-14'), calendar: noMakeUp }).dueOn).toBe(
        '2026-09-09',
      );
    });

    it('one extension adds 15 working days', () => {
      const ext = { amount: 15, unit: 'working_days' as const };
      expect(recommendationResolutionDeadline({ ...input('2026-08-14'), extensions: [ext] }).dueOn).toBe(
        '2026-09-29',
      );
    });

    it('a reflection counts like a recommendation', () => {
      expect(
        resolutionDeadline({
          ...input('2026-08-14'),
          kind: 'reflection',
          complexity: 'normal',
          remoteArea: false,
        }).dueOn,
      ).toBe('2026-09-08');
    });
  });

  describe('unit acknowledgement (configured, 2 working days)', () => {
    it('an assignment on the Friday before Tết is acknowledged by the second working day after it', () => {
      expect(unitAcknowledgementDeadline(input('2026-02-13')).dueOn).toBe('2026-02-24');
    });

    it('a make-up working Saturday counts: Thursday 20 Aug 2026 → Saturday 22 Aug', () => {
      expect(unitAcknowledgementDeadline(input('2026-08-20')).dueOn).toBe('2026-08-22');
    });
  });
});

describe('suspended days do not count (Luật 136/2025)', () => {
  it('a calendar-day limit moves by the suspended days, then by the Civil Code shift', () => {
    // 30 days from Mon 2 Mar = Wed 1 Apr; 10 suspended days → Sat 11 Apr → Mon 13 Apr.
    const d = complaintResolutionDeadline({
      ...input('2026-03-02', [{ from: '2026-03-10', to: '2026-03-19' }]),
      complexity: 'normal',
      remoteArea: false,
    });
    expect(d.dueOn).toBe('2026-04-13');
  });

  it('a working-day limit moves by the suspended working days only', () => {
    // 15 working days from Mon 2 Mar = Mon 23 Mar; the week of 9–13 Mar suspended → Mon 30 Mar.
    expect(recommendationResolutionDeadline(input('2026-03-02')).dueOn).toBe('2026-03-23');
    expect(
      recommendationResolutionDeadline(input('2026-03-02', [{ from: '2026-03-07', to: '2026-03-15' }])).dueOn,
    ).toBe('2026-03-30');
  });

  it('a suspension after the deadline changes nothing', () => {
    const d = complaintResolutionDeadline({
      ...input('2026-03-02', [{ from: '2026-04-05', to: '2026-04-20' }]),
      complexity: 'normal',
      remoteArea: false,
    });
    expect(d.dueOn).toBe('2026-04-01');
  });
});

describe('legalDeadline', () => {
  it('refuses an extension in another unit than the limit', () => {
    expect(() =>
      legalDeadline(
        calendar,
        '2026-03-02',
        DEFAULT_TIME_LIMITS.denunciationResolution,
        [],
        [{ amount: 5, unit: 'working_days' }],
      ),
    ).toThrow(TimeLimitPolicyError);
  });

  it('fails loudly when the calendar has no data for a year the period crosses', () => {
    const only2026 = new WorkingCalendar([VN_2026]);
    expect(() => receptionAnswerDeadline({ ...input('2026-12-24'), calendar: only2026 })).toThrow(
      CalendarError,
    );
  });
});

describe('nextExtension', () => {
  const facts = { kind: 'complaint' as const, complexity: 'normal' as const, remoteArea: false };

  it('lets a normal first complaint found complex run to 45 days, once', () => {
    expect(nextExtension(policy, facts, 0, { amount: 30, unit: 'calendar_days' })).toEqual({
      allowed: true,
      maxAmount: 15,
      unit: 'calendar_days',
      legalBasis: DEFAULT_TIME_LIMITS.firstComplaintResolution.complex.legalBasis,
      complexityAfter: 'complex',
    });
    expect(nextExtension(policy, facts, 1, { amount: 45, unit: 'calendar_days' }).allowed).toBe(false);
  });

  it('lets a remote second complaint found complex run from 60 to 70 days', () => {
    const allowance = nextExtension(policy, { ...facts, complaintRound: 'second', remoteArea: true }, 0, {
      amount: 60,
      unit: 'calendar_days',
    });
    expect(allowance).toMatchObject({ allowed: true, maxAmount: 10 });
  });

  it('never extends a complaint beyond the complex limit', () => {
    expect(
      nextExtension(policy, { ...facts, complexity: 'complex' }, 0, { amount: 45, unit: 'calendar_days' }),
    ).toEqual({ allowed: false, reason: expect.stringContaining('complex') });
  });

  it('extends a denunciation once if complex, twice if very complex, never if normal', () => {
    const d = (complexity: 'normal' | 'complex' | 'very_complex') => ({
      ...facts,
      kind: 'denunciation' as const,
      complexity,
    });
    const days = (amount: number) => ({ amount, unit: 'calendar_days' as const });
    expect(nextExtension(policy, d('normal'), 0, days(30)).allowed).toBe(false);
    expect(nextExtension(policy, d('complex'), 0, days(30))).toMatchObject({ allowed: true, maxAmount: 30 });
    expect(nextExtension(policy, d('complex'), 1, days(60)).allowed).toBe(false);
    expect(nextExtension(policy, d('very_complex'), 1, days(60))).toMatchObject({
      allowed: true,
      maxAmount: 30,
    });
    expect(nextExtension(policy, d('very_complex'), 2, days(90)).allowed).toBe(false);
  });

  it('lets the extension decision declare a denunciation complex', () => {
    const denunciation = { ...facts, kind: 'denunciation' as const };
    expect(
      nextExtension(policy, denunciation, 0, { amount: 30, unit: 'calendar_days' }, 'very_complex'),
    ).toMatchObject({
      allowed: true,
      complexityAfter: 'very_complex',
    });
  });

  it('never lets a denunciation run beyond 90 days, even after shorter extensions', () => {
    const veryComplex = { ...facts, kind: 'denunciation' as const, complexity: 'very_complex' as const };
    expect(nextExtension(policy, veryComplex, 1, { amount: 80, unit: 'calendar_days' })).toMatchObject({
      allowed: true,
      maxAmount: 10,
    });
  });

  it('extends a recommendation once by 15 working days', () => {
    const rec = { ...facts, kind: 'recommendation' as const };
    expect(nextExtension(policy, rec, 0, { amount: 15, unit: 'working_days' })).toMatchObject({
      allowed: true,
      maxAmount: 15,
      unit: 'working_days',
    });
    expect(nextExtension(policy, rec, 1, { amount: 30, unit: 'working_days' }).allowed).toBe(false);
  });
});

describe('deadlineProgress', () => {
  const thirtyDays = {
    start: '2026-03-02',
    dueOn: '2026-04-01',
    duration: { amount: 30, unit: 'calendar_days' as const },
  };

  it('is on track before 80% of the days are used', () => {
    expect(deadlineProgress(thirtyDays, '2026-03-25', calendar)).toEqual({
      stage: 'on_track',
      used: 23 / 30,
    });
    expect(deadlineProgress(thirtyDays, '2026-03-01', calendar)).toEqual({ stage: 'on_track', used: 0 });
  });

  it('is approaching from 80% of the days used', () => {
    expect(deadlineProgress(thirtyDays, '2026-03-26', calendar)).toEqual({ stage: 'approaching', used: 0.8 });
  });

  it('is due on its last day and overdue after it', () => {
    expect(deadlineProgress(thirtyDays, '2026-04-01', calendar)).toEqual({ stage: 'due', used: 1 });
    expect(deadlineProgress(thirtyDays, '2026-04-02', calendar)).toEqual({ stage: 'overdue', used: 31 / 30 });
  });

  it('counts a working-day deadline in working days: Tết uses none of it', () => {
    const check = {
      start: '2026-02-13',
      dueOn: '2026-03-03',
      duration: { amount: 7, unit: 'working_days' as const },
    };
    expect(deadlineProgress(check, '2026-02-20', calendar)).toEqual({ stage: 'on_track', used: 0 });
    expect(deadlineProgress(check, '2026-02-27', calendar)).toEqual({ stage: 'on_track', used: 5 / 7 });
    expect(deadlineProgress(check, '2026-03-02', calendar)).toEqual({ stage: 'approaching', used: 6 / 7 });
  });

  it('does not count suspended days as used', () => {
    const suspended = { ...thirtyDays, dueOn: '2026-04-13' };
    const suspensions = [{ from: '2026-03-10', to: '2026-03-19' }];
    expect(deadlineProgress(suspended, '2026-04-04', calendar, { suspensions })).toEqual({
      stage: 'on_track',
      used: 23 / 30,
    });
    expect(deadlineProgress(suspended, '2026-04-05', calendar, { suspensions }).stage).toBe('approaching');
  });

  it('takes the threshold from the configuration', () => {
    expect(deadlineProgress(thirtyDays, '2026-03-25', calendar, { approachingAt: 0.75 }).stage).toBe(
      'approaching',
    );
  });

  it('counts elapsed days after the start, the start day excluded', () => {
    expect(elapsedDays(calendar, '2026-02-13', '2026-02-13', 'working_days')).toBe(0);
    expect(elapsedDays(calendar, '2026-08-21', '2026-08-24', 'working_days')).toBe(2);
    expect(elapsedDays(calendar, '2026-08-21', '2026-08-24', 'calendar_days')).toBe(3);
  });
});
