import { type CaseComplexity, DomainError } from '@tiep-dan/contracts';
import { type DurationUnit, MAX_DURATION_DAYS } from '@tiep-dan/platform/calendar';

/**
 * One legal time limit as data. The unit is part of the rule ("ngày" = calendar days, "ngày làm việc" =
 * working days): never assume it. `verify` marks a figure our sources did not confirm (DOMAIN.md): it stays
 * configuration until an administrator checks it.
 */
export interface TimeLimit {
  amount: number;
  unit: DurationUnit;
  legalBasis: string;
  verify?: boolean;
}

/** A limit that may be extended: each extension adds at most `amount`, how many depends on the complexity. */
export interface ExtensionLimit extends TimeLimit {
  maxExtensions: Record<CaseComplexity, number>;
}

/** Resolution limits of one complaint round (LKN arts. 28 and 37): remote/difficult areas get longer. */
export interface ComplaintResolutionLimits {
  normal: TimeLimit;
  complex: TimeLimit;
  remote: TimeLimit;
  remoteComplex: TimeLimit;
}

/**
 * Every time limit routing counts, as data (DOMAIN.md "Kinds, outcomes and time limits"). Where a text
 * says "days" without "working", the limit is in calendar days, and the calendar moves an end that falls
 * on a day off to the next working day (Civil Code 2015 art. 148(5)).
 */
export interface TimeLimitPolicy {
  /** Xử lý đơn: decide what happens to a received petition, from receipt. */
  processingDecision: TimeLimit;
  /** Answer a petition handed in at reception (accepted / more time / refused / transferred), from receipt. */
  receptionAnswer: TimeLimit;
  /** File a complaint, from the day the complainant learned of the decision or act. */
  complaintFiling: TimeLimit;
  /** Thụ lý a complaint, from receipt. */
  complaintAcceptance: TimeLimit;
  /** Resolve a first complaint, from acceptance. */
  firstComplaintResolution: ComplaintResolutionLimits;
  /** Resolve a second complaint, from acceptance. */
  secondComplaintResolution: ComplaintResolutionLimits;
  /** File a second complaint: from the first decision, or from the end of the first-time limit when no decision came. */
  secondComplaintFiling: { normal: TimeLimit; remote: TimeLimit };
  /** Send the first-time decision to the complainant, from the decision. */
  complaintDecisionNotice: TimeLimit;
  /** Check the denouncer and the conditions of acceptance, from receipt. */
  denunciationAcceptanceCheck: TimeLimit;
  /** The same check when extended (the whole period, from receipt, not the extra days). */
  denunciationAcceptanceCheckExtended: TimeLimit;
  /** Notify the denouncer and the accused, from acceptance. */
  denunciationAcceptanceNotice: TimeLimit;
  /** Resolve a denunciation, from acceptance. */
  denunciationResolution: TimeLimit;
  /** Each extension of the denunciation resolution (by written decision). */
  denunciationExtension: ExtensionLimit;
  /** The longest a denunciation resolution may run with its extensions, from acceptance. */
  denunciationMaximum: TimeLimit;
  /** Send the conclusion to the accused and notify the denouncer, from the conclusion. */
  denunciationConclusionNotice: TimeLimit;
  /** Resolve a recommendation or reflection (kiến nghị, phản ánh), from acceptance. */
  recommendationResolution: TimeLimit;
  /** Extension of a recommendation or reflection. */
  recommendationExtension: ExtensionLimit;
  /** A unit acknowledges an assignment, from the assignment; missing it escalates. */
  unitAcknowledgement: TimeLimit;
  /** Share of a deadline's days used from which it is "approaching" (monitoring, not law). */
  approachingThreshold: { ratio: number; legalBasis: string };
}

const LKN = 'Luật Khiếu nại 2011';
const LTC = 'Luật Tố cáo 2018';

