import { JurisdictionError } from './jurisdiction.errors';
import { matchCompetence, specificity } from './jurisdiction.match';
import type { CompetenceFacts, CompetenceRule, RuleConditions, RuleSet } from './jurisdiction.types';

const bodies: RuleSet['bodies'] = [
  {
    code: 'chair',
    name: { vi: 'Chủ tịch UBND xã', en: 'Commune Chairman' },
    level: 'commune',
    internal: true,
  },
  { code: 'office', name: { vi: 'Văn phòng', en: 'Commune Office' }, level: 'commune', internal: true },
  {
    code: 'econ',
    name: { vi: 'Phòng Kinh tế', en: 'Economic Department' },
    level: 'commune',
    internal: true,
  },
  {
    code: 'prov',
    name: { vi: 'Chủ tịch UBND tỉnh', en: 'Provincial Chairman' },
    level: 'province',
    internal: false,
  },
];

function rule(id: string, when: RuleConditions, extra: Partial<CompetenceRule> = {}): CompetenceRule {
  return {
    id,
    description: { vi: id, en: id },
    when,
    then: { outcome: 'accept', body: 'chair', explanation: { vi: `theo ${id}`, en: `by ${id}` } },
    legalBasis: `basis of ${id}`,
    ...extra,
  };
}

const set = (...rules: CompetenceRule[]): RuleSet => ({
  version: 7,
  title: { vi: 't', en: 't' },
  bodies,
  rules,
});

const facts = (overrides: Partial<CompetenceFacts> = {}): CompetenceFacts => ({
  kind: 'complaint',
  classification: 'administrative.other',
  sensitiveTags: [],
  ...overrides,
});

const communeDecision = {
  type: 'decision',
  level: 'commune',
  isChairman: false,
  namesOfficial: false,
} as const satisfies CompetenceFacts['respondent'];

function errorOf(fn: () => unknown): JurisdictionError {
  try {
    fn();
  } catch (error) {
    if (error instanceof JurisdictionError) return error;
    throw error;
  }
  throw new Error('expected a JurisdictionError');
}

