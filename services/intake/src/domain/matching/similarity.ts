import { mergePlacePhrases, namedPlaces, type PlaceAliases } from './place-names';
import {
  foldDiacritics,
  isAmbiguousFunctionWord,
  isCapitalized,
  isMarkedText,
  isStopWord,
  isSurname,
  splitWords,
  TextWord,
  unifySpelling,
} from './vietnamese-text';

/**
 * Thresholds on `textSimilarity`, chosen on the real petition pairs of `similarity.spec.ts`:
 * one matter told twice (with or without diacritics, words reordered, "thôn 3"/"thôn Ba",
 * "GCNQSDĐ"/"giấy chứng nhận...") scores 0.79 to 1; different matters that share the area, the kind
 * or the classification words score 0.14 to 0.52; unrelated matters stay under 0.3.
 * - `sameMatter` (0.65), halfway between the two groups: with the same petitioner, kind family and
 *   hamlet, the petitions are one matter.
 * - `corroboration` (0.2): how far each fact that corroborates one matter lowers `sameMatter` for the
 *   same petitioner: the same classification, or a shared parcel, decision, judgment, person or
 *   relative. A matter re-sent weeks later is summarised afresh, often from another side of it ("cấp
 *   sổ đỏ cho thửa 423" and "hồ sơ cấp giấy chứng nhận nộp từ tháng 1 chưa có kết quả"); measured on a
 *   simulated year (matcher.simulated.spec.ts), such rewordings score 0.2 to 0.65. One fact asks 0.45,
 *   two ask 0.25. The price: two different matters of one petitioner, of one classification and as
 *   alike as "thu hồi đất" and "chậm chi trả bồi thường khi thu hồi đất" (0.51), are linked for the
 *   officer to confirm or undo.
 * - `similar` (0.35): worth showing the officer as related, e.g. the same matter from other people
 *   (a possible mass petition, đông người); above the boilerplate-only pairs.
 */
export const SIMILARITY_THRESHOLDS = { sameMatter: 0.65, corroboration: 0.2, similar: 0.35 } as const;

/** Words that occur in most petitions: they count a quarter of a word that names the matter. */
const GENERIC_WEIGHT = 0.25;
/** Word overlap carries the meaning; trigrams forgive typos and spelling variants the folding misses. */
const TERM_WEIGHT = 0.6;
const TRIGRAM_WEIGHT = 0.4;

/**
 * Phrases read as one term. Administrative abbreviations and their spelled-out forms become the same
 * term (staff write "UBND", citizens "Ủy ban nhân dân"), and so do the everyday names of documents
 * ("sổ đỏ", "sổ hồng" for the land-use right certificate); the petition's own vocabulary (khiếu nại,
 * đề nghị, giải quyết...) is kept but generic, since the kind is compared on its own. `marked` gives
 * the spelling a marked word must have: "số đỏ" or "sơ đồ" are not "sổ đỏ", but unmarked "so do" is.
 */
const PHRASES: ReadonlyArray<{
  readonly words: string;
  readonly terms: readonly string[];
  readonly marked?: string;
}> = [
  { words: 'uy ban nhan dan', terms: ['ubnd'] },
  { words: 'hoi dong nhan dan', terms: ['hdnd'] },
  { words: 'mat tran to quoc', terms: ['mttq'] },
  { words: 'giay chung nhan quyen su dung dat', terms: ['gcn', 'qsdd'] },
  { words: 'giay chung nhan', terms: ['gcn'] },
  { words: 'quyen su dung dat', terms: ['qsdd'] },
  { words: 'gcnqsdd', terms: ['gcn', 'qsdd'] },
  { words: 'so do', terms: ['gcn', 'qsdd'], marked: 'sổ đỏ' },
  { words: 'so hong', terms: ['gcn', 'qsdd'], marked: 'sổ hồng' },
  { words: 'quyet dinh', terms: ['qd'] },
  { words: 'bao hiem xa hoi', terms: ['bhxh'] },
  { words: 'bao hiem y te', terms: ['bhyt'] },
  { words: 'hop tac xa', terms: ['htx'] },
  { words: 'giai phong mat bang', terms: ['gpmb'] },
  { words: 'tranh chap', terms: ['tranh-chap'] },
  { words: 'dat dai', terms: ['dat-dai'] },
  { words: 'nhan dan', terms: ['nhan-dan'] },
  { words: 'khieu nai', terms: ['khieu-nai'] },
  { words: 'to cao', terms: ['to-cao'] },
  { words: 'kien nghi', terms: ['kien-nghi'] },
  { words: 'phan anh', terms: ['phan-anh'] },
  { words: 'de nghi', terms: ['de-nghi'] },
  { words: 'yeu cau', terms: ['yeu-cau'] },
  { words: 'giai quyet', terms: ['giai-quyet'] },
  { words: 'trinh bay', terms: ['trinh-bay'] },
];