export const DEFAULT_TIME_LIMITS: TimeLimitPolicy = {
  processingDecision: {
    amount: 10,
    unit: 'calendar_days',
    legalBasis: 'Thông tư 05/2021/TT-TTCP; national procedure 315145',
  },
  receptionAnswer: { amount: 10, unit: 'working_days', legalBasis: 'Luật Tiếp công dân 2013 art. 28' },
  complaintFiling: { amount: 90, unit: 'calendar_days', legalBasis: `${LKN} art. 9` },
  complaintAcceptance: { amount: 10, unit: 'calendar_days', legalBasis: `${LKN} art. 27` },
  firstComplaintResolution: {
    normal: { amount: 30, unit: 'calendar_days', legalBasis: `${LKN} art. 28` },
    complex: { amount: 45, unit: 'calendar_days', legalBasis: `${LKN} art. 28` },
    remote: { amount: 45, unit: 'calendar_days', legalBasis: `${LKN} art. 28` },
    remoteComplex: { amount: 60, unit: 'calendar_days', legalBasis: `${LKN} art. 28` },
  },
  secondComplaintResolution: {
    normal: { amount: 45, unit: 'calendar_days', legalBasis: `${LKN} art. 37` },
    complex: { amount: 60, unit: 'calendar_days', legalBasis: `${LKN} art. 37` },
    remote: { amount: 60, unit: 'calendar_days', legalBasis: `${LKN} art. 37` },
    remoteComplex: { amount: 70, unit: 'calendar_days', legalBasis: `${LKN} art. 37` },
  },
  secondComplaintFiling: {
    normal: { amount: 30, unit: 'calendar_days', legalBasis: `${LKN} art. 33` },
    remote: { amount: 45, unit: 'calendar_days', legalBasis: `${LKN} art. 33` },
  },
  complaintDecisionNotice: {
    amount: 3,
    unit: 'working_days',
    legalBasis: `${LKN} (sending the first-time decision to the complainant)`,
    verify: true,
  },
  denunciationAcceptanceCheck: { amount: 7, unit: 'working_days', legalBasis: `${LTC} art. 24` },
  denunciationAcceptanceCheckExtended: { amount: 10, unit: 'working_days', legalBasis: `${LTC} art. 24` },
  denunciationAcceptanceNotice: { amount: 5, unit: 'working_days', legalBasis: `${LTC} art. 29` },
  denunciationResolution: { amount: 30, unit: 'calendar_days', legalBasis: `${LTC} art. 30` },
  denunciationExtension: {
    amount: 30,
    unit: 'calendar_days',
    legalBasis: `${LTC} art. 30 (each extension by written decision)`,
    maxExtensions: { normal: 0, complex: 1, very_complex: 2 },
  },
  denunciationMaximum: { amount: 90, unit: 'calendar_days', legalBasis: `${LTC} art. 30` },
  denunciationConclusionNotice: {
    amount: 5,
    unit: 'working_days',
    legalBasis: `${LTC} art. 40 (sending the conclusion)`,
    verify: true,
  },
  recommendationResolution: {
    amount: 15,
    unit: 'working_days',
    legalBasis: 'Not found in our sources (DOMAIN.md): commune configuration',
    verify: true,
  },
  recommendationExtension: {
    amount: 15,
    unit: 'working_days',
    legalBasis: 'Not found in our sources (DOMAIN.md): commune configuration',
    verify: true,
    maxExtensions: { normal: 1, complex: 1, very_complex: 1 },
  },
  unitAcknowledgement: {
    amount: 2,
    unit: 'working_days',
    legalBasis: 'Commune configuration (escalation when a unit does not acknowledge an assignment)',
  },
  approachingThreshold: { ratio: 0.8, legalBasis: 'Commune monitoring configuration (issue 4)' },
};

export type TimeLimitPolicyErrorCode = 'TIME_LIMITS.INVALID_POLICY';

/** The time-limit configuration is inconsistent; `details.path` names the entry. */
export class TimeLimitPolicyError extends DomainError {
  constructor(message: string, path: string) {
    super('TIME_LIMITS.INVALID_POLICY', message, 'validation', { path });
    this.name = 'TimeLimitPolicyError';
  }
}

const COMPLEXITIES: readonly CaseComplexity[] = ['normal', 'complex', 'very_complex'];
/** More extensions than this is a typo, not a law. */
const MAX_EXTENSIONS = 10;

/**
 * Checks a policy: every limit a whole positive number of days in a known unit with its legal basis,
 * longer variants not shorter than the normal ones and in the same unit (an extension adds days to the
 * limit it extends, so the two must count alike), the denunciation extensions inside the legal maximum,
 * and a threshold strictly between 0 and 1. Returns a copy.
 */
