import { mergePlacePhrases } from './place-names';
import {
  isAmbiguousFunctionWord,
  isMarkedText,
  isStopWord,
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
 * - `similar` (0.35): worth showing the officer as related, e.g. the same matter from other people
 *   (a possible mass petition, đông người); above the boilerplate-only pairs.
 */
export const SIMILARITY_THRESHOLDS = { sameMatter: 0.65, similar: 0.35 } as const;

/** Words that occur in most petitions: they count a quarter of a word that names the matter. */
const GENERIC_WEIGHT = 0.25;
/** Word overlap carries the meaning; trigrams forgive typos and spelling variants the folding misses. */
const TERM_WEIGHT = 0.6;
const TRIGRAM_WEIGHT = 0.4;

/**
 * Phrases read as one term. Administrative abbreviations and their spelled-out forms become the same
 * term (staff write "UBND", citizens "Ủy ban nhân dân"); the petition's own vocabulary (khiếu nại,
 * đề nghị, giải quyết...) is kept but generic, since the kind is compared on its own.
 */
const PHRASES: ReadonlyArray<{ readonly words: string; readonly terms: readonly string[] }> = [
  { words: 'uy ban nhan dan', terms: ['ubnd'] },
  { words: 'hoi dong nhan dan', terms: ['hdnd'] },
  { words: 'mat tran to quoc', terms: ['mttq'] },
  { words: 'giay chung nhan quyen su dung dat', terms: ['gcn', 'qsdd'] },
  { words: 'giay chung nhan', terms: ['gcn'] },
  { words: 'quyen su dung dat', terms: ['qsdd'] },
  { words: 'gcnqsdd', terms: ['gcn', 'qsdd'] },
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

/** Phrases by their first word, longest first. */
const PHRASES_BY_FIRST_WORD = new Map<string, Array<{ words: string[]; terms: readonly string[] }>>();
for (const phrase of PHRASES) {
  const words = phrase.words.split(' ');
  const list = PHRASES_BY_FIRST_WORD.get(words[0]) ?? [];
  list.push({ words, terms: phrase.terms });
  list.sort((a, b) => b.words.length - a.words.length);
  PHRASES_BY_FIRST_WORD.set(words[0], list);
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
      p.words.every((w, k) => words[at + k]?.folded === w),
    );
    if (phrase) {
      read.push(...phrase.terms.map(termWord));
      at += phrase.words.length;
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
 * cadastral map sheet (tờ bản đồ), a decision (quyết định, QĐ). Folded, longest first.
 */
const IDENTIFIER_LABELS: ReadonlyArray<{ readonly words: readonly string[]; readonly label: string }> = [
  { words: ['thua', 'dat'], label: 'parcel' },
  { words: ['thua'], label: 'parcel' },
  { words: ['to', 'ban', 'do'], label: 'map-sheet' },
  { words: ['quyet', 'dinh'], label: 'decision' },
  { words: ['qd'], label: 'decision' },
];

/** Numbered identifiers by label, numbered places included ("thôn 3" → place:thon → 3). */
function identifiers(words: readonly TextWord[]): Map<string, Set<string>> {
  const found = new Map<string, Set<string>>();
  const put = (label: string, value: string) => found.set(label, (found.get(label) ?? new Set()).add(value));
  words.forEach((word, at) => {
    const place = /^([a-z-]*)#(.+)$/.exec(word.folded);
    if (place) put(`place:${place[1]}`, place[2]);
    const label = IDENTIFIER_LABELS.find((l) => l.words.every((w, k) => words[at + k]?.folded === w));
    if (!label) return;
    let next = at + label.words.length;
    if (words[next]?.folded === 'so') next++;
    const number = words[next]?.folded;
    if (number !== undefined && /^\d+[a-z]?$/.test(number)) put(label.label, number.replace(/^0+(?=\d)/, ''));
  });
  return found;
}

/** A text analysed once, to be compared with many others. */
export interface TextProfile {
  readonly terms: WeightedSet;
  readonly trigrams: WeightedSet;
  readonly identifiers: ReadonlyMap<string, ReadonlySet<string>>;
}

/** The weighted terms of a text (place phrases merged, phrases read, stop words dropped), its trigrams and identifiers. */
export function profileText(s: string): TextProfile {
  const words = splitWords(s);
  const merged = mergePlacePhrases(words);
  const terms = weightedTerms(merged, isMarkedText(words));
  return { terms, trigrams: trigrams(terms), identifiers: identifiers(merged) };
}

/** Whether a text has any word that can tell one matter from another. */
export function hasMatterWords(profile: TextProfile): boolean {
  return profile.terms.size > 0;
}

/**
 * The identifiers both texts give but never share: "thửa đất số 245" against "thửa 312", "Quyết định
 * 125" against "QĐ 130", "thôn 3" against "thôn 5". Word overlap cannot see that one number changes
 * the matter, so the matcher treats any conflict as a different matter however similar the words.
 */
export function conflictingIdentifiers(a: TextProfile, b: TextProfile): string[] {
  return [...a.identifiers.keys()]
    .filter((label) => {
      const other = b.identifiers.get(label);
      return other !== undefined && ![...(a.identifiers.get(label) ?? [])].some((v) => other.has(v));
    })
    .sort();
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
