import { DomainError } from '@tiep-dan/contracts';
import { decide, type DecideProcessing, type ProcessingCommand } from './processing.decide';
import type { ProcessingEvent } from './processing.events';
import { proposeProcessing } from './processing.propose';
import { foldProcessing } from './processing.state';
import { acceptByChairman, facts, provincialCommittee, testContext } from './processing.test-fixtures';

const NOW = '2026-11-03T02:00:00.000Z';
const CASE_ID = '0c2f5a52-5d0e-5a7e-9d4e-1f2a3b4c5d6e';
const proposal = proposeProcessing(facts(), acceptByChairman);

/** given(events).when(command) → events or the error code. */
function given(...history: ProcessingEvent[]) {
  return {
    when(command: ProcessingCommand): ProcessingEvent[] | string {
      try {
        return decide(foldProcessing(history), command, testContext);
      } catch (error) {
        if (error instanceof DomainError) return error.code;
        throw error;
      }
    },
  };
}

const opened = (): ProcessingEvent[] =>
  decide(undefined, { type: 'OpenProcessing', facts: facts(), proposal, now: NOW }, testContext);

function decideWith(
  choice: Partial<DecideProcessing['choice']> = {},
  today = '2026-11-05',
): DecideProcessing {
  return {
    type: 'DecideProcessing',
    choice: { complexity: 'normal', remoteArea: false, ...choice },
    proposal,
    caseId: CASE_ID,
    decidedBy: 'xu.ly.don',
    now: NOW,
    today,
  };
}

