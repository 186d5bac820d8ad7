import { CASE_INTEGRATION_EVENTS, caseOpenedV1, deadlineStageReachedV1 } from './case.integration-events';
import {
  PROCESSING_INTEGRATION_EVENTS,
  processingDecidedV1,
  processingOpenedV1,
} from './processing.integration-events';

const PETITION = '5f0c2a8e-3b1d-4e6f-9a7c-2d4b6e8f0a13';
const CASE = '0c2f5a52-5d0e-5a7e-9d4e-1f2a3b4c5d6e';
const UPDATE = '2b7e4c1a-9d3f-4a6b-8c5e-7f1a2b3c4d5e';

const facts = {
  petitionId: PETITION,
  kind: 'complaint',
  channel: 'in_person',
  receivedOn: '2026-11-02',
  classification: 'administrative.land_housing',
  sensitiveTags: ['land'],
  missingElements: [],
  hamletCode: 'thon-3',
  petitioners: { type: 'individual', headcount: 1, anonymous: false, refs: ['P-K7Q2M9XW4D8H3R6T1B'] },
  respondent: { type: 'decision', level: 'commune', isChairman: true, namesOfficial: false },
  learnedOfDecisionOn: '2026-10-20',
};
const chairman = {
  code: 'committee-leadership',
  name: { vi: 'Chủ tịch UBND xã', en: 'Commune chairman' },
  level: 'commune',
  internal: true,
};
const proposal = {
  outcome: 'accept',
  body: chairman,
  unitCode: 'economic-department',
  ruleId: 'KN-XA-01',
  ruleSetVersion: 3,
  complaintRound: 'first',
  explanation: {
    vi: 'Khiếu nại lần đầu quyết định của Chủ tịch UBND xã',
    en: 'First complaint about a decision of the commune chairman',
  },
};
const at = {
  caseId: CASE,
  at: '2026-11-09T02:00:00.000Z',
  on: '2026-11-09',
  unitCode: 'economic-department',
};
const resolution = {
  kind: 'resolution',
  start: '2026-11-09',
  dueOn: '2026-12-09',
  duration: { amount: 30, unit: 'calendar_days' },
  legalBasis: 'Luật Khiếu nại 2011, điều 28',
};
const stage = {
  ...at,
  by: 'routing-clock',
  deadline: 'resolution',
  start: '2026-11-09',
  dueOn: '2026-12-09',
  duration: { amount: 30, unit: 'calendar_days' },
  used: 0.8,
  unitCode: 'economic-department',
};

/** One realistic `data` per event type, as routing's relay publishes it. */
const processingSamples: Record<keyof typeof PROCESSING_INTEGRATION_EVENTS, unknown> = {
  ProcessingOpened: {
    petitionId: PETITION,
    facts,
    deadline: { start: '2026-11-02', dueOn: '2026-11-12', duration: { amount: 10, unit: 'calendar_days' } },
    openedAt: '2026-11-02T03:15:00.000Z',
  },
  ProcessingProposed: { petitionId: PETITION, proposal, proposedAt: '2026-11-02T03:15:00.000Z' },
  ProcessingFactsAmended: {
    petitionId: PETITION,
    facts: { ...facts, classification: 'administrative.policy', sensitiveTags: [] },
    amendedAt: '2026-11-03T01:00:00.000Z',
  },
  ProcessingDecided: {
    petitionId: PETITION,
    kind: 'complaint',
    receivedOn: '2026-11-02',
    decision: {
      ...proposal,
      complexity: 'normal',
      remoteArea: false,
      overridden: false,
      caseId: CASE,
    },
    proposed: proposal,
    decidedBy: '8d2f6b1e-4c3a-4e7b-9f05-6a1c3e5b7d92',
    decidedAt: '2026-11-05T02:00:00.000Z',
    decidedOn: '2026-11-05',
    late: false,
  },
  ProcessingCancelled: {
    petitionId: PETITION,
    reason: 'withdrawn',
    cancelledAt: '2026-11-04T08:00:00+07:00',
  },
  ProcessingDeadlineReached: {
    petitionId: PETITION,
    stage: 'approaching',
    dueOn: '2026-11-12',
    today: '2026-11-10',
  },
};

