import { matchingError } from './matching.errors';
import {
  foldDiacritics,
  isCapitalized,
  normalizeText,
  splitWords,
  TextWord,
  unifySpelling,
} from './vietnamese-text';

/**
 * Other names of the same place, configured per commune: canonical name → the names that mean it.
 * A canonical that is a bare kind of place aliases whole kinds: `{ 'thôn': ['xóm'] }` makes "Xóm 3"
 * the same as "Thôn 3". Any other entry aliases single places: `{ 'Thôn 3': ['Xóm Chùa'] }`.
 * One hop only: an alias never names another entry's canonical.
 */
export type PlaceAliases = Readonly<Record<string, readonly string[]>>;

/**
 * The kinds of residential unit below the commune (thôn, xóm, ấp, bản, buôn, làng, khóm, sóc, plei,
 * bon, tổ dân phố, khu phố...). Regional words stay distinct by default: "Xóm 3" and "Thôn 3" may be
 * different places in a commune merged in 2025, so equating them is a configured alias.
 */
interface PlaceKind {
  readonly key: string;
  /** Marked spellings, several syllables separated by spaces. */
  readonly spellings: readonly string[];
  /** Abbreviations that are unambiguous in running text. */
  readonly abbreviations?: readonly string[];
  /** Abbreviations read only in a field known to hold a hamlet name ("T.3"), never in running text. */
  readonly nameAbbreviations?: readonly string[];
}

const PLACE_KINDS: readonly PlaceKind[] = [
  // "T." stands for thôn in rural communes; a ward, which has no thôn, configures `{ 'tổ': ['thôn'] }`.
  { key: 'thon', spellings: ['thôn'], nameAbbreviations: ['t', 'th'] },
  { key: 'xom', spellings: ['xóm'] },
  { key: 'ap', spellings: ['ấp'] },
  { key: 'ban', spellings: ['bản'] },
  { key: 'buon', spellings: ['buôn'] },
  { key: 'lang', spellings: ['làng'] },
  { key: 'khom', spellings: ['khóm'] },
  { key: 'soc', spellings: ['sóc'] },
  { key: 'plei', spellings: ['plei', 'plơi'] },
  { key: 'bon', spellings: ['bon'] },
  // Tổ dân phố, tổ dân cư and plain "tổ" name the same residential group of a ward.
  { key: 'to', spellings: ['tổ dân phố', 'tổ dân cư', 'tổ'], abbreviations: ['tdp'] },
  { key: 'khu-pho', spellings: ['khu phố'], abbreviations: ['kp'] },
  { key: 'khu-dan-cu', spellings: ['khu dân cư'], abbreviations: ['kdc'] },
  { key: 'khu', spellings: ['khu'] },
  { key: 'doi', spellings: ['đội'] },
];

interface Syllable {
  readonly text: string;
  readonly folded: string;
}

/** Kind spellings by the folding of their first syllable, longest first. */
const KIND_SPELLINGS = new Map<string, Array<{ key: string; syllables: Syllable[] }>>();
for (const kind of PLACE_KINDS) {
  for (const spelling of kind.spellings) {
    const syllables = spelling.split(' ').map((text): Syllable => ({ text, folded: foldDiacritics(text) }));
    const list = KIND_SPELLINGS.get(syllables[0].folded) ?? [];
    list.push({ key: kind.key, syllables });
    list.sort((a, b) => b.syllables.length - a.syllables.length);
    KIND_SPELLINGS.set(syllables[0].folded, list);
  }
}

/** A marked word must match the marks ("bốn" is four, not the M'Nông "bon"); an unmarked one its folding. */
function sameSyllable(word: TextWord, syllable: Syllable): boolean {
  return word.marked ? word.text === syllable.text : word.folded === syllable.folded;
}

/** Abbreviation → kind, for running text and for a name field (which also reads "T."). */
const TEXT_ABBREVIATIONS = new Map(
  PLACE_KINDS.flatMap((k) => (k.abbreviations ?? []).map((a): [string, string] => [a, k.key])),
);
const NAME_ABBREVIATIONS = new Map([
  ...TEXT_ABBREVIATIONS,
  ...PLACE_KINDS.flatMap((k) => (k.nameAbbreviations ?? []).map((a): [string, string] => [a, k.key])),
]);
/** What may stand glued to a number ("TDP5", "thôn3"): abbreviations and spellings without spaces. */
const GLUED_SPELLINGS = new Map(
  PLACE_KINDS.flatMap((k) =>
    k.spellings.map((s): [string, string] => [foldDiacritics(s).replace(/ /g, ''), k.key]),
  ),
);

