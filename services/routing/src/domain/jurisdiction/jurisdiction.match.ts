import {
  CLASSIFICATION_LABELS,
  KIND_LABELS,
  ROUND_LABELS,
  TAG_LABELS,
  describeRespondent,
} from './jurisdiction.labels';
import { JurisdictionError } from './jurisdiction.errors';
import type {
  Bilingual,
  CompetenceFacts,
  CompetenceMatch,
  CompetenceRule,
  CompetentBody,
  RuleConditions,
  RuleSet,
} from './jurisdiction.types';

/** A rule with its conditions as sets, its specificity and priority: built once per rule set. */
export interface CompiledRule {
  rule: CompetenceRule;
  specificity: number;
  priority: number;
  test: (facts: CompetenceFacts) => boolean;
}

/** How many dimensions a rule constrains: the more, the more specific. */
export function specificity(when: RuleConditions): number {
  return Object.values(when).filter((value) => value !== undefined).length;
}

function compileRule(rule: CompetenceRule): CompiledRule {
  const w = rule.when;
  const set = <T>(values: readonly T[] | undefined) => (values ? new Set<T>(values) : undefined);
  const kinds = set(w.kinds);
  const classifications = set(w.classifications);
  const tags = set(w.sensitiveTags);
  const types = set(w.respondentTypes);
  const levels = set(w.respondentLevels);
  const units = set(w.respondentUnitCodes);
  const hamlets = set(w.hamletCodes);
  const rounds = set(w.complaintRounds);
  const needsRespondent = !!(types || levels || units || w.respondentIsChairman !== undefined);
  return {
    rule,
    specificity: specificity(w),
    priority: rule.priority ?? 0,
    test: (facts) => {
      if (kinds && !kinds.has(facts.kind)) return false;
      if (classifications && !classifications.has(facts.classification)) return false;
      if (tags && !facts.sensitiveTags.some((tag) => tags.has(tag))) return false;
      if (hamlets && (facts.hamletCode === undefined || !hamlets.has(facts.hamletCode))) return false;
      if (rounds) {
        const round = roundOf(facts);
        if (!round || !rounds.has(round)) return false;
      }
      if (!needsRespondent) return true;
      const r = facts.respondent;
      if (!r) return false;
      if (types && !types.has(r.type)) return false;
      if (levels && !levels.has(r.level)) return false;
      if (w.respondentIsChairman !== undefined && r.isChairman !== w.respondentIsChairman) return false;
      if (units && (r.unitCode === undefined || !units.has(r.unitCode))) return false;
      return true;
    },
  };
}

const compiled = new WeakMap<readonly CompetenceRule[], CompiledRule[]>();

/** Rule sets are values that never change, so their compiled form is kept beside them. */
export function compileRules(rules: readonly CompetenceRule[]): CompiledRule[] {
  let result = compiled.get(rules);
  if (!result) {
    result = rules.map(compileRule);
    compiled.set(rules, result);
  }
  return result;
}

/** The matching rules that rank first: the most specific, then the highest priority (ties: several). */
export function bestRules(rules: readonly CompiledRule[], facts: CompetenceFacts): CompiledRule[] {
  let best: CompiledRule[] = [];
  for (const candidate of rules) {
    if (!candidate.test(facts)) continue;
    const top = best[0];
    const order = top ? candidate.specificity - top.specificity || candidate.priority - top.priority : 1;
    if (order > 0) best = [candidate];
    else if (order === 0) best.push(candidate);
  }
  return best;
}

/**
 * The competent body and outcome for a petition's facts. Throws RULES.NO_RULE when nothing covers the
 * facts and RULES.AMBIGUOUS when two rules claim them equally: a processor then decides by hand.
 */
export function matchCompetence(ruleSet: RuleSet, facts: CompetenceFacts): CompetenceMatch {
  const best = bestRules(compileRules(ruleSet.rules), facts);
  if (best.length === 0)
    throw new JurisdictionError(
      'RULES.NO_RULE',
      `no competence rule of version ${ruleSet.version} covers a ${facts.kind} classified ${facts.classification}`,
      { ruleSetVersion: ruleSet.version, facts },
    );
  if (best.length > 1)
    throw new JurisdictionError(
      'RULES.AMBIGUOUS',
      `competence rules ${best.map((c) => c.rule.id).join(', ')} of version ${ruleSet.version} claim the same petition`,
      { ruleSetVersion: ruleSet.version, ruleIds: best.map((c) => c.rule.id), facts },
    );
  const rule = best[0].rule;
  const bodyOf = (code: string) => ruleSet.bodies.find((b) => b.code === code);
  const body = bodyOf(rule.then.body);
  // validateRuleSet guarantees the body; a set that skipped it is a programming error, not the caller's.
  if (!body)
    throw new Error(`rule ${rule.id} names body ${rule.then.body}, absent from version ${ruleSet.version}`);
  return {
    ruleId: rule.id,
    ruleSetVersion: ruleSet.version,
    outcome: rule.then.outcome,
    body,
    ...(rule.then.unitCode ? { unitCode: rule.then.unitCode } : {}),
    explanation: explain(rule, ruleSet.version, facts, body, (code) => bodyOf(code)?.name),
    legalBasis: rule.legalBasis,
  };
}

function explain(
  rule: CompetenceRule,
  version: number,
  facts: CompetenceFacts,
  body: CompetentBody,
  nameOf: (code: string) => Bilingual | undefined,
): Bilingual {
  const round = roundOf(facts);
  const unit = rule.then.unitCode ? nameOf(rule.then.unitCode) : undefined;
  const classification = CLASSIFICATION_LABELS[facts.classification] ?? {
    vi: facts.classification,
    en: facts.classification,
  };
  const values: Record<string, Bilingual> = {
    kind: KIND_LABELS[facts.kind],
    classification,
    respondent: describeRespondent(facts.respondent, nameOf),
    round: round ? ROUND_LABELS[round] : { vi: '', en: '' },
    tags:
      facts.sensitiveTags.length > 0
        ? {
            vi: facts.sensitiveTags.map((t) => TAG_LABELS[t].vi).join(', '),
            en: facts.sensitiveTags.map((t) => TAG_LABELS[t].en).join(', '),
          }
        : { vi: 'không', en: 'none' },
    hamlet: { vi: facts.hamletCode ?? '', en: facts.hamletCode ?? '' },
    body: body.name,
    unit: unit ?? { vi: '', en: '' },
  };
  const fill = (template: string, language: keyof Bilingual) =>
    template
      .replace(/\{(\w+)\}/g, (whole, key: string) => values[key]?.[language] ?? whole)
      .replace(/ {2,}/g, ' ')
      .trim();
  return {
    vi: `${fill(rule.then.explanation.vi, 'vi')} (Quy tắc ${rule.id}, bộ quy tắc phiên bản ${version}; căn cứ: ${rule.legalBasis})`,
    en: `${fill(rule.then.explanation.en, 'en')} (rule ${rule.id}, rule set version ${version}; legal basis: ${rule.legalBasis})`,
  };
}

/** A complaint's round; a complaint without one is a first complaint, other kinds have none. */
export function roundOf(facts: CompetenceFacts): CompetenceFacts['complaintRound'] {
  return facts.kind === 'complaint' ? (facts.complaintRound ?? 'first') : undefined;
}
