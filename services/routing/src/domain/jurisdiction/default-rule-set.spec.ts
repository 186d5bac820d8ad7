import type { AuthorityLevel, RespondentType } from '@tiep-dan/contracts';
import { DEFAULT_RULE_SET } from './default-rule-set';
import { checkCoverage } from './jurisdiction.coverage';
import { matchCompetence } from './jurisdiction.match';
import type { CompetenceFacts, RoutingOutcome } from './jurisdiction.types';

type Respondent = NonNullable<CompetenceFacts['respondent']>;

function respondent(
  type: RespondentType,
  level: AuthorityLevel,
  more: Partial<Omit<Respondent, 'type' | 'level'>> = {},
): Respondent {
  return { type, level, isChairman: false, namesOfficial: type === 'official', ...more };
}

const given = (
  facts: Omit<CompetenceFacts, 'sensitiveTags'> & Partial<CompetenceFacts>,
): CompetenceFacts => ({
  sensitiveTags: [],
  ...facts,
});

interface Then {
  rule: string;
  outcome: RoutingOutcome;
  body: string;
  unit?: string;
}

const chairmanDecision = respondent('decision', 'commune', { isChairman: true });
const communeOfficial = respondent('official', 'commune');
const MASS_ORGANISATIONS = [
  'fatherland-front',
  'farmers-association',
  'womens-union',
  'youth-union',
  'veterans-association',
];

