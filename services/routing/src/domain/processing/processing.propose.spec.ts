import { proposeProcessing, filingGround } from './processing.propose';
import { acceptByChairman, facts } from './processing.test-fixtures';

describe('processing proposal (TT 05/2021, LTC art. 25, LKN art. 9)', () => {
  it('proposes what the competence rule says when no filing-away ground applies, with its rule id, version and explanation', () => {
    expect(proposeProcessing(facts(), acceptByChairman)).toEqual({
      outcome: 'accept',
      body: acceptByChairman.body,
      unitCode: 'economic-department',
      ruleId: 'KN-XA-01',
      ruleSetVersion: 3,
      complaintRound: 'first',
      explanation: acceptByChairman.explanation,
    });
  });

  it('files away a duplicate of an open petition, naming it', () => {
    const proposal = proposeProcessing(facts({ duplicateOf: { petitionId: 'p-0' } }), acceptByChairman);
    expect(proposal).toMatchObject({ outcome: 'file_away', filingReason: 'duplicate' });
    expect(proposal.explanation.vi).toContain('p-0');
  });

  it('files away a petition about a matter already resolved (repeat) unless a processor sees new facts', () => {
    expect(filingGround(facts({ repeatOf: { petitionId: 'p-0' } }))).toMatchObject({
      outcome: 'file_away',
      filingReason: 'already_resolved',
    });
  });

  it('treats a complaint about a matter whose first decision was issued as the second complaint, not a repeat', () => {
    const again = facts({ repeatOf: { petitionId: 'p-0' }, learnedOfDecisionOn: '2026-01-05' });
    // As a first complaint it would be a repeat; as the second one it goes where the rules send it,
    // and the 90 days of a first complaint do not apply (the second-complaint window does, LKN art. 33).
    expect(filingGround(again, 'first')).toMatchObject({ filingReason: 'already_resolved' });
    expect(filingGround(again, 'second')).toBeUndefined();
    const proposal = proposeProcessing(again, acceptByChairman, 'second');
    expect(proposal).toMatchObject({ outcome: 'accept', complaintRound: 'second', ruleId: 'KN-XA-01' });
    expect(proposal.explanation.vi).toMatch(/^Khiếu nại lần hai .*\(đơn p-0\)/);
    expect(proposal.explanation.vi).toContain(acceptByChairman.explanation.vi);
    // A repeated denunciation stays a repeat.
    expect(
      filingGround(facts({ kind: 'denunciation', repeatOf: { petitionId: 'p-0' } }), 'second'),
    ).toMatchObject({
      filingReason: 'already_resolved',
    });
  });

  it('files away an anonymous denunciation without concrete evidence', () => {
    const anonymous = facts({
      kind: 'denunciation',
      classification: 'corruption',
      petitioners: { type: 'anonymous', headcount: 0, anonymous: true, refs: [] },
      missingElements: ['name', 'concrete_evidence'],
    });
    expect(filingGround(anonymous)).toMatchObject({ filingReason: 'anonymous_without_evidence' });
  });

  it('sends an anonymous denunciation with concrete evidence to the competence rules (inspect or transfer)', () => {
    const anonymous = facts({
      kind: 'denunciation',
      classification: 'corruption',
      petitioners: { type: 'anonymous', headcount: 0, anonymous: true, refs: [] },
      missingElements: ['name'],
    });
    expect(filingGround(anonymous)).toBeUndefined();
    expect(proposeProcessing(anonymous, acceptByChairman).outcome).toBe('accept');
  });

  it('files away a complaint without the name or the address of its writer', () => {
    expect(filingGround(facts({ missingElements: ['address'] }))).toMatchObject({
      filingReason: 'no_name_or_address',
    });
    expect(filingGround(facts({ missingElements: ['name'] }))).toMatchObject({
      filingReason: 'no_name_or_address',
    });
  });

  it('files away an unsigned letter, but not an online, e-mail or phone petition that cannot carry a signature', () => {
    expect(filingGround(facts({ channel: 'post', missingElements: ['signature'] }))).toMatchObject({
      filingReason: 'unsigned',
    });
    for (const channel of ['online', 'email', 'phone'] as const) {
      expect(filingGround(facts({ channel, missingElements: ['signature'] }))).toBeUndefined();
    }
  });

  it('files away a petition lacking the content TT 05/2021 art. 6 requires, listing what is missing', () => {
    const proposal = filingGround(facts({ missingElements: ['date', 'complaint_content'] }));
    expect(proposal).toMatchObject({ filingReason: 'not_eligible' });
    expect(proposal?.explanation.en).toContain('not dated');
    expect(proposal?.explanation.en).toContain('content, reasons and request');
  });

  it('files away a complaint received after the 90 days that follow learning of the decision', () => {
    expect(
      filingGround(facts({ learnedOfDecisionOn: '2026-08-03', receivedOn: '2026-11-02' })),
    ).toMatchObject({
      filingReason: 'complaint_time_limit_expired',
    });
  });

  it('accepts a complaint received on the 90th day after learning of the decision', () => {
    // 2026-08-04 + 90 days = 2026-11-02
    expect(
      filingGround(facts({ learnedOfDecisionOn: '2026-08-04', receivedOn: '2026-11-02' })),
    ).toBeUndefined();
  });

  it('does not apply the complaint limit to a recommendation', () => {
    expect(
      filingGround(
        facts({ kind: 'recommendation', classification: 'policy', learnedOfDecisionOn: '2025-01-01' }),
      ),
    ).toBeUndefined();
  });

  it('checks a duplicate before anything else, so a duplicate is never processed twice', () => {
    expect(
      filingGround(
        facts({ duplicateOf: { petitionId: 'p-0' }, missingElements: ['signature'], channel: 'post' }),
      ),
    ).toMatchObject({ filingReason: 'duplicate' });
  });

  it('leaves the outcome undetermined when the rules have a gap, so that a processor decides', () => {
    const proposal = proposeProcessing(facts(), { code: 'RULES.NO_RULE', message: 'no rule' });
    expect(proposal).toMatchObject({ outcome: 'undetermined', gap: { code: 'RULES.NO_RULE' } });
  });

  it('carries the complaint round, first unless told otherwise, and none for other kinds', () => {
    expect(proposeProcessing(facts(), acceptByChairman, 'second').complaintRound).toBe('second');
    expect(
      proposeProcessing(facts({ kind: 'reflection', classification: 'other' }), acceptByChairman)
        .complaintRound,
    ).toBeUndefined();
  });
});
