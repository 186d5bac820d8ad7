import type { PersonInput, PetitionSubmissionInput } from '@tiep-dan/contracts';

/**
 * Valid, varied petitions as a reception officer records them at a rural commune: the mix of kinds,
 * petitioner types and channels of a real reception desk, Vietnamese names, citizen IDs that pass
 * intake's checks (province 001–096, century digit 0–3, an adult's birth year), hamlet codes of the
 * sample commune. A few petitioners come back (about one in twenty), so duplicate and repeat detection
 * has matches to find, as it has in a real commune. Seeded: the same seed gives the same petitions.
 */

const FAMILY = [
  'Nguyễn',
  'Trần',
  'Lê',
  'Phạm',
  'Hoàng',
  'Vũ',
  'Đặng',
  'Bùi',
  'Đỗ',
  'Ngô',
  'Dương',
  'Lý',
  'Lường',
  'Hà',
  'Nông',
  'Triệu',
  'Ma',
  'Lục',
  'Đàm',
  'Mạc',
];
const MIDDLE = [
  'Văn',
  'Thị',
  'Đức',
  'Minh',
  'Hữu',
  'Quang',
  'Thanh',
  'Ngọc',
  'Xuân',
  'Thu',
  'Hồng',
  'Kim',
  'Công',
  'Đình',
  'Bá',
  'Mạnh',
  'Thế',
  'Gia',
  'Phương',
  'Hải',
];
const GIVEN = [
  'An',
  'Bình',
  'Cường',
  'Dũng',
  'Giang',
  'Hà',
  'Hải',
  'Hạnh',
  'Hiền',
  'Hiếu',
  'Hòa',
  'Hùng',
  'Hương',
  'Khánh',
  'Lan',
  'Linh',
  'Long',
  'Mai',
  'Nam',
  'Nga',
  'Nhung',
  'Phong',
  'Phúc',
  'Quân',
  'Sơn',
  'Tâm',
  'Thắng',
  'Thảo',
  'Thành',
  'Thủy',
  'Tiến',
  'Trang',
  'Trung',
  'Tuấn',
  'Tú',
  'Vân',
  'Việt',
  'Yến',
  'Đức',
  'Hoa',
  'Huyền',
  'Lộc',
  'Oanh',
  'Phượng',
  'Toàn',
  'Chiến',
  'Dung',
  'Lợi',
  'Thơm',
  'Vinh',
];
/** The sample commune's hamlets (services/intake/src/commune/seed/sample-commune.json). */
const HAMLETS: ReadonlyArray<{ code: string; name: string }> = [
  { code: 'thon-1', name: 'Thôn 1' },
  { code: 'thon-2', name: 'Thôn 2' },
  { code: 'thon-3', name: 'Thôn 3' },
  { code: 'xom-dong-tam', name: 'Xóm Đồng Tâm' },
  { code: 'xom-tan-lap', name: 'Xóm Tân Lập' },
  { code: 'xom-hop-thanh', name: 'Xóm Hợp Thành' },
  { code: 'xom-na-lang', name: 'Xóm Nà Lạng' },
  { code: 'xom-khuoi-tat', name: 'Xóm Khuổi Tát' },
  { code: 'ban-pac-cap', name: 'Bản Pác Cáp' },
  { code: 'tdp-pho-cho', name: 'Tổ dân phố Phố Chợ' },
  { code: 'tdp-trung-tam', name: 'Tổ dân phố Trung Tâm' },
];
/** Mostly the commune's own province (Thái Nguyên, 019), some from neighbouring provinces and cities. */
const PROVINCES = ['019', '019', '019', '019', '019', '006', '020', '024', '001', '079', '025', '008'];
const MOBILE_PREFIXES = ['032', '033', '034', '035', '036', '037', '038', '039', '086', '096', '097', '098'];
const MOBILE_PREFIXES_2 = [
  '070',
  '076',
  '077',
  '078',
  '079',
  '081',
  '082',
  '083',
  '084',
  '085',
  '088',
  '091',
];

