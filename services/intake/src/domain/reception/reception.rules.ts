import type { LocalDate } from './reception-date';

/**
 * The legal figures of citizen reception, kept as data (DOMAIN.md: figures change with the law and
 * some are still to verify), so that a new law is a new entry, not a code change.
 */

/**
 * Representatives a mass delegation may send in (Nghị định 124/2020 art. 6): 5–10 people at most 2,
 * 11 or more at most 5. A group of fewer than `DELEGATION_MIN_HEADCOUNT` is not a delegation.
 */
export interface RepresentativeLimit {
  minHeadcount: number;
  maxRepresentatives: number;
}

export const DELEGATION_MIN_HEADCOUNT = 5;

export const REPRESENTATIVE_LIMITS: readonly RepresentativeLimit[] = [
  { minHeadcount: 5, maxRepresentatives: 2 },
  { minHeadcount: 11, maxRepresentatives: 5 },
];

/** The largest number of representatives allowed for a delegation of `headcount` people. */
export function maxRepresentatives(
  headcount: number,
  limits: readonly RepresentativeLimit[] = REPRESENTATIVE_LIMITS,
): number | undefined {
  let max: number | undefined;
  for (const limit of limits) if (headcount >= limit.minHeadcount) max = limit.maxRepresentatives;
  return max;
}

/**
 * The commune chairman's periodic reception (tiếp công dân định kỳ của Chủ tịch UBND xã). A rule holds
 * from `effectiveFrom` (always the first day of a month, so that one month has one rule) until the next
 * rule's `effectiveFrom`.
 */
export interface ChairmanReceptionRule {
  effectiveFrom: LocalDate;
  /** At least `days` distinct days of reception in every `per` period. */
  minimum: { days: number; per: 'week' | 'month' };
  /** Whether a vice chairman may preside in the chairman's place by authorisation (ủy quyền). */
  delegationAllowed: boolean;
  source: string;
  /** Set while a figure is not confirmed against the published text. */
  verify?: boolean;
}

export const CHAIRMAN_RECEPTION_RULES: readonly ChairmanReceptionRule[] = [
  {
    effectiveFrom: '2014-07-01',
    minimum: { days: 1, per: 'week' },
    // The 01/TCD form counts periodic reception "by authorisation" and communes delegate to a vice
    // chairman when the chairman is away; the text of the law says "trực tiếp", hence `verify`.
    delegationAllowed: true,
    source: 'Luật Tiếp công dân 2013 art. 15(2)(d)',
    verify: true,
  },
  {
    effectiveFrom: '2026-07-01',
    minimum: { days: 2, per: 'month' },
    delegationAllowed: false,
    source: 'Luật 136/2025/QH15 amending Luật Tiếp công dân art. 15',
  },
];

/** The rule in force on `date`, or undefined before the first rule. */
export function chairmanRuleOn(
  date: LocalDate,
  rules: readonly ChairmanReceptionRule[] = CHAIRMAN_RECEPTION_RULES,
): ChairmanReceptionRule | undefined {
  let found: ChairmanReceptionRule | undefined;
  for (const rule of rules) {
    if (rule.effectiveFrom <= date && (!found || rule.effectiveFrom > found.effectiveFrom)) found = rule;
  }
  return found;
}
