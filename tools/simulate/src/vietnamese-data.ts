import type { Random, Weighted } from './random';

/**
 * Vietnamese names, places and identifiers for the simulation. Frequencies are rounded from published
 * surname surveys (Nguyễn about 38%); the commune is the sample commune intake seeds
 * (services/intake/src/commune/seed/sample-commune.json), so hamlet codes and official ids match a
 * freshly seeded installation.
 */

export type Gender = 'male' | 'female';

/** Single-syllable word lists are written as one string to keep them readable. */
function words(list: string): string[] {
  return list.split(' ');
}

/**
 * Họ. National frequencies, leaning north (Hoàng and Vũ before Huỳnh and Võ), plus the Tày, Nùng and
 * Dao surnames of a Thái Nguyên upland commune (Nông, Ma, Lường, Triệu…).
 */
export const SURNAMES: Weighted<string> = [
  ['Nguyễn', 38],
  ['Trần', 11],
  ['Lê', 9.5],
  ['Phạm', 7],
  ['Hoàng', 4.5],
  ['Huỳnh', 0.6],
  ['Phan', 4.5],
  ['Vũ', 3.4],
  ['Võ', 0.5],
  ['Đặng', 2.1],
  ['Bùi', 2],
  ['Đỗ', 1.4],
  ['Hồ', 1.3],
  ['Ngô', 1.3],
  ['Dương', 1],
  ['Lý', 0.5],
  ['Đinh', 0.8],
  ['Trương', 0.7],
  ['Lương', 0.6],
  ['Đào', 0.6],
  ['Mai', 0.4],
  ['Cao', 0.4],
  ['Hà', 1],
  ['Nông', 1.2],
  ['Ma', 0.8],
  ['Lường', 0.5],
  ['Triệu', 0.6],
  ['Lục', 0.3],
  ['La', 0.3],
  ['Hứa', 0.2],
];

/** Tên đệm: "Văn" and "Thị" dominate among the older people who petition most. */
export const MIDDLE_NAMES: Record<Gender, Weighted<string>> = {
  male: [
    ['Văn', 45],
    ['Đức', 8],
    ['Hữu', 6],
    ['Minh', 6],
    ['Quang', 5],
    ['Xuân', 4],
    ['Mạnh', 3],
    ['Công', 3],
    ['Thanh', 3],
    ['Trọng', 2],
    ['Tiến', 2],
    ['Đình', 3],
    ['Ngọc', 2],
    ['Bá', 1],
    ['Quốc', 2],
    ['Duy', 2],
  ],
  female: [
    ['Thị', 60],
    ['Ngọc', 5],
    ['Thu', 5],
    ['Thanh', 4],
    ['Minh', 3],
    ['Hồng', 4],
    ['Kim', 3],
    ['Phương', 3],
    ['Thúy', 2],
    ['Mai', 2],
    ['Bích', 2],
    ['Hải', 1],
  ],
};

/** Tên. */
export const GIVEN_NAMES: Record<Gender, readonly string[]> = {
  male: words(
    'Hùng Dũng Tuấn Hải Long Nam Thắng Cường Quân Sơn Minh Hoàng Trung Hiếu Thành Tùng Phong Bình Khánh Lâm Vinh Toàn Tâm Đạt ' +
      'Huy Kiên Lợi Chiến Thịnh Hưng Tú Việt Đông Hòa Phúc Tài Bảo Mạnh Quang Thọ Sáng Thuận Nghĩa Chung Luận Tiến Khải Hậu',
  ),
  female: words(
    'Hương Lan Hà Linh Mai Hoa Thảo Trang Hằng Nga Huyền Phương Yến Thủy Hạnh Loan Dung Nhung Oanh Thúy ' +
      'Vân Liên Hồng Ngọc Tuyết Xuân Hiền Nhàn Thơm Lý Chi Anh Dịu Duyên Sen Lụa Thắm Hảo',
  ),
};