type Kind = PetitionSubmissionInput['kind'];
type Channel = PetitionSubmissionInput['channel'];
type Tag = NonNullable<PetitionSubmissionInput['sensitiveTags']>[number];

interface Subject {
  classification: string;
  tags: Tag[];
  summary: (g: SubmissionGenerator, hamlet: string) => string;
}

const SUBJECTS: Record<Kind, Subject[]> = {
  complaint: [
    {
      classification: 'administrative.land_housing',
      tags: ['land'],
      summary: (g, h) =>
        `Khiếu nại Quyết định số ${g.int(10, 250)}/QĐ-UBND về việc thu hồi ${g.int(80, 2500)} m² đất nông nghiệp tại ${h}`,
    },
    {
      classification: 'administrative.land_housing',
      tags: ['land'],
      summary: (g, h) =>
        `Khiếu nại mức bồi thường, hỗ trợ khi thu hồi đất làm đường giao thông qua ${h}, thửa số ${g.int(1, 900)} tờ bản đồ số ${g.int(1, 60)}`,
    },
    {
      classification: 'administrative.policy',
      tags: ['labour_policy'],
      summary: (g) =>
        `Khiếu nại việc không được xét hưởng trợ cấp hộ nghèo năm ${g.int(2023, 2026)} dù đủ điều kiện`,
    },
    {
      classification: 'administrative.other',
      tags: [],
      summary: (g) =>
        `Khiếu nại Quyết định xử phạt vi phạm hành chính số ${g.int(1, 400)}/QĐ-XPHC của Chủ tịch UBND xã`,
    },
  ],
  denunciation: [
    {
      classification: 'corruption',
      tags: ['land'],
      summary: () =>
        'Tố cáo công chức địa chính xã nhận tiền của người dân khi làm thủ tục cấp giấy chứng nhận quyền sử dụng đất',
    },
    {
      classification: 'administrative.civil_service',
      tags: [],
      summary: () =>
        'Tố cáo công chức bộ phận một cửa gây phiền hà, yêu cầu nộp thêm giấy tờ không có trong quy định',
    },
    {
      classification: 'administrative.land_housing',
      tags: ['land'],
      summary: (_g, h) =>
        `Tố cáo việc lấn chiếm đất công, xây dựng trái phép trên đất hành lang giao thông tại ${h}`,
    },
  ],
  recommendation: [
    {
      classification: 'land',
      tags: ['land'],
      summary: (g) =>
        `Kiến nghị xem xét cấp giấy chứng nhận quyền sử dụng đất cho thửa số ${g.int(1, 900)}, tờ bản đồ số ${g.int(1, 60)}`,
    },
    {
      classification: 'policy',
      tags: [],
      summary: (g, h) =>
        `Kiến nghị sửa chữa ${g.int(200, 3000)} m đường bê tông liên thôn qua ${h} bị hư hỏng sau mưa lũ`,
    },
    {
      classification: 'policy',
      tags: ['ethnicity'],
      summary: (_g, h) =>
        `Kiến nghị hỗ trợ nước sinh hoạt cho các hộ đồng bào dân tộc thiểu số tại ${h} theo chương trình mục tiêu quốc gia`,
    },
  ],
  reflection: [
    {
      classification: 'other',
      tags: ['environment'],
      summary: (_g, h) =>
        `Phản ánh cơ sở chăn nuôi lợn tại ${h} xả nước thải chưa qua xử lý ra suối, gây ô nhiễm`,
    },
    {
      classification: 'policy',
      tags: [],
      summary: (_g, h) =>
        `Phản ánh việc chậm chi trả tiền hỗ trợ khắc phục hậu quả thiên tai cho các hộ tại ${h}`,
    },
    {
      classification: 'land',
      tags: ['land'],
      summary: (_g, h) => `Phản ánh tình trạng khai thác cát trái phép trên sông đoạn chảy qua ${h}`,
    },
  ],
};

