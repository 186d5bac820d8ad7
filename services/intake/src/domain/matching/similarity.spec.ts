import {
  conflictingIdentifiers,
  hasMatterWords,
  sharedIdentifiers,
  profileText,
  SIMILARITY_THRESHOLDS,
  termSimilarity,
  textSimilarity,
  trigramSimilarity,
} from './similarity';

const terms = (a: string, b: string) => termSimilarity(profileText(a), profileText(b));
const trigrams = (a: string, b: string) => trigramSimilarity(profileText(a), profileText(b));
const conflicts = (a: string, b: string) => conflictingIdentifiers(profileText(a), profileText(b));

/** One matter told twice, as citizens and officers really write it. */
const SAME_MATTER: ReadonlyArray<readonly [string, string]> = [
  ['tranh chấp đất đai với hộ ông Nguyễn Văn A ở thôn 3', 'Tranh chap dat dai thon Ba voi ho Nguyen Van A'],
  [
    'Khiếu nại Quyết định số 125/QĐ-UBND ngày 12/3/2024 của UBND xã về thu hồi đất',
    'khieu nai quyet dinh 125/QD-UBND thu hoi dat cua Uy ban nhan dan xa ngay 12/3/2024',
  ],
  [
    'Phản ánh đường bê tông thôn Đông Hòa bị xuống cấp, ổ gà',
    'Đường bê tông ở Đông Hoà xuống cấp nhiều ổ gà, đề nghị sửa chữa',
  ],
  [
    'Đề nghị cấp giấy chứng nhận quyền sử dụng đất cho thửa đất số 245 tờ bản đồ số 12',
    'de nghi cap GCNQSDĐ thua dat 245 to ban do 12',
  ],
  [
    'Tố cáo cán bộ địa chính xã Trần Văn B nhận tiền khi làm sổ đỏ',
    'to cao can bo dia chinh Tran Van B nhan tien lam so do',
  ],
  [
    'Khiếu nại việc chậm chi trả tiền bồi thường giải phóng mặt bằng dự án đường tỉnh 295',
    'Chậm chi trả bồi thường GPMB dự án đường tỉnh 295, đề nghị giải quyết',
  ],
  [
    'Phản ánh trại lợn của hộ ông Phạm Văn D xả thải gây ô nhiễm môi trường',
    'Ô nhiễm môi trường từ trại lợn nhà ông Phạm Văn D, nước thải xả ra mương',
  ],
];

/** Different matters that share the area, the kind or the classification words. */
const DIFFERENT_MATTERS: ReadonlyArray<readonly [string, string]> = [
  [
    'Tranh chấp đất đai với hộ ông Nguyễn Văn A ở thôn 3',
    'Tranh chấp lối đi chung với hộ bà Lê Thị C ở thôn 3',
  ],
  [
    'Khiếu nại quyết định thu hồi đất của UBND xã',
    'Khiếu nại việc chậm chi trả tiền bồi thường khi thu hồi đất',
  ],
  [
    'Tranh chấp đất đai với hộ ông Nguyễn Văn A ở thôn 3',
    'Tranh chấp đất đai với hộ ông Trần Văn E ở thôn 5',
  ],
  [
    'Khiếu nại quyết định xử phạt vi phạm hành chính về xây dựng',
    'Khiếu nại quyết định thu hồi đất nông nghiệp',
  ],
  ['Phản ánh đường bê tông thôn 3 bị xuống cấp', 'Phản ánh đèn đường thôn 3 không sáng'],
];

/** Nothing in common but being petitions. */
const UNRELATED: ReadonlyArray<readonly [string, string]> = [
  ['Tố cáo cán bộ địa chính nhận tiền', 'Kiến nghị lắp đèn đường thôn 2'],
  ['Đề nghị xét hỗ trợ hộ nghèo', 'Khiếu nại quyết định xử phạt vi phạm hành chính về xây dựng'],
  ['Phản ánh ô nhiễm môi trường do trại lợn', 'Phản ánh đường bê tông thôn 3 bị xuống cấp'],
];

describe('textSimilarity: the documented thresholds', () => {
  it.each(SAME_MATTER)('one matter reworded scores at least sameMatter: %s | %s', (a, b) => {
    expect(textSimilarity(a, b)).toBeGreaterThanOrEqual(SIMILARITY_THRESHOLDS.sameMatter + 0.1);
  });

  it.each(DIFFERENT_MATTERS)(
    'different matters of one area or kind stay below sameMatter: %s | %s',
    (a, b) => {
      expect(textSimilarity(a, b)).toBeLessThan(SIMILARITY_THRESHOLDS.sameMatter - 0.1);
    },
  );

  it.each(UNRELATED)('unrelated matters stay below similar: %s | %s', (a, b) => {
    expect(textSimilarity(a, b)).toBeLessThan(SIMILARITY_THRESHOLDS.similar);
  });

  it('keeps similar below sameMatter', () => {
    expect(SIMILARITY_THRESHOLDS.similar).toBeLessThan(SIMILARITY_THRESHOLDS.sameMatter);
  });
});

