import { unitAssignmentV1 } from '@tiep-dan/contracts';
import type { RecordedEvent } from '@tiep-dan/event-store';
import { relayMessages } from '@tiep-dan/messaging';
import { routingService } from './routing.service';

const CASE_ID = '4b3c2d1e-0f9a-5b8c-9d7e-6f5a4b3c2d1e';
const PETITION_ID = '6f1c1f5e-1c2a-4a53-9a55-0d1b7c2e9f01';

function recorded(streamId: string, type: string, data: Record<string, unknown>): RecordedEvent {
  return {
    id: '0b7c6d5e-4f3a-4b2c-9d1e-0f1a2b3c4d5e',
    streamId,
    streamVersion: 3,
    globalPosition: '10:42',
    type,
    schemaVersion: 1,
    data,
    metadata: { correlationId: 'corr-1', causationId: 'cause-1', occurredAt: '2026-11-28T03:00:00.000Z' },
    recordedAt: new Date('2026-11-28T03:00:01.000Z'),
  };
}

const assigned = {
  caseId: CASE_ID,
  at: '2026-11-28T03:00:00.000Z',
  on: '2026-11-28',
  by: 'system:routing-case-opening',
  petitionId: PETITION_ID,
  assignmentNo: 1,
  unitCode: 'economic-department',
  kind: 'complaint',
  classification: 'administrative.land_housing',
  sensitiveTags: ['land'],
  complexity: 'normal',
  assignedOn: '2026-11-28',
  acknowledgeBy: '2026-12-02',
  acknowledgeWithin: { amount: 2, unit: 'working_days' },
  deadlines: [
    {
      kind: 'resolution',
      start: '2026-11-28',
      dueOn: '2026-12-28',
      duration: { amount: 30, unit: 'calendar_days' },
      legalBasis: 'Luật Khiếu nại 2011 art. 28',
    },
  ],
};

describe('routing relay mapping', () => {
  it('publishes processing events on routing.processing-events.v1 keyed by the petition id', () => {
    const [message, ...rest] = relayMessages(
      routingService.relayMapper(
        recorded(`processing-${PETITION_ID}`, 'ProcessingCancelled', {
          petitionId: PETITION_ID,
          reason: 'withdrawn',
          cancelledAt: '2026-11-28T02:00:00.000Z',
        }),
      ),
    );
    expect(rest).toEqual([]);
    expect(message).toMatchObject({
      topic: 'routing.processing-events.v1',
      key: PETITION_ID,
      value: {
        type: 'ProcessingCancelled',
        aggregateId: PETITION_ID,
        aggregateVersion: 3,
        correlationId: 'corr-1',
      },
    });
  });

  it('publishes case events on routing.case-events.v1 keyed by the case id, without the free texts staff typed', () => {
    const [message, ...rest] = relayMessages(
      routingService.relayMapper(
        recorded(`case-${CASE_ID}`, 'ProgressNoteAdded', {
          caseId: CASE_ID,
          updateId: 'u-1',
          note: 'Gặp ông Nguyễn Văn A',
        }),
      ),
    );
    expect(rest).toEqual([]);
    expect(message).toMatchObject({ topic: 'routing.case-events.v1', key: CASE_ID });
    expect((message?.value as { data: object }).data).toEqual({ caseId: CASE_ID, updateId: 'u-1' });
  });

  it("also sends an assignment to the unit's own topic, as a valid UnitAssignmentV1", () => {
    const messages = relayMessages(
      routingService.relayMapper(recorded(`case-${CASE_ID}`, 'CaseAssigned', assigned)),
    );
    expect(messages.map((m) => m.topic)).toEqual([
      'routing.case-events.v1',
      'routing.unit-assignments.economic-department.v1',
    ]);
    const data = (messages[1]?.value as { data: unknown }).data;
    expect(unitAssignmentV1.parse(data)).toEqual({
      caseId: CASE_ID,
      petitionId: PETITION_ID,
      unitCode: 'economic-department',
      kind: 'complaint',
      classification: 'administrative.land_housing',
      sensitiveTags: ['land'],
      complexity: 'normal',
      assignedOn: '2026-11-28',
      acknowledgeBy: '2026-12-02',
      deadlines: [
        { kind: 'resolution', start: '2026-11-28', dueOn: '2026-12-28', amount: 30, unit: 'calendar_days' },
      ],
    });
    expect(messages[1]?.key).toBe(CASE_ID);
  });

  it('follows only its own streams and publishes nothing else', () => {
    expect(routingService.streamPrefixes).toEqual(['processing-', 'case-']);
    expect(routingService.relayMapper(recorded('other-abc', 'X', {}))).toBeNull();
    expect(routingService.topics).toEqual(
      expect.arrayContaining(['routing.case-events.v1', 'routing.processing-events.v1']),
    );
  });
});