const FULL_TEXT_SENTENCES = [
  'Gia đình tôi đã nhiều lần liên hệ với cán bộ xã nhưng chưa được giải quyết.',
  'Tôi gửi kèm bản sao các giấy tờ liên quan để Ủy ban xem xét.',
  'Việc này ảnh hưởng trực tiếp đến đời sống và sản xuất của gia đình tôi.',
  'Đề nghị Ủy ban nhân dân xã kiểm tra, xác minh và trả lời bằng văn bản.',
  'Nhiều hộ dân trong thôn cũng gặp tình trạng tương tự.',
  'Tôi cam đoan những nội dung trình bày trên là đúng sự thật.',
];

/** Dates as YYYY-MM-DD, counted in whole days (UTC, so that no time zone shifts them). */
function shiftDate(isoDate: string, days: number): string {
  const date = new Date(`${isoDate}T00:00:00Z`);
  date.setUTCDate(date.getUTCDate() + days);
  return date.toISOString().slice(0, 10);
}

export class SubmissionGenerator {
  private state: number;
  private readonly recentPersons: PersonInput[] = [];
  private readonly thisYear: number;

  /** `today`: the commune's calendar date; every date of a petition is on or before it. */
  constructor(
    seed: number,
    private readonly today: string,
  ) {
    this.state = seed >>> 0 || 1;
    this.thisYear = Number(today.slice(0, 4));
  }

  /** mulberry32: small, fast and good enough to vary test data. */
  random(): number {
    this.state = (this.state + 0x6d2b79f5) >>> 0;
    let t = this.state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  }

  /** An integer in [min, max]. */
  int(min: number, max: number): number {
    return min + Math.floor(this.random() * (max - min + 1));
  }

  pick<T>(items: readonly T[]): T {
    return items[Math.floor(this.random() * items.length)];
  }

  private chance(p: number): boolean {
    return this.random() < p;
  }

  private digits(count: number): string {
    let out = '';
    for (let i = 0; i < count; i++) out += String(this.int(0, 9));
    return out;
  }

  fullName(): string {
    return `${this.pick(FAMILY)} ${this.pick(MIDDLE)} ${this.pick(GIVEN)}`;
  }

  /** CCCD: province (3) + century/sex (1) + birth year (2) + serial (6), for an adult aged 18–90. */
  citizenId(): string {
    const birthYear = this.int(this.thisYear - 90, this.thisYear - 18);
    const female = this.chance(0.5) ? 1 : 0;
    const century = (birthYear >= 2000 ? 2 : 0) + female;
    return `${this.pick(PROVINCES)}${century}${String(birthYear % 100).padStart(2, '0')}${this.digits(6)}`;
  }

  phone(): string {
    return `${this.pick(this.chance(0.6) ? MOBILE_PREFIXES : MOBILE_PREFIXES_2)}${this.digits(7)}`;
  }

  private newPerson(): PersonInput {
    const hamlet = this.pick(HAMLETS);
    const person: PersonInput = { fullName: this.fullName() };
    if (this.chance(0.85)) person.citizenId = this.citizenId();
    if (this.chance(0.8)) person.phone = this.phone();
    if (this.chance(0.1)) person.email = `nguoidan${this.digits(6)}@gmail.com`;
    if (this.chance(0.9)) person.hamletCode = hamlet.code;
    else person.address = `${hamlet.name}, xã Phượng Tiến, tỉnh Thái Nguyên`;
    return person;
  }

  /** A petitioner: usually someone new, sometimes someone who petitioned before. */
  private person(): PersonInput {
    if (this.recentPersons.length > 50 && this.chance(0.05)) return { ...this.pick(this.recentPersons) };
    const person = this.newPerson();
    if (this.recentPersons.length < 500) this.recentPersons.push(person);
    else this.recentPersons[this.int(0, 499)] = person;
    return person;
  }