/**
 * Province codes of the citizen identity card (CCCD), the 63 provinces of TT 07/2016/TT-BCA
 * (001 Hà Nội … 096 Cà Mau). Cards issued before the 2025 merger keep these codes.
 */
export const CCCD_PROVINCE_CODES: Readonly<Record<string, string>> = {
  '001': 'Hà Nội',
  '002': 'Hà Giang',
  '004': 'Cao Bằng',
  '006': 'Bắc Kạn',
  '008': 'Tuyên Quang',
  '010': 'Lào Cai',
  '011': 'Điện Biên',
  '012': 'Lai Châu',
  '014': 'Sơn La',
  '015': 'Yên Bái',
  '017': 'Hòa Bình',
  '019': 'Thái Nguyên',
  '020': 'Lạng Sơn',
  '022': 'Quảng Ninh',
  '024': 'Bắc Giang',
  '025': 'Phú Thọ',
  '026': 'Vĩnh Phúc',
  '027': 'Bắc Ninh',
  '030': 'Hải Dương',
  '031': 'Hải Phòng',
  '033': 'Hưng Yên',
  '034': 'Thái Bình',
  '035': 'Hà Nam',
  '036': 'Nam Định',
  '037': 'Ninh Bình',
  '038': 'Thanh Hóa',
  '040': 'Nghệ An',
  '042': 'Hà Tĩnh',
  '044': 'Quảng Bình',
  '045': 'Quảng Trị',
  '046': 'Thừa Thiên Huế',
  '048': 'Đà Nẵng',
  '049': 'Quảng Nam',
  '051': 'Quảng Ngãi',
  '052': 'Bình Định',
  '054': 'Phú Yên',
  '056': 'Khánh Hòa',
  '058': 'Ninh Thuận',
  '060': 'Bình Thuận',
  '062': 'Kon Tum',
  '064': 'Gia Lai',
  '066': 'Đắk Lắk',
  '067': 'Đắk Nông',
  '068': 'Lâm Đồng',
  '070': 'Bình Phước',
  '072': 'Tây Ninh',
  '074': 'Bình Dương',
  '075': 'Đồng Nai',
  '077': 'Bà Rịa – Vũng Tàu',
  '079': 'Hồ Chí Minh',
  '080': 'Long An',
  '082': 'Tiền Giang',
  '083': 'Bến Tre',
  '084': 'Trà Vinh',
  '086': 'Vĩnh Long',
  '087': 'Đồng Tháp',
  '089': 'An Giang',
  '091': 'Kiên Giang',
  '092': 'Cần Thơ',
  '093': 'Hậu Giang',
  '094': 'Sóc Trăng',
  '095': 'Bạc Liêu',
  '096': 'Cà Mau',
};

/** Where people born outside the commune's province mostly come from: the neighbouring provinces. */
const NEIGHBOUR_PROVINCES = ['006', '008', '024', '001', '025', '020', '004', '026', '027'] as const;

/** Mobile prefixes in use since the 2018 renumbering (Viettel, VinaPhone, MobiFone, Vietnamobile, Gmobile). */
export const MOBILE_PREFIXES: readonly string[] = words(
  '032 033 034 035 036 037 038 039 086 096 097 098 081 082 083 084 085 088 091 094 070 076 077 078 079 089 090 093 052 056 058 059',
);

export interface SimulationHamlet {
  /** Code in the commune configuration (hamletCode of a petition). */
  code: string;
  name: string;
  /** Other ways people write it; used for the spelling variants of re-submissions. */
  aliases: readonly string[];
}

export interface SimulationOfficial {
  /** Official id in the commune configuration. */
  id: string;
  fullName: string;
  position: string;
}

export interface SimulationCommune {
  /** "Phượng Tiến": the commune's proper name, as in "xã Phượng Tiến". */
  name: string;
  provinceName: string;
  /** CCCD province code of most residents. */
  provinceCccdCode: string;
  hamlets: readonly SimulationHamlet[];
  chairman: SimulationOfficial;
  viceChairmen: readonly SimulationOfficial[];
  /** Công chức tiếp công dân: preside over regular reception. */
  receptionOfficers: readonly SimulationOfficial[];
  /** Công chức xử lý đơn: sit in at reception. */
  petitionProcessors: readonly SimulationOfficial[];
  receptionSite: { name: string; address: string };
}

