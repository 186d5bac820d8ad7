import type { RecordedEvent } from '@tiep-dan/event-store';
import { relayMessages } from '@tiep-dan/messaging';
import { intakeService } from './intake.service';

const PETITION_ID = '3f1c2b4a-5d6e-4f70-8a9b-0c1d2e3f4a5b';
const secretBlob = {
  personId: 'person-1',
  alg: 'A256GCM',
  keyVersion: 1,
  iv: 'aXY=',
  tag: 'dGFn',
  ciphertext: 'Y2lwaGVy',
};

function recorded(streamId: string, type: string, data: unknown): RecordedEvent {
  return {
    id: '0b7c6d5e-4f3a-4b2c-9d1e-0f1a2b3c4d5e',
    streamId,
    streamVersion: 0,
    globalPosition: '10:42',
    type,
    schemaVersion: 1,
    data,
    metadata: { correlationId: 'corr-1', causationId: 'cause-1', occurredAt: '2026-11-28T03:00:00.000Z' },
    recordedAt: new Date('2026-11-28T03:00:01.000Z'),
  };
}

const received = {
  petitionId: PETITION_ID,
  kind: 'denunciation',
  channel: 'post',
  receivedOn: '2026-11-20',
  recordedAt: '2026-11-28T03:00:00.000Z',
  recordedBy: 'canbo',
  petitioners: {
    type: 'individual',
    headcount: 1,
    anonymous: false,
    persons: [
      {
        personId: 'person-1',
        ref: 'P-REF1',
        representative: false,
        hasCitizenId: true,
        hasPhone: true,
        identity: secretBlob,
      },
    ],
  },
  summary: 'Ông Trần Văn Bình tố cáo cán bộ địa chính',
  fullText: 'Toàn văn có tên và địa chỉ',
  classification: 'corruption',
  sensitiveTags: ['land'],
  eligibility: { vietnameseOrTranslated: true, dated: true, signedOrFingerprinted: true },
  missingElements: [],
  location: { hamletCode: 'thon-3', address: 'Số 5, thôn 3' },
  respondent: {
    type: 'official',
    level: 'commune',
    description: 'Cán bộ địa chính xã',
    isChairman: false,
    official: { ...secretBlob, personId: 'official-1' },
  },
  attachments: [],
  requestHash: 'h',
};

describe('intake relay mapping', () => {
  it('publishes a received petition on intake.petition-events.v1 keyed by the petition id, without identity or free texts', () => {
    const [message] = relayMessages(
      intakeService.relayMapper(recorded(`petition-${PETITION_ID}`, 'PetitionReceived', received)),
    );
    expect(message?.topic).toBe('intake.petition-events.v1');
    expect(message?.key).toBe(PETITION_ID);
    const value = message?.value as { data: Record<string, unknown>; aggregateId: string };
    expect(value.aggregateId).toBe(PETITION_ID);
    expect(value.data).toMatchObject({
      petitionId: PETITION_ID,
      kind: 'denunciation',
      classification: 'corruption',
      hamletCode: 'thon-3',
      petitioners: {
        type: 'individual',
        headcount: 1,
        anonymous: false,
        refs: ['P-REF1'],
        representativeRefs: [],
      },
      respondent: { type: 'official', level: 'commune', isChairman: false, namesOfficial: true },
    });
    const text = JSON.stringify(message);
    for (const secret of ['Trần Văn Bình', 'Toàn văn', 'Số 5', 'Y2lwaGVy', 'person-1', 'Cán bộ địa chính']) {
      expect(text).not.toContain(secret);
    }
  });

  it('keeps internal events (processing started, identity reveals) and text-only amendments inside intake', () => {
    const stream = `petition-${PETITION_ID}`;
    expect(
      intakeService.relayMapper(recorded(stream, 'PetitionProcessingStarted', { startedAt: 'x', by: 'y' })),
    ).toBeNull();
    expect(
      intakeService.relayMapper(
        recorded(stream, 'PetitionerIdentityRevealed', {
          revealedAt: 'x',
          revealedTo: {},
          reason: 'r',
          personIds: [],
        }),
      ),
    ).toBeNull();
    expect(
      intakeService.relayMapper(
        recorded(stream, 'PetitionAmended', {
          amendedAt: 'x',
          amendedBy: 'y',
          reason: 'r',
          changes: { summary: 'new' },
        }),
      ),
    ).toBeNull();
  });

  it('publishes an erasure under the pseudonymous reference only', () => {
    const [message] = relayMessages(
      intakeService.relayMapper(
        recorded(`petition-${PETITION_ID}`, 'PetitionerDataErased', {
          erasedAt: 'x',
          erasedBy: 'admin',
          reason: 'request',
          personId: 'person-1',
          personRef: 'P-REF1',
        }),
      ),
    );
    expect((message?.value as { data: unknown }).data).toEqual({
      petitionId: PETITION_ID,
      petitionerRef: 'P-REF1',
    });
  });

  it('stops on an event type it cannot map instead of skipping it', () => {
    expect(() => intakeService.relayMapper(recorded(`petition-${PETITION_ID}`, 'Unknown', {}))).toThrow(
      /Unknown/,
    );
  });

  it('follows only its own streams and publishes nothing else', () => {
    expect(intakeService.streamPrefixes).toEqual(['petition-', 'reception-session-']);
    expect(intakeService.relayMapper(recorded('other-abc', 'PetitionReceived', received))).toBeNull();
    expect(intakeService.topics).toContain('intake.petition-events.v1');
  });
});