describe('matchCompetence', () => {
  it('counts specificity as the number of constrained dimensions', () => {
    expect(specificity({})).toBe(0);
    expect(specificity({ kinds: ['complaint', 'denunciation'], respondentIsChairman: false })).toBe(2);
  });

  it('lets the more specific rule win whatever the priorities', () => {
    const rules = set(
      rule('broad', { kinds: ['complaint'] }, { priority: 100 }),
      rule('narrow', { kinds: ['complaint'], respondentLevels: ['commune'] }),
    );
    expect(matchCompetence(rules, facts({ respondent: communeDecision })).ruleId).toBe('narrow');
  });

  it('breaks a tie of equally specific rules by the higher priority', () => {
    const rules = set(
      rule('by-level', { respondentLevels: ['commune'] }, { priority: 1 }),
      rule('by-class', { classifications: ['administrative.other'] }),
    );
    expect(matchCompetence(rules, facts({ respondent: communeDecision })).ruleId).toBe('by-level');
  });

  it('refuses to choose between two equally specific rules of equal priority (RULES.AMBIGUOUS, conflict)', () => {
    const rules = set(
      rule('a', { kinds: ['complaint'] }),
      rule('b', { classifications: ['administrative.other'] }),
    );
    const error = errorOf(() => matchCompetence(rules, facts()));
    expect(error).toMatchObject({ code: 'RULES.AMBIGUOUS', kind: 'conflict' });
    expect(error.details).toMatchObject({ ruleIds: ['a', 'b'], ruleSetVersion: 7 });
  });

  it('answers RULES.NO_RULE (unprocessable) when no rule covers the facts', () => {
    const error = errorOf(() => matchCompetence(set(rule('d', { kinds: ['denunciation'] })), facts()));
    expect(error).toMatchObject({ code: 'RULES.NO_RULE', kind: 'unprocessable' });
  });

  it('matches sensitive tags when the petition carries any one of them', () => {
    const rules = set(rule('catch-all', {}), rule('env', { sensitiveTags: ['environment', 'land'] }));
    expect(matchCompetence(rules, facts({ sensitiveTags: ['religion', 'land'] })).ruleId).toBe('env');
    expect(matchCompetence(rules, facts({ sensitiveTags: ['religion'] })).ruleId).toBe('catch-all');
  });

  it('never applies a respondent condition to a petition without a respondent', () => {
    const rules = set(rule('catch-all', {}), rule('not-chairman', { respondentIsChairman: false }));
    expect(matchCompetence(rules, facts()).ruleId).toBe('catch-all');
    expect(matchCompetence(rules, facts({ respondent: communeDecision })).ruleId).toBe('not-chairman');
  });

  it('tells the commune chairman from other respondents and matches respondent types, levels and units', () => {
    const rules = set(
      rule('catch-all', {}),
      rule('chairman', { respondentIsChairman: true }),
      rule('police-official', { respondentTypes: ['official'], respondentUnitCodes: ['commune-police'] }),
      rule('province', { respondentLevels: ['province'], respondentTypes: ['decision'] }),
    );
    const chairman = { ...communeDecision, isChairman: true };
    expect(matchCompetence(rules, facts({ respondent: chairman })).ruleId).toBe('chairman');
    const officer = { ...communeDecision, type: 'official', unitCode: 'commune-police' } as const;
    expect(matchCompetence(rules, facts({ respondent: officer })).ruleId).toBe('police-official');
    expect(
      matchCompetence(rules, facts({ respondent: { ...communeDecision, level: 'province' } })).ruleId,
    ).toBe('province');
  });

  it('matches hamlet codes only for a petition located in one of them', () => {
    const rules = set(rule('catch-all', {}), rule('thon-3', { hamletCodes: ['thon-3'] }));
    expect(matchCompetence(rules, facts({ hamletCode: 'thon-3' })).ruleId).toBe('thon-3');
    expect(matchCompetence(rules, facts({ hamletCode: 'thon-1' })).ruleId).toBe('catch-all');
    expect(matchCompetence(rules, facts()).ruleId).toBe('catch-all');
  });

  it('treats a complaint without a stated round as a first complaint, and rounds never match other kinds', () => {
    const rules = set(
      rule('catch-all', {}),
      rule('first', { kinds: ['complaint'], complaintRounds: ['first'] }),
      rule('second', { kinds: ['complaint'], complaintRounds: ['second'] }),
    );
    expect(matchCompetence(rules, facts()).ruleId).toBe('first');
    expect(matchCompetence(rules, facts({ complaintRound: 'second' })).ruleId).toBe('second');
    expect(
      matchCompetence(
        rules,
        facts({ kind: 'denunciation', classification: 'corruption', complaintRound: 'first' }),
      ).ruleId,
    ).toBe('catch-all');
  });

  it('returns the body, the handling unit, the rule id and version, with the legal basis', () => {
    const rules = set(
      rule(
        'land',
        { classifications: ['administrative.land_housing'] },
        {
          then: {
            outcome: 'accept',
            body: 'chair',
            unitCode: 'econ',
            explanation: { vi: 'x', en: 'x' },
          },
        },
      ),
    );
    expect(matchCompetence(rules, facts({ classification: 'administrative.land_housing' }))).toMatchObject({
      ruleId: 'land',
      ruleSetVersion: 7,
      outcome: 'accept',
      body: bodies[0],
      unitCode: 'econ',
      legalBasis: 'basis of land',
    });
  });

  it('fills the explanation in with the facts and ends it with the rule, version and legal basis', () => {
    const rules = set(
      rule(
        'second',
        { kinds: ['complaint'] },
        {
          then: {
            outcome: 'guide',
            body: 'prov',
            explanation: {
              vi: 'Khiếu nại {round} về {respondent} ({classification}, thẻ: {tags}, {hamlet}): gửi {body}.',
              en: 'The {round} {kind} about {respondent} ({classification}, tags: {tags}, {hamlet}): go to the {body}.',
            },
          },
        },
      ),
    );
    const match = matchCompetence(
      rules,
      facts({
        complaintRound: 'second',
        sensitiveTags: ['land', 'environment'],
        hamletCode: 'thon-3',
        respondent: { ...communeDecision, isChairman: true },
      }),
    );
    expect(match.explanation).toEqual({
      vi:
        'Khiếu nại lần hai về quyết định của Chủ tịch UBND xã (hành chính – lĩnh vực khác, thẻ: đất đai, môi trường, thon-3): gửi Chủ tịch UBND tỉnh.' +
        ' (Quy tắc second, bộ quy tắc phiên bản 7; căn cứ: basis of second)',
      en:
        'The second complaint about a decision of the commune chairman (administrative – other, tags: land, environment, thon-3): go to the Provincial Chairman.' +
        ' (rule second, rule set version 7; legal basis: basis of second)',
    });
  });

  it('names the respondent by level and unit when it is not the chairman, and says when it is unknown', () => {
    const rules = set(
      rule(
        'r',
        {},
        {
          then: { outcome: 'accept', body: 'chair', explanation: { vi: '{respondent}', en: '{respondent}' } },
        },
      ),
    );
    const officer = {
      type: 'official',
      level: 'commune',
      unitCode: 'econ',
      isChairman: false,
      namesOfficial: true,
    } as const;
    expect(matchCompetence(rules, facts({ respondent: officer })).explanation.vi).toMatch(
      /^cán bộ, công chức cấp xã \(Phòng Kinh tế\) \(Quy tắc r/,
    );
    expect(matchCompetence(rules, facts()).explanation.en).toMatch(/^an unstated respondent \(rule r/);
  });
});
