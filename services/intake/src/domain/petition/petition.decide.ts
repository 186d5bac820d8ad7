import { DomainError, type PetitionSubmission } from '@tiep-dan/contracts';
import type { PetitionAmended, PetitionEvent, PetitionLocation, PetitionReceived } from './petition.events';
import { checkClassification, isRealDate } from './petition.rules';
import type { PetitionState } from './petition.state';
import { nfc } from './petitioner.rules';

export interface Actor {
  userId: string;
  username: string;
  roles: readonly string[];
}

/** Roles that may see a denouncer's identity (DOMAIN.md: the chairman decides and sees everything). */
export const IDENTITY_REVEAL_ROLES = ['chairman'] as const;

export type PetitionCommand =
  | { type: 'RecordPetition'; now: string; received: PetitionReceived['data'] }
  | {
      type: 'AmendPetition';
      now: string;
      today: string;
      actor: Actor;
      reason: string;
      changes: Partial<
        Pick<
          PetitionSubmission,
          'summary' | 'fullText' | 'classification' | 'sensitiveTags' | 'eligibility' | 'learnedOfDecisionOn'
        >
      > & { location?: PetitionLocation };
      /** Recomputed by the caller from the amended petition. */
      missingElements?: string[];
    }
  | { type: 'WithdrawPetition'; now: string; actor: Actor; reason: string }
  | {
      type: 'SplitPetition';
      now: string;
      actor: Actor;
      reason: string;
      /** Ids chosen by the caller (name-based, so a retried split makes the same parts). */
      parts: Array<{
        petitionId: string;
        kind: PetitionSubmission['kind'];
        classification: string;
        summary: string;
        sensitiveTags?: PetitionSubmission['sensitiveTags'];
      }>;
    }
  | { type: 'StartProcessing'; now: string; by: string }
  | { type: 'RevealPetitionerIdentity'; now: string; actor: Actor; reason: string }
  | { type: 'ErasePetitionerData'; now: string; actor: Actor; reason: string; personId: string };

/** The petition's decider: pure, "now" comes with the command. Returns the events to append. */
export function decide(state: PetitionState | undefined, command: PetitionCommand): PetitionEvent[] {
  if (command.type === 'RecordPetition') {
    if (state) {
      // A retry of the same submission (same idempotency key) changes nothing; another body is a misuse.
      if (state.received.requestHash === command.received.requestHash) return [];
      throw new DomainError(
        'IDEMPOTENCY.KEY_REUSED',
        'Khóa Idempotency-Key này đã được dùng cho một đơn khác.',
        'unprocessable',
      );
    }
    return [{ type: 'PetitionReceived', data: command.received }];
  }
  if (!state) throw new DomainError('PETITION.NOT_FOUND', 'Không tìm thấy đơn.', 'not_found');

  switch (command.type) {
    case 'AmendPetition':
      return amend(state, command);
    case 'WithdrawPetition':
      if (state.status === 'withdrawn') {
        throw new DomainError('PETITION.ALREADY_WITHDRAWN', 'Đơn đã được rút.', 'conflict');
      }
      requireReason(command.reason);
      return [
        {
          type: 'PetitionWithdrawn',
          data: {
            withdrawnAt: command.now,
            withdrawnBy: command.actor.username,
            reason: nfc(command.reason),
          },
        },
      ];
    case 'SplitPetition':
      return split(state, command);
    case 'StartProcessing':
      return state.status === 'received'
        ? [{ type: 'PetitionProcessingStarted', data: { startedAt: command.now, by: command.by } }]
        : [];
    case 'RevealPetitionerIdentity': {
      if (state.received.kind !== 'denunciation') {
        throw new DomainError(
          'PETITION.NOT_SECRET',
          'Chỉ danh tính người tố cáo được giữ bí mật; đơn này không phải đơn tố cáo.',
          'conflict',
        );
      }
      if (!command.actor.roles.some((r) => (IDENTITY_REVEAL_ROLES as readonly string[]).includes(r))) {
        throw new DomainError(
          'PETITION.IDENTITY_FORBIDDEN',
          'Vai trò của bạn không được xem danh tính người tố cáo.',
          'forbidden',
        );
      }
      if (state.received.petitioners.anonymous) {
        throw new DomainError('PETITION.ANONYMOUS', 'Đơn nặc danh không có danh tính để xem.', 'conflict');
      }
      requireReason(command.reason);
      return [
        {
          type: 'PetitionerIdentityRevealed',
          data: {
            revealedAt: command.now,
            revealedTo: {
              userId: command.actor.userId,
              username: command.actor.username,
              roles: [...command.actor.roles],
            },
            reason: nfc(command.reason),
            personIds: state.received.petitioners.persons.map((p) => p.personId),
          },
        },
      ];
    }
    case 'ErasePetitionerData': {
      const person = state.received.petitioners.persons.find((p) => p.personId === command.personId);
      if (!person) {
        throw new DomainError('PETITION.UNKNOWN_PERSON', 'Người này không có trong đơn.', 'not_found');
      }
      if (state.erasedPersonIds.includes(command.personId)) return [];
      requireReason(command.reason);
      return [
        {
          type: 'PetitionerDataErased',
          data: {
            erasedAt: command.now,
            erasedBy: command.actor.username,
            reason: nfc(command.reason),
            personId: command.personId,
            personRef: person.ref,
          },
        },
      ];
    }
  }
}

