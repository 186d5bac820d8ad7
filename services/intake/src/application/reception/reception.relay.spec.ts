import type { RecordedEvent } from '@tiep-dan/event-store';
import { receptionRelayMapper } from './reception.relay';

const SESSION = '6a0f7c52-8d1e-4d8a-9a61-3f0c1b2d4e5f';

function recorded(type: string, data: unknown, streamId = `reception-session-${SESSION}`): RecordedEvent {
  return {
    id: '0b7c6d5e-4f3a-4b2c-9d1e-0f1a2b3c4d5e',
    streamId,
    streamVersion: 2,
    globalPosition: '7',
    type,
    schemaVersion: 1,
    data,
    metadata: { correlationId: 'corr-1', occurredAt: '2026-11-20T03:00:00.000Z', actor: 'officer-1' },
    recordedAt: new Date('2026-11-20T03:00:01.000Z'),
  };
}

describe('reception relay mapping', () => {
  it('publishes on intake.reception-events.v1 keyed by the session id, in the integration envelope', () => {
    const message = receptionRelayMapper(recorded('PetitionLinked', { petitionId: 'p1', visitId: 'v1' }));
    expect(message).toEqual({
      topic: 'intake.reception-events.v1',
      key: SESSION,
      value: {
        eventId: '0b7c6d5e-4f3a-4b2c-9d1e-0f1a2b3c4d5e',
        type: 'PetitionLinked',
        schemaVersion: 1,
        aggregateId: SESSION,
        aggregateVersion: 2,
        occurredAt: '2026-11-20T03:00:00.000Z',
        correlationId: 'corr-1',
        data: { petitionId: 'p1', visitId: 'v1' },
      },
    });
  });

  it('keeps visitor references, matter summaries and the grounds of an "other" refusal inside intake', () => {
    const message = receptionRelayMapper(
      recorded('CitizenReceived', {
        visitId: 'v1',
        visitorRef: 'CD-000123',
        peopleCount: 12,
        delegation: { headcount: 12, representativesCount: 5 },
        firstTime: false,
        matterSummary: 'Tranh chấp đất với hộ ông B',
        outcome: { type: 'refused', reason: { code: 'other', text: 'gây rối' } },
      }),
    );
    expect(message?.value).toMatchObject({
      data: {
        visitId: 'v1',
        peopleCount: 12,
        delegation: { headcount: 12, representativesCount: 5 },
        firstTime: false,
        outcome: { type: 'refused', reason: 'other' },
      },
    });
    const text = JSON.stringify(message);
    for (const secret of ['CD-000123', 'Tranh chấp', 'gây rối']) expect(text).not.toContain(secret);
  });

  it('publishes an online session without its meeting link', () => {
    const message = receptionRelayMapper(
      recorded('ReceptionSessionOpened', {
        sessionId: SESSION,
        kind: 'chairman_periodic',
        date: '2026-07-15',
        venue: {
          mode: 'online',
          platform: 'Zoom',
          link: 'https://meet.example.vn/secret-room',
          linkedSites: [{ name: 'Điểm cầu thôn 1' }],
        },
        presidedBy: { officialId: 'chairman-1', position: 'chairman' },
        receivingOfficialIds: [],
      }),
    );
    expect((message?.value as { data: unknown }).data).toEqual({
      sessionId: SESSION,
      kind: 'chairman_periodic',
      date: '2026-07-15',
      mode: 'online',
      platform: 'Zoom',
      linkedSites: [{ name: 'Điểm cầu thôn 1' }],
      presidedBy: { officialId: 'chairman-1', position: 'chairman' },
      receivingOfficialIds: [],
    });
  });

  it('publishes the computed closing summary', () => {
    const summary = { visits: 3, people: 14, petitions: 2 };
    const message = receptionRelayMapper(
      recorded('ReceptionSessionClosed', { closedAt: '2026-11-20T09:00:00.000Z', summary }),
    );
    expect((message?.value as { data: unknown }).data).toEqual({
      closedAt: '2026-11-20T09:00:00.000Z',
      summary,
    });
  });

  it('publishes neither notes nor events of other streams', () => {
    const note = { noteId: 'n1', text: 'internal', addedBy: 'o', addedAt: '2026-11-20T03:00:00.000Z' };
    expect(receptionRelayMapper(recorded('NoteAdded', note))).toBeNull();
    expect(receptionRelayMapper(recorded('PetitionLinked', { petitionId: 'p1' }, 'petition-abc'))).toBeNull();
  });

  it('refuses to guess about an event type it does not know (the relay stops instead of dropping it)', () => {
    expect(() => receptionRelayMapper(recorded('SomethingNew', {}))).toThrow(/unknown event type/);
  });
});
