import { DomainError } from '@tiep-dan/contracts';
import {
  DEFAULT_TIME_LIMITS,
  type TimeLimit,
  type TimeLimitPolicy,
  TimeLimitPolicyError,
  validateTimeLimitPolicy,
  withTimeLimitOverrides,
} from './time-limits.policy';

function pathOf(fn: () => unknown): unknown {
  try {
    fn();
  } catch (e) {
    if (e instanceof TimeLimitPolicyError) return e.details?.['path'];
    throw e;
  }
  return undefined;
}

function copy(change: (p: TimeLimitPolicy) => void): TimeLimitPolicy {
  const p = structuredClone(DEFAULT_TIME_LIMITS);
  change(p);
  return p;
}

describe('DEFAULT_TIME_LIMITS (DOMAIN.md "Kinds, outcomes and time limits")', () => {
  const at = (path: string): TimeLimit =>
    path
      .split('.')
      .reduce<unknown>((o, k) => (o as Record<string, unknown>)[k], DEFAULT_TIME_LIMITS) as TimeLimit;

  it.each([
    ['processingDecision', 10, 'calendar_days', 'TT 05/2021: process a petition within 10 days'],
    ['receptionAnswer', 10, 'working_days', 'LTCD art. 28: answer at reception within 10 working days'],
    ['complaintFiling', 90, 'calendar_days', 'LKN art. 9: file a complaint within 90 days'],
    ['complaintAcceptance', 10, 'calendar_days', 'LKN art. 27: accept a complaint within 10 days'],
    ['firstComplaintResolution.normal', 30, 'calendar_days', 'LKN art. 28: first complaint 30 days'],
    ['firstComplaintResolution.complex', 45, 'calendar_days', 'LKN art. 28: complex first complaint 45 days'],
    ['firstComplaintResolution.remote', 45, 'calendar_days', 'LKN art. 28: remote area 45 days'],
    [
      'firstComplaintResolution.remoteComplex',
      60,
      'calendar_days',
      'LKN art. 28: remote and complex 60 days',
    ],
    ['secondComplaintResolution.normal', 45, 'calendar_days', 'LKN art. 37: second complaint 45 days'],
    [
      'secondComplaintResolution.complex',
      60,
      'calendar_days',
      'LKN art. 37: complex second complaint 60 days',
    ],
    ['secondComplaintResolution.remote', 60, 'calendar_days', 'LKN art. 37: remote area 60 days'],
    [
      'secondComplaintResolution.remoteComplex',
      70,
      'calendar_days',
      'LKN art. 37: remote and complex 70 days',
    ],
    ['secondComplaintFiling.normal', 30, 'calendar_days', 'LKN art. 33: second complaint within 30 days'],
    ['secondComplaintFiling.remote', 45, 'calendar_days', 'LKN art. 33: remote area 45 days'],
    ['denunciationAcceptanceCheck', 7, 'working_days', 'LTC art. 24: check within 7 working days'],
    ['denunciationAcceptanceCheckExtended', 10, 'working_days', 'LTC art. 24: extendable to 10 working days'],
    ['denunciationAcceptanceNotice', 5, 'working_days', 'LTC art. 29: notify within 5 working days'],
    ['denunciationResolution', 30, 'calendar_days', 'LTC art. 30: resolve within 30 days of acceptance'],
    ['denunciationExtension', 30, 'calendar_days', 'LTC art. 30: extensions of 30 days each'],
    ['denunciationMaximum', 90, 'calendar_days', 'LTC art. 30: 90 days at most'],
    ['recommendationResolution', 15, 'working_days', 'configurable default 15 working days'],
    ['recommendationExtension', 15, 'working_days', 'configurable extension of 15 working days'],
    ['unitAcknowledgement', 2, 'working_days', 'configurable acknowledgement of 2 working days'],
  ])('%s is %i %s (%s)', (path, amount, unit) => {
    const limit = at(path);
    expect({ amount: limit.amount, unit: limit.unit }).toEqual({ amount, unit });
    expect(limit.legalBasis.length).toBeGreaterThan(0);
  });

  it('allows one denunciation extension if complex, two if very complex, none otherwise', () => {
    expect(DEFAULT_TIME_LIMITS.denunciationExtension.maxExtensions).toEqual({
      normal: 0,
      complex: 1,
      very_complex: 2,
    });
  });

  it('allows one extension of a recommendation or reflection, whatever its complexity', () => {
    expect(DEFAULT_TIME_LIMITS.recommendationExtension.maxExtensions).toEqual({
      normal: 1,
      complex: 1,
      very_complex: 1,
    });
  });

  it('marks the figures our sources did not confirm as to verify', () => {
    expect(DEFAULT_TIME_LIMITS.recommendationResolution.verify).toBe(true);
    expect(DEFAULT_TIME_LIMITS.recommendationExtension.verify).toBe(true);
    expect(DEFAULT_TIME_LIMITS.denunciationResolution.verify).toBeUndefined();
    expect(DEFAULT_TIME_LIMITS.firstComplaintResolution.normal.verify).toBeUndefined();
  });

  it('calls a deadline approaching at 80% of its time used', () => {
    expect(DEFAULT_TIME_LIMITS.approachingThreshold.ratio).toBe(0.8);
  });

  it('is itself a valid policy', () => {
    expect(validateTimeLimitPolicy(DEFAULT_TIME_LIMITS)).toEqual(DEFAULT_TIME_LIMITS);
  });
});

