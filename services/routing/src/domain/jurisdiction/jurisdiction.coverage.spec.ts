import { CLASSIFICATION_CODES, PETITION_KINDS } from '@tiep-dan/contracts';
import { checkCoverage } from './jurisdiction.coverage';
import type { CompetenceRule, RuleConditions, RuleSet } from './jurisdiction.types';

const bodies: RuleSet['bodies'] = [
  {
    code: 'chair',
    name: { vi: 'Chủ tịch UBND xã', en: 'Commune Chairman' },
    level: 'commune',
    internal: true,
  },
];

function rule(id: string, when: RuleConditions, priority?: number): CompetenceRule {
  return {
    id,
    description: { vi: id, en: id },
    when,
    then: { outcome: 'accept', body: 'chair', explanation: { vi: id, en: id } },
    legalBasis: 'test',
    ...(priority !== undefined ? { priority } : {}),
  };
}

const set = (...rules: CompetenceRule[]): RuleSet => ({
  version: 1,
  title: { vi: 't', en: 't' },
  bodies,
  rules,
});
const everyKind = PETITION_KINDS.map((kind) => rule(`${kind}.all`, { kinds: [kind] }));

/** 22 classifications; 1 + 4 types × 6 levels × 2 chairman flags respondents; 2 complaint rounds. */
const classificationCount = Object.values(CLASSIFICATION_CODES).reduce((n, codes) => n + codes.length, 0);
const complaintClassifications = CLASSIFICATION_CODES.complaint.length;
const baseCombinations = (classificationCount + complaintClassifications) * 49;

describe('checkCoverage', () => {
  it('finds no hole or conflict in a set with one catch-all per kind, and counts the combinations', () => {
    const report = checkCoverage(set(...everyKind));
    expect(report).toMatchObject({ uncovered: [], ambiguous: [], uncoveredCount: 0, ambiguousCount: 0 });
    expect(report.combinations).toBe(baseCombinations);
  });

  it('lists the combinations of a kind that no rule covers', () => {
    const report = checkCoverage(set(...everyKind.filter((r) => r.id !== 'reflection.all')));
    expect(report.uncoveredCount).toBe(CLASSIFICATION_CODES.reflection.length * 49);
    expect(new Set(report.uncovered.map((f) => f.kind))).toEqual(new Set(['reflection']));
    expect(report.uncovered).toContainEqual({
      kind: 'reflection',
      classification: 'land',
      sensitiveTags: [],
    });
  });

  it('finds the hole left when only commune-level complaints of the first round are covered', () => {
    const report = checkCoverage(
      set(
        ...everyKind.filter((r) => r.id !== 'complaint.all'),
        rule('complaint.commune.first', {
          kinds: ['complaint'],
          respondentLevels: ['commune'],
          complaintRounds: ['first'],
        }),
      ),
    );
    expect(report.uncovered).toContainEqual({
      kind: 'complaint',
      classification: 'judicial',
      sensitiveTags: [],
      respondent: { type: 'act', level: 'commune', isChairman: true, namesOfficial: false },
      complaintRound: 'second',
    });
    expect(
      report.uncovered.every((f) => f.respondent?.level !== 'commune' || f.complaintRound === 'second'),
    ).toBe(true);
  });

  it('finds two equally specific rules of equal priority that claim the same combinations', () => {
    const report = checkCoverage(
      set(
        ...everyKind,
        rule('by-class', { kinds: ['denunciation'], classifications: ['corruption'] }),
        rule('by-level', { kinds: ['denunciation'], respondentLevels: ['province'] }),
      ),
    );
    // Every respondent type × chairman flag at provincial level, for corruption denunciations.
    expect(report.ambiguousCount).toBe(8);
    expect(report.ambiguous[0]).toEqual({
      facts: expect.objectContaining({ kind: 'denunciation', classification: 'corruption' }),
      ruleIds: ['by-class', 'by-level'],
    });
  });

  it('accepts the same two rules once a priority orders them', () => {
    const report = checkCoverage(
      set(
        ...everyKind,
        rule('by-class', { kinds: ['denunciation'], classifications: ['corruption'] }),
        rule('by-level', { kinds: ['denunciation'], respondentLevels: ['province'] }, 1),
      ),
    );
    expect(report.ambiguousCount).toBe(0);
  });

  it('finds a conflict that needs two sensitive tags at once', () => {
    const report = checkCoverage(
      set(
        ...everyKind,
        rule('land', { kinds: ['reflection'], sensitiveTags: ['land'] }),
        rule('religion', { kinds: ['reflection'], sensitiveTags: ['religion'] }),
      ),
    );
    expect(report.ambiguous.length).toBeGreaterThan(0);
    expect(report.ambiguous.every((a) => [...a.facts.sensitiveTags].sort().join() === 'land,religion')).toBe(
      true,
    );
  });

  it('checks the hamlets and respondent units that rules name', () => {
    const report = checkCoverage(
      set(
        ...everyKind,
        rule('thon-3', { kinds: ['recommendation'], hamletCodes: ['thon-3'] }),
        rule('police', { kinds: ['recommendation'], respondentUnitCodes: ['commune-police'] }),
      ),
    );
    expect(report.ambiguous.length).toBeGreaterThan(0);
    expect(report.ambiguous[0].facts).toMatchObject({
      hamletCode: 'thon-3',
      respondent: { unitCode: 'commune-police' },
    });
    expect(report.ambiguous[0].ruleIds).toEqual(['thon-3', 'police']);
  });

  it('lists at most `limit` combinations but counts them all', () => {
    const report = checkCoverage(set(rule('complaints', { kinds: ['complaint'] })), { limit: 3 });
    expect(report.uncovered).toHaveLength(3);
    expect(report.uncoveredCount).toBe((classificationCount - complaintClassifications) * 49);
  });

  it('reports rules that decide no combination (shadowed by an equally specific rule of higher priority)', () => {
    const report = checkCoverage(
      set(
        rule('catch-all', {}),
        rule('hidden', { kinds: ['complaint'] }),
        rule('cover', { kinds: ['complaint'] }, 1),
      ),
    );
    expect(report.unusedRuleIds).toEqual(['hidden']);
    expect(report.ambiguousCount).toBe(0);
  });
});
