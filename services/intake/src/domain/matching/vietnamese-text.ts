/**
 * Vietnamese text as petitions really arrive: typed with or without diacritics, pasted from Word or
 * a web form (NFC or NFD, stray zero-width characters), with the old tone placement ("hoà", "thuý")
 * or the new one ("hòa", "thúy"). Everything here is deterministic and locale-independent.
 */

/** Unicode NFC, invisible characters removed, whitespace collapsed to single spaces, trimmed. */
export function normalizeText(s: string): string {
  // Zero-width spaces/joiners, the BOM and soft hyphens come along with text pasted from Word and web
  // pages; they are invisible to the reader, so they must not split or change words for the matcher.
  return s
    .normalize('NFC')
    .replace(/[\u00AD\u200B-\u200D\u2060\uFEFF]/g, '')
    .replace(/\s+/g, ' ')
    .trim();
}

/**
 * Lower case without any mark: tones, the circumflex, breve and horn (â ă ê ô ơ ư) and đ → d.
 * Decomposing first makes precomposed (NFC) and decomposed (NFD, as macOS and some keyboards produce)
 * input fold identically; with every tone mark removed, the old and new tone placements ("hoà" and
 * "hòa", "thuý" and "thúy") fold to the same letters. U+00D0/U+00F0 (Icelandic eth) are folded too:
 * legacy VNI/TCVN3 converters and some keyboards emit them instead of Đ/đ.
 */
export function foldDiacritics(s: string): string {
  return s
    .normalize('NFD')
    .replace(/\p{M}+/gu, '')
    .replace(/[đĐðÐ]/g, 'd')
    .toLowerCase();
}

/** One word of a text, with what the matcher needs to judge it. */
export interface TextWord {
  /** As written (NFC): capitalisation and roman numerals are read from it. */
  readonly original: string;
  /** Lower case NFC, marks kept: tells "bà" (Mrs) from "ba" (three). */
  readonly text: string;
  readonly folded: string;
  /** Carries a Vietnamese mark; an unmarked word in an unmarked text may have lost its marks. */
  readonly marked: boolean;
}

const WORD = /[\p{L}\p{M}\p{Nd}]+/gu;

/**
 * Words repeat endlessly across petitions (Vietnamese has some seven thousand syllables) and folding
 * dominates the cost of matching one petition against thousands, so analysed words are memoised.
 * The words are immutable; the bound only keeps odd input (long numbers, foreign words) from growing it.
 */
const analysedWords = new Map<string, TextWord>();
const ANALYSED_WORDS_LIMIT = 50_000;

function analyseWord(original: string): TextWord {
  let word = analysedWords.get(original);
  if (word === undefined) {
    const text = original.toLowerCase();
    const folded = foldDiacritics(original);
    word = { original, text, folded, marked: folded !== text };
    if (analysedWords.size >= ANALYSED_WORDS_LIMIT) analysedWords.clear();
    analysedWords.set(original, word);
  }
  return word;
}

/** The words of a text; punctuation and symbols separate words and are dropped. */
export function splitWords(s: string): TextWord[] {
  return (normalizeText(s).match(WORD) ?? []).map(analyseWord);
}

export function isCapitalized(word: TextWord): boolean {
  const first = word.original.charAt(0);
  return first !== first.toLowerCase();
}

/**
 * Whether the writer typed diacritics. Real Vietnamese prose carries a mark on well over half of its
 * syllables, so a quarter is a safe cut: above it, an unmarked word is genuinely unmarked ("ba" is
 * three, "cho" is "for"); below it, every word may have lost its marks and is read by its folded form.
 */
export function isMarkedText(words: readonly TextWord[]): boolean {
  const lettered = words.filter((w) => /\p{L}/u.test(w.original));
  if (lettered.length === 0) return false;
  return lettered.filter((w) => w.marked).length / lettered.length >= 0.25;
}

/**
 * Function words and petition boilerplate that say nothing about the matter. Syllables only: a
 * Vietnamese word of several syllables ("đề nghị", "khiếu nại") is handled by the similarity phrases,
 * where it is down-weighted rather than dropped. Left out on purpose because they carry the matter:
 * "lại" (đòi lại đất), "người", "nhà", "đất", "hộ", "chung" (lối đi chung), "sau"/"trước".
 */
const FUNCTION_WORDS = new Set([
  'về',
  'việc',
  'của',
  'và',
  'các',
  'những',
  'đã',
  'được',
  'cho',
  'là',
  'có',
  'không',
  'này',
  'đó',
  'với',
  'ở',
  'tại',
  'trong',
  'theo',
  'từ',
  'đến',
  'để',
  'do',
  'bị',
  'thì',
  'mà',
  'như',
  'nhưng',
  'hoặc',
  'vì',
  'nên',
  'cũng',
  'đang',
  'sẽ',
  'vẫn',
  'rằng',
  'khi',
  'nhiều',
  'số',
  'ngày',
  'tháng',
  'năm',
  'đơn',
  'xin',
  'kính',
  'gửi',
  'thưa',
  'tôi',
  'chúng',
  'mình',
  'họ',
]);