describe('validateTimeLimitPolicy', () => {
  it('returns a copy, so the caller cannot change the defaults through it', () => {
    const validated = validateTimeLimitPolicy(DEFAULT_TIME_LIMITS);
    validated.processingDecision.amount = 99;
    expect(DEFAULT_TIME_LIMITS.processingDecision.amount).toBe(10);
  });

  it('refuses a limit that is not a whole positive number of days', () => {
    expect(pathOf(() => validateTimeLimitPolicy(copy((p) => (p.processingDecision.amount = 0))))).toBe(
      'processingDecision.amount',
    );
    expect(
      pathOf(() => validateTimeLimitPolicy(copy((p) => (p.firstComplaintResolution.normal.amount = 2.5)))),
    ).toBe('firstComplaintResolution.normal.amount');
  });

  it('refuses a limit without its unit or its legal basis', () => {
    expect(
      pathOf(() =>
        validateTimeLimitPolicy(copy((p) => (p.receptionAnswer.unit = 'days' as TimeLimit['unit']))),
      ),
    ).toBe('receptionAnswer.unit');
    expect(pathOf(() => validateTimeLimitPolicy(copy((p) => (p.receptionAnswer.legalBasis = ' '))))).toBe(
      'receptionAnswer.legalBasis',
    );
  });

  it('refuses a complex or remote limit shorter than the normal one', () => {
    expect(
      pathOf(() => validateTimeLimitPolicy(copy((p) => (p.firstComplaintResolution.complex.amount = 20)))),
    ).toBe('firstComplaintResolution.complex.amount');
    expect(
      pathOf(() => validateTimeLimitPolicy(copy((p) => (p.secondComplaintFiling.remote.amount = 20)))),
    ).toBe('secondComplaintFiling.remote.amount');
    expect(
      pathOf(() => validateTimeLimitPolicy(copy((p) => (p.denunciationAcceptanceCheckExtended.amount = 5)))),
    ).toBe('denunciationAcceptanceCheckExtended.amount');
  });

  it('refuses an extension counted in another unit than the limit it extends', () => {
    expect(
      pathOf(() => validateTimeLimitPolicy(copy((p) => (p.denunciationExtension.unit = 'working_days')))),
    ).toBe('denunciationExtension.unit');
    expect(
      pathOf(() =>
        validateTimeLimitPolicy(copy((p) => (p.firstComplaintResolution.complex.unit = 'working_days'))),
      ),
    ).toBe('firstComplaintResolution.complex.unit');
  });

  it('refuses denunciation extensions that would exceed the 90-day maximum', () => {
    expect(
      pathOf(() =>
        validateTimeLimitPolicy(copy((p) => (p.denunciationExtension.maxExtensions.very_complex = 3))),
      ),
    ).toBe('denunciationExtension.maxExtensions.very_complex');
  });

  it('refuses fewer extensions for a more complex case', () => {
    expect(
      pathOf(() => validateTimeLimitPolicy(copy((p) => (p.denunciationExtension.maxExtensions.complex = 3)))),
    ).toBe('denunciationExtension.maxExtensions.very_complex');
    expect(
      pathOf(() =>
        validateTimeLimitPolicy(copy((p) => (p.recommendationExtension.maxExtensions.normal = -1))),
      ),
    ).toBe('recommendationExtension.maxExtensions.normal');
  });

  it('refuses an approaching threshold outside (0, 1)', () => {
    expect(pathOf(() => validateTimeLimitPolicy(copy((p) => (p.approachingThreshold.ratio = 1))))).toBe(
      'approachingThreshold.ratio',
    );
    expect(pathOf(() => validateTimeLimitPolicy(copy((p) => (p.approachingThreshold.ratio = 0))))).toBe(
      'approachingThreshold.ratio',
    );
  });

  it('is a validation error with a stable code', () => {
    try {
      validateTimeLimitPolicy(copy((p) => (p.unitAcknowledgement.amount = -1)));
      throw new Error('expected an error');
    } catch (e) {
      expect(e).toBeInstanceOf(DomainError);
      expect((e as DomainError).code).toBe('TIME_LIMITS.INVALID_POLICY');
      expect((e as DomainError).kind).toBe('validation');
    }
  });
});

