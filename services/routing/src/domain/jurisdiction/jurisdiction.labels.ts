import type {
  AuthorityLevel,
  ComplaintRound,
  PetitionKind,
  RespondentType,
  SensitiveTag,
} from '@tiep-dan/contracts';
import type { Bilingual, CompetenceFacts } from './jurisdiction.types';

/** Words that explanations are built from: the petitioner reads the Vietnamese one. */

export const KIND_LABELS: Readonly<Record<PetitionKind, Bilingual>> = {
  complaint: { vi: 'khiếu nại', en: 'complaint' },
  denunciation: { vi: 'tố cáo', en: 'denunciation' },
  recommendation: { vi: 'kiến nghị', en: 'recommendation' },
  reflection: { vi: 'phản ánh', en: 'reflection' },
};

/** Every classification code of every kind (codes shared by several kinds mean the same thing). */
export const CLASSIFICATION_LABELS: Readonly<Record<string, Bilingual>> = {
  'administrative.policy': {
    vi: 'hành chính – chế độ, chính sách',
    en: 'administrative – policy and entitlements',
  },
  'administrative.land_housing': {
    vi: 'hành chính – đất đai, nhà cửa',
    en: 'administrative – land and housing',
  },
  'administrative.civil_service': {
    vi: 'hành chính – công chức, công vụ',
    en: 'administrative – civil service',
  },
  'administrative.other': { vi: 'hành chính – lĩnh vực khác', en: 'administrative – other' },
  corruption: { vi: 'tham nhũng', en: 'corruption' },
  judicial: { vi: 'tư pháp', en: 'judicial' },
  party_mass_organisations: { vi: 'Đảng, đoàn thể', en: 'Party and mass organisations' },
  policy: { vi: 'chế độ, chính sách', en: 'policy and entitlements' },
  land: { vi: 'đất đai', en: 'land' },
  other: { vi: 'lĩnh vực khác', en: 'other' },
};

export const TAG_LABELS: Readonly<Record<SensitiveTag, Bilingual>> = {
  land: { vi: 'đất đai', en: 'land' },
  environment: { vi: 'môi trường', en: 'environment' },
  ethnicity: { vi: 'dân tộc', en: 'ethnicity' },
  religion: { vi: 'tôn giáo', en: 'religion' },
  labour_policy: { vi: 'chính sách lao động', en: 'labour policy' },
  judicial_activity: { vi: 'hoạt động tư pháp', en: 'judicial activity' },
};

export const ROUND_LABELS: Readonly<Record<ComplaintRound, Bilingual>> = {
  first: { vi: 'lần đầu', en: 'first' },
  second: { vi: 'lần hai', en: 'second' },
};

const LEVEL_LABELS: Readonly<Record<AuthorityLevel, Bilingual>> = {
  commune: { vi: 'cấp xã', en: 'commune-level' },
  province: { vi: 'cấp tỉnh', en: 'provincial' },
  central: { vi: 'của cơ quan trung ương', en: 'central' },
  party: { vi: 'của tổ chức đảng', en: 'Party' },
  judicial: { vi: 'của cơ quan tư pháp', en: 'judicial' },
  other: { vi: 'của cơ quan, tổ chức, cá nhân khác', en: 'non-state or other' },
};

const TYPE_LABELS: Readonly<Record<RespondentType, Bilingual>> = {
  decision: { vi: 'quyết định', en: 'decision' },
  act: { vi: 'hành vi', en: 'act' },
  official: { vi: 'cán bộ, công chức', en: 'official' },
  body: { vi: 'cơ quan, tổ chức', en: 'body' },
};

const CHAIRMAN: Bilingual = { vi: 'Chủ tịch UBND xã', en: 'the commune chairman' };

/** "quyết định của Chủ tịch UBND xã", "hành vi cấp xã của Công an xã": the unit named when known. */
export function describeRespondent(
  respondent: CompetenceFacts['respondent'],
  unitName: (code: string) => Bilingual | undefined,
): Bilingual {
  if (!respondent) return { vi: 'đối tượng chưa xác định', en: 'an unstated respondent' };
  const type = TYPE_LABELS[respondent.type];
  const level = LEVEL_LABELS[respondent.level];
  const base: Bilingual =
    respondent.isChairman && respondent.level === 'commune'
      ? respondent.type === 'official' || respondent.type === 'body'
        ? CHAIRMAN
        : { vi: `${type.vi} của ${CHAIRMAN.vi}`, en: `a ${type.en} of ${CHAIRMAN.en}` }
      : { vi: `${type.vi} ${level.vi}`, en: `a ${level.en} ${type.en}` };
  if (!respondent.unitCode) return base;
  const unit = unitName(respondent.unitCode) ?? { vi: respondent.unitCode, en: respondent.unitCode };
  return { vi: `${base.vi} (${unit.vi})`, en: `${base.en} (${unit.en})` };
}