function abbreviationKind(folded: string, inName: boolean): string | undefined {
  return (inName ? NAME_ABBREVIATIONS : TEXT_ABBREVIATIONS).get(folded);
}

function readKind(
  words: readonly TextWord[],
  at: number,
  inName: boolean,
): { key: string; length: number } | undefined {
  const word = words[at];
  if (word === undefined) return undefined;
  for (const spelling of KIND_SPELLINGS.get(word.folded) ?? []) {
    const fits = spelling.syllables.every((s, k) => at + k < words.length && sameSyllable(words[at + k], s));
    if (fits) return { key: spelling.key, length: spelling.syllables.length };
  }
  const kind = word.marked ? undefined : abbreviationKind(word.folded, inName);
  return kind === undefined ? undefined : { key: kind, length: 1 };
}

const GLUED = /^([a-z]+)(\d{1,3}[a-z]?)$/;

/** "T3", "TDP5", "thôn3": the kind and the number typed without a space. */
function readGlued(word: TextWord, inName: boolean): { key: string; value: string } | undefined {
  const m = GLUED.exec(word.folded);
  if (!m) return undefined;
  const kind = abbreviationKind(m[1], inName) ?? GLUED_SPELLINGS.get(m[1]);
  return kind === undefined ? undefined : { key: kind, value: numeral(m[2]) };
}

/** "03" and "3" are the same number; a letter suffix ("3A", a split hamlet) is kept. */
function numeral(digits: string): string {
  const m = /^(\d+)([a-z]?)$/.exec(digits);
  return m ? `${Number(m[1])}${m[2]}` : digits;
}

interface NumberRole {
  /** Stands alone or before "mươi": một..chín. */
  readonly unit?: number;
  /** After "mười"/"mươi": the units plus mốt (1), tư (4), lăm/nhăm (5). */
  readonly afterTens?: number;
  /** "Mười", ten. */
  readonly ten?: boolean;
  /** "Mươi", the tens after a unit ("hai mươi"). */
  readonly tens?: boolean;
}

const NUMBER_WORDS = new Map<string, NumberRole>([
  ['một', { unit: 1, afterTens: 1 }],
  ['mốt', { afterTens: 1 }],
  ['hai', { unit: 2, afterTens: 2 }],
  ['ba', { unit: 3, afterTens: 3 }],
  ['bốn', { unit: 4, afterTens: 4 }],
  ['tư', { afterTens: 4 }],
  ['năm', { unit: 5, afterTens: 5 }],
  ['lăm', { afterTens: 5 }],
  ['nhăm', { afterTens: 5 }],
  ['sáu', { unit: 6, afterTens: 6 }],
  ['bảy', { unit: 7, afterTens: 7 }],
  ['bẩy', { unit: 7, afterTens: 7 }],
  ['tám', { unit: 8, afterTens: 8 }],
  ['chín', { unit: 9, afterTens: 9 }],
  ['mười', { ten: true }],
  ['mươi', { tens: true }],
]);

/**
 * Unmarked, "nam", "tam" and "sau" are also hamlet names or parts of them (Thôn Nam, Tam Hiệp, Xóm
 * Sau), so they are read as numbers only with their marks (năm, tám, sáu).
 */
const AMBIGUOUS_BARE_NUMBERS = new Set(['nam', 'tam', 'sau']);

const BARE_NUMBER_WORDS = new Map<string, NumberRole>();
for (const [spelling, role] of NUMBER_WORDS) {
  const folded = foldDiacritics(spelling);
  if (!AMBIGUOUS_BARE_NUMBERS.has(folded)) {
    BARE_NUMBER_WORDS.set(folded, { ...BARE_NUMBER_WORDS.get(folded), ...role });
  }
}

function roleOf(word: TextWord | undefined): NumberRole | undefined {
  if (word === undefined) return undefined;
  return word.marked ? NUMBER_WORDS.get(word.text) : BARE_NUMBER_WORDS.get(word.folded);
}

const ROMAN = /^(X{0,3})(IX|IV|V?I{0,3})$/;
const ROMAN_DIGITS: Readonly<Record<string, number>> = { I: 1, V: 5, X: 10 };