/** The law as the default rules state it: [rule, facts, expected]. Every rule appears at least once. */
const cases: [string, CompetenceFacts, Then][] = [
  // Complaints (Luật Khiếu nại 2011; TT 05/2021: a complaint outside competence is guided, not forwarded).
  [
    'accepts a first complaint about a land decision of the commune chairman; the economic department verifies it',
    given({
      kind: 'complaint',
      classification: 'administrative.land_housing',
      respondent: chairmanDecision,
      complaintRound: 'first',
    }),
    {
      rule: 'complaint.commune.first.land',
      outcome: 'accept',
      body: 'committee-leadership',
      unit: 'economic-department',
    },
  ],
  [
    'accepts a first complaint about a commune official’s act on entitlements; culture and social affairs verifies it',
    given({
      kind: 'complaint',
      classification: 'administrative.policy',
      respondent: respondent('act', 'commune'),
    }),
    {
      rule: 'complaint.commune.first.policy',
      outcome: 'accept',
      body: 'committee-leadership',
      unit: 'culture-social-department',
    },
  ],
  [
    'accepts a first complaint about another commune decision; the commune office verifies it',
    given({
      kind: 'complaint',
      classification: 'other',
      respondent: respondent('decision', 'commune'),
      complaintRound: 'first',
    }),
    {
      rule: 'complaint.commune.first.other',
      outcome: 'accept',
      body: 'committee-leadership',
      unit: 'commune-office',
    },
  ],
  [
    'guides a second complaint about a commune chairman’s decision to the provincial chairman',
    given({
      kind: 'complaint',
      classification: 'administrative.land_housing',
      respondent: chairmanDecision,
      complaintRound: 'second',
    }),
    { rule: 'complaint.commune.second', outcome: 'guide', body: 'provincial-committee' },
  ],
  [
    'accepts, for the commune police chief, a first complaint about an administrative act of the commune police',
    given({
      kind: 'complaint',
      classification: 'administrative.other',
      respondent: respondent('act', 'commune', { unitCode: 'commune-police' }),
      complaintRound: 'first',
    }),
    {
      rule: 'complaint.commune-police.first',
      outcome: 'accept',
      body: 'commune-police',
      unit: 'commune-police',
    },
  ],
  [
    'guides a second complaint about a commune police decision to the provincial police director',
    given({
      kind: 'complaint',
      classification: 'administrative.other',
      respondent: respondent('decision', 'commune', { unitCode: 'commune-police' }),
      complaintRound: 'second',
    }),
    { rule: 'complaint.commune-police.second', outcome: 'guide', body: 'provincial-police' },
  ],
  [
    'accepts a first complaint that does not name its respondent, for the commune office to re-check competence',
    given({ kind: 'complaint', classification: 'administrative.other' }),
    {
      rule: 'complaint.unknown-respondent',
      outcome: 'accept',
      body: 'committee-leadership',
      unit: 'commune-office',
    },
  ],
  [
    'guides a second complaint that does not name its respondent to the provincial level, never back to the commune',
    given({ kind: 'complaint', classification: 'other', complaintRound: 'second' }),
    { rule: 'complaint.second.unknown-respondent', outcome: 'guide', body: 'provincial-committee' },
  ],
  [
    'guides a complaint about a provincial department’s decision to the provincial level',
    given({
      kind: 'complaint',
      classification: 'administrative.land_housing',
      respondent: respondent('decision', 'province'),
    }),
    { rule: 'complaint.province', outcome: 'guide', body: 'provincial-committee' },
  ],
  [
    'guides a complaint about a ministry’s decision to the central level',
    given({
      kind: 'complaint',
      classification: 'administrative.policy',
      respondent: respondent('decision', 'central'),
    }),
    { rule: 'complaint.central', outcome: 'guide', body: 'government-inspectorate' },
  ],
  [
    'guides a complaint about a Party body’s decision to the Party inspection committee',
    given({
      kind: 'complaint',
      classification: 'administrative.other',
      respondent: respondent('decision', 'party'),
    }),
    { rule: 'complaint.party-level', outcome: 'guide', body: 'party-inspection-committee' },
  ],
  [
    'guides a complaint about a judicial body’s administrative act to the regional procuracy',
    given({
      kind: 'complaint',
      classification: 'administrative.other',
      respondent: respondent('act', 'judicial'),
    }),
    { rule: 'complaint.judicial-level', outcome: 'guide', body: 'regional-procuracy' },
  ],
  [
    'guides a complaint about a company, which is no administrative decision, to the court',
    given({ kind: 'complaint', classification: 'other', respondent: respondent('act', 'other') }),
    { rule: 'complaint.other-level', outcome: 'guide', body: 'regional-court' },
  ],
  // Judicial matters: courts, procuracy, enforcement (guide a complaint, forward the other kinds).
  [
    'guides a complaint about judicial activity, even at commune level, to the regional procuracy',
    given({
      kind: 'complaint',
      classification: 'judicial',
      respondent: respondent('act', 'commune'),
      complaintRound: 'first',
    }),
    { rule: 'complaint.judicial', outcome: 'guide', body: 'regional-procuracy' },
  ],
  [
    'guides a complaint about the commune police chief in criminal-judgment enforcement to the provincial police director (Decree 184/2025)',
    given({
      kind: 'complaint',
      classification: 'judicial',
      respondent: respondent('decision', 'commune', { unitCode: 'commune-police' }),
    }),
    { rule: 'complaint.judicial.commune-police', outcome: 'guide', body: 'provincial-police' },
  ],
  [
    'guides a complaint about a court’s judicial act to the court',
    given({
      kind: 'complaint',
      classification: 'judicial',
      respondent: respondent('act', 'judicial', { unitCode: 'regional-court' }),
    }),
    { rule: 'complaint.judicial.court', outcome: 'guide', body: 'regional-court' },
  ],
  [
    'guides a complaint about civil judgment enforcement to the enforcement office',
    given({
      kind: 'complaint',
      classification: 'judicial',
      respondent: respondent('decision', 'judicial', { unitCode: 'civil-judgment-enforcement' }),
    }),
    { rule: 'complaint.judicial.enforcement', outcome: 'guide', body: 'civil-judgment-enforcement' },
  ],
  [
    'forwards a denunciation about judicial activity to the regional procuracy',
    given({
      kind: 'denunciation',
      classification: 'judicial',
      respondent: respondent('official', 'judicial'),
    }),
    { rule: 'judicial.forward', outcome: 'forward', body: 'regional-procuracy' },
  ],
  [
    'forwards a reflection about the commune police’s criminal-judgment enforcement to the provincial police',
    given({
      kind: 'reflection',
      classification: 'judicial',
      respondent: respondent('act', 'commune', { unitCode: 'commune-police' }),
    }),
    { rule: 'judicial.commune-police.forward', outcome: 'forward', body: 'provincial-police' },
  ],
  [
    'forwards a denunciation against a judge to the court',
    given({
      kind: 'denunciation',
      classification: 'judicial',
      respondent: respondent('official', 'judicial', { unitCode: 'regional-court' }),
    }),
    { rule: 'judicial.court.forward', outcome: 'forward', body: 'regional-court' },
  ],
  [
    'forwards a recommendation about civil judgment enforcement to the enforcement office',
    given({
      kind: 'recommendation',
      classification: 'judicial',
      respondent: respondent('body', 'judicial', { unitCode: 'civil-judgment-enforcement' }),
    }),
    { rule: 'judicial.enforcement.forward', outcome: 'forward', body: 'civil-judgment-enforcement' },
  ],
  [
    'forwards a recommendation about a judicial body to the regional procuracy',
    given({ kind: 'recommendation', classification: 'other', respondent: respondent('body', 'judicial') }),
    { rule: 'judicial-level.forward', outcome: 'forward', body: 'regional-procuracy' },
  ],
  // Party and mass organisations.
  [
    'guides a complaint about a Party matter to the Party inspection committee',
    given({ kind: 'complaint', classification: 'party_mass_organisations', respondent: communeOfficial }),
    { rule: 'complaint.party', outcome: 'guide', body: 'party-inspection-committee' },
  ],
  [
    'forwards a denunciation of a Party member’s violation to the Party inspection committee, even against the chairman',
    given({
      kind: 'denunciation',
      classification: 'party_mass_organisations',
      respondent: respondent('official', 'commune', { isChairman: true }),
    }),
    { rule: 'denunciation.party', outcome: 'forward', body: 'party-inspection-committee' },
  ],
  [
    'forwards a denunciation against a Party body to the Party inspection committee',
    given({ kind: 'denunciation', classification: 'other', respondent: respondent('body', 'party') }),
    { rule: 'party-level.forward', outcome: 'forward', body: 'party-inspection-committee' },
  ],
  ...MASS_ORGANISATIONS.map((unitCode): [string, CompetenceFacts, Then] => [
    `guides a complaint about the ${unitCode} to the commune Fatherland Front`,
    given({
      kind: 'complaint',
      classification: 'party_mass_organisations',
      respondent: respondent('decision', 'commune', { unitCode }),
    }),
    { rule: 'complaint.mass-organisation', outcome: 'guide', body: 'fatherland-front' },
  ]),
  [
    'forwards a denunciation against a women’s union official to the commune Fatherland Front',
    given({
      kind: 'denunciation',
      classification: 'party_mass_organisations',
      respondent: respondent('official', 'commune', { unitCode: 'womens-union' }),
    }),
    { rule: 'denunciation.mass-organisation', outcome: 'forward', body: 'fatherland-front' },
  ],
  // Denunciations (Luật Tố cáo 2018: the head of the body that manages the accused).
  [
    'accepts a denunciation against a commune official about land; the economic department verifies it',
    given({
      kind: 'denunciation',
      classification: 'administrative.land_housing',
      respondent: communeOfficial,
    }),
    {
      rule: 'denunciation.commune.land',
      outcome: 'accept',
      body: 'committee-leadership',
      unit: 'economic-department',
    },
  ],
  [
    'accepts a denunciation of a breach of entitlement rules in the commune; culture and social affairs verifies it',
    given({
      kind: 'denunciation',
      classification: 'administrative.policy',
      respondent: respondent('act', 'other'),
    }),
    {
      rule: 'denunciation.commune.policy',
      outcome: 'accept',
      body: 'committee-leadership',
      unit: 'culture-social-department',
    },
  ],
  [
    'accepts a corruption denunciation against a commune official; the commune office verifies it',
    given({ kind: 'denunciation', classification: 'corruption', respondent: communeOfficial }),
    {
      rule: 'denunciation.commune.other',
      outcome: 'accept',
      body: 'committee-leadership',
      unit: 'commune-office',
    },
  ],
  [
    'forwards a denunciation against the commune chairman to the provincial chairman',
    given({
      kind: 'denunciation',
      classification: 'corruption',
      respondent: respondent('official', 'commune', { isChairman: true }),
    }),
    { rule: 'denunciation.commune-chairman', outcome: 'forward', body: 'provincial-committee' },
  ],
  [
    'accepts, for the commune police chief, a denunciation against a commune police officer',
    given({
      kind: 'denunciation',
      classification: 'administrative.civil_service',
      respondent: respondent('official', 'commune', { unitCode: 'commune-police' }),
    }),
    {
      rule: 'denunciation.commune-police',
      outcome: 'accept',
      body: 'commune-police',
      unit: 'commune-police',
    },
  ],
  [
    'accepts a denunciation that does not name the accused, for the commune office to re-check competence',
    given({ kind: 'denunciation', classification: 'other' }),
    {
      rule: 'denunciation.unknown-accused',
      outcome: 'accept',
      body: 'committee-leadership',
      unit: 'commune-office',
    },
  ],
  [
    'forwards a denunciation against a provincial official to the provincial chairman',
    given({
      kind: 'denunciation',
      classification: 'corruption',
      respondent: respondent('official', 'province'),
    }),
    { rule: 'province.forward', outcome: 'forward', body: 'provincial-committee' },
  ],
  [
    'forwards a denunciation against a central official to the Government Inspectorate',
    given({
      kind: 'denunciation',
      classification: 'corruption',
      respondent: respondent('official', 'central'),
    }),
    { rule: 'denunciation.central', outcome: 'forward', body: 'government-inspectorate' },
  ],
  // Recommendations and reflections: the commune deals with its own matters; a unit by subject.
  [
    'accepts a reflection about a commune matter; the commune office prepares it',
    given({ kind: 'reflection', classification: 'other', hamletCode: 'thon-3' }),
    {
      rule: 'recommendation.commune',
      outcome: 'accept',
      body: 'committee-leadership',
      unit: 'commune-office',
    },
  ],
  [
    'accepts a recommendation about land; the economic department prepares it',
    given({ kind: 'recommendation', classification: 'land', sensitiveTags: ['labour_policy'] }),
    {
      rule: 'recommendation.land',
      outcome: 'accept',
      body: 'committee-leadership',
      unit: 'economic-department',
    },
  ],
  [
    'accepts a recommendation about entitlements; culture and social affairs prepares it',
    given({ kind: 'recommendation', classification: 'policy', sensitiveTags: ['environment'] }),
    {
      rule: 'recommendation.policy',
      outcome: 'accept',
      body: 'committee-leadership',
      unit: 'culture-social-department',
    },
  ],
  [
    'accepts a reflection about pollution; the economic department prepares it',
    given({ kind: 'reflection', classification: 'other', sensitiveTags: ['environment'] }),
    {
      rule: 'recommendation.tag.economic',
      outcome: 'accept',
      body: 'committee-leadership',
      unit: 'economic-department',
    },
  ],
  [
    'accepts a reflection about religious affairs; culture and social affairs prepares it',
    given({ kind: 'reflection', classification: 'other', sensitiveTags: ['religion'] }),
    {
      rule: 'recommendation.tag.social',
      outcome: 'accept',
      body: 'committee-leadership',
      unit: 'culture-social-department',
    },
  ],
  [
    'lets the economic department lead a reflection tagged both land and labour policy',
    given({ kind: 'reflection', classification: 'other', sensitiveTags: ['labour_policy', 'land'] }),
    {
      rule: 'recommendation.tag.economic',
      outcome: 'accept',
      body: 'committee-leadership',
      unit: 'economic-department',
    },
  ],
  [
    'accepts a reflection about the public service centre; the centre answers it',
    given({
      kind: 'reflection',
      classification: 'other',
      respondent: respondent('body', 'commune', { unitCode: 'public-service-centre' }),
    }),
    {
      rule: 'recommendation.public-service-centre',
      outcome: 'accept',
      body: 'committee-leadership',
      unit: 'public-service-centre',
    },
  ],
  [
    'accepts a reflection about public order by the commune police; the commune police answer it',
    given({
      kind: 'reflection',
      classification: 'other',
      respondent: respondent('body', 'commune', { unitCode: 'commune-police' }),
    }),
    {
      rule: 'recommendation.commune-police',
      outcome: 'accept',
      body: 'committee-leadership',
      unit: 'commune-police',
    },
  ],
  [
    'forwards a recommendation about a provincial decision to the provincial committee',
    given({ kind: 'recommendation', classification: 'land', respondent: respondent('decision', 'province') }),
    { rule: 'province.forward', outcome: 'forward', body: 'provincial-committee' },
  ],
  [
    'forwards a recommendation about central policy to the provincial committee to pass on',
    given({
      kind: 'recommendation',
      classification: 'policy',
      respondent: respondent('decision', 'central'),
    }),
    { rule: 'recommendation.central', outcome: 'forward', body: 'provincial-committee' },
  ],
];