/**
 * The unmarked spellings dropped in a text typed without diacritics: only those whose other readings
 * hardly occur in petitions. Every other unmarked form of a function word is ambiguous and kept (the
 * similarity down-weights it): "co" (cơ quan, cỏ), "da"/"do" (đá, đo đạc, sổ đỏ), "o" (ô nhiễm),
 * "so" (sổ đỏ), "thua" (thửa đất), "de" (đê điều), "ve" (vệ sinh), "cho" (chợ), "cua" (cửa),
 * "den" (đèn đường), "khong" (kê khống), "nhung" (nhũng nhiễu), "vi" (vi phạm), "thi" (thi hành),
 * "ma" (mồ mả), "dang" (Đảng, đăng ký), "tu" (tư nhân), "tai" (tai nạn), "toi" (tội), "trong" (trồng).
 * "don" is dropped although "dồn điền" folds to it: "đơn" opens almost every unmarked petition.
 */
const BARE_FUNCTION_WORDS = new Set([
  'viec',
  'va',
  'cac',
  'duoc',
  'la',
  'nay',
  'voi',
  'theo',
  'bi',
  'hoac',
  'se',
  'rang',
  'khi',
  'ngay',
  'thang',
  'don',
  'xin',
  'gui',
]);

/**
 * Forms of address. Dropped only in lower case: "anh" is also one of the commonest given names
 * ("Lan Anh"), and a name is capitalised while the title before it is not ("ông Nguyễn Văn A").
 */
const TITLES = new Set(['ông', 'bà', 'anh', 'chị', 'cô', 'chú', 'bác', 'cụ', 'em']);
/** Unmarked, only "anh" and "em" are unambiguous: "ong" is also ống (pipe), "ba" three, "chi" chi trả. */
const BARE_TITLES = new Set(['anh', 'em']);

/** "ông", "bà", "chị"... written with their marks. */
export function isFormOfAddress(word: TextWord): boolean {
  return TITLES.has(word.text);
}

export function isStopWord(word: TextWord, textIsMarked: boolean): boolean {
  if (word.marked || textIsMarked) {
    return FUNCTION_WORDS.has(word.text) || (TITLES.has(word.text) && !isCapitalized(word));
  }
  return BARE_FUNCTION_WORDS.has(word.folded) || (BARE_TITLES.has(word.folded) && !isCapitalized(word));
}

const FOLDED_FUNCTION_WORDS = new Set([...FUNCTION_WORDS, ...TITLES].map(foldDiacritics));

/**
 * An unmarked word of an unmarked text that may be a function word or may be the matter ("co" is
 * "có" or "cơ", "o" is "ở" or "ô"): kept, but it should weigh less than a word that is surely content.
 */
export function isAmbiguousFunctionWord(word: TextWord, textIsMarked: boolean): boolean {
  return (
    !word.marked && !textIsMarked && FOLDED_FUNCTION_WORDS.has(word.folded) && !isStopWord(word, textIsMarked)
  );
}

/**
 * The i/y spelling variants of the 1980s reform count as one syllable: "lý/lí", "kỹ/kĩ", "quý/quí",
 * "Sỹ/Sĩ", "Mỹ/Mĩ". Only a syllable whose whole vowel is a single y after an initial consonant varies;
 * "tay/tai" and "thuy/thui" are different words and stay apart.
 */
export function unifySpelling(folded: string): string {
  return folded.replace(/^(b|ch?|d|gh?|h|kh?|l|m|ngh?|nh?|ph?|qu|r|s|th?|tr|v|x)y$/, '$1i');
}

/** The words that carry the matter: folded, i/y unified, punctuation and stop words removed. */
export function tokens(s: string): string[] {
  const words = splitWords(s);
  const marked = isMarkedText(words);
  return words.filter((w) => !isStopWord(w, marked)).map((w) => unifySpelling(w.folded));
}

/**
 * Vietnamese surnames (họ), the Kinh ones by frequency and those of the northern uplands (Tày, Nùng,
 * Thái, Mông, Dao), marked. A marked word must be spelled so ("Đường" is a road, not Dương; "Phản"
 * is not Phan); an unmarked one is read by its folding.
 */
const SURNAMES = new Set([
  'nguyễn',
  'trần',
  'lê',
  'phạm',
  'hoàng',
  'huỳnh',
  'phan',
  'vũ',
  'võ',
  'đặng',
  'bùi',
  'đỗ',
  'hồ',
  'ngô',
  'dương',
  'lý',
  'lí',
  'đinh',
  'trương',
  'lương',
  'đào',
  'mai',
  'cao',
  'hà',
  'trịnh',
  'đoàn',
  'lâm',
  'phùng',
  'tạ',
  'quách',
  'kiều',
  'khúc',
  'lại',
  'thái',
  'tô',
  'tống',
  'vương',
  'chu',
  'châu',
  'từ',
  'triệu',
  'lưu',
  'lã',
  'la',
  'hứa',
  'khuất',
  'doãn',
  'đàm',
  'mạc',
  'nghiêm',
  'ninh',
  'phí',
  'tăng',
  'thân',
  'tôn',
  'vi',
  'diệp',
  'bạch',
  'cù',
  'âu',
  'khổng',
  'nông',
  'ma',
  'lường',
  'lục',
  'bế',
  'sầm',
  'lò',
  'lù',
  'cầm',
  'giàng',
  'thào',
  'sùng',
  'vàng',
  'lầu',
  'hầu',
  'sìn',
  'đèo',
  'lộc',
]);
const FOLDED_SURNAMES = new Set([...SURNAMES].map(foldDiacritics));

export function isSurname(word: TextWord): boolean {
  return word.marked ? SURNAMES.has(word.text) : FOLDED_SURNAMES.has(word.folded);
}