/** I..XXXIX, in capitals only: lower-case "vi" or "xi" are syllables, not numerals. */
function romanValue(original: string): number | undefined {
  if (original === '' || !ROMAN.test(original)) return undefined;
  let total = 0;
  for (let k = 0; k < original.length; k++) {
    const value = ROMAN_DIGITS[original[k]];
    const next = ROMAN_DIGITS[original[k + 1]] ?? 0;
    total += value < next ? -value : value;
  }
  return total;
}

/** A number written in digits, capital roman numerals or Vietnamese words (một … chín mươi chín). */
function readNumber(words: readonly TextWord[], at: number): { value: string; length: number } | undefined {
  const word = words[at];
  if (word === undefined) return undefined;
  if (/^\d{1,3}[a-z]?$/.test(word.folded)) return { value: numeral(word.folded), length: 1 };
  const roman = romanValue(word.original);
  if (roman !== undefined) return { value: String(roman), length: 1 };

  const role = roleOf(word);
  if (role?.ten) {
    const units = roleOf(words[at + 1])?.afterTens;
    return units === undefined ? { value: '10', length: 1 } : { value: String(10 + units), length: 2 };
  }
  if (role?.unit === undefined) return undefined;
  if (role.unit >= 2 && roleOf(words[at + 1])?.tens) {
    const units = roleOf(words[at + 2])?.afterTens;
    const tens = role.unit * 10;
    return units === undefined
      ? { value: String(tens), length: 2 }
      : { value: String(tens + units), length: 3 };
  }
  return { value: String(role.unit), length: 1 };
}

function isNumberSign(word: TextWord): boolean {
  return word.marked ? word.text === 'số' : word.folded === 'so';
}

type ParsedPlace =
  | { readonly form: 'numbered'; readonly kind: string | undefined; readonly value: string }
  | { readonly form: 'named'; readonly name: string }
  | { readonly form: 'kind'; readonly kind: string; readonly name: string };

/**
 * Named places are keyed by their name alone ("Thôn Đông Hòa" = "Đông Hoà"): two hamlets of one
 * commune never share a name. Numbered ones keep their kind: "Thôn 3" and "Tổ 3" differ. A trailing
 * numeral is a number ("Tân Lập II" = "Tân Lập 2").
 */
function namedKey(words: readonly TextWord[]): string {
  return words
    .map((w, k) => {
      const roman = k > 0 ? romanValue(w.original) : undefined;
      if (roman !== undefined) return String(roman);
      return /^\d+[a-z]?$/.test(w.folded) ? numeral(w.folded) : unifySpelling(w.folded);
    })
    .join('');
}

function parsePlace(name: string): ParsedPlace | undefined {
  const words = splitWords(name);
  if (words.length === 0) return undefined;
  const glued = words.length === 1 ? readGlued(words[0], true) : undefined;
  if (glued) return { form: 'numbered', kind: glued.key, value: glued.value };

  const kind = readKind(words, 0, true);
  let rest = kind ? words.slice(kind.length) : words;
  if (kind && rest.length === 0) return { form: 'kind', kind: kind.key, name: namedKey(words) };
  if (rest.length > 1 && isNumberSign(rest[0])) rest = rest.slice(1);

  const number = readNumber(rest, 0);
  if (number?.length === rest.length) return { form: 'numbered', kind: kind?.key, value: number.value };
  const last = rest[rest.length - 1];
  const suffix = /^[a-z]$/.test(last.folded) && !last.marked ? last.folded : undefined;
  if (number && suffix && number.length === rest.length - 1 && /\d$/.test(number.value)) {
    return { form: 'numbered', kind: kind?.key, value: number.value + suffix };
  }
  return { form: 'named', name: namedKey(rest) };
}

interface CompiledAliases {
  readonly kinds: ReadonlyMap<string, string>;
  readonly places: ReadonlyMap<string, string>;
}

const NO_ALIASES: CompiledAliases = { kinds: new Map(), places: new Map() };

function baseKey(place: ParsedPlace, kinds: ReadonlyMap<string, string>): string {
  if (place.form !== 'numbered') return place.name;
  const kind = place.kind === undefined ? '' : (kinds.get(place.kind) ?? place.kind);
  return `${kind}#${place.value}`;
}

