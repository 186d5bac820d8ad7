import { DomainError } from '@tiep-dan/contracts';
import {
  findRelatedPetitions,
  MatchablePetition,
  MatchOptions,
  petitionerKeyMaterial,
} from './petition-matcher';
import { placeKey } from './place-names';

/** Keys as the infrastructure would make them: one opaque string per identifying fact. */
const LAN = ['key:lan-citizen-id', 'key:lan-phone'];
const HUNG = ['key:hung-citizen-id'];
const THON_3 = placeKey('Thôn 3');

const LAND_DISPUTE = 'Tranh chấp đất đai với hộ ông Nguyễn Văn A ở thôn 3';
const LAND_DISPUTE_UNMARKED = 'Tranh chap dat dai thon Ba voi ho Nguyen Van A';
const BROKEN_ROAD = 'Phản ánh đường bê tông thôn 3 bị xuống cấp, nhiều ổ gà';

function petition(id: string, overrides: Partial<MatchablePetition> = {}): MatchablePetition {
  return {
    petitionId: id,
    kind: 'complaint',
    petitionerKeys: LAN,
    hamletKey: THON_3,
    subjectText: LAND_DISPUTE,
    receivedOn: '2025-03-01',
    status: 'open',
    ...overrides,
  };
}

const candidate = (overrides: Partial<MatchablePetition> = {}) =>
  petition('new', { subjectText: LAND_DISPUTE_UNMARKED, receivedOn: '2025-06-10', ...overrides });

function errorCode(fn: () => unknown): string | undefined {
  try {
    fn();
  } catch (e) {
    return e instanceof DomainError ? e.code : 'not a DomainError';
  }
  return undefined;
}

describe('findRelatedPetitions: duplicates (trùng đơn)', () => {
  it('links the same petitioner about the same matter to the open petition, reworded without diacritics', () => {
    const result = findRelatedPetitions(candidate(), [petition('p1')]);
    expect(result.duplicateOf?.petitionId).toBe('p1');
    expect(result.duplicateOf?.reasons).toEqual([
      'same_petitioner',
      'same_kind_family',
      'same_hamlet',
      'similar_subject',
    ]);
    expect(result.repeatOf).toBeUndefined();
  });

  it('recognises the same person by any one shared key (ID on one petition, phone on the other)', () => {
    const result = findRelatedPetitions(candidate({ petitionerKeys: ['key:lan-phone'] }), [
      petition('p1', { petitionerKeys: ['key:lan-citizen-id', 'key:lan-phone'] }),
    ]);
    expect(result.duplicateOf?.petitionId).toBe('p1');
  });

  it('matches hamlets written differently once both are keyed ("Thôn Ba" and "T.3")', () => {
    const result = findRelatedPetitions(candidate({ hamletKey: placeKey('T.3') }), [
      petition('p1', { hamletKey: placeKey('Thôn Ba') }),
    ]);
    expect(result.duplicateOf?.reasons).toContain('same_hamlet');
  });

  it('does not make a different person a duplicate, but lists the petition as similar', () => {
    const result = findRelatedPetitions(candidate({ petitionerKeys: HUNG }), [petition('p1')]);
    expect(result.duplicateOf).toBeUndefined();
    expect(result.repeatOf).toBeUndefined();
    expect(result.similar.map((s) => s.petitionId)).toEqual(['p1']);
  });

  it("does not make the same person's different matter a duplicate", () => {
    const result = findRelatedPetitions(candidate({ subjectText: BROKEN_ROAD, kind: 'reflection' }), [
      petition('p1'),
      petition('p2', { subjectText: 'Khiếu nại quyết định xử phạt vi phạm hành chính về xây dựng' }),
    ]);
    expect(result.duplicateOf).toBeUndefined();
    expect(result.similar).toEqual([]);
  });

  it('does not merge two land disputes of one household with different neighbours', () => {
    const result = findRelatedPetitions(
      candidate({ subjectText: 'Tranh chấp đất đai với hộ ông Trần Văn E ở thôn 3' }),
      [petition('p1')],
    );
    expect(result.duplicateOf).toBeUndefined();
  });

  it('does not merge requests about different land parcels, however alike the words', () => {
    const result = findRelatedPetitions(
      candidate({
        kind: 'recommendation',
        subjectText: 'Đề nghị cấp giấy chứng nhận QSDĐ cho thửa đất số 312',
      }),
      [petition('p1', { kind: 'recommendation', subjectText: 'de nghi cap GCNQSDD thua dat so 245' })],
    );
    expect(result.duplicateOf).toBeUndefined();
    expect(result.similar.map((s) => s.petitionId)).toEqual(['p1']);
  });

  it('does not link across kind families: a denunciation is never a duplicate of a complaint', () => {
    const result = findRelatedPetitions(candidate({ kind: 'denunciation' }), [petition('p1')]);
    expect(result.duplicateOf).toBeUndefined();
    expect(result.similar.map((s) => s.petitionId)).toEqual(['p1']);
  });

  it('links a reflection to a recommendation: they are one family', () => {
    const result = findRelatedPetitions(candidate({ kind: 'reflection' }), [
      petition('p1', { kind: 'recommendation' }),
    ]);
    expect(result.duplicateOf?.petitionId).toBe('p1');
  });

  it('follows configured kind families', () => {
    const options: MatchOptions = { kindFamilies: { complaint: 'kntc', denunciation: 'kntc' } };
    const result = findRelatedPetitions(candidate({ kind: 'denunciation' }), [petition('p1')], options);
    expect(result.duplicateOf?.petitionId).toBe('p1');
  });

  it('does not link when both hamlets are known and differ', () => {
    const result = findRelatedPetitions(candidate({ hamletKey: placeKey('Thôn 5') }), [petition('p1')]);
    expect(result.duplicateOf).toBeUndefined();
    expect(result.similar.map((s) => s.petitionId)).toEqual(['p1']);
  });

  it('links when one hamlet is unknown, without claiming the same hamlet', () => {
    const result = findRelatedPetitions(candidate({ hamletKey: undefined }), [petition('p1')]);
    expect(result.duplicateOf?.petitionId).toBe('p1');
    expect(result.duplicateOf?.reasons).not.toContain('same_hamlet');
  });

  it('does not list the linked petition again among the similar ones', () => {
    const result = findRelatedPetitions(candidate(), [petition('p1')]);
    expect(result.similar).toEqual([]);
  });

  it('ignores the candidate itself when it is already among the existing petitions', () => {
    const result = findRelatedPetitions(candidate(), [candidate()]);
    expect(result).toEqual({ similar: [] });
  });
});