describe('processing decider (xử lý đơn)', () => {
  it('opens the processing of a received petition with a deadline of 10 days from receipt, and proposes', () => {
    const events = opened();
    expect(events.map((e) => e.type)).toEqual(['ProcessingOpened', 'ProcessingProposed']);
    expect(events[0]).toMatchObject({
      data: {
        deadline: {
          start: '2026-11-02',
          dueOn: '2026-11-12',
          duration: { amount: 10, unit: 'calendar_days' },
        },
      },
    });
  });

  it('moves a processing deadline ending on a Sunday to the Monday (Civil Code art. 148)', () => {
    const events = decide(
      undefined,
      { type: 'OpenProcessing', facts: facts({ receivedOn: '2026-11-05' }), proposal, now: NOW },
      testContext,
    );
    expect(events[0]).toMatchObject({ data: { deadline: { dueOn: '2026-11-16' } } });
  });

  it('opens once: a redelivered petition event changes nothing', () => {
    expect(given(...opened()).when({ type: 'OpenProcessing', facts: facts(), proposal, now: NOW })).toEqual(
      [],
    );
  });

  it('confirms the proposal: the decision keeps the rule id, rule-set version and explanation, not overridden', () => {
    const [decided] = given(...opened()).when(decideWith()) as ProcessingEvent[];
    expect(decided).toMatchObject({
      type: 'ProcessingDecided',
      data: {
        decision: {
          outcome: 'accept',
          unitCode: 'economic-department',
          ruleId: 'KN-XA-01',
          ruleSetVersion: 3,
          overridden: false,
          caseId: CASE_ID,
          explanation: acceptByChairman.explanation,
        },
        late: false,
      },
    });
  });

  it('records an override with its reason, so that the misrouting rate can be measured', () => {
    const [decided] = given(...opened()).when(
      decideWith({
        outcome: 'forward',
        body: provincialCommittee,
        reason: 'Quyết định do UBND tỉnh ban hành',
      }),
    ) as ProcessingEvent[];
    expect(decided).toMatchObject({
      data: {
        decision: {
          outcome: 'forward',
          body: { code: 'provincial-committee' },
          overridden: true,
          overrideReason: 'Quyết định do UBND tỉnh ban hành',
        },
        proposed: { outcome: 'accept' },
      },
    });
    expect(decided?.type === 'ProcessingDecided' && 'caseId' in decided.data.decision).toBe(false);
  });

  it('refuses an override without a reason', () => {
    expect(given(...opened()).when(decideWith({ unitCode: 'commune-office' }))).toBe(
      'PROCESSING.OVERRIDE_REASON_REQUIRED',
    );
    expect(given(...opened()).when(decideWith({ unitCode: 'commune-office', reason: '  ' }))).toBe(
      'PROCESSING.OVERRIDE_REASON_REQUIRED',
    );
  });

  it('needs a legal reason to file a petition away', () => {
    expect(given(...opened()).when(decideWith({ outcome: 'file_away', reason: 'trùng' }))).toBe(
      'PROCESSING.FILING_REASON_REQUIRED',
    );
  });

  it('needs the competent body to forward, guide or remind', () => {
    for (const outcome of ['forward', 'guide', 'remind'] as const) {
      expect(given(...opened()).when(decideWith({ outcome, reason: 'khác' }))).toBe(
        'PROCESSING.BODY_REQUIRED',
      );
    }
  });

  it('needs a unit for an acceptance when the rules had no answer', () => {
    const gap = proposeProcessing(facts(), { code: 'RULES.NO_RULE', message: 'none' });
    const history = decide(
      undefined,
      { type: 'OpenProcessing', facts: facts(), proposal: gap, now: NOW },
      testContext,
    );
    expect(given(...history).when({ ...decideWith(), proposal: gap })).toBe('PROCESSING.NOT_PROPOSED');
    expect(given(...history).when({ ...decideWith({ outcome: 'accept' }), proposal: gap })).toBe(
      'PROCESSING.UNIT_REQUIRED',
    );
    const [decided] = given(...history).when({
      ...decideWith({ outcome: 'accept', unitCode: 'commune-office' }),
      proposal: gap,
    }) as ProcessingEvent[];
    // Completing a proposal the rules could not make is not an override of them.
    expect(decided).toMatchObject({ data: { decision: { unitCode: 'commune-office', overridden: false } } });
  });

  it('marks a decision taken after the processing deadline as late', () => {
    expect(given(...opened()).when(decideWith({}, '2026-11-13'))).toMatchObject([{ data: { late: true } }]);
  });

  it('treats the same decision sent twice as done, and a different second decision as a conflict', () => {
    const history = [...opened(), ...(given(...opened()).when(decideWith()) as ProcessingEvent[])];
    expect(given(...history).when(decideWith())).toEqual([]);
    expect(
      given(...history).when(decideWith({ outcome: 'file_away', filingReason: 'duplicate', reason: 'x' })),
    ).toBe('PROCESSING.ALREADY_DECIDED');
  });

  it('proposes again when a processor marks a complaint as a second complaint, and decides on that proposal', () => {
    const second = proposeProcessing(
      facts(),
      { ...acceptByChairman, ruleId: 'KN-XA-02', outcome: 'guide', body: provincialCommittee },
      'second',
    );
    const events = given(...opened()).when({ ...decideWith({ complaintRound: 'second' }), proposal: second });
    expect((events as ProcessingEvent[]).map((e) => e.type)).toEqual([
      'ProcessingProposed',
      'ProcessingDecided',
    ]);
    expect(events).toMatchObject([
      {},
      { data: { decision: { outcome: 'guide', complaintRound: 'second', overridden: false } } },
    ]);
  });

  it('proposes again after an amendment while pending, and ignores amendments after the decision', () => {
    const amended = facts({ missingElements: ['signature'], channel: 'post' });
    const filed = proposeProcessing(amended, acceptByChairman);
    const events = given(...opened()).when({
      type: 'AmendPetitionFacts',
      facts: amended,
      proposal: filed,
      now: NOW,
    });
    expect((events as ProcessingEvent[]).map((e) => e.type)).toEqual([
      'ProcessingFactsAmended',
      'ProcessingProposed',
    ]);
    const decided = [...opened(), ...(given(...opened()).when(decideWith()) as ProcessingEvent[])];
    expect(
      given(...decided).when({ type: 'AmendPetitionFacts', facts: amended, proposal: filed, now: NOW }),
    ).toEqual([]);
  });

  it('cancels a pending processing when the petition is withdrawn, and refuses a decision afterwards', () => {
    const cancelled = [
      ...opened(),
      ...(given(...opened()).when({
        type: 'CancelProcessing',
        reason: 'withdrawn',
        now: NOW,
      }) as ProcessingEvent[]),
    ];
    expect(cancelled.at(-1)).toMatchObject({ type: 'ProcessingCancelled', data: { reason: 'withdrawn' } });
    expect(given(...cancelled).when(decideWith())).toBe('PROCESSING.CANCELLED');
  });

  it('refuses commands for a petition routing never received', () => {
    expect(given().when(decideWith())).toBe('PROCESSING.NOT_FOUND');
  });

  it('takes the remote area from what intake knows of the hamlet, unless the processor sets it', () => {
    const remote = decide(
      undefined,
      {
        type: 'OpenProcessing',
        facts: facts({ hamletCode: 'xom-na-lang', remoteArea: true }),
        proposal,
        now: NOW,
      },
      testContext,
    );
    const { remoteArea: _unset, ...choice } = decideWith().choice;
    const byDefault = { ...decideWith(), choice };
    const decisionOf = (history: ProcessingEvent[], command: DecideProcessing) =>
      (given(...history).when(command) as ProcessingEvent[]).find((e) => e.type === 'ProcessingDecided');
    expect(decisionOf(remote, byDefault)).toMatchObject({ data: { decision: { remoteArea: true } } });
    expect(decisionOf(opened(), byDefault)).toMatchObject({ data: { decision: { remoteArea: false } } });
    expect(decisionOf(remote, decideWith({ remoteArea: false }))).toMatchObject({
      data: { decision: { remoteArea: false, overridden: false } },
    });
    expect(decisionOf(opened(), decideWith({ remoteArea: true }))).toMatchObject({
      data: { decision: { remoteArea: true } },
    });
  });

  describe('deadline ticks', () => {
    it('says nothing while there is time', () => {
      expect(given(...opened()).when({ type: 'CheckProcessingDeadline', today: '2026-11-03' })).toEqual([]);
    });

    it('announces approaching, due and overdue once each', () => {
      const approaching = given(...opened()).when({
        type: 'CheckProcessingDeadline',
        today: '2026-11-10',
      }) as ProcessingEvent[];
      expect(approaching).toMatchObject([
        { type: 'ProcessingDeadlineReached', data: { stage: 'approaching', dueOn: '2026-11-12' } },
      ]);
      const history = [...opened(), ...approaching];
      expect(given(...history).when({ type: 'CheckProcessingDeadline', today: '2026-11-11' })).toEqual([]);
      expect(given(...history).when({ type: 'CheckProcessingDeadline', today: '2026-11-12' })).toMatchObject([
        { data: { stage: 'due' } },
      ]);
    });

    it('announces only the stage reached after the system was down, like case deadlines: the passed ones are implied', () => {
      const events = given(...opened()).when({
        type: 'CheckProcessingDeadline',
        today: '2026-11-20',
      }) as ProcessingEvent[];
      expect(events.map((e) => e.type === 'ProcessingDeadlineReached' && e.data.stage)).toEqual(['overdue']);
      // Never an earlier stage after a later one.
      expect(
        given(...opened(), ...events).when({ type: 'CheckProcessingDeadline', today: '2026-11-21' }),
      ).toEqual([]);
    });

    it('stops once the petition is decided', () => {
      const decided = [...opened(), ...(given(...opened()).when(decideWith()) as ProcessingEvent[])];
      expect(given(...decided).when({ type: 'CheckProcessingDeadline', today: '2026-11-20' })).toEqual([]);
    });
  });
});
