import {
  addDays,
  firstDayOfMonth,
  isLocalMonth,
  isoWeekday,
  lastDayOfMonth,
  type LocalDate,
  type LocalMonth,
} from './reception-date';
import { receptionError } from './reception-session.errors';
import type { OfficialPosition, ReceptionKind } from './reception-session.events';
import { CHAIRMAN_RECEPTION_RULES, type ChairmanReceptionRule } from './reception.rules';

/** What the compliance check needs to know of a session. */
export interface ChairmanReceptionSessionRecord {
  sessionId: string;
  kind: ReceptionKind;
  date: LocalDate;
  presidedBy: { position: OfficialPosition };
}

export type PeriodStatus = 'met' | 'missed' | 'pending';

export interface CompliancePeriod {
  from: LocalDate;
  to: LocalDate;
  requiredDays: number;
  heldDates: LocalDate[];
  status: PeriodStatus;
}

export interface ChairmanReceptionCompliance {
  month: LocalMonth;
  rule: ChairmanReceptionRule;
  /** Sum of the periods' requirements: weeks × days for a weekly rule, the monthly figure otherwise. */
  requiredDays: number;
  /** Distinct days of periodic reception that count, over the periods of the month. */
  heldDays: number;
  heldDates: LocalDate[];
  /** Days presided by a vice chairman: counted only where the rule allows delegation. */
  delegatedDates: LocalDate[];
  periods: CompliancePeriod[];
  /** `in_progress` while a period that is not yet met has not ended. */
  status: 'compliant' | 'non_compliant' | 'in_progress';
}

/** Rules must be sorted, start on the first of a month and have a positive minimum. */
export function assertChairmanRules(rules: readonly ChairmanReceptionRule[]): void {
  rules.forEach((rule, i) => {
    const ok =
      /^\d{4}-\d{2}-01$/.test(rule.effectiveFrom) &&
      Number.isInteger(rule.minimum.days) &&
      rule.minimum.days > 0 &&
      (i === 0 || rules[i - 1].effectiveFrom < rule.effectiveFrom);
    if (!ok) {
      throw receptionError(
        'INVALID_RULES',
        'chairman reception rules start on the first day of a month, in increasing order, with a positive minimum',
        { effectiveFrom: rule.effectiveFrom },
      );
    }
  });
}

/** The rule applying to a month: rules change only on the first of a month, so one month has one rule. */
export function chairmanRuleForMonth(
  month: LocalMonth,
  rules: readonly ChairmanReceptionRule[] = CHAIRMAN_RECEPTION_RULES,
): ChairmanReceptionRule {
  if (!isLocalMonth(month)) throw receptionError('INVALID_MONTH', 'month must be YYYY-MM', { month });
  assertChairmanRules(rules);
  const first = firstDayOfMonth(month);
  const rule = [...rules].reverse().find((r) => r.effectiveFrom <= first);
  if (!rule)
    throw receptionError('NO_RULE_FOR_MONTH', `no chairman reception rule in force in ${month}`, { month });
  return rule;
}

/**
 * The periods of a month under a rule. A monthly rule has the month. A weekly rule has the ISO weeks
 * (Monday–Sunday) whose Thursday falls in the month — the ISO way of giving each week to exactly one
 * month — so a week across a month end is judged once, with days on both sides of the boundary.
 */
function periodsOf(month: LocalMonth, rule: ChairmanReceptionRule): { from: LocalDate; to: LocalDate }[] {
  const first = firstDayOfMonth(month);
  const last = lastDayOfMonth(month);
  if (rule.minimum.per === 'month') return [{ from: first, to: last }];
  const periods: { from: LocalDate; to: LocalDate }[] = [];
  let thursday = addDays(first, (4 - isoWeekday(first) + 7) % 7);
  while (thursday <= last) {
    periods.push({ from: addDays(thursday, -3), to: addDays(thursday, 3) });
    thursday = addDays(thursday, 7);
  }
  return periods;
}

/** The dates whose sessions a month's check needs (a weekly rule reaches into neighbouring months). */
export function chairmanComplianceWindow(
  month: LocalMonth,
  rules: readonly ChairmanReceptionRule[] = CHAIRMAN_RECEPTION_RULES,
): { from: LocalDate; to: LocalDate } {
  const periods = periodsOf(month, chairmanRuleForMonth(month, rules));
  return { from: periods[0].from, to: periods[periods.length - 1].to };
}

/**
 * Whether the commune chairman held his periodic reception (tiếp công dân định kỳ) as often as the
 * rule in force for `month` requires. Several sessions on one day count as one day. Only sessions of
 * kind `chairman_periodic` count; one presided by a vice chairman counts only if the rule allows
 * delegation. With `today`, a period not yet met that has not ended is `pending`, not `missed`.
 */
export function chairmanReceptionCompliance(
  sessions: readonly ChairmanReceptionSessionRecord[],
  month: LocalMonth,
  rules: readonly ChairmanReceptionRule[] = CHAIRMAN_RECEPTION_RULES,
  today?: LocalDate,
): ChairmanReceptionCompliance {
  const rule = chairmanRuleForMonth(month, rules);
  const periods = periodsOf(month, rule);
  const from = periods[0].from;
  const to = periods[periods.length - 1].to;

  const counted = new Set<LocalDate>();
  const delegated = new Set<LocalDate>();
  for (const session of sessions) {
    if (session.kind !== 'chairman_periodic' || session.date < from || session.date > to) continue;
    const position = session.presidedBy.position;
    if (position === 'chairman') counted.add(session.date);
    else if (position === 'vice_chairman' && rule.delegationAllowed) {
      counted.add(session.date);
      delegated.add(session.date);
    }
  }
  const heldDates = [...counted].sort();

  const evaluated: CompliancePeriod[] = periods.map((period) => {
    const held = heldDates.filter((d) => d >= period.from && d <= period.to);
    const met = held.length >= rule.minimum.days;
    const status: PeriodStatus = met
      ? 'met'
      : today !== undefined && today <= period.to
        ? 'pending'
        : 'missed';
    return { ...period, requiredDays: rule.minimum.days, heldDates: held, status };
  });

  const status = evaluated.some((p) => p.status === 'missed')
    ? 'non_compliant'
    : evaluated.some((p) => p.status === 'pending')
      ? 'in_progress'
      : 'compliant';

  return {
    month,
    rule,
    requiredDays: rule.minimum.days * periods.length,
    heldDays: heldDates.length,
    heldDates,
    delegatedDates: [...delegated].sort(),
    periods: evaluated,
    status,
  };
}
