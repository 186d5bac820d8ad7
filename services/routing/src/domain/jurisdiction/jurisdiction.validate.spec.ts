import { DEFAULT_RULE_SET } from './default-rule-set';
import { JurisdictionError } from './jurisdiction.errors';
import type { RuleSet } from './jurisdiction.types';
import { parseCompetenceFacts, validateRuleSet, validateRuleSetDraft } from './jurisdiction.validate';

/** A deep copy of the default set to break one thing in. */
const copy = (): RuleSet => JSON.parse(JSON.stringify(DEFAULT_RULE_SET)) as RuleSet;

function failure(fn: () => unknown): { code: string; kind: string; details: Record<string, unknown> } {
  try {
    fn();
  } catch (error) {
    if (error instanceof JurisdictionError)
      return { code: error.code, kind: error.kind, details: error.details ?? {} };
    throw error;
  }
  throw new Error('expected a JurisdictionError');
}

describe('validateRuleSet', () => {
  it('accepts the default rule set unchanged', () => {
    expect(validateRuleSet(copy())).toEqual(DEFAULT_RULE_SET);
  });

  it('accepts a draft without a version, and refuses a full set without one', () => {
    const { version: _version, ...draft } = copy();
    expect(validateRuleSetDraft(draft).rules).toHaveLength(DEFAULT_RULE_SET.rules.length);
    expect(failure(() => validateRuleSet(draft))).toMatchObject({
      code: 'RULES.INVALID',
      details: { path: 'version' },
    });
  });

  it('refuses a body code that the set does not define, naming the rule and the field', () => {
    const set = copy();
    set.rules[3].then.body = 'district-committee';
    expect(failure(() => validateRuleSet(set))).toMatchObject({
      code: 'RULES.UNKNOWN_BODY',
      kind: 'validation',
      details: { path: 'rules[3].then.body', ruleId: set.rules[3].id },
    });
  });

  it('refuses a classification that is not one of the kinds of the rule', () => {
    const set = copy();
    const i = set.rules.findIndex((r) => r.id === 'recommendation.land');
    set.rules[i].when.classifications = ['administrative.land_housing'];
    expect(failure(() => validateRuleSet(set))).toMatchObject({
      code: 'RULES.CLASSIFICATION_NOT_OF_KIND',
      details: { path: `rules[${i}].when.classifications[0]`, ruleId: 'recommendation.land' },
    });
  });

  it('refuses an unknown kind, sensitive tag or level as a shape error with its path', () => {
    const set = copy() as unknown as { rules: { when: Record<string, unknown> }[] };
    set.rules[0].when.kinds = ['petition'];
    expect(failure(() => validateRuleSet(set))).toMatchObject({
      code: 'RULES.INVALID',
      details: { path: 'rules[0].when.kinds[0]', ruleId: DEFAULT_RULE_SET.rules[0].id },
    });
  });

  it('refuses a misspelt condition instead of silently ignoring it (which would widen the rule)', () => {
    const set = copy() as unknown as { rules: { when: Record<string, unknown> }[] };
    set.rules[5].when.kind = ['complaint'];
    expect(failure(() => validateRuleSet(set))).toMatchObject({
      code: 'RULES.INVALID',
      details: { path: 'rules[5].when' },
    });
  });

  it('refuses an empty condition list, which would match nothing', () => {
    const set = copy();
    set.rules[1].when.respondentLevels = [];
    expect(failure(() => validateRuleSet(set)).details.path).toBe('rules[1].when.respondentLevels');
  });

  it('refuses two rules with the same id and two bodies with the same code', () => {
    const rules = copy();
    rules.rules[2].id = rules.rules[1].id;
    expect(failure(() => validateRuleSet(rules))).toMatchObject({
      code: 'RULES.DUPLICATE_ID',
      details: { path: 'rules[2].id' },
    });
    const bodies = copy();
    bodies.bodies.push({ ...bodies.bodies[0] });
    expect(failure(() => validateRuleSet(bodies)).code).toBe('RULES.DUPLICATE_BODY');
  });

  it('refuses acceptance (thụ lý) by a body outside the commune', () => {
    const set = copy();
    const i = set.rules.findIndex((r) => r.id === 'denunciation.commune-chairman');
    set.rules[i].then.outcome = 'accept';
    expect(failure(() => validateRuleSet(set))).toMatchObject({
      code: 'RULES.ACCEPT_BY_EXTERNAL_BODY',
      details: { path: `rules[${i}].then.body` },
    });
  });

  it('refuses a handling unit that is not an internal body, or on a case that is not accepted', () => {
    const external = copy();
    external.rules[0].then.unitCode = 'provincial-police';
    expect(failure(() => validateRuleSet(external))).toMatchObject({
      code: 'RULES.UNKNOWN_UNIT',
      details: { path: 'rules[0].then.unitCode' },
    });
    const forwarded = copy();
    const i = forwarded.rules.findIndex((r) => r.then.outcome === 'forward');
    forwarded.rules[i].then.unitCode = 'commune-office';
    expect(failure(() => validateRuleSet(forwarded))).toMatchObject({
      code: 'RULES.INVALID',
      details: { path: `rules[${i}].then.unitCode` },
    });
  });

  it('refuses complaint rounds on a rule that is not for complaints only', () => {
    const set = copy();
    set.rules[0].when = { kinds: ['complaint', 'denunciation'], complaintRounds: ['second'] };
    expect(failure(() => validateRuleSet(set))).toMatchObject({
      code: 'RULES.INVALID',
      details: { path: 'rules[0].when.complaintRounds' },
    });
  });

  it('refuses a placeholder the explanation cannot fill', () => {
    const set = copy();
    set.rules[0].then.explanation.en = 'Go to {authority}.';
    expect(failure(() => validateRuleSet(set))).toMatchObject({
      code: 'RULES.UNKNOWN_PLACEHOLDER',
      details: { path: 'rules[0].then.explanation.en' },
    });
  });

  it('lists every problem, not only the first', () => {
    const set = copy();
    set.rules[0].then.body = 'nowhere';
    set.rules[1].id = set.rules[0].id;
    const { details } = failure(() => validateRuleSet(set));
    expect((details.issues as { code: string }[]).map((i) => i.code)).toEqual([
      'RULES.UNKNOWN_BODY',
      'RULES.DUPLICATE_ID',
    ]);
  });
});

describe('parseCompetenceFacts', () => {
  it('accepts intake facts, with defaults for tags and respondent flags', () => {
    expect(
      parseCompetenceFacts({
        kind: 'denunciation',
        classification: 'corruption',
        respondent: { type: 'official', level: 'commune' },
      }),
    ).toEqual({
      kind: 'denunciation',
      classification: 'corruption',
      sensitiveTags: [],
      respondent: { type: 'official', level: 'commune', isChairman: false, namesOfficial: false },
    });
  });

  it('refuses a classification of another kind and a round on a non-complaint (RULES.INVALID_FACTS)', () => {
    expect(
      failure(() => parseCompetenceFacts({ kind: 'reflection', classification: 'corruption' })),
    ).toMatchObject({
      code: 'RULES.INVALID_FACTS',
      details: { path: 'classification' },
    });
    expect(
      failure(() =>
        parseCompetenceFacts({ kind: 'reflection', classification: 'land', complaintRound: 'first' }),
      ),
    ).toMatchObject({ code: 'RULES.INVALID_FACTS', details: { path: 'complaintRound' } });
    expect(failure(() => parseCompetenceFacts({ kind: 'appeal', classification: 'land' })).details.path).toBe(
      'kind',
    );
  });
});
