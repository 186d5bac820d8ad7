import { DomainError } from '@tiep-dan/contracts';
import { decide, type Actor, type PetitionCommand } from './petition.decide';
import type { PetitionEvent, PetitionReceived } from './petition.events';
import { foldPetition } from './petition.state';

const NOW = '2026-11-29T03:00:00.000Z';
const clerk: Actor = { userId: 'u1', username: 'canbo.tiepdan', roles: ['reception_officer'] };
const chairman: Actor = { userId: 'u2', username: 'chu.tich', roles: ['chairman'] };
const police: Actor = { userId: 'u3', username: 'cong.an', roles: ['police'] };

function received(overrides: Partial<PetitionReceived['data']> = {}): PetitionReceived {
  return {
    type: 'PetitionReceived',
    data: {
      petitionId: 'p-1',
      kind: 'complaint',
      channel: 'in_person',
      receivedOn: '2026-11-20',
      recordedAt: NOW,
      recordedBy: 'canbo.tiepdan',
      petitioners: {
        type: 'individual',
        headcount: 1,
        anonymous: false,
        persons: [
          {
            personId: 'person-1',
            ref: 'P-abc',
            representative: false,
            hasCitizenId: true,
            hasPhone: false,
            identity: {
              personId: 'person-1',
              alg: 'A256GCM',
              keyVersion: 1,
              iv: 'x',
              tag: 'y',
              ciphertext: 'z',
            },
          },
        ],
      },
      summary: 'Khiếu nại quyết định thu hồi đất',
      classification: 'administrative.land_housing',
      sensitiveTags: ['land'],
      eligibility: { vietnameseOrTranslated: true, dated: true, signedOrFingerprinted: true },
      missingElements: [],
      location: { hamletCode: 'thon-3' },
      attachments: [],
      requestHash: 'hash-1',
      ...overrides,
    },
  };
}

/** given(events).when(command) → events or the error code. */
function given(...history: PetitionEvent[]) {
  return {
    when(command: PetitionCommand): PetitionEvent[] | string {
      try {
        return decide(foldPetition(history), command);
      } catch (error) {
        if (error instanceof DomainError) return error.code;
        throw error;
      }
    },
  };
}