interface PhraseSyllable {
  readonly folded: string;
  /** The marked spelling a marked word must have, when the phrase gives one. */
  readonly text?: string;
}

/** Phrases by their first word, longest first. */
const PHRASES_BY_FIRST_WORD = new Map<
  string,
  Array<{ syllables: PhraseSyllable[]; terms: readonly string[] }>
>();
for (const phrase of PHRASES) {
  const marked = phrase.marked?.split(' ');
  const syllables = phrase.words
    .split(' ')
    .map((folded, k): PhraseSyllable => ({ folded, text: marked?.[k] }));
  const list = PHRASES_BY_FIRST_WORD.get(syllables[0].folded) ?? [];
  list.push({ syllables, terms: phrase.terms });
  list.sort((a, b) => b.syllables.length - a.syllables.length);
  PHRASES_BY_FIRST_WORD.set(syllables[0].folded, list);
}

function fitsSyllable(word: TextWord | undefined, syllable: PhraseSyllable): boolean {
  if (word?.folded !== syllable.folded) return false;
  return !word.marked || syllable.text === undefined || word.text === syllable.text;
}

/**
 * Besides the phrases: "tranh chấp đất đai" is the commonest petition of all, "văn"/"thị" are the
 * middle names of most Vietnamese names, and "hộ" (household), "thôn", "xóm", "xã", "phường" name
 * the setting of nearly every local matter rather than the matter.
 */
const GENERIC_TERMS = new Set([
  'ubnd',
  'hdnd',
  'qd',
  'nhan-dan',
  'khieu-nai',
  'to-cao',
  'kien-nghi',
  'phan-anh',
  'de-nghi',
  'yeu-cau',
  'giai-quyet',
  'trinh-bay',
  'tranh-chap',
  'dat-dai',
  'van',
  'thi',
  'ho',
  'thon',
  'xom',
  'xa',
  'phuong',
]);

type WeightedSet = ReadonlyMap<string, number>;

function add(set: Map<string, number>, key: string, weight: number): void {
  set.set(key, Math.max(weight, set.get(key) ?? 0));
}

function termWord(term: string): TextWord {
  return { original: term, text: term, folded: term, marked: false };
}

function readPhrases(words: readonly TextWord[]): TextWord[] {
  const read: TextWord[] = [];
  let at = 0;
  while (at < words.length) {
    const phrase = PHRASES_BY_FIRST_WORD.get(words[at].folded)?.find((p) =>
      p.syllables.every((s, k) => fitsSyllable(words[at + k], s)),
    );
    if (phrase) {
      read.push(...phrase.terms.map(termWord));
      at += phrase.syllables.length;
    } else {
      read.push(words[at]);
      at++;
    }
  }
  return read;
}

function weightedTerms(words: readonly TextWord[], marked: boolean): WeightedSet {
  const terms = new Map<string, number>();
  for (const word of readPhrases(words)) {
    if (isStopWord(word, marked)) continue;
    const term = unifySpelling(word.folded);
    const generic = GENERIC_TERMS.has(term) || isAmbiguousFunctionWord(word, marked);
    add(terms, term, generic ? GENERIC_WEIGHT : 1);
  }
  return terms;
}

/** Trigrams per term, padded as PostgreSQL's pg_trgm does, so word order never matters. */
function trigrams(terms: WeightedSet): WeightedSet {
  const grams = new Map<string, number>();
  for (const [term, weight] of terms) {
    const padded = `  ${term} `;
    for (let k = 0; k + 3 <= padded.length; k++) add(grams, padded.slice(k, k + 3), weight);
  }
  return grams;
}