function setOnce(map: Map<string, string>, from: string, to: string, entry: string): void {
  const existing = map.get(from);
  if (existing !== undefined && existing !== to) {
    throw matchingError(
      'MATCHING.CONFLICTING_PLACE_ALIAS',
      'a place name is an alias of two different places',
      {
        entry,
      },
    );
  }
  map.set(from, to);
}

function compileAliases(aliases: PlaceAliases): CompiledAliases {
  const kinds = new Map<string, string>();
  const places = new Map<string, string>();
  const entries = Object.entries(aliases).map(([canonical, names]) => ({
    canonical,
    parsed: parsePlace(canonical),
    names: names.map((n) => ({ n, parsed: parsePlace(n) })),
  }));
  const invalid = (entry: string) =>
    matchingError(
      'MATCHING.INVALID_PLACE_ALIAS',
      'a place alias must pair kinds with kinds and places with places',
      {
        entry,
      },
    );

  for (const { canonical, parsed, names } of entries) {
    if (parsed?.form !== 'kind') continue;
    for (const { parsed: alias } of names) {
      if (alias?.form !== 'kind') throw invalid(canonical);
      if (alias.kind !== parsed.kind) setOnce(kinds, alias.kind, parsed.kind, canonical);
    }
  }
  for (const { canonical, parsed, names } of entries) {
    if (parsed?.form === 'kind') continue;
    if (parsed === undefined) throw invalid(canonical);
    const target = baseKey(parsed, kinds);
    for (const { parsed: alias } of names) {
      if (alias === undefined || alias.form === 'kind') throw invalid(canonical);
      const from = baseKey(alias, kinds);
      if (from !== target) setOnce(places, from, target, canonical);
    }
  }
  const chained =
    [...kinds.values()].find((k) => kinds.has(k)) ?? [...places.values()].find((k) => places.has(k));
  if (chained !== undefined) {
    throw matchingError('MATCHING.CONFLICTING_PLACE_ALIAS', 'a canonical place name is itself an alias', {
      key: chained,
    });
  }
  return { kinds, places };
}

const compiled = new WeakMap<PlaceAliases, CompiledAliases>();

/**
 * The canonical key of a hamlet or residential-group name (thôn, xóm, tổ dân phố...): equal keys mean
 * the same place. "Thôn 3" = "thon ba" = "T.3" = "Thôn III" = "thôn số 03"; "Tổ dân phố 5" = "TDP 5" =
 * "tổ 5"; "Thôn Đông Hòa" = "thon dong hoa" = "Đông Hoà". The input is the name only, not an address.
 * Undefined when the name has no letters or digits. Throws MATCHING.INVALID_PLACE_ALIAS or
 * MATCHING.CONFLICTING_PLACE_ALIAS for inconsistent aliases.
 */
export function placeKey(name: string, aliases?: PlaceAliases): string | undefined {
  const parsed = parsePlace(name);
  if (parsed === undefined) return undefined;
  const { kinds, places } = tableOf(aliases);
  const key = baseKey(parsed, kinds);
  return places.get(key) ?? key;
}

function tableOf(aliases: PlaceAliases | undefined): CompiledAliases {
  if (aliases === undefined) return NO_ALIASES;
  let table = compiled.get(aliases);
  if (table === undefined) {
    table = compileAliases(aliases);
    compiled.set(aliases, table);
  }
  return table;
}

function placeWord(key: string): TextWord {
  return { original: key, text: key, folded: key, marked: false };
}

function readPlacePhrase(
  words: readonly TextWord[],
  at: number,
  table: CompiledAliases,
): { key: string; length: number } | undefined {
  const glued = readGlued(words[at], false);
  let place: { kind: string; value: string; length: number } | undefined;
  if (glued) {
    place = { kind: glued.key, value: glued.value, length: 1 };
  } else {
    const kind = readKind(words, at, false);
    if (!kind) return undefined;
    let next = at + kind.length;
    if (next + 1 < words.length && isNumberSign(words[next])) next++;
    const number = readNumber(words, next);
    if (!number) return undefined;
    place = { kind: kind.key, value: number.value, length: next + number.length - at };
  }
  const key = baseKey({ form: 'numbered', kind: place.kind, value: place.value }, table.kinds);
  return { key: table.places.get(key) ?? key, length: place.length };
}

/**
 * In running text, a numbered place ("ở thôn Ba", "tổ dân phố số 5", "TDP5") becomes one word holding
 * its key, so "thôn 3" and "thon ba" compare equal and the number no longer floats free; with the
 * commune's aliases, "Xóm 3" and "Thôn 3" too. Named places need no merging: their words compare by
 * themselves.
 */