describe('the default competence rules (Xã Phượng Tiến, two-level government)', () => {
  it.each(cases)('%s', (_title, facts, then) => {
    const match = matchCompetence(DEFAULT_RULE_SET, facts);
    expect({
      rule: match.ruleId,
      outcome: match.outcome,
      body: match.body.code,
      ...(match.unitCode ? { unit: match.unitCode } : {}),
    }).toEqual(then);
    expect(match.ruleSetVersion).toBe(1);
    expect(match.explanation.vi).toContain(match.body.name.vi);
    expect(match.explanation.vi).toContain(`Quy tắc ${then.rule}`);
  });

  it('has a test above for every rule', () => {
    const tested = new Set(cases.map(([, , then]) => then.rule));
    expect(DEFAULT_RULE_SET.rules.map((r) => r.id).filter((id) => !tested.has(id))).toEqual([]);
  });

  it('leaves no combination of facts uncovered or claimed by two rules, and every rule decides some', () => {
    const report = checkCoverage(DEFAULT_RULE_SET);
    expect({
      uncovered: report.uncovered,
      ambiguous: report.ambiguous,
      unused: report.unusedRuleIds,
    }).toEqual({ uncovered: [], ambiguous: [], unused: [] });
    expect(report.combinations).toBeGreaterThan(10_000);
  });

  it('cites its legal bases in Vietnamese only, keeping the notes and doubts for administrators out of explanations', () => {
    for (const rule of DEFAULT_RULE_SET.rules) {
      // English notes ("(verify)", "art.", "on commune departments"...) belong in legalNote/verify.
      expect({ id: rule.id, legalBasis: rule.legalBasis }).not.toMatchObject({
        legalBasis: expect.stringMatching(/\bart\.|\barts\.|\bverify\b|\bDecree\b| on | the /),
      });
    }
    expect(DEFAULT_RULE_SET.rules.filter((r) => r.verify).length).toBeGreaterThan(0);
    const land = matchCompetence(
      DEFAULT_RULE_SET,
      given({
        kind: 'complaint',
        classification: 'administrative.land_housing',
        complaintRound: 'first',
        respondent: respondent('decision', 'commune', { isChairman: true }),
      }),
    );
    if (!('ruleId' in land)) throw new Error('no rule for a first land complaint');
    expect(land.explanation.vi).toContain('căn cứ: Luật Khiếu nại 2011, điều 17');
    expect(land.explanation.vi).not.toMatch(/verify|two-level|Decree/);
  });

  it('is version 1 with every body of the commune plan', () => {
    expect(DEFAULT_RULE_SET.version).toBe(1);
    expect(DEFAULT_RULE_SET.bodies.map((b) => b.code).sort()).toEqual(
      [
        'civil-judgment-enforcement',
        'commune-office',
        'commune-police',
        'committee-leadership',
        'culture-social-department',
        'economic-department',
        'fatherland-front',
        'government-inspectorate',
        'party-inspection-committee',
        'provincial-committee',
        'provincial-inspectorate',
        'provincial-police',
        'public-service-centre',
        'regional-court',
        'regional-procuracy',
      ].sort(),
    );
  });
});
