import { createHash } from 'node:crypto';
import { addDays, dayOfWeek } from '@tiep-dan/platform';
import type { Random, Weighted } from './random';
import type { SimulationCommune } from './vietnamese-data';

/**
 * Reception sessions (phiên tiếp công dân) of the simulated commune, in the shape of intake's
 * OpenReceptionSession and RecordVisit commands, with submission ids where intake has petition ids:
 * - regular reception (tiếp thường xuyên) by the reception officer on every working day;
 * - the chairman's periodic reception (tiếp định kỳ): one day a week until 30 June 2026, at least two
 *   days a month from 1 July 2026 (Luật 136/2025), never delegated from then on;
 * - ad-hoc reception (tiếp đột xuất) when a mass delegation comes on a day without the chairman.
 */

export type ReceptionKind = 'regular' | 'chairman_periodic' | 'ad_hoc';

export type SimulatedVisitOutcome =
  | { type: 'petition_recorded'; submissionIds: string[] }
  | { type: 'guided'; guidedTo: string }
  | { type: 'answered' }
  | { type: 'refused'; reason: { code: 'intoxicated' | 'threatening' | 'already_resolved_correctly' } };

export interface SimulatedVisit {
  /** Pseudonymous (never a name): the same people keep the same reference. */
  visitorRef: string;
  peopleCount: number;
  delegation?: { headcount: number; representativesCount: number };
  /** First time about this matter (lần đầu) or a repeat visit (nhiều lần), as form 01/TCD counts. */
  firstTime: boolean;
  matterSummary: string;
  outcome: SimulatedVisitOutcome;
}

export interface SimulatedReceptionSession {
  sessionId: string;
  kind: ReceptionKind;
  date: string;
  venue:
    | { mode: 'in_person'; site: { name: string; address: string } }
    | { mode: 'online'; platform: string; link: string; linkedSites: { name: string; address: string }[] };
  presidedBy: { officialId: string; position: 'chairman' | 'vice_chairman' | 'official' };
  receivingOfficialIds: string[];
  visits: SimulatedVisit[];
}

/** The chairman's periodic reception over time (Luật Tiếp công dân art. 15, amended by Luật 136/2025). */
export const CHAIRMAN_RECEPTION_SCHEDULE = [
  { from: '2014-07-01', per: 'week', delegationAllowed: true },
  { from: '2026-07-01', per: 'month', delegationAllowed: false },
] as const;

export interface InPersonArrival<T> {
  ref: T;
  date: string;
  group: boolean;
}

export interface PetitionVisit {
  submissionId: string;
  summary: string;
  visitorRef: string;
  peopleCount: number;
  delegation?: { headcount: number; representativesCount: number };
  firstTime: boolean;
}

export interface SessionPlan<T> {
  /** The session each in-person arrival was received at. */
  assignments: Map<T, string>;
  /** The sessions with their visits, once the submissions have ids. */
  complete(describe: (ref: T) => PetitionVisit): SimulatedReceptionSession[];
}

export interface SessionPlanInput<T> {
  random: Random;
  seedTag: string;
  commune: SimulationCommune;
  period: { from: string; to: string };
  isWorkingDay: (date: string) => boolean;
  mix: { walkIns: { regular: number; chairman: number } };
  inPerson: readonly InPersonArrival<T>[];
}

const KIND_ORDER: Record<ReceptionKind, number> = { regular: 0, chairman_periodic: 1, ad_hoc: 2 };

const WALK_INS: Weighted<{ summary: string; outcome: SimulatedVisitOutcome }> = [
  [
    {
      summary: 'Hỏi thủ tục cấp đổi Giấy chứng nhận quyền sử dụng đất',
      outcome: { type: 'guided', guidedTo: 'Chi nhánh Văn phòng đăng ký đất đai' },
    },
    18,
  ],
  [{ summary: 'Hỏi chế độ trợ cấp xã hội cho người cao tuổi', outcome: { type: 'answered' } }, 16],
  [
    {
      summary: 'Tranh chấp tiền vay mượn giữa hai gia đình',
      outcome: { type: 'guided', guidedTo: 'Tòa án nhân dân khu vực' },
    },
    12,
  ],
  [
    {
      summary: 'Hỏi thủ tục khai nhận di sản thừa kế',
      outcome: { type: 'guided', guidedTo: 'Văn phòng công chứng' },
    },
    10,
  ],
  [
    {
      summary: 'Hỏi về việc tham gia bảo hiểm xã hội tự nguyện',
      outcome: { type: 'guided', guidedTo: 'Bảo hiểm xã hội cơ sở' },
    },
    8,
  ],
  [{ summary: 'Hỏi tiến độ giải quyết đơn đã nộp', outcome: { type: 'answered' } }, 14],
  [{ summary: 'Đề nghị giải thích mức bồi thường đã được phê duyệt', outcome: { type: 'answered' } }, 10],
  [
    {
      summary: 'Tiếp tục đề nghị về nội dung đã được giải quyết đúng chính sách, pháp luật',
      outcome: { type: 'refused', reason: { code: 'already_resolved_correctly' } },
    },
    4,
  ],
  [
    {
      summary: 'Công dân trong tình trạng say rượu, có lời lẽ xúc phạm',
      outcome: { type: 'refused', reason: { code: 'intoxicated' } },
    },
    1,
  ],
];