describe('findRelatedPetitions: repeats (đơn tái diễn)', () => {
  it('marks a petition about a finally resolved matter as a repeat', () => {
    const result = findRelatedPetitions(candidate(), [petition('p1', { status: 'resolved' })]);
    expect(result.repeatOf?.petitionId).toBe('p1');
    expect(result.duplicateOf).toBeUndefined();
  });

  it('prefers an open petition over a resolved one: a duplicate, not a repeat', () => {
    const result = findRelatedPetitions(candidate(), [
      petition('resolved', {
        status: 'resolved',
        receivedOn: '2024-01-05',
        subjectText: LAND_DISPUTE_UNMARKED,
      }),
      petition('open', { status: 'open', receivedOn: '2025-05-01' }),
    ]);
    expect(result.duplicateOf?.petitionId).toBe('open');
    expect(result.repeatOf).toBeUndefined();
    expect(result.similar.map((s) => s.petitionId)).toEqual(['resolved']);
  });

  it("does not mark a different person's resolved matter as a repeat", () => {
    const result = findRelatedPetitions(candidate({ petitionerKeys: HUNG }), [
      petition('p1', { status: 'resolved' }),
    ]);
    expect(result.repeatOf).toBeUndefined();
  });
});

describe('findRelatedPetitions: filed, withdrawn and anonymous petitions', () => {
  it.each(['withdrawn', 'filed'] as const)('lists a %s petition as similar only', (status) => {
    const result = findRelatedPetitions(candidate(), [petition('p1', { status })]);
    expect(result.duplicateOf).toBeUndefined();
    expect(result.repeatOf).toBeUndefined();
    expect(result.similar.map((s) => s.petitionId)).toEqual(['p1']);
  });

  it('links to the open petition even when a withdrawn one matches better', () => {
    const result = findRelatedPetitions(candidate(), [
      petition('withdrawn', { status: 'withdrawn', subjectText: LAND_DISPUTE_UNMARKED }),
      petition('open'),
    ]);
    expect(result.duplicateOf?.petitionId).toBe('open');
  });

  it('never makes an anonymous candidate a duplicate by person, but lists similar petitions', () => {
    const result = findRelatedPetitions(candidate({ petitionerKeys: [] }), [
      petition('p1'),
      petition('anon', { petitionerKeys: [] }),
    ]);
    expect(result.duplicateOf).toBeUndefined();
    expect(result.repeatOf).toBeUndefined();
    expect(result.similar.map((s) => s.petitionId).sort()).toEqual(['anon', 'p1']);
  });

  it('never matches a person by a blank key', () => {
    const result = findRelatedPetitions(candidate({ petitionerKeys: ['', '  '] }), [
      petition('p1', { petitionerKeys: ['', '  '] }),
    ]);
    expect(result.duplicateOf).toBeUndefined();
  });
});