describe('withTimeLimitOverrides (commune configuration)', () => {
  it('overrides one field of an entry and keeps the rest', () => {
    const policy = withTimeLimitOverrides({ recommendationResolution: { amount: 10 } });
    expect(policy.recommendationResolution).toEqual({
      ...DEFAULT_TIME_LIMITS.recommendationResolution,
      amount: 10,
    });
    expect(policy.denunciationResolution).toEqual(DEFAULT_TIME_LIMITS.denunciationResolution);
  });

  it('keeps a figure to verify until the administrator says it is checked', () => {
    expect(
      withTimeLimitOverrides({ recommendationResolution: { amount: 10 } }).recommendationResolution.verify,
    ).toBe(true);
    expect(
      withTimeLimitOverrides({
        recommendationResolution: { verify: false, legalBasis: 'Quyết định 12/QĐ-UBND của UBND xã' },
      }).recommendationResolution,
    ).toEqual({
      amount: 15,
      unit: 'working_days',
      legalBasis: 'Quyết định 12/QĐ-UBND của UBND xã',
      verify: false,
    });
  });

  it('overrides a nested entry and the acknowledgement time', () => {
    const policy = withTimeLimitOverrides({
      firstComplaintResolution: { remote: { amount: 50 } },
      unitAcknowledgement: { amount: 3 },
      approachingThreshold: { ratio: 0.75 },
    });
    expect(policy.firstComplaintResolution.remote.amount).toBe(50);
    expect(policy.firstComplaintResolution.normal.amount).toBe(30);
    expect(policy.unitAcknowledgement.amount).toBe(3);
    expect(policy.approachingThreshold).toEqual({ ...DEFAULT_TIME_LIMITS.approachingThreshold, ratio: 0.75 });
  });

  it('refuses an unknown entry rather than ignoring a misspelt one', () => {
    expect(pathOf(() => withTimeLimitOverrides({ recomendationResolution: { amount: 10 } } as never))).toBe(
      'recomendationResolution',
    );
    expect(
      pathOf(() => withTimeLimitOverrides({ firstComplaintResolution: { remot: { amount: 50 } } } as never)),
    ).toBe('firstComplaintResolution.remot');
  });

  it('validates the result', () => {
    expect(pathOf(() => withTimeLimitOverrides({ denunciationResolution: { amount: 0 } }))).toBe(
      'denunciationResolution.amount',
    );
  });

  it('never changes the defaults', () => {
    withTimeLimitOverrides({ processingDecision: { amount: 12 } });
    expect(DEFAULT_TIME_LIMITS.processingDecision.amount).toBe(10);
  });
});
