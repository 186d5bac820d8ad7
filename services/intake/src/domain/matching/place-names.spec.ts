import { DomainError } from '@tiep-dan/contracts';
import { hamletOfAddress, mergePlacePhrases, placeKey, PlaceAliases } from './place-names';
import { splitWords } from './vietnamese-text';

const allSame = (names: string[], aliases?: PlaceAliases) => new Set(names.map((n) => placeKey(n, aliases)));

function errorCode(fn: () => unknown): string | undefined {
  try {
    fn();
  } catch (e) {
    return e instanceof DomainError ? e.code : 'not a DomainError';
  }
  return undefined;
}

describe('placeKey: numbered hamlets', () => {
  it('gives "Thôn 3", "thon ba", "T.3", "T3", "Thôn III", "thôn số 03" one key', () => {
    const keys = allSame(['Thôn 3', 'thon ba', 'T.3', 'T3', 'Thôn III', 'thôn số 03', 'THÔN 3', 'Thôn Ba']);
    expect(keys.size).toBe(1);
    expect(keys.has(undefined)).toBe(false);
  });

  it('gives "Tổ dân phố 5", "TDP 5", "TDP.5", "TDP5", "tổ 5", "tổ dân cư số 5" one key', () => {
    expect(
      allSame(['Tổ dân phố 5', 'TDP 5', 'TDP.5', 'TDP5', 'tổ 5', 'tổ dân phố năm', 'tổ dân cư số 5']).size,
    ).toBe(1);
  });

  it('keeps different numbers apart', () => {
    expect(placeKey('Thôn 3')).not.toBe(placeKey('Thôn 13'));
    expect(placeKey('Thôn III')).not.toBe(placeKey('Thôn II'));
  });

  it('keeps different kinds apart by default: "Xóm 3" is not "Thôn 3", "Tổ 3" is not "Thôn 3"', () => {
    expect(placeKey('Xóm 3')).not.toBe(placeKey('Thôn 3'));
    expect(placeKey('Tổ 3')).not.toBe(placeKey('Thôn 3'));
    expect(placeKey('Khu phố 3')).not.toBe(placeKey('Khu 3'));
  });

  it('reads Vietnamese number words up to the nineties', () => {
    expect(placeKey('thôn mười')).toBe(placeKey('thôn 10'));
    expect(placeKey('thôn mười một')).toBe(placeKey('thôn 11'));
    expect(placeKey('thôn mười lăm')).toBe(placeKey('thôn 15'));
    expect(placeKey('thôn hai mươi')).toBe(placeKey('thôn 20'));
    expect(placeKey('thôn hai mươi mốt')).toBe(placeKey('thôn 21'));
    expect(placeKey('thôn ba mươi tư')).toBe(placeKey('thôn 34'));
    expect(placeKey('thon hai muoi lam')).toBe(placeKey('thôn 25'));
    expect(placeKey('Thôn Bảy')).toBe(placeKey('Thôn 7'));
    expect(placeKey('Thôn Bẩy')).toBe(placeKey('Thôn 7'));
    expect(placeKey('xóm Chín')).toBe(placeKey('xóm 9'));
  });

  it('reads capital roman numerals up to XXXIX', () => {
    expect(placeKey('Thôn IV')).toBe(placeKey('Thôn 4'));
    expect(placeKey('Thôn IX')).toBe(placeKey('Thôn 9'));
    expect(placeKey('Thôn XIV')).toBe(placeKey('Thôn 14'));
    expect(placeKey('Bản XXXIX')).toBe(placeKey('Bản 39'));
  });

  it('reads a syllable spelt like a numeral as a name unless it is in capitals: "Bản Xi" is not 11', () => {
    expect(placeKey('Bản Xi')).not.toBe(placeKey('Bản 11'));
    expect(placeKey('Bản XI')).toBe(placeKey('Bản 11'));
    expect(placeKey('Thôn Vi')).not.toBe(placeKey('Thôn 6'));
  });

  it('reads "năm", "tám", "sáu" as numbers only with their marks: "Thôn Nam" is a name', () => {
    expect(placeKey('Thôn Năm')).toBe(placeKey('Thôn 5'));
    expect(placeKey('Thôn Nam')).not.toBe(placeKey('Thôn 5'));
    expect(placeKey('thon nam')).toBe(placeKey('Thôn Nam'));
    expect(placeKey('Thôn Tám')).toBe(placeKey('Thôn 8'));
    expect(placeKey('Thôn Tam')).not.toBe(placeKey('Thôn 8'));
  });

  it('keeps a split hamlet\'s letter: "Thôn 3A" = "thôn 3 A" ≠ "Thôn 3"', () => {
    expect(placeKey('Thôn 3A')).toBe(placeKey('thôn 3 A'));
    expect(placeKey('Thôn 3A')).not.toBe(placeKey('Thôn 3'));
    expect(placeKey('Thôn 3A')).not.toBe(placeKey('Thôn 3B'));
  });

  it('does not confuse "Bốn" (four) with the M\'Nông "bon" (hamlet)', () => {
    expect(placeKey('Thôn Bốn')).toBe(placeKey('Thôn 4'));
    expect(placeKey('Bon 4')).not.toBe(placeKey('Thôn 4'));
  });
});

