import type { FilingReason, PetitionChannel } from '@tiep-dan/contracts';
import { addCalendarDays, type LocalDate } from '@tiep-dan/platform/calendar';
import type {
  CompetenceGap,
  CompetenceProposal,
  PetitionFacts,
  ProcessingProposal,
  Text,
} from './processing.types';

/** LKN 2011 art. 9: a complaint is filed within 90 days of learning of the decision or act. */
export const COMPLAINT_FILING_LIMIT_DAYS = 90;

/**
 * Channels on which a petition carries no handwritten signature by nature: an online submission, an
 * e-mail or a call is identified by the channel itself (Luật 136/2025 adds online reception), so a
 * missing signature there is no reason to file it away.
 */
const CHANNELS_WITHOUT_SIGNATURE: ReadonlySet<PetitionChannel> = new Set(['online', 'email', 'phone']);

/** Missing elements that make a petition ineligible (TT 05/2021 art. 6) besides name, address and signature. */
const INELIGIBLE_ELEMENTS: ReadonlySet<string> = new Set([
  'language',
  'date',
  'respondent',
  'complaint_content',
  'denunciation_content',
]);

const ELEMENT_NAMES: Record<string, Text> = {
  language: {
    vi: 'không viết bằng tiếng Việt hoặc không có bản dịch công chứng',
    en: 'not in Vietnamese nor with a notarised translation',
  },
  date: { vi: 'không ghi ngày tháng', en: 'not dated' },
  respondent: { vi: 'không nêu người bị khiếu nại', en: 'does not name the respondent' },
  complaint_content: {
    vi: 'không nêu nội dung, lý do và yêu cầu khiếu nại',
    en: 'does not state the content, reasons and request',
  },
  denunciation_content: {
    vi: 'không nêu người bị tố cáo và hành vi vi phạm',
    en: 'does not name the accused and the violation',
  },
};

function fileAway(reason: FilingReason, explanation: Text): ProcessingProposal {
  return { outcome: 'file_away', filingReason: reason, explanation };
}

/** The date a complaint's 90-day filing window closes (inclusive), from the day the petitioner learned of the decision. */
export function complaintFilingWindowEnd(learnedOn: LocalDate): LocalDate {
  return addCalendarDays(learnedOn, COMPLAINT_FILING_LIMIT_DAYS);
}

/**
 * The filing-away grounds of TT 05/2021, LTC art. 25 and LKN art. 9 that apply to a petition before any
 * competence rule, in the order a processor checks them. `undefined`: none applies.
 *
 * A second complaint (`complaintRound` 'second') is the next step after a first decision, not a repeat
 * of a resolved matter, and its time limit is the second-complaint window (LKN art. 33, checked when the
 * case records it), not the 90 days of a first complaint.
 */