export function validateTimeLimitPolicy(policy: TimeLimitPolicy): TimeLimitPolicy {
  const limit = (path: string, value: TimeLimit | undefined): TimeLimit => {
    if (typeof value !== 'object' || value === null) {
      throw new TimeLimitPolicyError(`${path} is missing`, path);
    }
    if (!Number.isInteger(value.amount) || value.amount < 1 || value.amount > MAX_DURATION_DAYS) {
      throw new TimeLimitPolicyError(
        `${path}.amount must be a whole number from 1 to ${MAX_DURATION_DAYS}, got ${String(value.amount)}`,
        `${path}.amount`,
      );
    }
    if (value.unit !== 'calendar_days' && value.unit !== 'working_days') {
      throw new TimeLimitPolicyError(
        `${path}.unit must be calendar_days or working_days, got ${String(value.unit)}`,
        `${path}.unit`,
      );
    }
    if (typeof value.legalBasis !== 'string' || value.legalBasis.trim() === '') {
      throw new TimeLimitPolicyError(`${path}.legalBasis is required`, `${path}.legalBasis`);
    }
    if (value.verify !== undefined && typeof value.verify !== 'boolean') {
      throw new TimeLimitPolicyError(`${path}.verify must be a boolean`, `${path}.verify`);
    }
    return value;
  };
  const notShorter = (path: string, longer: TimeLimit, shorter: TimeLimit, shorterPath: string): void => {
    if (longer.unit !== shorter.unit) {
      throw new TimeLimitPolicyError(`${path} must count in the same unit as ${shorterPath}`, `${path}.unit`);
    }
    if (longer.amount < shorter.amount) {
      throw new TimeLimitPolicyError(`${path} must not be shorter than ${shorterPath}`, `${path}.amount`);
    }
  };
  const extension = (
    path: string,
    value: ExtensionLimit,
    extended: TimeLimit,
    extendedPath: string,
  ): void => {
    limit(path, value);
    if (value.unit !== extended.unit) {
      throw new TimeLimitPolicyError(
        `${path} must count in the same unit as ${extendedPath}`,
        `${path}.unit`,
      );
    }
    let previous = 0;
    for (const complexity of COMPLEXITIES) {
      const max = value.maxExtensions?.[complexity];
      if (!Number.isInteger(max) || max < 0 || max > MAX_EXTENSIONS) {
        throw new TimeLimitPolicyError(
          `${path}.maxExtensions.${complexity} must be a whole number from 0 to ${MAX_EXTENSIONS}`,
          `${path}.maxExtensions.${complexity}`,
        );
      }
      if (max < previous) {
        throw new TimeLimitPolicyError(
          `${path}.maxExtensions must not decrease with complexity`,
          `${path}.maxExtensions.${complexity}`,
        );
      }
      previous = max;
    }
  };
  const complaintRound = (path: string, limits: ComplaintResolutionLimits | undefined): void => {
    if (typeof limits !== 'object' || limits === null)
      throw new TimeLimitPolicyError(`${path} is missing`, path);
    limit(`${path}.normal`, limits.normal);
    limit(`${path}.complex`, limits.complex);
    limit(`${path}.remote`, limits.remote);
    limit(`${path}.remoteComplex`, limits.remoteComplex);
    notShorter(`${path}.complex`, limits.complex, limits.normal, `${path}.normal`);
    notShorter(`${path}.remote`, limits.remote, limits.normal, `${path}.normal`);
    notShorter(`${path}.remoteComplex`, limits.remoteComplex, limits.remote, `${path}.remote`);
    notShorter(`${path}.remoteComplex`, limits.remoteComplex, limits.complex, `${path}.complex`);
  };

  limit('processingDecision', policy.processingDecision);
  limit('receptionAnswer', policy.receptionAnswer);
  limit('complaintFiling', policy.complaintFiling);
  limit('complaintAcceptance', policy.complaintAcceptance);
  complaintRound('firstComplaintResolution', policy.firstComplaintResolution);
  complaintRound('secondComplaintResolution', policy.secondComplaintResolution);
  if (typeof policy.secondComplaintFiling !== 'object' || policy.secondComplaintFiling === null) {
    throw new TimeLimitPolicyError('secondComplaintFiling is missing', 'secondComplaintFiling');
  }
  limit('secondComplaintFiling.normal', policy.secondComplaintFiling.normal);
  limit('secondComplaintFiling.remote', policy.secondComplaintFiling.remote);
  notShorter(
    'secondComplaintFiling.remote',
    policy.secondComplaintFiling.remote,
    policy.secondComplaintFiling.normal,
    'secondComplaintFiling.normal',
  );
  limit('complaintDecisionNotice', policy.complaintDecisionNotice);
  limit('denunciationAcceptanceCheck', policy.denunciationAcceptanceCheck);
  limit('denunciationAcceptanceCheckExtended', policy.denunciationAcceptanceCheckExtended);
  notShorter(
    'denunciationAcceptanceCheckExtended',
    policy.denunciationAcceptanceCheckExtended,
    policy.denunciationAcceptanceCheck,
    'denunciationAcceptanceCheck',
  );
  limit('denunciationAcceptanceNotice', policy.denunciationAcceptanceNotice);
  limit('denunciationResolution', policy.denunciationResolution);
  extension(
    'denunciationExtension',
    policy.denunciationExtension,
    policy.denunciationResolution,
    'denunciationResolution',
  );
  limit('denunciationMaximum', policy.denunciationMaximum);
  notShorter(
    'denunciationMaximum',
    policy.denunciationMaximum,
    policy.denunciationResolution,
    'denunciationResolution',
  );
  const longest =
    policy.denunciationResolution.amount +
    policy.denunciationExtension.maxExtensions.very_complex * policy.denunciationExtension.amount;
  if (longest > policy.denunciationMaximum.amount) {
    throw new TimeLimitPolicyError(
      `denunciation resolution with every extension (${longest}) exceeds denunciationMaximum (${policy.denunciationMaximum.amount})`,
      'denunciationExtension.maxExtensions.very_complex',
    );
  }
  limit('denunciationConclusionNotice', policy.denunciationConclusionNotice);
  limit('recommendationResolution', policy.recommendationResolution);
  extension(
    'recommendationExtension',
    policy.recommendationExtension,
    policy.recommendationResolution,
    'recommendationResolution',
  );
  limit('unitAcknowledgement', policy.unitAcknowledgement);
  const threshold = policy.approachingThreshold;
  if (typeof threshold !== 'object' || threshold === null) {
    throw new TimeLimitPolicyError('approachingThreshold is missing', 'approachingThreshold');
  }
  if (typeof threshold.ratio !== 'number' || !(threshold.ratio > 0 && threshold.ratio < 1)) {
    throw new TimeLimitPolicyError(
      'approachingThreshold.ratio must be strictly between 0 and 1',
      'approachingThreshold.ratio',
    );
  }
  if (typeof threshold.legalBasis !== 'string' || threshold.legalBasis.trim() === '') {
    throw new TimeLimitPolicyError(
      'approachingThreshold.legalBasis is required',
      'approachingThreshold.legalBasis',
    );
  }
  return structuredClone(policy);
}