/** Weighted Sørensen–Dice: twice the shared weight over the total weight; 0 when either side is empty. */
function dice(a: WeightedSet, b: WeightedSet): number {
  let total = 0;
  for (const w of a.values()) total += w;
  for (const w of b.values()) total += w;
  let shared = 0;
  for (const [key, w] of a) {
    const other = b.get(key);
    if (other !== undefined) shared += Math.min(w, other);
  }
  return total === 0 || a.size === 0 || b.size === 0 ? 0 : (2 * shared) / total;
}

/**
 * Labels before the numbers that identify what a petition is about: a land parcel (thửa đất), a
 * cadastral map sheet (tờ bản đồ), a decision (quyết định, QĐ). Folded, longest first. A decision's
 * number is also read from its official form, "số 191/QĐ-XPHC", wherever it stands.
 */
const IDENTIFIER_LABELS: ReadonlyArray<{ readonly words: readonly string[]; readonly label: string }> = [
  { words: ['thua', 'dat'], label: 'parcel' },
  { words: ['thua'], label: 'parcel' },
  { words: ['to', 'ban', 'do'], label: 'map-sheet' },
  { words: ['quyet', 'dinh'], label: 'decision' },
  { words: ['qd'], label: 'decision' },
];

/**
 * Capitalised words that end a name rather than continue it: the kind of place or administrative unit
 * written after it ("... Nguyễn Văn A Xóm Tân Lập"). Unmarked, only the spellings that are no given name
 * ("Phương", "Thị", "Lăng" are).
 */
const NAME_BREAKS = new Set([
  'thôn',
  'xóm',
  'bản',
  'ấp',
  'tổ',
  'khu',
  'xã',
  'phường',
  'huyện',
  'tỉnh',
  'buôn',
  'làng',
]);
const BARE_NAME_BREAKS = new Set(['thon', 'xom', 'xa', 'huyen', 'tinh']);
/** "Họ" + at least a middle and a given name; five syllables at most ("Tôn Nữ Thị Thu Hà"). */
const NAME_WORDS = { min: 3, max: 5 } as const;

/** "UBND", "TDP", "NGUYỄN": a word of capitals only; a one-letter given name ("Văn A") is either. */
function isAllCapitals(word: TextWord): boolean {
  return word.original.length > 1 && word.original === word.original.toUpperCase();
}

function continuesName(first: TextWord, word: TextWord | undefined): word is TextWord {
  if (word === undefined || !isCapitalized(word) || !/^\p{L}+$/u.test(word.original)) return false;
  // A name is written in one case: "Lê Thị Loan TDP" ends before the abbreviation.
  if (word.original.length > 1 && isAllCapitals(word) !== isAllCapitals(first)) return false;
  return !(word.marked ? NAME_BREAKS.has(word.text) : BARE_NAME_BREAKS.has(word.folded));
}

/** The length of the person's name that starts at `at` ("Nguyễn Văn A", "NGUYEN THI THUY"), 0 if none. */
function nameLength(words: readonly TextWord[], at: number): number {
  const first = words[at];
  if (!isCapitalized(first) || !isSurname(first) || !/^\p{L}+$/u.test(first.original)) return 0;
  let length = 1;
  while (length < NAME_WORDS.max && continuesName(first, words[at + length])) length++;
  return length >= NAME_WORDS.min ? length : 0;
}

/**
 * The case-type codes of a court judgment's number ("Bản án số 12/2024/DS-ST"): civil, criminal,
 * administrative, business, labour, marriage and family.
 */
const COURT_CASE_CODES = new Set(['ds', 'hs', 'hc', 'kdtm', 'ld', 'hngd']);

/**
 * The petitioner's relatives a petition is for ("chế độ cho mẹ tôi", "trợ cấp của con trai tôi"), by
 * the relation; "cha" and "bố", "má" and "mẹ" are one. A marked word must be spelled so: "vô tội" is
 * not "vợ tôi".
 */
