import type { PetitionChannel, PetitionKind } from '@tiep-dan/contracts';
import { LETTER_TITLES, type MatterFacts } from './matter-templates';
import type { SimulationCommune } from './vietnamese-data';

/**
 * The texts of a petition: the letter as citizens write it (quốc hiệu, "Kính gửi", who writes, the
 * content, the request, the pledge), or the record an officer types for a phone call, or the form of
 * the online portal. All output is NFC.
 */

export interface LetterWriter {
  fullName: string;
  birthYear: number;
  address?: string;
  citizenId?: string;
  phone?: string;
}

export interface LetterInput {
  kind: PetitionKind;
  channel: PetitionChannel;
  commune: SimulationCommune;
  facts: MatterFacts;
  summary: string;
  /** The template's content and request, rendered with this submission's facts. */
  content: string;
  request: string;
  /** YYYY-MM-DD, when the letter is dated. */
  writtenOn?: string;
  receivedOn: string;
  signed: boolean;
  shape: 'individual' | 'several' | 'group' | 'anonymous';
  writers: readonly LetterWriter[];
  headcount: number;
  /** The letter goes to the provincial chairman (a denunciation of the commune chairman). */
  toProvince: boolean;
  /** Agency of a forwarded or supervision petition. */
  agency?: string;
  /** Minutes after midnight of a phone call. */
  callMinute: number;
}

/** dd/mm/yyyy, as Vietnamese documents write dates. */
export function formatDate(date: string): string {
  return `${date.slice(8, 10)}/${date.slice(5, 7)}/${date.slice(0, 4)}`;
}

/** 1234567 → "1.234.567". */
export function formatMoney(amount: number): string {
  return String(Math.round(amount)).replace(/\B(?=(\d{3})+(?!\d))/g, '.');
}

const LEADING_VERBS = new Set(['Khiếu', 'Tố', 'Kiến', 'Phản', 'Đề', 'Không']);

/**
 * Changes the word order of a summary the way another officer would have typed it: a later clause
 * moves to the front ("…, tại Thôn 2" → "Tại Thôn 2, …"). Returns the text unchanged when it has no
 * clause to move.
 */
export function reorderClauses(text: string): string {
  const lowerFirst = (s: string) =>
    LEADING_VERBS.has(s.split(' ')[0]) ? s.charAt(0).toLowerCase() + s.slice(1) : s;
  const capFirst = (s: string) => s.charAt(0).toUpperCase() + s.slice(1);
  const parts = text.split(', ');
  if (parts.length >= 2) {
    const last = parts[parts.length - 1];
    return `${capFirst(last)}, ${lowerFirst(parts.slice(0, -1).join(', '))}`;
  }
  for (const marker of [' tại ', ' ở ']) {
    const at = text.lastIndexOf(marker);
    if (at > 0) return `${capFirst(text.slice(at + 1))}, ${lowerFirst(text.slice(0, at))}`;
  }
  return text;
}

function writerLines(input: LetterInput): string[] {
  const { writers, shape, facts } = input;
  const describe = (w: LetterWriter) =>
    [
      `${w.fullName}, sinh năm ${w.birthYear}`,
      w.citizenId ? `CCCD số ${w.citizenId}` : undefined,
      w.address ? `nơi cư trú: ${w.address}` : undefined,
      w.phone ? `điện thoại: ${w.phone}` : undefined,
    ]
      .filter((x) => x !== undefined)
      .join('; ');
  switch (shape) {
    case 'anonymous':
      return [
        `Tôi là người dân sinh sống trên địa bàn xã ${input.commune.name}; vì lo ngại bị trù dập, tôi xin phép không nêu tên.`,
      ];
    case 'individual': {
      const w = writers[0];
      return [
        `Tôi tên là: ${w.fullName}, sinh năm ${w.birthYear}.`,
        ...(w.citizenId ? [`Số CCCD: ${w.citizenId}.`] : []),
        ...(w.address ? [`Nơi cư trú: ${w.address}.`] : []),
        ...(w.phone ? [`Số điện thoại: ${w.phone}.`] : []),
      ];
    }
    case 'several':
      return ['Chúng tôi gồm:', ...writers.map((w, i) => `${i + 1}. ${describe(w)}.`)];
    case 'group':
      return [
        `Chúng tôi là ${input.headcount} người dân ${facts.hamletText}, xã ${input.commune.name}, cùng ký tên trong danh sách kèm theo, thống nhất cử người đại diện:`,
        ...writers.map((w, i) => `${i + 1}. ${describe(w)}.`),
      ];
  }
}