type DeepPartial<T> = { [K in keyof T]?: T[K] extends object ? DeepPartial<T[K]> : T[K] };

/** What a commune configures: any entry, or any field of an entry; the rest keeps the base value. */
export type TimeLimitOverrides = DeepPartial<TimeLimitPolicy>;

/**
 * The policy with the commune's overrides applied field by field, then validated. An unknown key is an
 * error, not ignored: a misspelt entry would otherwise leave the default silently in force. Setting
 * `amount` does not clear `verify`: the administrator says `verify: false` once the figure is checked.
 */
export function withTimeLimitOverrides(
  overrides: TimeLimitOverrides,
  base: TimeLimitPolicy = DEFAULT_TIME_LIMITS,
): TimeLimitPolicy {
  return validateTimeLimitPolicy(merge(base, overrides, '') as TimeLimitPolicy);
}

function merge(base: unknown, override: unknown, path: string): unknown {
  if (override === undefined) return base;
  if (!isPlainObject(base)) return override;
  if (!isPlainObject(override)) {
    throw new TimeLimitPolicyError(`${path || 'the policy'} must be an object`, path);
  }
  const result: Record<string, unknown> = { ...base };
  for (const [key, value] of Object.entries(override)) {
    const at = path ? `${path}.${key}` : key;
    if (!(key in base) && !(key === 'verify' && 'amount' in base)) {
      throw new TimeLimitPolicyError(`unknown time-limit entry: ${at}`, at);
    }
    result[key] = merge(base[key], value, at);
  }
  return result;
}

function isPlainObject(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}