/** The sample commune of intake's seed (same hamlet codes and official ids). */
export const SAMPLE_COMMUNE: SimulationCommune = {
  name: 'Phượng Tiến',
  provinceName: 'Thái Nguyên',
  provinceCccdCode: '019',
  hamlets: [
    { code: 'thon-1', name: 'Thôn 1', aliases: ['Thôn Một', 'Xóm 1'] },
    { code: 'thon-2', name: 'Thôn 2', aliases: ['Thôn Hai', 'Xóm 2'] },
    { code: 'thon-3', name: 'Thôn 3', aliases: ['Thôn Ba', 'Xóm 3'] },
    { code: 'xom-dong-tam', name: 'Xóm Đồng Tâm', aliases: ['Đồng Tâm', 'Thôn Đồng Tâm'] },
    { code: 'xom-tan-lap', name: 'Xóm Tân Lập', aliases: ['Tân Lập', 'Thôn Tân Lập'] },
    { code: 'xom-hop-thanh', name: 'Xóm Hợp Thành', aliases: ['Hợp Thành', 'Thôn Hợp Thành'] },
    { code: 'xom-na-lang', name: 'Xóm Nà Lạng', aliases: ['Nà Lạng', 'Bản Nà Lạng'] },
    { code: 'xom-khuoi-tat', name: 'Xóm Khuổi Tát', aliases: ['Khuổi Tát', 'Khuôi Tát'] },
    { code: 'ban-pac-cap', name: 'Bản Pác Cáp', aliases: ['Pác Cáp', 'Xóm Pác Cáp'] },
    { code: 'tdp-pho-cho', name: 'Tổ dân phố Phố Chợ', aliases: ['TDP Phố Chợ', 'Phố Chợ', 'Tổ Phố Chợ'] },
    { code: 'tdp-trung-tam', name: 'Tổ dân phố Trung Tâm', aliases: ['TDP Trung Tâm', 'Tổ Trung Tâm'] },
  ],
  chairman: { id: 'chu-tich', fullName: 'Lường Văn Khánh', position: 'Chủ tịch UBND xã' },
  viceChairmen: [
    { id: 'pho-chu-tich-kinh-te', fullName: 'Đinh Thị Hạnh', position: 'Phó Chủ tịch UBND xã' },
    { id: 'pho-chu-tich-van-hoa-xa-hoi', fullName: 'Ma Văn Tuấn', position: 'Phó Chủ tịch UBND xã' },
  ],
  receptionOfficers: [
    { id: 'can-bo-tiep-cong-dan', fullName: 'Nông Thị Lan', position: 'Công chức tiếp công dân' },
  ],
  petitionProcessors: [
    { id: 'can-bo-xu-ly-don', fullName: 'Phạm Đức Long', position: 'Công chức xử lý đơn thư' },
  ],
  receptionSite: {
    name: 'Trụ sở tiếp công dân UBND xã Phượng Tiến',
    address: 'Tổ dân phố Trung Tâm, xã Phượng Tiến, tỉnh Thái Nguyên',
  },
};

const NUMBER_WORDS = ['', 'Một', 'Hai', 'Ba', 'Bốn', 'Năm', 'Sáu', 'Bảy', 'Tám', 'Chín', 'Mười'];

/**
 * Builds a hamlet from its name alone (for `communeHamlets` given as names): a code in kebab case
 * without diacritics and the usual variants ("Thôn 3" → "Thôn Ba", "Xóm 3"; "Tổ dân phố 1" → "TDP 1").
 */