const caseSamples: Record<keyof typeof CASE_INTEGRATION_EVENTS, unknown> = {
  CaseOpened: {
    ...at,
    by: 'system:case-opening',
    petitionId: PETITION,
    kind: 'complaint',
    classification: 'administrative.land_housing',
    sensitiveTags: ['land'],
    complaintRound: 'first',
    complexity: 'normal',
    remoteArea: false,
    receivedOn: '2026-11-02',
    unitCode: 'economic-department',
    ruleId: 'KN-XA-01',
    ruleSetVersion: 3,
    petitionerRefs: ['P-K7Q2M9XW4D8H3R6T1B'],
    complaintAcceptance: {
      start: '2026-11-02',
      dueOn: '2026-11-12',
      duration: { amount: 10, unit: 'calendar_days' },
      legalBasis: 'Luật Khiếu nại 2011, điều 27',
      late: false,
    },
  },
  CaseAssigned: {
    ...at,
    by: 'system:case-opening',
    petitionId: PETITION,
    assignmentNo: 1,
    unitCode: 'economic-department',
    kind: 'complaint',
    classification: 'administrative.land_housing',
    sensitiveTags: ['land'],
    complexity: 'normal',
    assignedOn: '2026-11-09',
    acknowledgeBy: '2026-11-11',
    acknowledgeWithin: { amount: 2, unit: 'working_days' },
    deadlines: [resolution],
  },
  AssignmentAcknowledged: {
    ...at,
    by: 'kt-01',
    updateId: UPDATE,
    assignmentNo: 1,
    unitCode: 'economic-department',
    handlerId: 'kt-01',
    acknowledgeBy: '2026-11-11',
    late: false,
  },
  VerificationStarted: { ...at, by: 'kt-01', updateId: UPDATE, unitCode: 'economic-department' },
  ProgressNoteAdded: { ...at, by: 'kt-01', updateId: UPDATE, unitCode: 'economic-department' },
  DenunciationAccepted: {
    ...at,
    by: 'user-office-1',
    acceptanceCheckDueOn: '2026-11-11',
    late: false,
    deadlines: [
      { ...resolution, legalBasis: 'Luật Tố cáo 2018, điều 30' },
      {
        kind: 'acceptance_to_accused',
        start: '2026-11-09',
        dueOn: '2026-11-16',
        duration: { amount: 5, unit: 'working_days' },
        legalBasis: 'Luật Tố cáo 2018, điều 29',
      },
    ],
  },
  DenunciationDeclined: {
    ...at,
    by: 'user-office-1',
    acceptanceCheckDueOn: '2026-11-11',
    late: false,
  },
  AcceptanceCheckExtended: {
    ...at,
    by: 'user-office-1',
    previousDueOn: '2026-11-11',
    deadline: {
      kind: 'acceptance_check',
      start: '2026-11-02',
      dueOn: '2026-11-16',
      duration: { amount: 10, unit: 'working_days' },
      legalBasis: 'Luật Tố cáo 2018, điều 24',
    },
  },
  NoticeSent: {
    ...at,
    by: 'user-office-1',
    notice: 'decision_to_complainant',
    sentOn: '2026-11-09',
    dueOn: '2026-11-12',
    late: false,
  },
  DeadlineExtended: {
    ...at,
    by: 'kt-01',
    updateId: UPDATE,
    extensionNo: 1,
    added: { amount: 15, unit: 'calendar_days' },
    decisionNumber: '07/QĐ-UBND',
    complexity: 'complex',
    previousDueOn: '2026-12-09',
    deadline: { ...resolution, dueOn: '2026-12-24', duration: { amount: 45, unit: 'calendar_days' } },
    legalBasis: 'Luật Khiếu nại 2011, điều 28',
  },
  CaseSuspended: { ...at, by: 'user-office-1' },
  CaseResumed: {
    ...at,
    by: 'user-office-1',
    suspension: { from: '2026-11-10', to: '2026-11-19' },
    deadlines: [{ ...resolution, dueOn: '2026-12-19' }],
  },
  CaseStopped: { ...at, by: 'user-office-1' },
  CaseWithdrawnInPart: { ...at, by: 'user-office-1' },
  CaseWithdrawn: { ...at, by: 'user-office-1' },
  CaseReopened: {
    ...at,
    by: 'user-office-1',
    reason: 'withdrawal_coerced',
    status: 'acknowledged',
    suspension: null,
    deadlines: [resolution],
  },
  CaseConcluded: {
    ...at,
    by: 'kt-01',
    updateId: UPDATE,
    result: 'partly_right',
    documentNumber: '15/QĐ-UBND',
    issuedOn: '2026-12-01',
    enforcementRequired: true,
    resolutionDueOn: '2026-12-09',
    late: false,
    deadlines: [
      {
        kind: 'decision_to_complainant',
        start: '2026-12-01',
        dueOn: '2026-12-04',
        duration: { amount: 3, unit: 'working_days' },
        legalBasis: 'Luật Khiếu nại 2011, điều 32',
        verify: true,
      },
    ],
  },
  EnforcementStarted: { ...at, by: 'kt-01', updateId: UPDATE },
  EnforcementCompleted: { ...at, by: 'kt-01' },
  CaseClosed: { ...at, by: 'user-office-1', result: 'partly_right', enforced: true },
  CaseTransferred: {
    ...at,
    by: 'user-office-1',
    fromUnitCode: 'economic-department',
    toUnitCode: 'culture-social-department',
  },
  CaseTransferredOutOfCompetence: {
    ...at,
    by: 'user-office-1',
    toBody: 'ubkt-dang-uy',
  },
  SecondComplaintFiled: {
    ...at,
    by: 'user-office-1',
    petitionId: '7b2c3d4e-5f6a-4b7c-8d9e-0f1a2b3c4d5e',
    filedOn: '2026-12-20',
    nextLevelBody: 'provincial-committee',
    basis: 'first_decision',
    window: {
      kind: 'second_complaint_filing',
      start: '2026-12-01',
      dueOn: '2026-12-31',
      duration: { amount: 30, unit: 'calendar_days' },
      legalBasis: 'Luật Khiếu nại 2011, điều 33',
    },
  },
  DeadlineApproaching: stage,
  DeadlineDue: { ...stage, used: 1 },
  DeadlineOverdue: { ...stage, used: 1.1 },
  AssignmentEscalated: {
    ...at,
    by: 'routing-clock',
    assignmentNo: 1,
    unitCode: 'economic-department',
    assignedOn: '2026-11-09',
    acknowledgeBy: '2026-11-11',
  },
};