const RELATIVES: ReadonlyArray<{ readonly marked: string; readonly relation: string }> = [
  { marked: 'mẹ tôi', relation: 'mother' },
  { marked: 'má tôi', relation: 'mother' },
  { marked: 'bố tôi', relation: 'father' },
  { marked: 'cha tôi', relation: 'father' },
  { marked: 'chồng tôi', relation: 'husband' },
  { marked: 'vợ tôi', relation: 'wife' },
  { marked: 'con trai tôi', relation: 'son' },
  { marked: 'con gái tôi', relation: 'daughter' },
  { marked: 'con tôi', relation: 'child' },
  { marked: 'ông nội tôi', relation: 'paternal-grandfather' },
  { marked: 'bà nội tôi', relation: 'paternal-grandmother' },
  { marked: 'ông ngoại tôi', relation: 'maternal-grandfather' },
  { marked: 'bà ngoại tôi', relation: 'maternal-grandmother' },
  { marked: 'anh trai tôi', relation: 'brother' },
  { marked: 'em trai tôi', relation: 'brother' },
  { marked: 'chị gái tôi', relation: 'sister' },
  { marked: 'em gái tôi', relation: 'sister' },
];

const RELATIVE_SYLLABLES = RELATIVES.map(({ marked, relation }) => ({
  relation,
  syllables: marked.split(' ').map((text): PhraseSyllable => ({ folded: foldDiacritics(text), text })),
})).sort((a, b) => b.syllables.length - a.syllables.length);

function relativesIn(words: readonly TextWord[]): string[] {
  const found: string[] = [];
  for (let at = 0; at < words.length; at++) {
    const relative = RELATIVE_SYLLABLES.find((r) =>
      r.syllables.every((s, k) => fitsSyllable(words[at + k], s)),
    );
    if (relative) {
      found.push(relative.relation);
      at += relative.syllables.length - 1;
    }
  }
  return found;
}

/** Punctuation ends a name: "hộ ông Nguyễn Mạnh Phong (Phố Chợ)", "tại Xóm Đồng Tâm (Quyết định 79)". */
const PUNCTUATION = /[^\p{L}\p{M}\p{Nd}\s]+/u;

/** The people named (folded, i/y unified) and the named places of a text. */
function namesIn(text: string, aliases: PlaceAliases | undefined): { persons: string[]; places: string[] } {
  const persons: string[] = [];
  const places: string[] = [];
  for (const phrase of text.split(PUNCTUATION)) {
    const words = mergePlacePhrases(splitWords(phrase), aliases);
    const nameStarts = new Set<number>();
    for (let at = 0; at < words.length; at++) {
      const length = nameLength(words, at);
      if (length === 0) continue;
      nameStarts.add(at);
      persons.push(
        words
          .slice(at, at + length)
          .map((w) => unifySpelling(w.folded))
          .join(' '),
      );
      at += length - 1;
    }
    places.push(...namedPlaces(words, (at) => nameStarts.has(at), aliases));
  }
  return { persons, places };
}

/**
 * Identifiers by label: numbers after a label ("thửa đất số 245" → parcel → 245) or in an official
 * number ("191/QĐ-XPHC" → decision → 191, "Bản án 12/2024/DS-ST" → judgment → 12/2024), places
 * ("thôn 3" → place:thon → 3, "Xóm Đồng Tâm" → place:named → dongtam), the people named (person →
 * "nguyen van a") and the relatives a petition is for (relative → mother).
 */
function identifiers(
  text: string,
  words: readonly TextWord[],
  aliases: PlaceAliases | undefined,
): Map<string, Set<string>> {
  const found = new Map<string, Set<string>>();
  const put = (label: string, value: string) => found.set(label, (found.get(label) ?? new Set()).add(value));
  const numberAt = (at: number) => {
    const folded = words[at]?.folded;
    return folded !== undefined && /^\d+[a-z]?$/.test(folded) ? folded.replace(/^0+(?=\d)/, '') : undefined;
  };
  words.forEach((word, at) => {
    const place = /^([a-z-]*)#(.+)$/.exec(word.folded);
    if (place) put(`place:${place[1]}`, place[2]);
    const number = numberAt(at);
    const next = words[at + 1]?.folded;
    if (number !== undefined && next === 'qd') put('decision', number);
    if (number !== undefined && next !== undefined && /^(19|20)\d\d$/.test(next)) {
      if (COURT_CASE_CODES.has(words[at + 2]?.folded ?? '')) put('judgment', `${number}/${next}`);
    }
    const label = IDENTIFIER_LABELS.find((l) => l.words.every((w, k) => words[at + k]?.folded === w));
    if (!label) return;
    const after = at + label.words.length;
    const labelled = numberAt(words[after]?.folded === 'so' ? after + 1 : after);
    if (labelled !== undefined) put(label.label, labelled);
  });
  for (const relation of relativesIn(words)) put('relative', relation);
  const { persons, places } = namesIn(text, aliases);
  for (const key of places) {
    // An alias may name a numbered place ("Xóm Chùa" for "Thôn 3").
    const numbered = /^([a-z-]*)#(.+)$/.exec(key);
    if (numbered) put(`place:${numbered[1]}`, numbered[2]);
    else put('place:named', key);
  }
  for (const name of persons) put('person', name);
  return found;
}

