import { WorkingCalendar, type LocalDate } from '@tiep-dan/platform/calendar';
import type { ProcessingContext } from './processing.decide';
import type { CompetenceProposal, PetitionFacts } from './processing.types';

/** 2026 with the National Day break (1–2 Sep) as its only days off: enough for these rules. */
export const calendar2026 = new WorkingCalendar([
  {
    year: 2026,
    holidays: [
      { date: '2026-09-01', name: 'Quốc khánh (nghỉ thêm)' },
      { date: '2026-09-02', name: 'Quốc khánh' },
    ],
    makeUpWorkingDays: [],
  },
]);

/** A simple stage rule for the decider's tests: approaching from 8 days used of 10, due on the day, overdue after. */
export const testContext: ProcessingContext = {
  calendar: calendar2026,
  processingTimeLimit: { amount: 10, unit: 'calendar_days' },
  stageOf: (deadline, today: LocalDate) => {
    if (today > deadline.dueOn) return 'overdue';
    if (today === deadline.dueOn) return 'due';
    return calendar2026.workingDaysBetween(today, deadline.dueOn) <= 2 ? 'approaching' : 'on_track';
  },
};

export function facts(overrides: Partial<PetitionFacts> = {}): PetitionFacts {
  return {
    petitionId: '6f1c1f5e-1c2a-4a53-9a55-0d1b7c2e9f01',
    kind: 'complaint',
    channel: 'in_person',
    receivedOn: '2026-11-02',
    classification: 'administrative.land_housing',
    sensitiveTags: ['land'],
    missingElements: [],
    hamletCode: 'thon-3',
    petitioners: { type: 'individual', headcount: 1, anonymous: false, refs: ['P-ABC'] },
    respondent: { type: 'decision', level: 'commune', isChairman: true, namesOfficial: false },
    ...overrides,
  };
}

export const acceptByChairman: CompetenceProposal = {
  ruleId: 'KN-XA-01',
  ruleSetVersion: 3,
  outcome: 'accept',
  body: {
    code: 'committee-leadership',
    name: { vi: 'Chủ tịch UBND xã', en: 'Commune chairman' },
    level: 'commune',
    internal: true,
  },
  unitCode: 'economic-department',
  explanation: {
    vi: 'Khiếu nại lần đầu quyết định của Chủ tịch UBND xã',
    en: 'First complaint about a decision of the commune chairman',
  },
};

export const provincialCommittee = {
  code: 'provincial-committee',
  name: { vi: 'Chủ tịch UBND tỉnh', en: 'Provincial chairman' },
  level: 'province' as const,
  internal: false,
};