export function mergePlacePhrases(words: readonly TextWord[], aliases?: PlaceAliases): TextWord[] {
  const table = tableOf(aliases);
  const merged: TextWord[] = [];
  let at = 0;
  while (at < words.length) {
    const phrase = readPlacePhrase(words, at, table);
    merged.push(phrase ? placeWord(phrase.key) : words[at]);
    at += phrase ? phrase.length : 1;
  }
  return merged;
}

/** A named place is rarely longer: "Đồng Tâm", "Khuổi Tát", "Nà Lạng", "Tân Lập Hai". */
const PLACE_NAME_WORDS = 3;

function isNameWord(word: TextWord | undefined): word is TextWord {
  return word !== undefined && isCapitalized(word) && /^\p{L}+$/u.test(word.original);
}

/**
 * The named places of a phrase (text between punctuation), keyed as `placeKey` keys them: a kind of
 * place followed by a capitalised name ("ở Xóm Đồng Tâm", "TDP Phố Chợ", "ban Pac Cap" → "dongtam",
 * "phocho", "paccap"), or as the commune's aliases key them. A name without its kind ("ở Đồng Tâm") or
 * in lower case cannot be told from other words and is left out. `stopsAt(k)` ends a name before
 * word k, e.g. where a person's name begins.
 */
export function namedPlaces(
  words: readonly TextWord[],
  stopsAt: (at: number) => boolean = () => false,
  aliases?: PlaceAliases,
): string[] {
  const { places } = tableOf(aliases);
  const keys: string[] = [];
  for (let at = 0; at < words.length; at++) {
    const kind = readKind(words, at, false);
    // "trưởng thôn Xóm Đồng Tâm": the kind that names the place is the last one.
    if (!kind || readKind(words, at + kind.length, false)) continue;
    const start = at + kind.length;
    let end = start;
    while (end - start < PLACE_NAME_WORDS && isNameWord(words[end]) && !stopsAt(end)) end++;
    if (end > start) {
      const key = namedKey(words.slice(start, end));
      keys.push(places.get(key) ?? key);
      at = end - 1;
    }
  }
  return keys;
}

/** The part of an address that names a level above the hamlet, with its name: "xã Phượng Tiến". */
const COMMUNE_LEVEL = /^(?:xa|phuong|thi tran) (.+)$/;
const ABOVE_COMMUNE = /^(?:huyen|quan|thi xa|thanh pho|tp|tinh) /;

function addressKey(part: string): string {
  return foldDiacritics(part)
    .replace(/[^a-z0-9]+/g, ' ')
    .trim();
}

/**
 * The hamlet of the commune that an address names ("Nhà số 12, Thôn Ba, xã Phượng Tiến, tỉnh Thái
 * Nguyên" → the code `resolve` gives for "Thôn Ba"), for a petitioner who wrote an address but no
 * hamlet. The parts are read up to the commune level; an address in another commune ("Tổ 5, phường
 * Phan Đình Phùng") names none of this commune's hamlets, even when one has the same name.
 * `communeName` is the commune's own name, with or without "xã".
 */
export function hamletOfAddress(
  address: string,
  resolve: (name: string) => string | undefined,
  communeName?: string,
): string | undefined {
  // "Xã Phượng Tiến" or "Phượng Tiến": unmarked, "phuong" may be the name or the level (phường).
  const communeKeys = new Set<string>();
  if (communeName !== undefined) {
    const key = addressKey(communeName);
    communeKeys.add(key).add(key.replace(COMMUNE_LEVEL, '$1'));
  }
  let hamlet: string | undefined;
  let aboveHamlet = false;
  for (const part of normalizeText(address).split(/[,;]|\s[-–]\s/)) {
    const key = addressKey(part);
    if (key === '') continue;
    if (communeKeys.has(key)) {
      aboveHamlet = true;
      continue;
    }
    const level = COMMUNE_LEVEL.exec(key);
    if (level) {
      if (communeKeys.size > 0 && !communeKeys.has(level[1])) return undefined;
      aboveHamlet = true;
    } else if (ABOVE_COMMUNE.test(key)) {
      aboveHamlet = true;
    } else if (!aboveHamlet) {
      hamlet ??= resolve(part.trim());
    }
  }
  return hamlet;
}