export function hamletFromName(name: string): SimulationHamlet {
  const normalised = name.normalize('NFC').trim();
  const code = stripDiacritics(normalised)
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, '-')
    .replace(/^-|-$/g, '');
  const aliases: string[] = [];
  const numbered = /^(Thôn|Xóm|Tổ dân phố|Tổ|Bản|Khu) (\d+)$/.exec(normalised);
  if (numbered) {
    const [, prefix, n] = numbered;
    const word = NUMBER_WORDS[Number(n)];
    if (word) aliases.push(`${prefix} ${word}`);
    if (prefix === 'Thôn') aliases.push(`Xóm ${n}`);
    if (prefix === 'Tổ dân phố') aliases.push(`TDP ${n}`, `Tổ ${n}`);
  } else if (normalised.startsWith('Tổ dân phố ')) {
    aliases.push(`TDP ${normalised.slice('Tổ dân phố '.length)}`);
  } else {
    const bare = normalised.replace(/^(Thôn|Xóm|Bản|Khu) /, '');
    if (bare !== normalised) aliases.push(bare);
  }
  return { code, name: normalised, aliases };
}

/** How a hamlet is written this time: the official name most often, sometimes an alias or without diacritics. */
export type HamletSpelling = 'official' | 'alias' | 'plain' | 'lower';

export function spellHamlet(hamlet: SimulationHamlet, spelling: HamletSpelling, random: Random): string {
  switch (spelling) {
    case 'official':
      return hamlet.name;
    case 'alias':
      return hamlet.aliases.length > 0 ? random.pick(hamlet.aliases) : stripDiacritics(hamlet.name);
    case 'plain':
      return stripDiacritics(hamlet.name);
    case 'lower':
      return hamlet.name.charAt(0).toLowerCase() + hamlet.name.slice(1);
  }
}

/** Text as typed on a keyboard without Vietnamese input: no tone marks, đ → d. */
export function stripDiacritics(text: string): string {
  return text
    .normalize('NFD')
    .replace(/[\u0300-\u036f]/g, '')
    .replace(/đ/g, 'd')
    .replace(/Đ/g, 'D')
    .normalize('NFC');
}

export interface GeneratedPerson {
  /** Stable key of this person across submissions (ground truth for duplicate detection). */
  key: string;
  fullName: string;
  gender: Gender;
  birthYear: number;
  citizenId: string;
  phone: string;
  email: string;
  /** Home hamlet in the commune; undefined for someone living elsewhere. */
  hamlet?: SimulationHamlet;
  /** House detail written before the hamlet ("Nhà số 12"), when the person gives one. */
  houseDetail?: string;
  /** Full address when the person lives outside the commune. */
  outsideAddress?: string;
}

export function personName(random: Random, gender: Gender): string {
  const surname = random.weighted(SURNAMES);
  const middle = random.weighted(MIDDLE_NAMES[gender]);
  const given = random.pick(GIVEN_NAMES[gender]);
  // A few people carry two middle names ("Nguyễn Thị Thu Hà"), as on their identity cards.
  const second =
    random.chance(0.12) && middle !== 'Văn'
      ? ` ${random.pick(gender === 'male' ? ['Anh', 'Hoàng'] : ['Thu', 'Thanh', 'Ngọc'])}`
      : '';
  return `${surname} ${middle}${second} ${given}`.normalize('NFC');
}

/**
 * A CCCD number consistent with the person: province code (mostly the commune's province), the
 * century/sex digit (0/1 for men/women born 1900–1999, 2/3 for 2000–2099), the last two digits of
 * the birth year, then six serial digits.
 */
export function citizenIdFor(
  random: Random,
  person: { gender: Gender; birthYear: number },
  homeProvince: string,
): string {
  const r = random.next();
  const province =
    r < 0.85
      ? homeProvince
      : r < 0.95
        ? random.pick(NEIGHBOUR_PROVINCES)
        : random.pick(Object.keys(CCCD_PROVINCE_CODES));
  const century = person.birthYear < 2000 ? 0 : 2;
  const sex = person.gender === 'male' ? 0 : 1;
  return `${province}${century + sex}${String(person.birthYear % 100).padStart(2, '0')}${random.digits(6)}`;
}