export function planReceptionSessions<T>(input: SessionPlanInput<T>): SessionPlan<T> {
  const { random, seedTag, commune, period, isWorkingDay } = input;
  const sessions = new Map<string, SimulatedReceptionSession>();
  const key = (date: string, kind: ReceptionKind) => `${date}:${kind}`;
  const site = commune.receptionSite;
  const open = (date: string, kind: ReceptionKind): SimulatedReceptionSession => {
    const existing = sessions.get(key(date, kind));
    if (existing) return existing;
    const sessionId = sessionUuid(`${seedTag}:${date}:${kind}`);
    const session: SimulatedReceptionSession = {
      sessionId,
      kind,
      date,
      venue: { mode: 'in_person', site: { ...site } },
      presidedBy: presiding(random, commune, kind, date),
      receivingOfficialIds:
        kind === 'regular'
          ? commune.petitionProcessors.map((o) => o.id)
          : [...commune.receptionOfficers, ...commune.petitionProcessors].map((o) => o.id),
      visits: [],
    };
    // Online reception is possible from 1 July 2026 (Luật 136/2025); the chairman uses it now and then.
    if (kind === 'chairman_periodic' && date >= '2026-07-01' && random.chance(0.15)) {
      session.venue = {
        mode: 'online',
        platform: 'Hệ thống tiếp công dân trực tuyến',
        link: `https://tiepcongdan.example.vn/phien/${sessionId}`,
        linkedSites: [{ ...site }],
      };
    }
    sessions.set(key(date, kind), session);
    return session;
  };

  for (let date = period.from; date <= period.to; date = addDays(date, 1)) {
    if (isWorkingDay(date)) open(date, 'regular');
  }
  for (const date of chairmanDays(period, isWorkingDay)) open(date, 'chairman_periodic');

  const assignments = new Map<T, string>();
  const arrivalsBySession = new Map<SimulatedReceptionSession, T[]>();
  for (const arrival of input.inPerson) {
    const chairman = sessions.get(key(arrival.date, 'chairman_periodic'));
    const regular = sessions.get(key(arrival.date, 'regular'));
    let session: SimulatedReceptionSession;
    if (arrival.group) session = chairman ?? open(arrival.date, 'ad_hoc');
    else if (chairman && random.chance(0.5)) session = chairman;
    else session = regular ?? open(arrival.date, 'ad_hoc');
    assignments.set(arrival.ref, session.sessionId);
    const list = arrivalsBySession.get(session) ?? [];
    list.push(arrival.ref);
    arrivalsBySession.set(session, list);
  }

  return {
    assignments,
    complete(describe) {
      const ordered = [...sessions.values()].sort((a, b) =>
        a.date !== b.date ? (a.date < b.date ? -1 : 1) : KIND_ORDER[a.kind] - KIND_ORDER[b.kind],
      );
      for (const session of ordered) {
        const visits: SimulatedVisit[] = (arrivalsBySession.get(session) ?? []).map((ref) => {
          const v = describe(ref);
          return {
            visitorRef: v.visitorRef,
            peopleCount: v.peopleCount,
            ...(v.delegation ? { delegation: v.delegation } : {}),
            firstTime: v.firstTime,
            matterSummary: shorten(v.summary, 300),
            outcome: { type: 'petition_recorded', submissionIds: [v.submissionId] },
          };
        });
        const lambda =
          session.kind === 'chairman_periodic'
            ? input.mix.walkIns.chairman
            : session.kind === 'regular'
              ? input.mix.walkIns.regular
              : 0;
        const walkIns = random.poisson(lambda);
        for (let i = 0; i < walkIns; i++) {
          const topic = random.weighted(WALK_INS);
          visits.push({
            visitorRef: `v-${hex(`${seedTag}:walk-in:${session.sessionId}:${i}`).slice(0, 16)}`,
            peopleCount: random.chance(0.9) ? 1 : random.int(2, 3),
            firstTime: random.chance(0.75),
            matterSummary: topic.summary,
            outcome: topic.outcome,
          });
        }
        session.visits = random.shuffle(visits);
      }
      return ordered;
    },
  };
}

