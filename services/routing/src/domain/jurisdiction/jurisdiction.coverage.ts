import {
  AUTHORITY_LEVELS,
  CLASSIFICATION_CODES,
  COMPLAINT_ROUNDS,
  PETITION_KINDS,
  RESPONDENT_TYPES,
  type PetitionKind,
  type SensitiveTag,
} from '@tiep-dan/contracts';
import { type CompiledRule, bestRules, compileRules } from './jurisdiction.match';
import type { CompetenceFacts, RuleSet } from './jurisdiction.types';

export interface CoverageOptions {
  /** At most this many uncovered and ambiguous combinations are listed (all are counted). */
  limit?: number;
}

export interface CoverageReport {
  /** Combinations no rule covers (matchCompetence would answer RULES.NO_RULE). */
  uncovered: CompetenceFacts[];
  /** Combinations two or more rules claim equally (RULES.AMBIGUOUS). */
  ambiguous: { facts: CompetenceFacts; ruleIds: string[] }[];
  /** How many combinations were checked. */
  combinations: number;
  uncoveredCount: number;
  ambiguousCount: number;
  /** Rules that decide no combination: shadowed by more specific ones, or impossible. */
  unusedRuleIds: string[];
}

/**
 * Checks every combination a petition can present: kind × classification of that kind × respondent
 * (none, and each type × level × chairman or not × unit) × round (complaints) × sensitive tags ×
 * hamlet. Free-form codes (units, hamlets, tags) take the values the rules name, plus "none": a code
 * no rule names is matched exactly like an absent one, so it needs no combination of its own. Tags
 * are checked alone and in pairs: with any-of conditions, two rules that tie on a larger tag set
 * already tie on a pair of its tags, and a larger set never loses the cover a smaller one has.
 */
export function checkCoverage(ruleSet: RuleSet, options: CoverageOptions = {}): CoverageReport {
  const limit = options.limit ?? Number.POSITIVE_INFINITY;
  const rules = compileRules(ruleSet.rules);
  const report: CoverageReport = {
    uncovered: [],
    ambiguous: [],
    combinations: 0,
    uncoveredCount: 0,
    ambiguousCount: 0,
    unusedRuleIds: [],
  };
  const used = new Set<string>();
  for (const kind of PETITION_KINDS) {
    const forKind = rules.filter((r) => !r.rule.when.kinds || r.rule.when.kinds.includes(kind));
    for (const classification of CLASSIFICATION_CODES[kind]) {
      const candidates = forKind.filter(
        (r) => !r.rule.when.classifications || r.rule.when.classifications.includes(classification),
      );
      for (const facts of combinations(kind, classification, candidates)) {
        report.combinations++;
        const best = bestRules(candidates, facts);
        for (const winner of best) used.add(winner.rule.id);
        if (best.length === 0) {
          report.uncoveredCount++;
          if (report.uncovered.length < limit) report.uncovered.push(facts);
        } else if (best.length > 1) {
          report.ambiguousCount++;
          if (report.ambiguous.length < limit)
            report.ambiguous.push({ facts, ruleIds: best.map((r) => r.rule.id) });
        }
      }
    }
  }
  report.unusedRuleIds = ruleSet.rules.map((r) => r.id).filter((id) => !used.has(id));
  return report;
}

function* combinations(
  kind: PetitionKind,
  classification: string,
  rules: readonly CompiledRule[],
): Generator<CompetenceFacts> {
  const named = <T>(pick: (r: CompiledRule) => readonly T[] | undefined): T[] =>
    [...new Set(rules.flatMap((r) => pick(r) ?? []))].sort();
  const tags = named((r) => r.rule.when.sensitiveTags);
  const tagSets: SensitiveTag[][] = [[], ...tags.map((t) => [t])];
  tags.forEach((a, i) => tags.slice(i + 1).forEach((b) => tagSets.push([a, b])));
  const units: (string | undefined)[] = [undefined, ...named((r) => r.rule.when.respondentUnitCodes)];
  const hamlets: (string | undefined)[] = [undefined, ...named((r) => r.rule.when.hamletCodes)];
  const rounds = kind === 'complaint' ? COMPLAINT_ROUNDS : [undefined];

  const respondents: CompetenceFacts['respondent'][] = [undefined];
  for (const type of RESPONDENT_TYPES)
    for (const level of AUTHORITY_LEVELS)
      for (const isChairman of [false, true])
        for (const unitCode of units)
          respondents.push({
            type,
            level,
            isChairman,
            namesOfficial: type === 'official',
            ...(unitCode !== undefined ? { unitCode } : {}),
          });

  for (const sensitiveTags of tagSets)
    for (const respondent of respondents)
      for (const complaintRound of rounds)
        for (const hamletCode of hamlets)
          yield {
            kind,
            classification,
            sensitiveTags,
            ...(respondent ? { respondent } : {}),
            ...(hamletCode !== undefined ? { hamletCode } : {}),
            ...(complaintRound ? { complaintRound } : {}),
          };
}