export function mobilePhone(random: Random): string {
  return `${random.pick(MOBILE_PREFIXES)}${random.digits(7)}`;
}

export function emailFor(random: Random, fullName: string, birthYear: number): string {
  const parts = stripDiacritics(fullName).toLowerCase().split(' ');
  const local = random.chance(0.5)
    ? `${parts.join('')}${birthYear % 100}`
    : `${parts[parts.length - 1]}.${parts[0]}${random.int(1, 999)}`;
  return `${local}@${random.weighted([
    ['gmail.com', 80],
    ['yahoo.com', 10],
    ['outlook.com', 6],
    ['vnn.vn', 4],
  ] as const)}`;
}

/** Places outside the commune where some petitioners live (a child in town, a former resident). */
export const OUTSIDE_ADDRESSES: readonly string[] = [
  'Tổ 5, phường Phan Đình Phùng, tỉnh Thái Nguyên',
  'Tổ 12, phường Quyết Thắng, tỉnh Thái Nguyên',
  'Xóm Bến, xã Tân Dương, tỉnh Thái Nguyên',
  'Thôn Làng Mới, xã Phú Lương, tỉnh Thái Nguyên',
  'Số 18 ngõ 42 phố Trần Duy Hưng, phường Yên Hòa, thành phố Hà Nội',
  'Tổ 3, phường Đức Xuân, tỉnh Thái Nguyên',
];

/** Firms and sites that appear in petitions about pollution, wages and projects. */
export const BUSINESSES = {
  pigFarm: ['trang trại chăn nuôi lợn', 'trại lợn thịt', 'trại lợn nái'],
  brickKiln: ['lò gạch thủ công', 'lò nung gạch', 'cơ sở sản xuất gạch nung'],
  workshop: ['xưởng xẻ gỗ', 'xưởng cơ khí', 'cơ sở chế biến chè', 'xưởng nghiền đá'],
  employer: [
    'Công ty TNHH May mặc Hoàng Long',
    'Công ty Cổ phần Chè Thái Tân',
    'Công ty TNHH Chế biến lâm sản Tân Thành',
    'Công ty TNHH Điện tử Phổ Yên Việt Nam',
    'Hợp tác xã chè Đồng Tâm',
  ],
  quarry: ['bãi khai thác cát sỏi ven suối', 'mỏ đất san lấp', 'điểm khai thác đá'],
  noisy: ['quán karaoke', 'xưởng xẻ gỗ', 'cơ sở xay xát', 'quán bia'],
} as const;

/** Projects whose land clearance (giải phóng mặt bằng) gives rise to compensation complaints. */
export function projectsOf(commune: SimulationCommune): readonly string[] {
  return [
    `dự án đường liên xã ${commune.name} – Tân Dương`,
    'dự án cải tạo, nâng cấp Quốc lộ 3C',
    `dự án Khu dân cư số 2 xã ${commune.name}`,
    `dự án xây dựng Trường Mầm non trung tâm xã ${commune.name}`,
    `dự án Cụm công nghiệp ${commune.name}`,
    'dự án hồ chứa nước Đồng Bục',
    'dự án kè chống sạt lở bờ suối Chợ Chu',
  ];
}

/** Posts of officials that petitions name (after the 2025 reorganisation of commune government). */
export const OFFICIAL_POSTS = {
  land: 'công chức Phòng Kinh tế phụ trách địa chính',
  construction: 'công chức Phòng Kinh tế phụ trách xây dựng',
  justice: 'công chức Tư pháp – Hộ tịch',
  social: 'công chức Phòng Văn hóa – Xã hội phụ trách lao động – thương binh và xã hội',
  accounting: 'kế toán ngân sách xã',
  oneStop: 'công chức Trung tâm Phục vụ hành chính công xã',
  police: 'cán bộ Công an xã',
} as const;