/** A text analysed once, to be compared with many others. */
export interface TextProfile {
  readonly terms: WeightedSet;
  readonly trigrams: WeightedSet;
  readonly identifiers: ReadonlyMap<string, ReadonlySet<string>>;
}

/** The weighted terms of a text (place phrases merged, phrases read, stop words dropped), its trigrams and identifiers. */
export function profileText(s: string, aliases?: PlaceAliases): TextProfile {
  const words = splitWords(s);
  const merged = mergePlacePhrases(words, aliases);
  const terms = weightedTerms(merged, isMarkedText(words));
  return { terms, trigrams: trigrams(terms), identifiers: identifiers(s, merged, aliases) };
}

/** Whether a text has any word that can tell one matter from another. */
export function hasMatterWords(profile: TextProfile): boolean {
  return profile.terms.size > 0;
}

/**
 * The identifiers both texts give but never share: "thửa đất số 245" against "thửa 312", "Quyết định
 * 125" against "QĐ 130", "thôn 3" against "thôn 5", "Xóm Đồng Tâm" against "Xóm Hợp Thành", "hộ ông
 * Nguyễn Văn A" against "hộ bà Lê Thị C", "cho mẹ tôi" against "cho bố tôi". Word overlap cannot see
 * that one number or name changes the matter, so the matcher treats any conflict as a different matter
 * however similar the words.
 */
export function conflictingIdentifiers(a: TextProfile, b: TextProfile): string[] {
  return [...a.identifiers.keys()]
    .filter((label) => {
      const other = b.identifiers.get(label);
      return other !== undefined && ![...(a.identifiers.get(label) ?? [])].some((v) => other.has(v));
    })
    .sort();
}

/**
 * Identifiers that single out one matter of one petitioner: a parcel, a decision, a judgment, a person
 * named, the relative it is for. A map sheet holds hundreds of parcels and a hamlet hundreds of
 * households, so neither is one of them.
 */
const MATTER_IDENTIFIERS = ['decision', 'judgment', 'parcel', 'person', 'relative'] as const;

/**
 * The matter identifiers both texts share ("thửa số 529" and "thửa đất 529", "ông Nguyễn Văn A" and
 * "Nguyen Van A"): evidence of one matter that the words alone may not give when it is told another way.
 */
export function sharedIdentifiers(a: TextProfile, b: TextProfile): string[] {
  return MATTER_IDENTIFIERS.filter((label) => {
    const other = b.identifiers.get(label);
    return other !== undefined && [...(a.identifiers.get(label) ?? [])].some((v) => other.has(v));
  });
}

/** Overlap of the matter's words, robust to word order, diacritics and stop words. */
export function termSimilarity(a: TextProfile, b: TextProfile): number {
  return dice(a.terms, b.terms);
}

/** Character trigram overlap of the terms: forgives typos ("tranh chất") and spelling variants. */
export function trigramSimilarity(a: TextProfile, b: TextProfile): number {
  return dice(a.trigrams, b.trigrams);
}

/** `textSimilarity` of two texts already profiled. */
export function profileSimilarity(a: TextProfile, b: TextProfile): number {
  return TERM_WEIGHT * termSimilarity(a, b) + TRIGRAM_WEIGHT * trigramSimilarity(a, b);
}

/**
 * How alike two petition texts are, in [0, 1]: 0.6 × term overlap + 0.4 × trigram overlap. Symmetric;
 * a text with no content words is similar to nothing (0), not to everything.
 */
export function textSimilarity(a: string, b: string): number {
  return profileSimilarity(profileText(a), profileText(b));
}