describe('textSimilarity: robustness', () => {
  const text = 'Tranh chấp đất đai với hộ ông Nguyễn Văn A ở thôn Đông Hòa';

  it('scores a text against itself 1', () => {
    expect(textSimilarity(text, text)).toBeCloseTo(1, 10);
  });

  it('is symmetric', () => {
    for (const [a, b] of [...SAME_MATTER, ...DIFFERENT_MATTERS]) {
      expect(textSimilarity(a, b)).toBeCloseTo(textSimilarity(b, a), 10);
    }
  });

  it('ignores diacritics', () => {
    expect(
      textSimilarity(text, 'Tranh chap dat dai voi ho ong Nguyen Van A o thon Dong Hoa'),
    ).toBeGreaterThan(0.9);
  });

  it('ignores NFD against NFC input', () => {
    expect(textSimilarity(text, text.normalize('NFD'))).toBeCloseTo(1, 10);
  });

  it('ignores old against new tone placement', () => {
    expect(
      textSimilarity('Khiếu nại của bà Thuý ở thôn Đông Hoà', 'Khiếu nại của bà Thúy ở thôn Đông Hòa'),
    ).toBeCloseTo(1, 10);
  });

  it('ignores word order', () => {
    expect(textSimilarity(text, 'Với hộ ông Nguyễn Văn A ở thôn Đông Hòa: tranh chấp đất đai')).toBeCloseTo(
      1,
      10,
    );
  });

  it('reads "thôn 3" and "thôn Ba" as the same place', () => {
    expect(textSimilarity('Đèn đường thôn 3 hỏng', 'Đèn đường thôn Ba hỏng')).toBeCloseTo(1, 10);
  });

  it('reads an administrative abbreviation and its spelled-out form as the same term', () => {
    expect(terms('UBND xã cấp GCNQSDĐ', 'Ủy ban nhân dân xã cấp giấy chứng nhận quyền sử dụng đất')).toBe(1);
  });

  it('gives partial credit for a typo through trigrams, where whole words do not match', () => {
    const a = 'tranh chấp ranh giới';
    const b = 'tranh chất ranh giớ';
    expect(trigrams(a, b)).toBeGreaterThan(terms(a, b));
    expect(textSimilarity(a, b)).toBeGreaterThan(terms(a, b));
  });

  it('lets petition boilerplate weigh little: two unrelated requests to the commune stay apart', () => {
    expect(
      textSimilarity(
        'Kính gửi UBND xã, đề nghị giải quyết việc cấp sổ hộ nghèo',
        'Kính gửi UBND xã, đề nghị giải quyết việc sửa cống thoát nước',
      ),
    ).toBeLessThan(SIMILARITY_THRESHOLDS.similar);
  });

  it('scores a text without matter words 0 against anything, itself included', () => {
    expect(textSimilarity('', '')).toBe(0);
    expect(textSimilarity('về việc của', 'về việc của')).toBe(0);
    expect(textSimilarity('', text)).toBe(0);
    expect(hasMatterWords(profileText('về việc của'))).toBe(false);
    expect(hasMatterWords(profileText(text))).toBe(true);
  });
});

describe('conflictingIdentifiers', () => {
  it('finds different parcel numbers however they are written', () => {
    expect(conflicts('cấp sổ đỏ thửa đất số 245', 'cap so do thua 312')).toEqual(['parcel']);
  });

  it('finds different decision numbers', () => {
    expect(conflicts('Khiếu nại Quyết định số 125/QĐ-UBND', 'khiếu nại QĐ 130')).toEqual(['decision']);
  });

  it('finds different numbered places of one kind', () => {
    expect(conflicts('đèn đường thôn 3', 'đèn đường thôn Năm')).toEqual(['place:thon']);
  });

  it('sees no conflict when one shared value is enough or when only one text gives the identifier', () => {
    expect(conflicts('thửa 245 và thửa 246', 'thửa đất số 245')).toEqual([]);
    expect(conflicts('thửa 245 tờ bản đồ 12', 'cấp sổ đỏ cho thửa đất')).toEqual([]);
    expect(conflicts('thôn 3 và thôn 5', 'thôn Ba')).toEqual([]);
    expect(conflicts('thửa số 0245', 'thửa 245')).toEqual([]);
  });
});

describe('textSimilarity: everyday names of documents', () => {
  it('reads "sổ đỏ" as the land-use right certificate (GCN QSDĐ), with or without marks', () => {
    expect(terms('cấp sổ đỏ', 'cấp giấy chứng nhận quyền sử dụng đất')).toBe(1);
    expect(terms('cap so do', 'cấp GCNQSDĐ')).toBe(1);
  });

  it('does not read "số đỏ" or "sơ đồ" written with their marks as "sổ đỏ"', () => {
    expect(terms('sơ đồ thửa đất', 'giấy chứng nhận quyền sử dụng đất thửa đất')).toBeLessThan(1);
    expect(terms('sơ đồ', 'sổ đỏ')).toBe(0);
  });
});