function pledge(input: LetterInput): string {
  const we = input.shape === 'several' || input.shape === 'group' ? 'Chúng tôi' : 'Tôi';
  if (input.kind === 'denunciation' && input.shape !== 'anonymous') {
    return `${we} cam đoan việc tố cáo là trung thực và chịu trách nhiệm trước pháp luật về nội dung tố cáo.`;
  }
  return `${we} xin cam đoan những nội dung trình bày trên là đúng sự thật.`;
}

/** The full text of the petition as the channel delivers it. */
export function renderFullText(input: LetterInput): string {
  const { facts, commune, content, request } = input;
  const body = `${input.kind === 'denunciation' ? 'Nội dung tố cáo' : 'Nội dung'}: ${content}`;
  const firstWriter = input.writers[0];
  switch (input.channel) {
    case 'phone': {
      const hh = String(Math.floor(input.callMinute / 60)).padStart(2, '0');
      const mm = String(input.callMinute % 60).padStart(2, '0');
      const caller = firstWriter
        ? `${firstWriter.fullName}${firstWriter.phone ? ` (số máy ${firstWriter.phone})` : ''}`
        : 'một người không xưng tên';
      return [
        'PHIẾU GHI NHẬN PHẢN ÁNH QUA ĐƯỜNG DÂY NÓNG',
        `Lúc ${hh} giờ ${mm} ngày ${formatDate(input.receivedOn)}, ${caller} gọi đến đường dây nóng của UBND xã ${commune.name}.`,
        body,
        request,
        'Người ghi nhận: công chức tiếp công dân.',
      ].join('\n');
    }
    case 'online':
      return [
        `Tiêu đề: ${input.summary}`,
        body,
        request,
        ...(firstWriter ? [`Người gửi: ${firstWriter.fullName}`] : ['Người gửi: không cung cấp']),
      ].join('\n');
    case 'email':
      return [
        `Kính gửi UBND xã ${commune.name},`,
        '',
        content,
        request,
        '',
        'Trân trọng,',
        firstWriter ? firstWriter.fullName : 'Một người dân',
      ].join('\n');
    case 'supervision':
      return [
        `Trích báo cáo kết quả giám sát của ${input.agency ?? 'Thường trực HĐND xã'}:`,
        `Cử tri ${facts.hamletText} phản ánh, kiến nghị: ${content}`,
        request,
      ].join('\n');
    default:
      return letter(input, body, request);
  }
}

function letter(input: LetterInput, body: string, request: string): string {
  const { commune } = input;
  const addressee = input.toProvince
    ? `Chủ tịch Ủy ban nhân dân tỉnh ${commune.provinceName}`
    : input.channel === 'forwarded'
      ? `Ban Tiếp công dân tỉnh ${commune.provinceName}`
      : `Chủ tịch Ủy ban nhân dân xã ${commune.name}`;
  const place = `${commune.name}, `;
  const date = input.writtenOn
    ? `${place}ngày ${input.writtenOn.slice(8, 10)} tháng ${input.writtenOn.slice(5, 7)} năm ${input.writtenOn.slice(0, 4)}`
    : `${place}ngày    tháng    năm`;
  const signer =
    input.shape === 'anonymous'
      ? []
      : [
          input.shape === 'group' ? 'Người đại diện' : 'Người viết đơn',
          input.signed ? '(đã ký)' : '(không ký)',
          ...input.writers.map((w) => w.fullName),
        ];
  return [
    'CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM',
    'Độc lập – Tự do – Hạnh phúc',
    date,
    '',
    LETTER_TITLES[input.kind],
    `(V/v: ${input.summary.charAt(0).toLowerCase()}${input.summary.slice(1)})`,
    '',
    `Kính gửi: ${addressee}`,
    '',
    ...writerLines(input),
    '',
    body,
    request,
    '',
    pledge(input),
    '',
    ...signer,
  ].join('\n');
}