function presiding(
  random: Random,
  commune: SimulationCommune,
  kind: ReceptionKind,
  date: string,
): SimulatedReceptionSession['presidedBy'] {
  if (kind === 'regular')
    return { officialId: random.pick(commune.receptionOfficers).id, position: 'official' };
  const mayDelegate = kind === 'ad_hoc' || scheduleOn(date).delegationAllowed;
  const delegateChance = kind === 'ad_hoc' ? 0.3 : 0.12;
  if (mayDelegate && commune.viceChairmen.length > 0 && random.chance(delegateChance)) {
    return { officialId: random.pick(commune.viceChairmen).id, position: 'vice_chairman' };
  }
  return { officialId: commune.chairman.id, position: 'chairman' };
}

function scheduleOn(date: string): (typeof CHAIRMAN_RECEPTION_SCHEDULE)[number] {
  let found: (typeof CHAIRMAN_RECEPTION_SCHEDULE)[number] = CHAIRMAN_RECEPTION_SCHEDULE[0];
  for (const rule of CHAIRMAN_RECEPTION_SCHEDULE) if (rule.from <= date) found = rule;
  return found;
}

/**
 * The chairman's reception days: under the weekly rule the Thursday of each week (or the nearest
 * working day of that week); under the monthly rule the first working days on or after the 10th and
 * the 25th of each month.
 */
export function chairmanDays(
  period: { from: string; to: string },
  isWorkingDay: (date: string) => boolean,
): string[] {
  const days = new Set<string>();
  const usable = (date: string, per: 'week' | 'month') =>
    date >= period.from && date <= period.to && scheduleOn(date).per === per && isWorkingDay(date);
  // Weekly: walk the Mondays of the weeks that overlap the period.
  let monday = addDays(period.from, -((dayOfWeek(period.from) + 6) % 7));
  for (; monday <= period.to; monday = addDays(monday, 7)) {
    const chosen = [3, 2, 4, 1, 0, 5].map((offset) => addDays(monday, offset)).find((d) => usable(d, 'week'));
    if (chosen) days.add(chosen);
  }
  // Monthly: walk the months that overlap the period.
  let month = `${period.from.slice(0, 7)}-01`;
  for (; month <= period.to; month = nextMonth(month)) {
    const end = addDays(nextMonth(month), -1);
    const inMonth: string[] = [];
    for (let d = month; d <= end; d = addDays(d, 1)) if (usable(d, 'month')) inMonth.push(d);
    for (const target of [10, 25]) {
      const wanted = `${month.slice(0, 8)}${String(target).padStart(2, '0')}`;
      const pick =
        inMonth.find((d) => d >= wanted && !days.has(d)) ??
        [...inMonth].reverse().find((d) => d < wanted && !days.has(d));
      if (pick) days.add(pick);
    }
  }
  return [...days].sort();
}

function nextMonth(firstOfMonth: string): string {
  const y = Number(firstOfMonth.slice(0, 4));
  const m = Number(firstOfMonth.slice(5, 7));
  return m === 12 ? `${y + 1}-01-01` : `${y}-${String(m + 1).padStart(2, '0')}-01`;
}

function shorten(text: string, max: number): string {
  if (text.length <= max) return text;
  const cut = text.slice(0, max - 1);
  const space = cut.lastIndexOf(' ');
  return `${space > max / 2 ? cut.slice(0, space) : cut}…`;
}

function hex(name: string): string {
  return createHash('sha256').update(name).digest('hex');
}

/** A name-based UUID (version 5 layout over SHA-1), so a session keeps its id across runs. */
function sessionUuid(name: string): string {
  const hash = createHash('sha1').update(`tiep-dan-simulate:session:${name}`).digest();
  hash[6] = (hash[6] & 0x0f) | 0x50;
  hash[8] = (hash[8] & 0x3f) | 0x80;
  const h = hash.subarray(0, 16).toString('hex');
  return `${h.slice(0, 8)}-${h.slice(8, 12)}-${h.slice(12, 16)}-${h.slice(16, 20)}-${h.slice(20)}`;
}
