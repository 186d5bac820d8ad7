import type { CaseComplexity, ComplaintRound, DeadlineStage, PetitionKind } from '@tiep-dan/contracts';
import {
  type DateInterval,
  type Duration,
  type DurationUnit,
  type LocalDate,
  type WorkingCalendar,
  fromDayNumber,
  toDayNumber,
} from '@tiep-dan/platform/calendar';
import {
  type ComplaintResolutionLimits,
  type TimeLimit,
  type TimeLimitPolicy,
  TimeLimitPolicyError,
} from './time-limits.policy';

/** A computed legal deadline: the day the period ends, with the rule it comes from. */
export interface LegalDeadline {
  /** The event the period counts from (receipt, acceptance, decision…); it never counts itself. */
  start: LocalDate;
  /** The last day of the period. */
  dueOn: LocalDate;
  /** The whole period, extensions included, in the rule's unit. */
  duration: Duration;
  legalBasis: string;
  verify?: boolean;
}

/** What every deadline function needs. `suspensions` are the suspended days (tạm đình chỉ), both ends included. */
export interface DeadlineInput {
  calendar: WorkingCalendar;
  policy: TimeLimitPolicy;
  start: LocalDate;
  suspensions?: readonly DateInterval[];
}

/** What sets the resolution limit of a case. */
export interface ResolutionFacts {
  kind: PetitionKind;
  /** Complaints only; a complaint without it is a first complaint. */
  complaintRound?: ComplaintRound;
  complexity: CaseComplexity;
  remoteArea: boolean;
}

/**
 * The deadline of one limit, with its extensions added. Extensions are summed with the limit and the
 * whole period is counted from the start once, so the Civil Code shift of a calendar-day end (art.
 * 148(5)) applies to the final end only: the law caps the total ("90 days at most"), which counting each
 * extension from a shifted end could exceed.
 */
export function legalDeadline(
  calendar: WorkingCalendar,
  start: LocalDate,
  limit: TimeLimit,
  suspensions: readonly DateInterval[] = [],
  extensions: readonly Duration[] = [],
): LegalDeadline {
  let amount = limit.amount;
  for (const extension of extensions) {
    if (extension.unit !== limit.unit) {
      throw new TimeLimitPolicyError(
        `an extension in ${extension.unit} cannot extend a limit in ${limit.unit}`,
        'extensions',
      );
    }
    amount += extension.amount;
  }
  const duration: Duration = { amount, unit: limit.unit };
  const deadline: LegalDeadline = {
    start,
    dueOn: calendar.computeDeadline(start, duration, suspensions),
    duration,
    legalBasis: limit.legalBasis,
  };
  if (limit.verify) deadline.verify = true;
  return deadline;
}

function fromLimit(input: DeadlineInput, limit: TimeLimit, extensions?: readonly Duration[]): LegalDeadline {
  return legalDeadline(input.calendar, input.start, limit, input.suspensions, extensions);
}

/** Xử lý đơn: 10 days from receipt (TT 05/2021). */
export function processingDecisionDeadline(input: DeadlineInput): LegalDeadline {
  return fromLimit(input, input.policy.processingDecision);
}

/** The answer to a petition handed in at reception: 10 working days from receipt (LTCD art. 28). */
export function receptionAnswerDeadline(input: DeadlineInput): LegalDeadline {
  return fromLimit(input, input.policy.receptionAnswer);
}

/** Filing a complaint: 90 days from learning of the decision or act (LKN art. 9). */
export function complaintFilingDeadline(input: DeadlineInput): LegalDeadline {
  return fromLimit(input, input.policy.complaintFiling);
}

/** Thụ lý of a complaint: 10 days from receipt (LKN art. 27). */
export function complaintAcceptanceDeadline(input: DeadlineInput): LegalDeadline {
  return fromLimit(input, input.policy.complaintAcceptance);
}

/** The resolution limit of a complaint by round, complexity and area (LKN arts. 28, 37). */
export function complaintResolutionLimit(
  policy: TimeLimitPolicy,
  facts: { complaintRound?: ComplaintRound; complexity: CaseComplexity; remoteArea: boolean },
): TimeLimit {
  const limits: ComplaintResolutionLimits =
    facts.complaintRound === 'second' ? policy.secondComplaintResolution : policy.firstComplaintResolution;
  // The complaint law knows one "complex" tier: a very complex complaint gets the complex limit.
  const complex = facts.complexity !== 'normal';
  if (facts.remoteArea) return complex ? limits.remoteComplex : limits.remote;
  return complex ? limits.complex : limits.normal;
}

/** Resolution of a complaint, from acceptance. */
export function complaintResolutionDeadline(
  input: DeadlineInput & { complaintRound?: ComplaintRound; complexity: CaseComplexity; remoteArea: boolean },
): LegalDeadline {
  return fromLimit(input, complaintResolutionLimit(input.policy, input));
}