describe('conflictingIdentifiers: names, places, official numbers and relatives', () => {
  it('finds different people named, however they are written', () => {
    expect(conflicts('tranh chấp với hộ ông Nguyễn Văn A', 'tranh chap voi ho ba Le Thi C')).toEqual([
      'person',
    ]);
    expect(conflicts('hộ ông Nguyễn Văn A', 'ho ong NGUYEN VAN A')).toEqual([]);
  });

  it('ends a name at punctuation and at a place or an abbreviation written after it', () => {
    expect(conflicts('hộ ông Nguyễn Mạnh Phong (Phố Chợ)', 'hộ ông Nguyễn Mạnh Phong tại Phố Chợ')).toEqual(
      [],
    );
    expect(conflicts('hộ bà Lê Thị Loan TDP Trung Tâm', 'hộ bà Lê Thị Loan')).toEqual([]);
    expect(conflicts('Bí thư Chi bộ Xóm Hợp Thành Nguyễn Văn Bình', 'đảng viên Nguyễn Văn Bình')).toEqual([]);
  });

  it('takes no capitalised phrase for a name unless it starts with a surname and has three words', () => {
    expect(conflicts('Phản ánh Đường Liên Thôn hỏng', 'Phản ánh Trần Văn B')).toEqual([]);
    expect(conflicts('ông Lê Lợi', 'ông Trần Hưng')).toEqual([]);
  });

  it('finds different named places, and the same place however its kind is written', () => {
    expect(conflicts('đường từ Thôn 1 đi Xóm Đồng Tâm', 'đường từ Thôn 1 đi Xóm Hợp Thành')).toEqual([
      'place:named',
    ]);
    expect(conflicts('ở Xóm Nà Lạng', 'o Ban Na Lang')).toEqual([]);
    expect(conflicts('trưởng thôn Xóm Đồng Tâm', 'tại Thôn Đồng Tâm (Quyết định 12)')).toEqual([]);
  });

  it('reads a decision number from its official form "191/QĐ-XPHC"', () => {
    expect(conflicts('bị phạt (Quyết định 191/QĐ-XPHC)', 'Quyết định xử phạt số 192/QĐ-XPHC')).toEqual([
      'decision',
    ]);
    expect(conflicts('bị phạt (Quyết định 191/QĐ-XPHC)', 'Quyết định xử phạt số 191/QĐ-XPHC')).toEqual([]);
  });

  it('reads a judgment number "12/2024/DS-ST", but not a month "11/2024"', () => {
    expect(conflicts('thi hành Bản án số 12/2024/DS-ST', 'Bản án 15/2024/DS-ST')).toEqual(['judgment']);
    expect(conflicts('nộp từ tháng 11/2024', 'nộp từ tháng 12/2024')).toEqual([]);
  });

  it('finds different relatives a petition is for, "cha" and "bố" being one', () => {
    expect(conflicts('chế độ cho mẹ tôi', 'che do cho bo toi')).toEqual(['relative']);
    expect(conflicts('chế độ cho cha tôi', 'chế độ cho bố tôi')).toEqual([]);
    expect(conflicts('bị kết án oan, tôi vô tội', 'trợ cấp cho vợ tôi')).toEqual([]);
  });
});

describe('sharedIdentifiers', () => {
  const shared = (a: string, b: string) => sharedIdentifiers(profileText(a), profileText(b));

  it('names the parcel, decision, judgment, person or relative both texts give', () => {
    expect(shared('thửa đất số 529 tờ bản đồ 13', 'thửa 529, tờ 13')).toEqual(['parcel']);
    expect(shared('Quyết định 191/QĐ-XPHC', 'QĐ số 191')).toEqual(['decision']);
    expect(shared('cán bộ Nguyễn Văn Hùng', 'Tố cáo công chức Nguyen Van Hung')).toEqual(['person']);
    expect(shared('trợ cấp của mẹ tôi', 'chế độ cho mẹ tôi')).toEqual(['relative']);
  });

  it('does not count a map sheet or a hamlet: they hold many matters', () => {
    expect(shared('tờ bản đồ số 13 ở thôn 3', 'tờ bản đồ 13, thôn Ba')).toEqual([]);
  });
});

describe('profileText: the commune’s hamlet aliases', () => {
  const aliases = { 'Thôn 3': ['Thôn Ba', 'Xóm 3'], 'Xóm Đồng Tâm': ['Xóm Chùa'] };

  it('reads an alias of a numbered hamlet as the hamlet', () => {
    const a = profileText('mương bị lấp ở Xóm 3', aliases);
    const b = profileText('mương bị lấp ở Thôn 3', aliases);
    expect(termSimilarity(a, b)).toBe(1);
    expect(
      termSimilarity(profileText('mương bị lấp ở Xóm 3'), profileText('mương bị lấp ở Thôn 3')),
    ).toBeLessThan(1);
  });

  it('keys a named alias as its hamlet', () => {
    const a = profileText('đường ở Xóm Chùa', aliases);
    expect(conflictingIdentifiers(a, profileText('đường ở Xóm Đồng Tâm', aliases))).toEqual([]);
    expect(conflictingIdentifiers(a, profileText('đường ở Xóm Tân Lập', aliases))).toEqual(['place:named']);
  });
});