function amend(
  state: PetitionState,
  command: Extract<PetitionCommand, { type: 'AmendPetition' }>,
): PetitionEvent[] {
  if (state.status !== 'received') {
    throw new DomainError(
      state.status === 'withdrawn' ? 'PETITION.ALREADY_WITHDRAWN' : 'PETITION.ALREADY_IN_PROCESSING',
      state.status === 'withdrawn'
        ? 'Đơn đã được rút.'
        : 'Đơn đã được chuyển xử lý; không thể sửa ở bước tiếp nhận.',
      'conflict',
    );
  }
  requireReason(command.reason);
  const { changes } = command;
  if (changes.classification !== undefined) checkClassification(state.current.kind, changes.classification);
  if (changes.learnedOfDecisionOn !== undefined) {
    if (state.current.kind !== 'complaint') {
      throw new DomainError(
        'PETITION.FIELD_NOT_APPLICABLE',
        'Ngày biết được quyết định, hành vi chỉ áp dụng cho đơn khiếu nại.',
        'validation',
        { field: 'learnedOfDecisionOn' },
      );
    }
    if (!isRealDate(changes.learnedOfDecisionOn)) {
      throw new DomainError('PETITION.INVALID_DATE', 'Ngày không hợp lệ.', 'validation', {
        field: 'learnedOfDecisionOn',
      });
    }
    if (changes.learnedOfDecisionOn > state.current.receivedOn) {
      throw new DomainError(
        'PETITION.DATE_AFTER_RECEIPT',
        'Ngày này không thể sau ngày nhận đơn.',
        'validation',
        {
          field: 'learnedOfDecisionOn',
        },
      );
    }
  }
  const normalized: PetitionAmended['data']['changes'] = {
    ...(changes.summary !== undefined ? { summary: nfc(changes.summary) } : {}),
    ...(changes.fullText !== undefined ? { fullText: changes.fullText.normalize('NFC') } : {}),
    ...(changes.classification !== undefined ? { classification: changes.classification } : {}),
    ...(changes.sensitiveTags !== undefined ? { sensitiveTags: [...new Set(changes.sensitiveTags)] } : {}),
    ...(changes.eligibility !== undefined ? { eligibility: changes.eligibility } : {}),
    ...(changes.location !== undefined ? { location: changes.location } : {}),
    ...(changes.learnedOfDecisionOn !== undefined
      ? { learnedOfDecisionOn: changes.learnedOfDecisionOn }
      : {}),
    ...(command.missingElements !== undefined ? { missingElements: command.missingElements } : {}),
  };
  if (Object.keys(normalized).length === 0) {
    throw new DomainError('PETITION.NOTHING_TO_AMEND', 'Không có nội dung nào được sửa.');
  }
  return [
    {
      type: 'PetitionAmended',
      data: {
        amendedAt: command.now,
        amendedBy: command.actor.username,
        reason: nfc(command.reason),
        changes: normalized,
      },
    },
  ];
}

function split(
  state: PetitionState,
  command: Extract<PetitionCommand, { type: 'SplitPetition' }>,
): PetitionEvent[] {
  if (state.status === 'split') {
    // A retried split with the same parts is already done; different parts are a conflict.
    const same = JSON.stringify(state.splitInto) === JSON.stringify(command.parts.map((p) => p.petitionId));
    if (same) return [];
    throw new DomainError('PETITION.ALREADY_SPLIT', 'Đơn đã được tách.', 'conflict');
  }
  if (state.status !== 'received') {
    throw new DomainError(
      state.status === 'withdrawn' ? 'PETITION.ALREADY_WITHDRAWN' : 'PETITION.ALREADY_IN_PROCESSING',
      state.status === 'withdrawn'
        ? 'Đơn đã được rút.'
        : 'Đơn đã được chuyển xử lý; không thể tách ở bước tiếp nhận.',
      'conflict',
    );
  }
  if (command.parts.length < 2) {
    throw new DomainError('PETITION.SPLIT_NEEDS_PARTS', 'Tách đơn cần ít nhất hai nội dung.');
  }
  requireReason(command.reason);
  command.parts.forEach((part) => checkClassification(part.kind, part.classification));
  return [
    {
      type: 'PetitionSplit',
      data: {
        splitAt: command.now,
        splitBy: command.actor.username,
        reason: nfc(command.reason),
        parts: command.parts.map((part) => ({
          petitionId: part.petitionId,
          kind: part.kind,
          classification: part.classification,
          summary: nfc(part.summary),
          sensitiveTags: [...new Set(part.sensitiveTags ?? state.current.sensitiveTags)],
        })),
      },
    },
  ];
}

function requireReason(reason: string): void {
  if (nfc(reason).length < 5) {
    throw new DomainError('PETITION.REASON_REQUIRED', 'Hãy ghi lý do (ít nhất 5 ký tự).');
  }
}