export function filingGround(
  facts: PetitionFacts,
  complaintRound?: ProcessingProposal['complaintRound'],
): ProcessingProposal | undefined {
  const secondComplaint = facts.kind === 'complaint' && complaintRound === 'second';
  if (facts.duplicateOf) {
    return fileAway('duplicate', {
      vi: `Đơn trùng với đơn ${facts.duplicateOf.petitionId} của cùng người gửi, cùng nội dung, đang được xử lý (TT 05/2021).`,
      en: `Duplicate of petition ${facts.duplicateOf.petitionId} from the same petitioner about the same matter, still open (TT 05/2021).`,
    });
  }
  if (facts.repeatOf && !secondComplaint) {
    return fileAway('already_resolved', {
      vi: `Vụ việc đã được giải quyết đúng (đơn ${facts.repeatOf.petitionId}); lưu đơn nếu không có tình tiết mới (Luật Tiếp công dân điều 9).`,
      en: `The matter was already resolved (petition ${facts.repeatOf.petitionId}); filed away unless there are new facts (Law on Citizen Reception art. 9).`,
    });
  }
  const missing = new Set(facts.missingElements);
  if (facts.kind === 'denunciation' && facts.petitioners.anonymous) {
    if (missing.has('concrete_evidence')) {
      return fileAway('anonymous_without_evidence', {
        vi: 'Tố cáo nặc danh, nội dung không rõ ràng, không có tài liệu, chứng cứ cụ thể (Luật Tố cáo điều 25).',
        en: 'Anonymous denunciation without clear content or concrete evidence (Law on Denunciation art. 25).',
      });
    }
    // LTC art. 25: an anonymous denunciation with concrete evidence is not processed as a denunciation
    // but inspected or transferred: the competence rules decide where.
  } else if (missing.has('name') || missing.has('address')) {
    return fileAway('no_name_or_address', {
      vi: 'Đơn không ghi rõ họ tên, địa chỉ của người viết đơn (TT 05/2021 điều 6).',
      en: "The petition does not give the writer's name and address (TT 05/2021 art. 6).",
    });
  }
  if (missing.has('signature') && !CHANNELS_WITHOUT_SIGNATURE.has(facts.channel)) {
    return fileAway('unsigned', {
      vi: 'Đơn không có chữ ký hoặc điểm chỉ của người viết đơn (TT 05/2021 điều 6).',
      en: 'The petition is neither signed nor fingerprinted (TT 05/2021 art. 6).',
    });
  }
  const ineligible = facts.missingElements.filter((element) => INELIGIBLE_ELEMENTS.has(element));
  if (ineligible.length > 0) {
    const names = ineligible.map((element) => ELEMENT_NAMES[element]);
    return fileAway('not_eligible', {
      vi: `Đơn chưa đủ điều kiện xử lý: ${names.map((n) => n.vi).join('; ')} (TT 05/2021 điều 6).`,
      en: `Not eligible for processing: ${names.map((n) => n.en).join('; ')} (TT 05/2021 art. 6).`,
    });
  }
  if (facts.kind === 'complaint' && !secondComplaint && facts.learnedOfDecisionOn) {
    const windowEnd = complaintFilingWindowEnd(facts.learnedOfDecisionOn);
    if (facts.receivedOn > windowEnd) {
      return fileAway('complaint_time_limit_expired', {
        vi: `Khiếu nại quá thời hiệu 90 ngày kể từ ngày biết quyết định (${facts.learnedOfDecisionOn}; hết hạn ${windowEnd}) (Luật Khiếu nại điều 9). Nếu có lý do bất khả kháng, cán bộ xử lý chọn thụ lý và ghi rõ lý do.`,
        en: `Complaint filed after the 90-day limit from learning of the decision (${facts.learnedOfDecisionOn}; ended ${windowEnd}) (Law on Complaints art. 9). If illness or a disaster stopped the clock, the processor accepts it with that reason.`,
      });
    }
  }
  return undefined;
}

/**
 * The outcome the system proposes for a petition: a filing-away ground if one applies, otherwise what
 * the competence rules say (accept, forward or guide to the competent body). A gap in the rules gives an
 * empty proposal that a processor must complete.
 */
export function proposeProcessing(
  facts: PetitionFacts,
  competence: CompetenceProposal | CompetenceGap,
  complaintRound?: ProcessingProposal['complaintRound'],
): ProcessingProposal {
  const round = complaintRound ?? (facts.kind === 'complaint' ? 'first' : undefined);
  const ground = filingGround(facts, round);
  if (ground) return { ...ground, ...(round ? { complaintRound: round } : {}) };
  if (!('ruleId' in competence)) {
    return {
      outcome: 'undetermined',
      gap: competence,
      ...(round ? { complaintRound: round } : {}),
      explanation: {
        vi: `Chưa có quy tắc thẩm quyền cho đơn này (${competence.code}): cán bộ xử lý chọn hướng xử lý.`,
        en: `No competence rule places this petition (${competence.code}): a processor must choose.`,
      },
    };
  }
  return {
    outcome: competence.outcome,
    body: competence.body,
    ...(competence.outcome === 'accept' && competence.unitCode ? { unitCode: competence.unitCode } : {}),
    ruleId: competence.ruleId,
    ruleSetVersion: competence.ruleSetVersion,
    ...(round ? { complaintRound: round } : {}),
    explanation:
      round === 'second' && facts.repeatOf
        ? {
            vi: `Khiếu nại lần hai đối với quyết định giải quyết lần đầu (đơn ${facts.repeatOf.petitionId}). ${competence.explanation.vi}`,
            en: `Second complaint against the first decision (petition ${facts.repeatOf.petitionId}). ${competence.explanation.en}`,
          }
        : competence.explanation,
  };
}