describe('routing.processing-events.v1 data contracts', () => {
  it.each(Object.entries(processingSamples))(
    'accepts the data of %s as the relay publishes it',
    (type, data) => {
      const schema = PROCESSING_INTEGRATION_EVENTS[type as keyof typeof PROCESSING_INTEGRATION_EVENTS];
      expect(schema.parse(data)).toEqual(data);
    },
  );

  it('accepts an undetermined proposal with the gap in the rules', () => {
    const gap = {
      outcome: 'undetermined',
      complaintRound: 'first',
      gap: { code: 'JURISDICTION.NO_RULE', message: 'no rule matches' },
      explanation: { vi: 'Chưa có quy tắc thẩm quyền', en: 'No competence rule' },
    };
    const data = { petitionId: PETITION, proposal: gap, proposedAt: '2026-11-02T03:15:00.000Z' };
    expect(PROCESSING_INTEGRATION_EVENTS.ProcessingProposed.parse(data)).toEqual(data);
  });

  it('refuses an undetermined decision: a processor always decides an outcome', () => {
    const decided = processingSamples.ProcessingDecided as { decision: object };
    const data = { ...decided, decision: { ...decided.decision, outcome: 'undetermined' } };
    expect(processingDecidedV1.safeParse(data).success).toBe(false);
  });

  it('refuses a receipt date that is not YYYY-MM-DD and a petition id that is not a UUID', () => {
    const opened = processingSamples.ProcessingOpened as { facts: object };
    expect(
      processingOpenedV1.safeParse({ ...opened, facts: { ...opened.facts, receivedOn: '02/11/2026' } })
        .success,
    ).toBe(false);
    expect(processingOpenedV1.safeParse({ ...opened, petitionId: 'petition-1' }).success).toBe(false);
  });
});

describe('routing.case-events.v1 data contracts', () => {
  it.each(Object.entries(caseSamples))('accepts the data of %s as the relay publishes it', (type, data) => {
    const schema = CASE_INTEGRATION_EVENTS[type as keyof typeof CASE_INTEGRATION_EVENTS];
    expect(schema.parse(data)).toEqual(data);
  });

  it('refers to petitioners by pseudonymous references only, never by name', () => {
    const opened = caseSamples.CaseOpened as object;
    expect(caseOpenedV1.safeParse({ ...opened, petitionerRefs: ['Nguyễn Văn An'] }).success).toBe(false);
  });

  it('knows only the deadlines a case tracks', () => {
    expect(deadlineStageReachedV1.safeParse({ ...stage, deadline: 'processing' }).success).toBe(false);
  });

  it('requires who acted and when on every case event', () => {
    for (const [type, data] of Object.entries(caseSamples)) {
      const schema = CASE_INTEGRATION_EVENTS[type as keyof typeof CASE_INTEGRATION_EVENTS];
      const { by: _by, ...withoutActor } = data as { by: string };
      expect(schema.safeParse(withoutActor).success).toBe(false);
    }
  });
});