describe('placeKey: named hamlets', () => {
  it('gives "Thôn Đông Hòa", "thon dong hoa", "Đông Hoà", "ĐÔNG HÒA" one key', () => {
    expect(allSame(['Thôn Đông Hòa', 'thon dong hoa', 'Đông Hoà', 'ĐÔNG HÒA', 'Thôn  Đông-Hòa']).size).toBe(
      1,
    );
  });

  it('gives the NFD spelling the same key', () => {
    expect(placeKey('Thôn Đông Hòa'.normalize('NFD'))).toBe(placeKey('Thôn Đông Hòa'));
  });

  it('treats the i/y spelling variants of a name as one: "Mỹ Lộc" = "Mĩ Lộc"', () => {
    expect(placeKey('Thôn Mỹ Lộc')).toBe(placeKey('Mĩ Lộc'));
  });

  it('gives a name typed as one word the same key: "DongHoa" = "Đông Hòa"', () => {
    expect(placeKey('DongHoa')).toBe(placeKey('Đông Hòa'));
  });

  it('keeps different names apart, including names that differ only by a mark', () => {
    expect(placeKey('Đông Hòa')).not.toBe(placeKey('Tây Hòa'));
    expect(placeKey('Thôn Đông Hòa')).not.toBe(placeKey('Thôn Đông Hòa 2'));
  });

  it('reads a trailing numeral of a name as a number: "Tân Lập II" = "Tân Lập 2"', () => {
    expect(placeKey('Khu phố Tân Lập II')).toBe(placeKey('Tân Lập 2'));
  });

  it('keeps a name that starts with a number word whole: "Thôn Ba Làng" is not "Thôn 3"', () => {
    expect(placeKey('Thôn Ba Làng')).not.toBe(placeKey('Thôn 3'));
  });

  it('gives no key to a name without letters or digits', () => {
    expect(placeKey('  ')).toBeUndefined();
    expect(placeKey('--')).toBeUndefined();
  });
});