  private petitioners(kind: Kind): PetitionSubmissionInput['petitioners'] {
    const roll = this.random();
    if (kind === 'denunciation' && roll < 0.25) return { type: 'anonymous', persons: [] };
    if (roll < 0.8) return { type: 'individual', persons: [this.person()] };
    if (roll < 0.9) {
      const persons = Array.from({ length: this.int(2, 4) }, () => this.person());
      return { type: 'several', headcount: persons.length, persons };
    }
    const headcount = this.int(5, 40);
    const representatives = this.int(1, headcount >= 11 ? 3 : 2);
    const persons = Array.from({ length: representatives }, () => ({
      ...this.person(),
      representative: true,
    }));
    return { type: 'group', headcount, persons };
  }

  private channel(): Channel {
    const roll = this.random();
    if (roll < 0.5) return 'in_person';
    if (roll < 0.7) return 'post';
    if (roll < 0.85) return 'online';
    if (roll < 0.9) return 'phone';
    if (roll < 0.95) return 'email';
    return 'forwarded';
  }

  private kind(): Kind {
    const roll = this.random();
    if (roll < 0.35) return 'complaint';
    if (roll < 0.5) return 'denunciation';
    if (roll < 0.75) return 'recommendation';
    return 'reflection';
  }

  next(): PetitionSubmissionInput {
    const kind = this.kind();
    const channel = this.channel();
    const subject = this.pick(SUBJECTS[kind]);
    const hamlet = this.pick(HAMLETS);
    const receivedOn = shiftDate(this.today, -this.int(0, 30));
    const writtenOn = shiftDate(receivedOn, -this.int(0, 10));
    const petitioners = this.petitioners(kind);
    const written = channel === 'post' || channel === 'online' || channel === 'email';
    const submission: PetitionSubmissionInput = {
      kind,
      channel,
      receivedOn,
      ...(channel === 'phone' ? {} : { writtenOn }),
      petitioners,
      summary: subject.summary(this, hamlet.name),
      ...(written && this.chance(0.5)
        ? {
            fullText: Array.from({ length: this.int(3, 8) }, () => this.pick(FULL_TEXT_SENTENCES)).join(' '),
          }
        : {}),
      classification: subject.classification,
      sensitiveTags: subject.tags,
      eligibility: {
        vietnameseOrTranslated: true,
        dated: channel !== 'phone',
        signedOrFingerprinted: channel !== 'phone' && this.chance(0.95),
        ...(kind === 'complaint' ? { statesRespondentContentReasonsRequest: this.chance(0.9) } : {}),
        ...(kind === 'denunciation'
          ? {
              namesAccusedAndViolation: this.chance(0.9),
              ...(petitioners.type === 'anonymous' ? { concreteEvidence: this.chance(0.6) } : {}),
            }
          : {}),
      },
      location: { hamletCode: hamlet.code },
    };
    if (kind === 'complaint') {
      // Learned of the decision some days after it was issued, then wrote within the 90-day limit.
      const learnedOn = shiftDate(writtenOn, -this.int(1, 60));
      submission.respondent = {
        type: 'decision',
        level: 'commune',
        description: `Quyết định số ${this.int(1, 300)}/QĐ-UBND ngày ${shiftDate(learnedOn, -this.int(0, 20))}`,
        isChairman: true,
      };
      submission.learnedOfDecisionOn = learnedOn;
    } else if (kind === 'denunciation') {
      submission.respondent = {
        type: 'official',
        level: 'commune',
        description: this.pick(['Công chức địa chính - xây dựng xã', 'Công chức văn phòng - thống kê xã']),
        officialName: this.fullName(),
      };
    }
    if (channel === 'forwarded') {
      submission.source = {
        system: 'vbdh-tinh',
        reference: `${this.int(100, 9999)}/TTT-TD`,
        agency: 'Thanh tra tỉnh Thái Nguyên',
      };
    }
    return submission;
  }
}