/** The window for a second complaint: 30 days, 45 in remote areas (LKN art. 33). */
export function secondComplaintFilingLimit(policy: TimeLimitPolicy, remoteArea: boolean): TimeLimit {
  return remoteArea ? policy.secondComplaintFiling.remote : policy.secondComplaintFiling.normal;
}

/**
 * The last day to file a second complaint. `start` is the day the first decision was received, or the
 * last day of the first-time limit when no decision came.
 */
export function secondComplaintFilingDeadline(input: DeadlineInput & { remoteArea: boolean }): LegalDeadline {
  return fromLimit(input, secondComplaintFilingLimit(input.policy, input.remoteArea));
}

/** Sending the first-time decision to the complainant, from the decision. */
export function complaintDecisionNoticeDeadline(input: DeadlineInput): LegalDeadline {
  return fromLimit(input, input.policy.complaintDecisionNotice);
}

/** Checking a denunciation's acceptance conditions: 7 working days from receipt, 10 when extended (LTC art. 24). */
export function denunciationAcceptanceCheckDeadline(
  input: DeadlineInput & { extended?: boolean },
): LegalDeadline {
  return fromLimit(
    input,
    input.extended
      ? input.policy.denunciationAcceptanceCheckExtended
      : input.policy.denunciationAcceptanceCheck,
  );
}

/** Notifying the denouncer and the accused: 5 working days from acceptance (LTC art. 29). */
export function denunciationAcceptanceNoticeDeadline(input: DeadlineInput): LegalDeadline {
  return fromLimit(input, input.policy.denunciationAcceptanceNotice);
}

/** Resolving a denunciation: 30 days from acceptance plus the extensions granted (LTC art. 30). */
export function denunciationResolutionDeadline(
  input: DeadlineInput & { extensions?: readonly Duration[] },
): LegalDeadline {
  return fromLimit(input, input.policy.denunciationResolution, input.extensions);
}

/** Sending a denunciation's conclusion to the accused and notifying the denouncer, from the conclusion. */
export function denunciationConclusionNoticeDeadline(input: DeadlineInput): LegalDeadline {
  return fromLimit(input, input.policy.denunciationConclusionNotice);
}

/** Resolving a recommendation or reflection (configured), plus its extensions. */
export function recommendationResolutionDeadline(
  input: DeadlineInput & { extensions?: readonly Duration[] },
): LegalDeadline {
  return fromLimit(input, input.policy.recommendationResolution, input.extensions);
}

/** A unit's acknowledgement of an assignment, from the assignment (configured). */
export function unitAcknowledgementDeadline(input: DeadlineInput): LegalDeadline {
  return fromLimit(input, input.policy.unitAcknowledgement);
}

/** The resolution limit of a case of any kind, before extensions. */
export function resolutionLimit(policy: TimeLimitPolicy, facts: ResolutionFacts): TimeLimit {
  switch (facts.kind) {
    case 'complaint':
      return complaintResolutionLimit(policy, facts);
    case 'denunciation':
      return policy.denunciationResolution;
    case 'recommendation':
    case 'reflection':
      return policy.recommendationResolution;
  }
}

/** The resolution deadline of a case of any kind, from acceptance, with its extensions. */
export function resolutionDeadline(
  input: DeadlineInput & ResolutionFacts & { extensions?: readonly Duration[] },
): LegalDeadline {
  return fromLimit(input, resolutionLimit(input.policy, input), input.extensions);
}

/** Whether the resolution limit may be extended once more, and by how much at most. */
export type ExtensionAllowance =
  | {
      allowed: true;
      /** The most days this extension may add, in `unit`. */
      maxAmount: number;
      unit: DurationUnit;
      legalBasis: string;
      /** The complexity the case has once extended. */
      complexityAfter: CaseComplexity;
    }
  | { allowed: false; reason: string };

const COMPLEXITY_RANK: Record<CaseComplexity, number> = { normal: 0, complex: 1, very_complex: 2 };

export function moreComplex(a: CaseComplexity, b: CaseComplexity | undefined): CaseComplexity {
  return b !== undefined && COMPLEXITY_RANK[b] > COMPLEXITY_RANK[a] ? b : a;
}

/**
 * The next extension of a resolution limit.
 * - Complaint (LKN arts. 28, 37): no extension as such; a case found complex may run to the complex limit
 *   (30 → 45, remote 45 → 60; second round 45 → 60, remote 60 → 70), once. Beyond it, nothing.
 * - Denunciation (LTC art. 30): up to 30 days each, once if complex, twice if very complex, never beyond
 *   the maximum; the extension decision may declare the case (very) complex.
 * - Recommendation, reflection: as configured.
 * `current` is the resolution period as it stands (extensions so far included).
 */