describe('findRelatedPetitions: respondents', () => {
  it('says so when the respondents are alike too', () => {
    const result = findRelatedPetitions(candidate({ respondentText: 'Chủ tịch UBND xã Hòa Phú' }), [
      petition('p1', { respondentText: 'chu tich Uy ban nhan dan xa Hoa Phu' }),
    ]);
    expect(result.duplicateOf?.reasons).toContain('similar_respondent');
  });

  it('scores the same subject lower against a different respondent', () => {
    const base = {
      kind: 'denunciation',
      subjectText: 'Tố cáo cán bộ nhận tiền khi làm hồ sơ cấp sổ đỏ',
    } as const;
    const scoreAgainst = (respondentText: string) =>
      findRelatedPetitions(candidate({ ...base, respondentText: 'cán bộ địa chính Trần Văn B' }), [
        petition('p1', { ...base, petitionerKeys: HUNG, respondentText }),
      ]).similar[0]?.score;
    const same = scoreAgainst('Trần Văn B, địa chính xã');
    const different = scoreAgainst('Lê Thị K, văn phòng đăng ký đất đai');
    expect(same).toBeDefined();
    expect(different).toBeDefined();
    expect(same ?? 0).toBeGreaterThan(different ?? 1);
  });

  it('ignores a respondent that has no matter words ("ông")', () => {
    const withEmpty = findRelatedPetitions(candidate({ respondentText: 'ông' }), [
      petition('p1', { respondentText: 'bà' }),
    ]);
    const without = findRelatedPetitions(candidate(), [petition('p1')]);
    expect(withEmpty.duplicateOf?.score).toBe(without.duplicateOf?.score);
  });
});

