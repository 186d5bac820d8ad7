import { randomUUID } from 'node:crypto';
import {
  Topics,
  type CaseClosedV1,
  type CaseOpenedV1,
  type IntegrationEvent,
  type ProcessingDecidedV1,
} from '@tiep-dan/contracts';

/** Messages of `routing.case-events.v1` as routing's relay publishes them (contract shapes), for tests. */
export interface CaseEventMessage {
  key: string;
  value: IntegrationEvent;
}

const common = (caseId: string, at: string) => ({
  caseId,
  at,
  on: at.slice(0, 10),
  by: 'user-office-1',
  unitCode: 'economic-department',
});

export function caseEvent(
  type: string,
  caseId: string,
  data: Record<string, unknown>,
  version = 0,
): CaseEventMessage {
  return {
    key: caseId,
    value: {
      eventId: randomUUID(),
      type,
      schemaVersion: 1,
      aggregateId: caseId,
      aggregateVersion: version,
      occurredAt: String(data.at ?? '2026-11-09T08:00:00.000Z'),
      data,
    },
  };
}

export function caseOpened(options: {
  caseId: string;
  petitionId: string;
  previousCaseId?: string;
  at?: string;
}): CaseEventMessage {
  const data: CaseOpenedV1 = {
    ...common(options.caseId, options.at ?? '2026-11-09T08:00:00.000Z'),
    by: 'system:case-opening',
    petitionId: options.petitionId,
    kind: 'complaint',
    classification: 'administrative.land_housing',
    sensitiveTags: ['land'],
    complaintRound: options.previousCaseId ? 'second' : 'first',
    complexity: 'normal',
    remoteArea: false,
    receivedOn: '2026-11-02',
    ruleId: 'KN-XA-01',
    ruleSetVersion: 1,
    petitionerRefs: ['P-K7Q2M9XW4D8H3R6T1B'],
    ...(options.previousCaseId ? { previousCaseId: options.previousCaseId } : {}),
  };
  return caseEvent('CaseOpened', options.caseId, data);
}

export function caseClosed(options: { caseId: string; at?: string; version?: number }): CaseEventMessage {
  const data: CaseClosedV1 = {
    ...common(options.caseId, options.at ?? '2026-12-20T08:00:00.000Z'),
    result: 'partly_right',
    enforced: true,
  };
  return caseEvent('CaseClosed', options.caseId, data, options.version ?? 9);
}

/** An ending that settles nothing (CaseStopped, CaseWithdrawn...): the same data as any case event. */
export function caseEnded(
  type: 'CaseStopped' | 'CaseWithdrawn',
  options: { caseId: string; at?: string },
): CaseEventMessage {
  return caseEvent(type, options.caseId, common(options.caseId, options.at ?? '2026-12-01T08:00:00.000Z'), 5);
}

/** A `ProcessingDecided` of `routing.processing-events.v1` (key: petition id) as routing publishes it. */
export function processingDecided(options: {
  petitionId: string;
  outcome: 'accept' | 'file_away' | 'forward' | 'guide' | 'remind';
  filingReason?: ProcessingDecidedV1['decision']['filingReason'];
}): CaseEventMessage & { topic: string } {
  const data: ProcessingDecidedV1 = {
    petitionId: options.petitionId,
    kind: 'complaint',
    receivedOn: '2026-11-02',
    decision: {
      outcome: options.outcome,
      ...(options.filingReason ? { filingReason: options.filingReason } : {}),
      explanation: { vi: 'Giải thích', en: 'Explanation' },
      complexity: 'normal',
      remoteArea: false,
      overridden: false,
    },
    proposed: { outcome: options.outcome, explanation: { vi: 'Giải thích', en: 'Explanation' } },
    decidedBy: '8d2f6b1e-4c3a-4e7b-9f05-6a1c3e5b7d92',
    decidedAt: '2026-11-05T02:00:00.000Z',
    decidedOn: '2026-11-05',
    late: false,
  };
  return {
    ...caseEvent('ProcessingDecided', options.petitionId, data, 2),
    topic: Topics.routingProcessingEvents,
  };
}