export function nextExtension(
  policy: TimeLimitPolicy,
  facts: ResolutionFacts,
  extensionsUsed: number,
  current: Duration,
  declaredComplexity?: CaseComplexity,
): ExtensionAllowance {
  switch (facts.kind) {
    case 'complaint': {
      if (extensionsUsed > 0 || facts.complexity !== 'normal') {
        return { allowed: false, reason: 'a complaint may not run beyond the limit for complex cases' };
      }
      const complex = complaintResolutionLimit(policy, { ...facts, complexity: 'complex' });
      const maxAmount = complex.amount - current.amount;
      if (complex.unit !== current.unit || maxAmount <= 0) {
        return { allowed: false, reason: 'the complex limit is not longer than the current one' };
      }
      return {
        allowed: true,
        maxAmount,
        unit: complex.unit,
        legalBasis: complex.legalBasis,
        complexityAfter: moreComplex('complex', declaredComplexity),
      };
    }
    case 'denunciation': {
      const rule = policy.denunciationExtension;
      const complexity = moreComplex(facts.complexity, declaredComplexity);
      const max = rule.maxExtensions[complexity];
      if (extensionsUsed >= max) {
        return {
          allowed: false,
          reason:
            max === 0
              ? `a ${complexity} denunciation cannot be extended`
              : `a ${complexity} denunciation may be extended ${max} time(s) only`,
        };
      }
      const room = policy.denunciationMaximum.amount - current.amount;
      if (room <= 0) {
        return {
          allowed: false,
          reason: `the denunciation has reached its ${policy.denunciationMaximum.amount}-day maximum`,
        };
      }
      return {
        allowed: true,
        maxAmount: Math.min(rule.amount, room),
        unit: rule.unit,
        legalBasis: rule.legalBasis,
        complexityAfter: complexity,
      };
    }
    case 'recommendation':
    case 'reflection': {
      const rule = policy.recommendationExtension;
      const complexity = moreComplex(facts.complexity, declaredComplexity);
      if (extensionsUsed >= rule.maxExtensions[complexity]) {
        return {
          allowed: false,
          reason: `a ${facts.kind} may be extended ${rule.maxExtensions[complexity]} time(s) only`,
        };
      }
      return {
        allowed: true,
        maxAmount: rule.amount,
        unit: rule.unit,
        legalBasis: rule.legalBasis,
        complexityAfter: complexity,
      };
    }
  }
}

export type DeadlineProgressStage = 'on_track' | DeadlineStage;

export interface DeadlineProgress {
  stage: DeadlineProgressStage;
  /** Share of the period's days used by today (may pass 1 once overdue). */
  used: number;
}

export interface DeadlineProgressOptions {
  /** Suspended days: they are not "used". */
  suspensions?: readonly DateInterval[];
  /** Share of the days from which a deadline is approaching (policy.approachingThreshold.ratio). */
  approachingAt?: number;
}

/**
 * Days of `unit` in (start, today] outside the suspensions: calendar days, or working days per the calendar.
 * Zero when today is not after start.
 */
export function elapsedDays(
  calendar: WorkingCalendar,
  start: LocalDate,
  today: LocalDate,
  unit: DurationUnit,
  suspensions: readonly DateInterval[] = [],
): number {
  const from = toDayNumber(start);
  const to = toDayNumber(today);
  const suspended = suspensions.map((s) => ({ from: toDayNumber(s.from), to: toDayNumber(s.to) }));
  let count = 0;
  for (let day = from + 1; day <= to; day++) {
    if (suspended.some((s) => day >= s.from && day <= s.to)) continue;
    if (unit === 'working_days' && !calendar.isWorkingDay(fromDayNumber(day))) continue;
    count++;
  }
  return count;
}

/**
 * Where a deadline stands today: `due` on its last day, `overdue` after it, `approaching` once the share of
 * its days used (in its own unit, suspended days excluded) reaches the threshold (0.8 unless told).
 */
export function deadlineProgress(
  deadline: { start: LocalDate; dueOn: LocalDate; duration: Duration },
  today: LocalDate,
  calendar: WorkingCalendar,
  options: DeadlineProgressOptions = {},
): DeadlineProgress {
  const elapsed = elapsedDays(calendar, deadline.start, today, deadline.duration.unit, options.suspensions);
  const used = deadline.duration.amount > 0 ? elapsed / deadline.duration.amount : elapsed > 0 ? 1 : 0;
  const daysLeft = toDayNumber(deadline.dueOn) - toDayNumber(today);
  if (daysLeft < 0) return { stage: 'overdue', used };
  if (daysLeft === 0) return { stage: 'due', used };
  if (used >= (options.approachingAt ?? 0.8)) return { stage: 'approaching', used };
  return { stage: 'on_track', used };
}
