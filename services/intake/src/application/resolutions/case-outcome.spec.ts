import { randomUUID } from 'node:crypto';
import { PermanentMessageError } from '@tiep-dan/messaging';
import { caseOutcomeOf, processingOutcomeOf } from './case-outcome';
import { caseClosed, caseEnded, caseEvent, caseOpened, processingDecided } from './case-events.test-fixtures';

const CASE = randomUUID();
const PETITION = randomUUID();

const read = (message: { key: string; value: unknown }) => caseOutcomeOf(message.key, message.value);

describe('what intake learns from a case event', () => {
  it('links a case to its petition when it is opened, with the first-time case of a second complaint', () => {
    expect(read(caseOpened({ caseId: CASE, petitionId: PETITION, at: '2026-11-09T08:00:00+07:00' }))).toEqual(
      {
        type: 'opened',
        caseId: CASE,
        petitionId: PETITION,
        at: '2026-11-09T08:00:00+07:00',
      },
    );
    const first = randomUUID();
    expect(read(caseOpened({ caseId: CASE, petitionId: PETITION, previousCaseId: first }))).toMatchObject({
      type: 'opened',
      previousCaseId: first,
    });
  });

  it('counts a closed case as its matter resolved, with when and the result', () => {
    expect(read(caseClosed({ caseId: CASE, at: '2026-12-20T09:30:00.000Z' }))).toEqual({
      type: 'closed',
      caseId: CASE,
      result: 'partly_right',
      at: '2026-12-20T09:30:00.000Z',
    });
  });

  it.each(['CaseStopped', 'CaseWithdrawn'] as const)(
    'does not count %s as a resolution: the matter was not settled on its merits',
    (type) => {
      expect(read(caseEnded(type, { caseId: CASE }))).toBeUndefined();
    },
  );

  it('skips the other case events and event types it does not know, whatever their data', () => {
    for (const type of [
      'DenunciationDeclined',
      'CaseTransferredOutOfCompetence',
      'CaseConcluded',
      'CaseReopened',
      'SecondComplaintFiled',
      'SomethingNewer',
      'constructor',
    ]) {
      expect(read(caseEvent(type, CASE, { caseId: CASE, anything: true }))).toBeUndefined();
    }
  });

  it('dead-letters a followed event that breaks its contract, naming the field', () => {
    const noPetition = caseOpened({ caseId: CASE, petitionId: PETITION });
    delete (noPetition.value.data as Record<string, unknown>).petitionId;
    expect(() => read(noPetition)).toThrow(PermanentMessageError);
    expect(() => read(noPetition)).toThrow(/INTAKE\.INVALID_CASE_EVENT CaseOpened at "petitionId"/);

    const badResult = caseClosed({ caseId: CASE });
    (badResult.value.data as Record<string, unknown>).result = 'settled';
    expect(() => read(badResult)).toThrow(/INTAKE\.INVALID_CASE_EVENT CaseClosed at "result"/);
  });

  it('dead-letters a message that is not an integration event at all', () => {
    expect(() => read({ key: CASE, value: 'not json' })).toThrow(/INTAKE\.INVALID_CASE_EVENT envelope/);
    expect(() => read({ key: CASE, value: { type: 'CaseClosed', data: {} } })).toThrow(PermanentMessageError);
  });

  it('dead-letters an event keyed by anything but its case id', () => {
    const closed = caseClosed({ caseId: CASE });
    expect(() => read({ ...closed, key: randomUUID() })).toThrow(/INTAKE\.CASE_KEY_MISMATCH/);
    expect(() => read({ ...closed, value: { ...closed.value, aggregateId: randomUUID() } })).toThrow(
      /INTAKE\.CASE_KEY_MISMATCH/,
    );
  });
});

describe('what intake learns from a processing decision', () => {
  const readDecision = (message: { key: string; value: unknown }) =>
    processingOutcomeOf(message.key, message.value);

  it('learns that a petition was filed away, with the legal reason and when', () => {
    expect(
      readDecision(
        processingDecided({ petitionId: PETITION, outcome: 'file_away', filingReason: 'unsigned' }),
      ),
    ).toEqual({
      type: 'filed',
      petitionId: PETITION,
      filingReason: 'unsigned',
      at: '2026-11-05T02:00:00.000Z',
    });
  });

  it('learns nothing from the other outcomes and the other processing events', () => {
    for (const outcome of ['accept', 'forward', 'guide', 'remind'] as const) {
      expect(readDecision(processingDecided({ petitionId: PETITION, outcome }))).toBeUndefined();
    }
    expect(readDecision(caseEvent('ProcessingProposed', PETITION, { petitionId: PETITION }))).toBeUndefined();
  });

  it('dead-letters a decision that breaks its contract, or keyed by anything but its petition id', () => {
    const broken = processingDecided({
      petitionId: PETITION,
      outcome: 'file_away',
      filingReason: 'unsigned',
    });
    (broken.value.data as Record<string, unknown>).decidedAt = 'yesterday';
    expect(() => readDecision(broken)).toThrow(
      /INTAKE.INVALID_PROCESSING_EVENT ProcessingDecided at "decidedAt"/,
    );
    const rekeyed = {
      ...processingDecided({ petitionId: PETITION, outcome: 'file_away' }),
      key: randomUUID(),
    };
    expect(() => readDecision(rekeyed)).toThrow(PermanentMessageError);
    expect(() => readDecision(rekeyed)).toThrow(/INTAKE.PROCESSING_KEY_MISMATCH/);
  });
});
