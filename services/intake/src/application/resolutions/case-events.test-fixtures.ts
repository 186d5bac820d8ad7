import { randomUUID } from 'node:crypto';
import type { CaseClosedV1, CaseOpenedV1, IntegrationEvent } from '@tiep-dan/contracts';

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