describe('petition decider', () => {
  describe('recording', () => {
    it('records a new petition once', () => {
      const event = received();
      expect(given().when({ type: 'RecordPetition', now: NOW, received: event.data })).toEqual([event]);
    });

    it('treats a retry with the same request as already done', () => {
      expect(given(received()).when({ type: 'RecordPetition', now: NOW, received: received().data })).toEqual(
        [],
      );
    });

    it('refuses an idempotency key reused for a different request', () => {
      const other = received({ requestHash: 'hash-2' }).data;
      expect(given(received()).when({ type: 'RecordPetition', now: NOW, received: other })).toBe(
        'IDEMPOTENCY.KEY_REUSED',
      );
    });
  });

  describe('amending before processing', () => {
    const amend = (changes: object, reason = 'Bổ sung theo lời công dân'): PetitionCommand => ({
      type: 'AmendPetition',
      now: NOW,
      today: '2026-11-29',
      actor: clerk,
      reason,
      changes,
    });

    it('amends a received petition with a reason', () => {
      const events = given(received()).when(
        amend({ summary: '  Khiếu nại   quyết định thu hồi đất ở thôn 3 ' }),
      );
      expect(events).toEqual([
        {
          type: 'PetitionAmended',
          data: {
            amendedAt: NOW,
            amendedBy: 'canbo.tiepdan',
            reason: 'Bổ sung theo lời công dân',
            changes: { summary: 'Khiếu nại quyết định thu hồi đất ở thôn 3' },
          },
        },
      ]);
    });

    it('refuses to amend once routing has started processing', () => {
      const started: PetitionEvent = {
        type: 'PetitionProcessingStarted',
        data: { startedAt: NOW, by: 'routing' },
      };
      expect(given(received(), started).when(amend({ summary: 'x' }))).toBe('PETITION.ALREADY_IN_PROCESSING');
    });

    it('refuses a classification of another kind, an empty amendment and a missing reason', () => {
      expect(given(received()).when(amend({ classification: 'corruption' }))).toBe(
        'PETITION.INVALID_CLASSIFICATION',
      );
      expect(given(received()).when(amend({}))).toBe('PETITION.NOTHING_TO_AMEND');
      expect(given(received()).when(amend({ summary: 'x' }, ' '))).toBe('PETITION.REASON_REQUIRED');
    });

    it('refuses a learned-of date after receipt', () => {
      expect(given(received()).when(amend({ learnedOfDecisionOn: '2026-11-21' }))).toBe(
        'PETITION.DATE_AFTER_RECEIPT',
      );
    });
  });

  describe('withdrawal', () => {
    const withdraw: PetitionCommand = {
      type: 'WithdrawPetition',
      now: NOW,
      actor: clerk,
      reason: 'Công dân rút đơn',
    };

    it('withdraws once', () => {
      const events = given(received()).when(withdraw);
      expect(events).toEqual([
        {
          type: 'PetitionWithdrawn',
          data: { withdrawnAt: NOW, withdrawnBy: 'canbo.tiepdan', reason: 'Công dân rút đơn' },
        },
      ]);
      expect(given(received(), ...(events as PetitionEvent[])).when(withdraw)).toBe(
        'PETITION.ALREADY_WITHDRAWN',
      );
    });

    it('answers not found for a petition that does not exist', () => {
      expect(given().when(withdraw)).toBe('PETITION.NOT_FOUND');
    });
  });

  describe("denouncer's identity", () => {
    const denunciation = received({ kind: 'denunciation', classification: 'corruption' });
    const reveal = (actor: Actor): PetitionCommand => ({
      type: 'RevealPetitionerIdentity',
      now: NOW,
      actor,
      reason: 'Cần liên hệ để xác minh nội dung tố cáo',
    });

    it('reveals it to the chairman and records who, when and why', () => {
      expect(given(denunciation).when(reveal(chairman))).toEqual([
        {
          type: 'PetitionerIdentityRevealed',
          data: {
            revealedAt: NOW,
            revealedTo: { userId: 'u2', username: 'chu.tich', roles: ['chairman'] },
            reason: 'Cần liên hệ để xác minh nội dung tố cáo',
            personIds: ['person-1'],
          },
        },
      ]);
    });

    it('never reveals it to the police or the reception officer', () => {
      expect(given(denunciation).when(reveal(police))).toBe('PETITION.IDENTITY_FORBIDDEN');
      expect(given(denunciation).when(reveal(clerk))).toBe('PETITION.IDENTITY_FORBIDDEN');
    });

    it('has nothing to reveal on a complaint or an anonymous denunciation', () => {
      expect(given(received()).when(reveal(chairman))).toBe('PETITION.NOT_SECRET');
      const anonymous = received({
        kind: 'denunciation',
        classification: 'corruption',
        petitioners: { type: 'anonymous', headcount: 1, anonymous: true, persons: [] },
      });
      expect(given(anonymous).when(reveal(chairman))).toBe('PETITION.ANONYMOUS');
    });
  });

  describe('erasure', () => {
    const erase = (personId: string): PetitionCommand => ({
      type: 'ErasePetitionerData',
      now: NOW,
      actor: { userId: 'a', username: 'quantri', roles: ['administrator'] },
      reason: 'Yêu cầu xóa dữ liệu cá nhân',
      personId,
    });

    it('records the erasure once for a person of the petition', () => {
      const events = given(received()).when(erase('person-1')) as PetitionEvent[];
      expect(events.map((e) => e.type)).toEqual(['PetitionerDataErased']);
      expect(given(received(), ...events).when(erase('person-1'))).toEqual([]);
      expect(given(received()).when(erase('someone-else'))).toBe('PETITION.UNKNOWN_PERSON');
    });
  });

  describe('splitting a petition with several contents', () => {
    const split = (
      parts: Array<{
        kind: 'complaint' | 'denunciation' | 'recommendation' | 'reflection';
        classification: string;
      }>,
    ): PetitionCommand => ({
      type: 'SplitPetition',
      now: NOW,
      actor: clerk,
      reason: 'Đơn có hai nội dung khác nhau',
      parts: parts.map((p, i) => ({ ...p, petitionId: `part-${i}`, summary: `Nội dung ${i + 1}` })),
    });
    const twoParts = split([
      { kind: 'complaint', classification: 'administrative.land_housing' },
      { kind: 'denunciation', classification: 'corruption' },
    ]);

    it('records the parts, each with its own kind and classification, keeping the tags by default', () => {
      expect(given(received()).when(twoParts)).toEqual([
        {
          type: 'PetitionSplit',
          data: {
            splitAt: NOW,
            splitBy: 'canbo.tiepdan',
            reason: 'Đơn có hai nội dung khác nhau',
            parts: [
              {
                petitionId: 'part-0',
                kind: 'complaint',
                classification: 'administrative.land_housing',
                summary: 'Nội dung 1',
                sensitiveTags: ['land'],
              },
              {
                petitionId: 'part-1',
                kind: 'denunciation',
                classification: 'corruption',
                summary: 'Nội dung 2',
                sensitiveTags: ['land'],
              },
            ],
          },
        },
      ]);
    });

    it('needs at least two parts with classifications of their kinds', () => {
      expect(
        given(received()).when(split([{ kind: 'complaint', classification: 'administrative.other' }])),
      ).toBe('PETITION.SPLIT_NEEDS_PARTS');
      expect(
        given(received()).when(
          split([
            { kind: 'complaint', classification: 'corruption' },
            { kind: 'reflection', classification: 'land' },
          ]),
        ),
      ).toBe('PETITION.INVALID_CLASSIFICATION');
    });

    it('treats the same split again as done, and refuses a different one or a split after processing started', () => {
      const events = given(received()).when(twoParts) as PetitionEvent[];
      expect(given(received(), ...events).when(twoParts)).toEqual([]);
      expect(
        given(received(), ...events).when(
          split([
            { kind: 'reflection', classification: 'land' },
            { kind: 'reflection', classification: 'other' },
            { kind: 'reflection', classification: 'policy' },
          ]),
        ),
      ).toBe('PETITION.ALREADY_SPLIT');
      const started: PetitionEvent = {
        type: 'PetitionProcessingStarted',
        data: { startedAt: NOW, by: 'routing' },
      };
      expect(given(received(), started).when(twoParts)).toBe('PETITION.ALREADY_IN_PROCESSING');
    });
  });
});
