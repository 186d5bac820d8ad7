import {
  foldDiacritics,
  isAmbiguousFunctionWord,
  isMarkedText,
  normalizeText,
  splitWords,
  tokens,
  unifySpelling,
} from './vietnamese-text';

const nfd = (s: string) => s.normalize('NFD');

describe('normalizeText', () => {
  it('composes decomposed (NFD) input into NFC', () => {
    const decomposed = nfd('Nguyễn Thị Thủy');
    expect(decomposed).not.toBe('Nguyễn Thị Thủy');
    expect(normalizeText(decomposed)).toBe('Nguyễn Thị Thủy');
  });

  it('trims and collapses every kind of whitespace, including no-break spaces and line breaks', () => {
    expect(normalizeText('  Tranh\u00A0chấp \n\t đất   đai  ')).toBe('Tranh chấp đất đai');
  });

  it('removes zero-width characters and soft hyphens pasted from Word or the web', () => {
    expect(normalizeText('đất\u200B đai\uFEFF thổ\u00ADcư')).toBe('đất đai thổcư');
  });

  it('keeps diacritics and case: it only normalises, it does not fold', () => {
    expect(normalizeText('Hòa')).toBe('Hòa');
  });
});

describe('foldDiacritics', () => {
  it('removes tone marks and the circumflex, breve and horn', () => {
    expect(foldDiacritics('tranh chấp đất đai ở thôn Đông Hòa')).toBe('tranh chap dat dai o thon dong hoa');
    expect(foldDiacritics('ăn ân ên ôn ơn ưng')).toBe('an an en on on ung');
  });

  it('folds đ and Đ to d and lowers the case', () => {
    expect(foldDiacritics('ĐẢNG ỦY Đồng')).toBe('dang uy dong');
  });

  it('folds the eth look-alikes that legacy converters emit for Đ/đ', () => {
    expect(foldDiacritics('Ðông ðoài')).toBe('dong doai');
  });

  it('folds precomposed (NFC) and decomposed (NFD) input identically', () => {
    const text = 'Khiếu nại quyết định thu hồi đất của Ủy ban';
    expect(foldDiacritics(nfd(text))).toBe(foldDiacritics(text));
    expect(foldDiacritics(nfd(text))).toBe('khieu nai quyet dinh thu hoi dat cua uy ban');
  });

  it('folds the old and the new tone placement to the same letters', () => {
    expect(foldDiacritics('hoà')).toBe(foldDiacritics('hòa'));
    expect(foldDiacritics('thuý')).toBe(foldDiacritics('thúy'));
    expect(foldDiacritics('khoẻ')).toBe(foldDiacritics('khỏe'));
    expect(foldDiacritics('Uỷ ban')).toBe(foldDiacritics('Ủy ban'));
    expect(foldDiacritics(nfd('Thanh Hoá'))).toBe('thanh hoa');
  });
});

describe('splitWords', () => {
  it('separates words at punctuation and symbols and keeps digits', () => {
    expect(splitWords('QĐ số 125/QĐ-UBND, ngày 12/3/2024.').map((w) => w.folded)).toEqual([
      'qd',
      'so',
      '125',
      'qd',
      'ubnd',
      'ngay',
      '12',
      '3',
      '2024',
    ]);
  });

  it('keeps a decomposed word whole, so NFD input does not split at its marks', () => {
    expect(splitWords(nfd('Nguyễn Văn Ấn')).map((w) => w.text)).toEqual(['nguyễn', 'văn', 'ấn']);
  });

  it('tells a marked word from an unmarked one', () => {
    expect(splitWords('bà ba').map((w) => w.marked)).toEqual([true, false]);
  });
});

describe('isMarkedText', () => {
  it('reads a text with diacritics as marked, even with some genuinely unmarked words', () => {
    expect(isMarkedText(splitWords('Tranh chấp lối đi chung với hộ bà Lan Anh'))).toBe(true);
  });

  it('reads a text typed without diacritics as unmarked', () => {
    expect(isMarkedText(splitWords('Tranh chap loi di chung voi ho ba Lan Anh'))).toBe(false);
  });

  it('reads a text of digits only as unmarked', () => {
    expect(isMarkedText(splitWords('245 / 12'))).toBe(false);
  });
});

describe('tokens', () => {
  it('drops function words and petition boilerplate, keeps the matter', () => {
    expect(tokens('Kính gửi UBND xã, tôi xin trình bày về việc tranh chấp đất đai của gia đình')).toEqual([
      'ubnd',
      'xa',
      'trinh',
      'bay',
      'tranh',
      'chap',
      'dat',
      'dai',
      'gia',
      'dinh',
    ]);
  });

  it('gives the same tokens with and without diacritics for unambiguous function words', () => {
    expect(tokens('Đơn xin cấp đất và nhà được không')).toEqual(['cap', 'dat', 'nha']);
    expect(tokens('Don xin cap dat va nha duoc')).toEqual(['cap', 'dat', 'nha']);
  });

  it('drops "bà" (Mrs) but keeps "ba" (three), which differ only by the mark', () => {
    expect(tokens('hộ bà Lan ở thôn Ba')).toEqual(['hộ', 'lan', 'thôn', 'ba'].map(foldDiacritics));
  });

  it('keeps an unmarked word whose marked reading is content: "sổ đỏ", "thửa", "ô nhiễm", "chợ"', () => {
    expect(tokens('so do thua dat o nhiem cho')).toEqual(['so', 'do', 'thua', 'dat', 'o', 'nhiem', 'cho']);
  });

  it('drops a form of address in lower case but keeps a capitalised given name', () => {
    expect(tokens('anh Nguyễn Văn Minh và chị Lan Anh')).toEqual(['nguyen', 'van', 'minh', 'lan', 'anh']);
  });

  it('treats the i/y spelling variants as one word', () => {
    expect(tokens('lý do kỹ thuật quý Sỹ')).toEqual(tokens('lí do kĩ thuật quí Sĩ'));
  });

  it('keeps words that only look like i/y variants apart: tay ≠ tai, thuy ≠ thui', () => {
    expect(unifySpelling('tay')).toBe('tay');
    expect(unifySpelling('thuy')).toBe('thuy');
    expect(unifySpelling('ky')).toBe('ki');
    expect(unifySpelling('quy')).toBe('qui');
  });

  it('gives the same tokens for NFD and NFC input', () => {
    const text = 'Phản ánh ô nhiễm môi trường do trại lợn';
    expect(tokens(nfd(text))).toEqual(tokens(text));
  });
});

describe('isAmbiguousFunctionWord', () => {
  const word = (text: string, s: string) => {
    const words = splitWords(s);
    const found = words.find((w) => w.text === text);
    if (!found) throw new Error(`no word ${text}`);
    return { found, marked: isMarkedText(words) };
  };

  it('flags an unmarked form of a function word in an unmarked text ("co" may be "có" or "cơ")', () => {
    const { found, marked } = word('co', 'co quan khong giai quyet');
    expect(isAmbiguousFunctionWord(found, marked)).toBe(true);
  });

  it('does not flag the same spelling in a marked text, where it is what it says', () => {
    const { found, marked } = word('ba', 'tranh chấp đất ở thôn ba với hộ bên cạnh');
    expect(isAmbiguousFunctionWord(found, marked)).toBe(false);
  });

  it('does not flag content words', () => {
    const { found, marked } = word('dat', 'co quan thu hoi dat');
    expect(isAmbiguousFunctionWord(found, marked)).toBe(false);
  });
});