describe('findRelatedPetitions: choice and order', () => {
  it('links the open petition that matches best', () => {
    const result = findRelatedPetitions(candidate(), [
      petition('older-weaker', {
        receivedOn: '2024-01-01',
        subjectText: `${LAND_DISPUTE}, lấn chiếm 20 m2 ao`,
      }),
      petition('best', { receivedOn: '2025-01-01', subjectText: LAND_DISPUTE_UNMARKED }),
    ]);
    expect(result.duplicateOf?.petitionId).toBe('best');
    expect(result.similar.map((s) => s.petitionId)).toEqual(['older-weaker']);
  });

  it('breaks a tie in score by the earliest received, then by the smallest id', () => {
    const twins = [
      petition('b', { receivedOn: '2025-02-01' }),
      petition('c', { receivedOn: '2025-01-01' }),
      petition('a', { receivedOn: '2025-02-01' }),
    ];
    const result = findRelatedPetitions(candidate(), twins);
    expect(result.duplicateOf?.petitionId).toBe('c');
    expect(result.similar.map((s) => s.petitionId)).toEqual(['a', 'b']);
  });

  it('gives the same answer whatever the order of the existing petitions', () => {
    const existing = [
      petition('p1', { receivedOn: '2025-02-01' }),
      petition('p2', { receivedOn: '2025-02-01', status: 'resolved' }),
      petition('p3', { petitionerKeys: HUNG }),
      petition('p4', { subjectText: BROKEN_ROAD }),
      petition('p5', { status: 'withdrawn', receivedOn: '2024-12-01' }),
      petition('p6', { petitionerKeys: [], subjectText: LAND_DISPUTE_UNMARKED }),
    ];
    const expected = findRelatedPetitions(candidate(), existing);
    const rotations = existing.map((_, k) => [...existing.slice(k), ...existing.slice(0, k)]);
    for (const order of [...rotations, [...existing].reverse()]) {
      expect(findRelatedPetitions(candidate(), order)).toEqual(expected);
    }
  });

  it('orders similar petitions by score, best first, and cuts the list at maxSimilar', () => {
    const existing = [
      petition('weak', {
        petitionerKeys: HUNG,
        subjectText: `${LAND_DISPUTE}, lấn chiếm ao, chặt cây, xây tường rào`,
      }),
      petition('strong', { petitionerKeys: HUNG, subjectText: LAND_DISPUTE_UNMARKED }),
      petition('middle', { petitionerKeys: HUNG, subjectText: `${LAND_DISPUTE}, lấn chiếm ao` }),
    ];
    const all = findRelatedPetitions(candidate(), existing);
    expect(all.similar.map((s) => s.petitionId)).toEqual(['strong', 'middle', 'weak']);
    const scores = all.similar.map((s) => s.score);
    expect([...scores].sort((x, y) => y - x)).toEqual(scores);
    expect(
      findRelatedPetitions(candidate(), existing, { maxSimilar: 2 }).similar.map((s) => s.petitionId),
    ).toEqual(['strong', 'middle']);
  });

  it('reports scores rounded to two decimals', () => {
    const result = findRelatedPetitions(candidate(), [
      petition('p1', { subjectText: `${LAND_DISPUTE} và lối đi` }),
    ]);
    const score = result.duplicateOf?.score ?? result.similar[0]?.score;
    expect(score).toBeDefined();
    expect(Math.round((score ?? 0) * 100) / 100).toBe(score);
  });

  it('honours a stricter sameMatter threshold', () => {
    const reworded = candidate({
      kind: 'reflection',
      subjectText: 'Đường bê tông thôn Ba xuống cấp, đề nghị sửa chữa ổ gà',
    });
    const existing = [petition('p1', { kind: 'reflection', subjectText: BROKEN_ROAD })];
    expect(findRelatedPetitions(reworded, existing).duplicateOf?.petitionId).toBe('p1');
    expect(
      findRelatedPetitions(reworded, existing, { sameMatterThreshold: 0.95 }).duplicateOf,
    ).toBeUndefined();
  });
});