describe('placeKey: configured aliases', () => {
  it('makes "xóm 3" equal "Thôn 3" only when xóm is configured as an alias of thôn', () => {
    expect(placeKey('xóm 3')).not.toBe(placeKey('Thôn 3'));
    const aliases = { thôn: ['xóm'] };
    expect(placeKey('xóm 3', aliases)).toBe(placeKey('Thôn 3', aliases));
    expect(placeKey('Xóm Ba', aliases)).toBe(placeKey('thon 3'));
    expect(placeKey('xóm 4', aliases)).not.toBe(placeKey('Thôn 3', aliases));
  });

  it('lets a ward read "T.3" as tổ 3 by aliasing the kind', () => {
    expect(placeKey('T.3', { tổ: ['thôn'] })).toBe(placeKey('Tổ dân phố 3'));
  });

  it('maps an old or colloquial name of one place to its canonical key', () => {
    const aliases = { 'Thôn 3': ['Xóm Chùa', 'Đội 3'] };
    expect(placeKey('xom chua', aliases)).toBe(placeKey('Thôn 3'));
    expect(placeKey('Đội Ba', aliases)).toBe(placeKey('Thôn 3'));
    expect(placeKey('Đội 4', aliases)).toBe(placeKey('Đội 4'));
  });

  it('applies kind aliases inside place aliases', () => {
    const aliases = { thôn: ['xóm'], 'Thôn 3': ['Đông Hòa'] };
    expect(placeKey('Đông Hoà', aliases)).toBe(placeKey('xóm 3', aliases));
  });

  it('refuses a name aliased to two places with MATCHING.CONFLICTING_PLACE_ALIAS', () => {
    const aliases = { 'Thôn 3': ['Xóm Chùa'], 'Thôn 4': ['xom chua'] };
    expect(errorCode(() => placeKey('Thôn 1', aliases))).toBe('MATCHING.CONFLICTING_PLACE_ALIAS');
  });

  it('refuses an alias chain with MATCHING.CONFLICTING_PLACE_ALIAS', () => {
    const aliases = { 'Thôn 3': ['Xóm Chùa'], 'Thôn Mới': ['Thôn 3'] };
    expect(errorCode(() => placeKey('Thôn 1', aliases))).toBe('MATCHING.CONFLICTING_PLACE_ALIAS');
  });

  it('refuses pairing a kind with a place with MATCHING.INVALID_PLACE_ALIAS', () => {
    expect(errorCode(() => placeKey('Thôn 1', { thôn: ['Xóm 3'] }))).toBe('MATCHING.INVALID_PLACE_ALIAS');
    expect(errorCode(() => placeKey('Thôn 1', { 'Thôn 3': ['xóm'] }))).toBe('MATCHING.INVALID_PLACE_ALIAS');
    expect(errorCode(() => placeKey('Thôn 1', { 'Thôn 3': ['  '] }))).toBe('MATCHING.INVALID_PLACE_ALIAS');
  });
});

describe('mergePlacePhrases', () => {
  const merged = (s: string) => mergePlacePhrases(splitWords(s)).map((w) => w.folded);

  it('makes a numbered place in running text one word, however it is written', () => {
    expect(merged('đất ở thôn 3 xã Hòa Phú')).toEqual(merged('dat o thon Ba xa Hoa Phu'));
    expect(merged('tổ dân phố số 5')).toEqual(merged('TDP5'));
  });

  it('leaves a kind word that is not followed by a number alone ("tổ hòa giải", "Mặt trận Tổ quốc")', () => {
    expect(merged('tổ hòa giải của Mặt trận Tổ quốc')).toEqual([
      'to',
      'hoa',
      'giai',
      'cua',
      'mat',
      'tran',
      'to',
      'quoc',
    ]);
  });

  it('does not read the name-only abbreviation "T" in running text', () => {
    expect(merged('ông Nguyễn Văn T 3 lần')).toEqual(['ong', 'nguyen', 'van', 't', '3', 'lan']);
  });
});

describe('hamletOfAddress', () => {
  const hamlets: Record<string, string> = { 'thôn 3': 'thon-3', 'thôn ba': 'thon-3', 'tổ 5': 'to-5' };
  const resolve = (name: string) => hamlets[name.toLowerCase()];

  it('finds the hamlet an address names, before the commune', () => {
    expect(
      hamletOfAddress('Nhà số 12, Thôn Ba, xã Phượng Tiến, tỉnh Thái Nguyên', resolve, 'Xã Phượng Tiến'),
    ).toBe('thon-3');
    expect(hamletOfAddress('Thôn 3 - xã Phượng Tiến - Thái Nguyên', resolve, 'Phượng Tiến')).toBe('thon-3');
    expect(hamletOfAddress('Thôn 3, Phượng Tiến', resolve, 'Xã Phượng Tiến')).toBe('thon-3');
  });

  it('finds none in an address of another commune, even with a hamlet of the same name', () => {
    expect(hamletOfAddress('Tổ 5, phường Phan Đình Phùng, tỉnh Thái Nguyên', resolve, 'Xã Phượng Tiến')).toBe(
      undefined,
    );
  });

  it('reads no hamlet after the commune level', () => {
    expect(hamletOfAddress('xã Phượng Tiến, Thôn 3', resolve, 'Xã Phượng Tiến')).toBe(undefined);
    expect(hamletOfAddress('Nhà số 12, Phượng Tiến', resolve, 'Xã Phượng Tiến')).toBe(undefined);
  });
});