describe('findRelatedPetitions: one matter told another way (corroboration)', () => {
  // One near-poor household review, summarised by two officers weeks apart: 0.59 alike.
  const FIRST =
    'Khiếu nại kết quả rà soát hộ nghèo, hộ cận nghèo năm 2024 tại Thôn Hai: gia đình tôi khó khăn nhưng không được công nhận hộ cận nghèo';
  const AGAIN = 'Khiếu nại việc gia đình tôi không có tên trong danh sách hộ cận nghèo năm 2024 của Thôn 2';
  const request = (id: string, subjectText: string, overrides: Partial<MatchablePetition> = {}) =>
    petition(id, { classification: 'administrative.other', subjectText, ...overrides });

  it('scores the two summaries between the corroborated and the plain sameMatter threshold', () => {
    const score = findRelatedPetitions(request('new', AGAIN, { petitionerKeys: HUNG }), [
      request('p1', FIRST),
    ]).similar[0]?.score;
    expect(score).toBeGreaterThanOrEqual(0.45);
    expect(score).toBeLessThan(0.65);
  });

  it('links them when both carry the same classification, and says so', () => {
    const result = findRelatedPetitions(request('new', AGAIN), [request('p1', FIRST)]);
    expect(result.duplicateOf?.petitionId).toBe('p1');
    expect(result.duplicateOf?.reasons).toEqual([
      'same_petitioner',
      'same_kind_family',
      'same_classification',
      'same_hamlet',
      'similar_subject',
    ]);
  });

  it('does not link them without a classification, or with another one', () => {
    const unclassified = { classification: undefined };
    expect(
      findRelatedPetitions(request('new', AGAIN, unclassified), [request('p1', FIRST, unclassified)])
        .duplicateOf,
    ).toBeUndefined();
    expect(
      findRelatedPetitions(request('new', AGAIN), [request('p1', FIRST, { classification: 'policy' })])
        .duplicateOf,
    ).toBeUndefined();
  });

  it('links a rewording that shares a person named, with two facts even when little else is shared', () => {
    const existing = [
      petition('p1', {
        kind: 'denunciation',
        classification: 'administrative.other',
        subjectText:
          'Tố cáo công chức địa chính Nguyễn Văn Hùng hách dịch, gây phiền hà khi giải quyết thủ tục',
      }),
    ];
    const result = findRelatedPetitions(
      candidate({
        kind: 'denunciation',
        classification: 'administrative.other',
        subjectText: 'To cao can bo Nguyen Van Hung nhieu lan hen lai, doi giay to khong can thiet',
      }),
      existing,
    );
    expect(result.duplicateOf?.petitionId).toBe('p1');
    expect(result.duplicateOf?.score).toBeLessThan(0.45);
    expect(result.duplicateOf?.reasons).toEqual(
      expect.arrayContaining(['same_classification', 'shared_identifier']),
    );
  });

  it('never links the same words about another relative: "cho mẹ tôi" is not "cho bố tôi"', () => {
    const about = (relative: string) =>
      `Đề nghị hướng dẫn, hoàn thiện hồ sơ hưởng chế độ người có công với cách mạng cho ${relative}`;
    const result = findRelatedPetitions(
      candidate({ kind: 'recommendation', classification: 'policy', subjectText: about('mẹ tôi') }),
      [petition('p1', { kind: 'recommendation', classification: 'policy', subjectText: about('bố tôi') })],
    );
    expect(result.duplicateOf).toBeUndefined();
    expect(result.similar.map((s) => s.petitionId)).toEqual(['p1']);
  });

  it('honours a corroboration of 0: the subject alone decides', () => {
    const result = findRelatedPetitions(request('new', AGAIN), [request('p1', FIRST)], { corroboration: 0 });
    expect(result.duplicateOf).toBeUndefined();
  });

  it('reads the subjects with the commune’s hamlet aliases: "Xóm 3" is "Thôn 3", not "Thôn 5"', () => {
    const drain = (hamlet: string) => `Phản ánh mương tiêu nội đồng ở ${hamlet} bị san lấp làm ngập lúa`;
    const about = (id: string, hamlet: string) =>
      petition(id, { kind: 'reflection', subjectText: drain(hamlet), hamletKey: undefined });
    const placeAliases = { 'Thôn 3': ['Xóm 3'] };
    expect(
      findRelatedPetitions(about('new', 'Xóm 3'), [about('p1', 'Thôn 3')], { placeAliases }).duplicateOf
        ?.score,
    ).toBe(1);
    expect(
      findRelatedPetitions(about('new', 'Xóm 3'), [about('p1', 'Thôn 5')], { placeAliases }).duplicateOf,
    ).toBeUndefined();
    expect(findRelatedPetitions(about('new', 'Xóm 3'), [about('p1', 'Thôn 5')]).duplicateOf?.petitionId).toBe(
      'p1',
    );
  });
});

describe('findRelatedPetitions: input errors', () => {
  it('refuses a receivedOn that is not YYYY-MM-DD with MATCHING.INVALID_RECEIVED_ON', () => {
    expect(errorCode(() => findRelatedPetitions(candidate({ receivedOn: '10/06/2025' }), []))).toBe(
      'MATCHING.INVALID_RECEIVED_ON',
    );
    expect(
      errorCode(() => findRelatedPetitions(candidate(), [petition('p1', { receivedOn: '2025-3-1' })])),
    ).toBe('MATCHING.INVALID_RECEIVED_ON');
  });

  it('refuses a petition listed twice with MATCHING.DUPLICATE_PETITION_ID', () => {
    expect(errorCode(() => findRelatedPetitions(candidate(), [petition('p1'), petition('p1')]))).toBe(
      'MATCHING.DUPLICATE_PETITION_ID',
    );
  });

  it.each<MatchOptions>([
    { sameMatterThreshold: 1.2 },
    { similarThreshold: -0.1 },
    { sameMatterThreshold: 0.5, similarThreshold: 0.7 },
    { sameMatterThreshold: Number.NaN },
    { maxSimilar: -1 },
    { maxSimilar: 2.5 },
    { corroboration: 1.5 },
  ])('refuses inconsistent options %j with MATCHING.INVALID_OPTIONS', (options) => {
    expect(errorCode(() => findRelatedPetitions(candidate(), [], options))).toBe('MATCHING.INVALID_OPTIONS');
  });
});

describe('petitionerKeyMaterial', () => {
  it('keeps the digits of a citizen ID (CCCD, 12 digits, or the old CMND, 9 digits)', () => {
    expect(petitionerKeyMaterial({ citizenId: '001 085 012 345' })).toEqual(['citizen-id:001085012345']);
    expect(petitionerKeyMaterial({ citizenId: '012.345.678' })).toEqual(['citizen-id:012345678']);
  });

  it('gives no material for an ID that is not 9 or 12 digits', () => {
    expect(petitionerKeyMaterial({ citizenId: '12345' })).toEqual([]);
    expect(petitionerKeyMaterial({ citizenId: '00108501234A' })).toEqual([]);
  });

  it('writes every form of one mobile number as the same +84 number', () => {
    const forms = [
      '0912 345 678',
      '0912.345.678',
      '+84 912 345 678',
      '84912345678',
      '0084912345678',
      '(091) 2345-678',
    ];
    expect(new Set(forms.map((phone) => petitionerKeyMaterial({ phone })[0]))).toEqual(
      new Set(['phone:+84912345678']),
    );
  });

  it('maps an old 11-digit mobile number to its 2018 10-digit form', () => {
    expect(petitionerKeyMaterial({ phone: '0168 234 5678' })).toEqual(
      petitionerKeyMaterial({ phone: '038 234 5678' }),
    );
    expect(petitionerKeyMaterial({ phone: '0123 456 7890' })).toEqual(['phone:+84834567890']);
  });

  it('keeps a landline with its area code', () => {
    expect(petitionerKeyMaterial({ phone: '024 3825 1234' })).toEqual(['phone:+842438251234']);
  });

  it('gives no material for something that is not a Vietnamese phone number', () => {
    expect(petitionerKeyMaterial({ phone: '12345' })).toEqual([]);
    expect(petitionerKeyMaterial({ phone: '0912 345 67x' })).toEqual([]);
    expect(petitionerKeyMaterial({ phone: '+1 202 555 0123' })).toEqual([]);
  });

  it('folds the name with the hamlet key, so diacritics, NFD and tone placement do not matter', () => {
    const hamletKey = placeKey('Thôn 3');
    const forms = [
      'Nguyễn Thị Thuý',
      'NGUYỄN THỊ THÚY',
      'nguyen thi thuy',
      'Nguyễn  Thị Thúy'.normalize('NFD'),
    ];
    expect(new Set(forms.map((fullName) => petitionerKeyMaterial({ fullName, hamletKey })[0]))).toEqual(
      new Set([`name-hamlet:nguyen thi thuy|${hamletKey}`]),
    );
  });

  it('drops a leading form of address but keeps a surname that folds like one (Cù)', () => {
    const hamletKey = 'thon#3';
    expect(petitionerKeyMaterial({ fullName: 'Ông Nguyễn Văn An', hamletKey })).toEqual(
      petitionerKeyMaterial({ fullName: 'Nguyễn Văn An', hamletKey }),
    );
    expect(petitionerKeyMaterial({ fullName: 'ba Le Thi Hoa', hamletKey })).toEqual(
      petitionerKeyMaterial({ fullName: 'Lê Thị Hoa', hamletKey }),
    );
    expect(petitionerKeyMaterial({ fullName: 'Cù Thị Hậu', hamletKey })).toEqual([
      `name-hamlet:cu thi hau|${hamletKey}`,
    ]);
  });

  it('gives no name material without a hamlet: a name alone does not identify a person', () => {
    expect(petitionerKeyMaterial({ fullName: 'Nguyễn Văn An' })).toEqual([]);
  });

  it('labels each kind of material, so an ID and a phone with equal digits never give one key', () => {
    const material = petitionerKeyMaterial({
      citizenId: '091234567',
      phone: '091234567',
      fullName: 'Trần Văn Bình',
      hamletKey: 'donghoa',
    });
    expect(material).toEqual(['citizen-id:091234567', 'name-hamlet:tran van binh|donghoa']);
    const withPhone = petitionerKeyMaterial({ citizenId: '001085012345', phone: '0912345678' });
    expect(new Set(withPhone).size).toBe(2);
    expect(withPhone.map((m) => m.split(':')[0])).toEqual(['citizen-id', 'phone']);
  });
});
