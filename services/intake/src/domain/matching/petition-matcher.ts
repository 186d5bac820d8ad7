import type { PetitionKind } from '@tiep-dan/contracts';
import { matchingError } from './matching.errors';
import type { PlaceAliases } from './place-names';
import {
  conflictingIdentifiers,
  hasMatterWords,
  profileSimilarity,
  profileText,
  sharedIdentifiers,
  SIMILARITY_THRESHOLDS,
  TextProfile,
} from './similarity';
import { isFormOfAddress, splitWords, TextWord, unifySpelling } from './vietnamese-text';

/** Where a petition stands, as far as matching cares. */
export type MatchStatus = 'open' | 'resolved' | 'filed' | 'withdrawn';

/** A petition as the matcher sees it: no names, only pseudonymous keys and the matter's text. */
export interface MatchablePetition {
  readonly petitionId: string;
  readonly kind: string;
  /**
   * Opaque pseudonymous keys, e.g. keyed hashes of `petitionerKeyMaterial`; one shared key means one
   * person. Empty for an anonymous petition.
   */
  readonly petitionerKeys: readonly string[];
  /** `placeKey` of the petitioner's hamlet, when known. */
  readonly hamletKey?: string;
  /** Who or what the petition is against (người bị khiếu nại/tố cáo), as written. */
  readonly respondentText?: string;
  /** The summary, as recorded. */
  readonly subjectText: string;
  /** The official classification code (phân loại, e.g. `administrative.land_housing`), when known. */
  readonly classification?: string;
  /** YYYY-MM-DD. */
  readonly receivedOn: string;
  readonly status: MatchStatus;
}

export interface MatchOptions {
  /** Default `SIMILARITY_THRESHOLDS.sameMatter`. */
  readonly sameMatterThreshold?: number;
  /** Default `SIMILARITY_THRESHOLDS.similar`; never above `sameMatterThreshold`. */
  readonly similarThreshold?: number;
  /**
   * Default `SIMILARITY_THRESHOLDS.corroboration`: how much each fact that corroborates one matter (the
   * same classification; a shared parcel, decision, judgment, person or relative) lowers
   * `sameMatterThreshold` for the same petitioner.
   */
  readonly corroboration?: number;
  /** Kind → family, merged over `DEFAULT_KIND_FAMILIES`; a kind not listed is its own family. */
  readonly kindFamilies?: Readonly<Record<string, string>>;
  /** Longest `similar` list. Default 10. */
  readonly maxSimilar?: number;
  /**
   * The commune's other names of its hamlets, read in the subjects ("Xóm 3" for "Thôn 3"); `hamletKey`s
   * are the caller's to make equal.
   */
  readonly placeAliases?: PlaceAliases;
}

/** Why a petition was linked, in a fixed order, for the officer who reviews the link. */
export type MatchReason =
  | 'same_petitioner'
  | 'same_kind_family'
  | 'same_classification'
  | 'same_hamlet'
  | 'shared_identifier'
  | 'similar_subject'
  | 'similar_respondent';

export interface PetitionLink {
  readonly petitionId: string;
  readonly score: number;
  readonly reasons: readonly MatchReason[];
}

export interface SimilarPetition {
  readonly petitionId: string;
  readonly score: number;
}

export interface RelatedPetitions {
  /** Trùng đơn: the same person about the same matter as a petition still open; link, never drop. */
  readonly duplicateOf?: PetitionLink;
  /** Đơn tái diễn / lặp lại: the same person about a matter already finally resolved. */
  readonly repeatOf?: PetitionLink;
  /** Other petitions about a similar matter, best first: context for the officer (đông người?). */
  readonly similar: readonly SimilarPetition[];
}

/**
 * Complaints and denunciations follow different procedures (Luật Khiếu nại, Luật Tố cáo), so one is
 * never a duplicate of the other; recommendations and reflections (kiến nghị, phản ánh) are handled
 * and reported together (form 04/XLD), so they are one family.
 */
export const DEFAULT_KIND_FAMILIES = {
  complaint: 'complaint',
  denunciation: 'denunciation',
  recommendation: 'recommendation-reflection',
  reflection: 'recommendation-reflection',
} as const satisfies Record<PetitionKind, string>;

/** Respondents weigh a quarter: staff write them in many ways ("UBND xã", "Chủ tịch UBND xã"). */
const RESPONDENT_WEIGHT = 0.25;
const DEFAULT_MAX_SIMILAR = 10;
const DATE = /^\d{4}-\d{2}-\d{2}$/;

interface Evaluation {
  readonly petition: MatchablePetition;
  readonly score: number;
  readonly samePerson: boolean;
  readonly sameMatter: boolean;
  readonly sameHamlet: boolean;
  /** The facts a subject below `sameMatter` needed to count as the same matter. */
  readonly corroborations: readonly Corroboration[];
  readonly similarRespondent: boolean;
}

type Corroboration = Extract<MatchReason, 'same_classification' | 'shared_identifier'>;

/** Two decimals: differences below 0.01 are noise, and equal rounded scores fall to the tie-breaks. */
function round(score: number): number {
  return Math.round(score * 100) / 100;
}

function isBlank(s: string | undefined): boolean {
  return s === undefined || s.trim() === '';
}

/** A respondent of only stop words ("ông", "bà") says nothing and is not compared. */
function respondentProfile(p: MatchablePetition): TextProfile | undefined {
  const profile = p.respondentText === undefined ? undefined : profileText(p.respondentText);
  return profile && hasMatterWords(profile) ? profile : undefined;
}

function keysOf(p: MatchablePetition): Set<string> {
  return new Set(p.petitionerKeys.filter((k) => !isBlank(k)));
}

/** Best score first; on equal scores the earliest received, then the smallest id (code-unit order). */
function byRank(a: Evaluation, b: Evaluation): number {
  if (a.score !== b.score) return b.score - a.score;
  if (a.petition.receivedOn !== b.petition.receivedOn)
    return a.petition.receivedOn < b.petition.receivedOn ? -1 : 1;
  if (a.petition.petitionId === b.petition.petitionId) return 0;
  return a.petition.petitionId < b.petition.petitionId ? -1 : 1;
}

function resolveOptions(options: MatchOptions) {
  const sameMatter = options.sameMatterThreshold ?? SIMILARITY_THRESHOLDS.sameMatter;
  const similar = options.similarThreshold ?? Math.min(SIMILARITY_THRESHOLDS.similar, sameMatter);
  const corroboration = options.corroboration ?? SIMILARITY_THRESHOLDS.corroboration;
  const maxSimilar = options.maxSimilar ?? DEFAULT_MAX_SIMILAR;
  const inRange = (t: number) => Number.isFinite(t) && t >= 0 && t <= 1;
  if (!inRange(sameMatter) || !inRange(similar) || !inRange(corroboration) || similar > sameMatter) {
    throw matchingError(
      'MATCHING.INVALID_OPTIONS',
      'thresholds and corroboration must lie in [0, 1] with similar ≤ sameMatter',
      { sameMatter, similar, corroboration },
    );
  }
  if (!Number.isInteger(maxSimilar) || maxSimilar < 0) {
    throw matchingError('MATCHING.INVALID_OPTIONS', 'maxSimilar must be a non-negative integer', {
      maxSimilar,
    });
  }
  const families: Readonly<Record<string, string>> = { ...DEFAULT_KIND_FAMILIES, ...options.kindFamilies };
  return {
    sameMatter,
    similar,
    corroboration,
    maxSimilar,
    familyOf: (kind: string) => families[kind] ?? kind,
  };
}

function checkInput(candidate: MatchablePetition, existing: readonly MatchablePetition[]): void {
  const seen = new Set<string>();
  for (const p of [candidate, ...existing]) {
    if (!DATE.test(p.receivedOn)) {
      throw matchingError('MATCHING.INVALID_RECEIVED_ON', 'receivedOn must be a YYYY-MM-DD date', {
        petitionId: p.petitionId,
      });
    }
  }
  for (const p of existing) {
    if (seen.has(p.petitionId)) {
      throw matchingError('MATCHING.DUPLICATE_PETITION_ID', 'a petition is listed twice', {
        petitionId: p.petitionId,
      });
    }
    seen.add(p.petitionId);
  }
}

/**
 * Finds what a newly received petition relates to (TT 05/2021: a duplicate petition is filed, not
 * processed again; LTCD art. 9: a matter already resolved correctly may be refused). The same
 * petitioner (a shared key) about the same matter makes it a duplicate of the best open petition, or,
 * when none is open, a repeat of the best resolved one. The same matter: same kind family, same hamlet
 * when both are known, no conflicting identifiers (parcel, decision, judgment, numbered or named place,
 * person, relative), and a subject alike enough: `sameMatter` on its own, `corroboration` less for each
 * fact that corroborates it (the same classification; a shared parcel, decision, judgment, person or
 * relative), since one matter told twice by its petitioner is often worded quite differently. Filed
 * and withdrawn petitions, other petitioners and anonymous petitions only ever appear in `similar`.
 * Pure and deterministic: the order of `existing` never changes the answer.
 */
export function findRelatedPetitions(
  candidate: MatchablePetition,
  existing: readonly MatchablePetition[],
  options: MatchOptions = {},
): RelatedPetitions {
  const { sameMatter, similar, corroboration, maxSimilar, familyOf } = resolveOptions(options);
  checkInput(candidate, existing);
  const candidateKeys = keysOf(candidate);
  const aliases = options.placeAliases;
  const candidateSubject = profileText(candidate.subjectText, aliases);
  const candidateRespondent = respondentProfile(candidate);

  const evaluations = existing
    .filter((p) => p.petitionId !== candidate.petitionId)
    .map((petition): Evaluation => {
      const subjectProfile = profileText(petition.subjectText, aliases);
      const subject = profileSimilarity(candidateSubject, subjectProfile);
      const otherRespondent = candidateRespondent && respondentProfile(petition);
      const respondent =
        candidateRespondent && otherRespondent
          ? profileSimilarity(candidateRespondent, otherRespondent)
          : undefined;
      const score = round(
        respondent === undefined
          ? subject
          : (1 - RESPONDENT_WEIGHT) * subject + RESPONDENT_WEIGHT * respondent,
      );

      const samePerson = [...keysOf(petition)].some((k) => candidateKeys.has(k));
      const sameFamily = familyOf(candidate.kind) === familyOf(petition.kind);
      const hamletsKnown = !isBlank(candidate.hamletKey) && !isBlank(petition.hamletKey);
      const sameHamlet = hamletsKnown && candidate.hamletKey === petition.hamletKey;
      const corroborating: Corroboration[] = [];
      if (!isBlank(candidate.classification) && candidate.classification === petition.classification) {
        corroborating.push('same_classification');
      }
      if (sharedIdentifiers(candidateSubject, subjectProfile).length > 0)
        corroborating.push('shared_identifier');
      const byText = score >= sameMatter;
      const isSameMatter =
        (byText || score >= round(sameMatter - corroboration * corroborating.length)) &&
        sameFamily &&
        (!hamletsKnown || sameHamlet) &&
        conflictingIdentifiers(candidateSubject, subjectProfile).length === 0;

      const similarRespondent = respondent !== undefined && respondent >= similar;
      return {
        petition,
        score,
        samePerson,
        sameMatter: isSameMatter,
        sameHamlet,
        corroborations: byText ? [] : corroborating,
        similarRespondent,
      };
    });

  const linkable = (status: MatchStatus) =>
    evaluations.filter((e) => e.samePerson && e.sameMatter && e.petition.status === status).sort(byRank)[0];
  const duplicate = linkable('open');
  const repeat = duplicate ? undefined : linkable('resolved');
  const linked = duplicate ?? repeat;
  const toLink = (e: Evaluation): PetitionLink => ({
    petitionId: e.petition.petitionId,
    score: e.score,
    reasons: [
      'same_petitioner',
      'same_kind_family',
      ...e.corroborations.filter((c) => c === 'same_classification'),
      ...(e.sameHamlet ? (['same_hamlet'] as const) : []),
      ...e.corroborations.filter((c) => c === 'shared_identifier'),
      'similar_subject',
      ...(e.similarRespondent ? (['similar_respondent'] as const) : []),
    ],
  });

  return {
    ...(duplicate && { duplicateOf: toLink(duplicate) }),
    ...(repeat && { repeatOf: toLink(repeat) }),
    similar: evaluations
      .filter((e) => e !== linked && e.score >= similar)
      .sort(byRank)
      .slice(0, maxSimilar)
      .map((e) => ({ petitionId: e.petition.petitionId, score: e.score })),
  };
}

/**
 * Unmarked, a name's first word is a form of address only for these: "chu", "cu", "bac" and "co" are
 * also surnames (Chu, Cù, Bạc, Cơ) and stay.
 */
const BARE_NAME_TITLES = new Set(['ong', 'ba', 'anh', 'chi', 'em']);

function isNameTitle(word: TextWord): boolean {
  return word.marked ? isFormOfAddress(word) : BARE_NAME_TITLES.has(word.folded);
}

/** Căn cước (12 digits) or the old chứng minh nhân dân (9 digits) still found in older records. */
function citizenIdMaterial(citizenId: string | undefined): string | undefined {
  const digits = citizenId?.replace(/[\s.-]/g, '');
  return digits !== undefined && /^(\d{9}|\d{12})$/.test(digits) ? `citizen-id:${digits}` : undefined;
}

/**
 * The 11-digit mobile numbers renumbered to 10 digits in 2018 (0168x → 038x...): old records and
 * citizens still write the old form, which must give the same key as the new one.
 */
const RENUMBERED_MOBILE_PREFIXES: Readonly<Record<string, string>> = {
  '120': '70',
  '121': '79',
  '122': '77',
  '126': '76',
  '128': '78',
  '123': '83',
  '124': '84',
  '125': '85',
  '127': '81',
  '129': '82',
  '162': '32',
  '163': '33',
  '164': '34',
  '165': '35',
  '166': '36',
  '167': '37',
  '168': '38',
  '169': '39',
  '186': '56',
  '188': '58',
  '199': '59',
};

/** +84 followed by the national significant number: mobile (9 digits) or landline (10 digits, 02x). */
function phoneMaterial(phone: string | undefined): string | undefined {
  const compact = phone?.replace(/[\s.()-]/g, '');
  if (compact === undefined) return undefined;
  const international = /^(?:\+84|0084|84(?=\d{9,10}$))(\d+)$/.exec(compact);
  const national = /^0(\d+)$/.exec(compact);
  let significant = international?.[1] ?? national?.[1];
  if (significant === undefined) return undefined;
  const renumbered = RENUMBERED_MOBILE_PREFIXES[significant.slice(0, 3)];
  if (significant.length === 10 && renumbered !== undefined) significant = renumbered + significant.slice(3);
  return /^([35789]\d{8}|2\d{9})$/.test(significant) ? `phone:+84${significant}` : undefined;
}

/** Folded, i/y unified, a leading form of address dropped ("Ông Nguyễn Văn A" = "nguyen van a"). */
function nameHamletMaterial(fullName: string | undefined, hamletKey: string | undefined): string | undefined {
  if (fullName === undefined || isBlank(hamletKey)) return undefined;
  const words = splitWords(fullName);
  const named = words.length > 2 && isNameTitle(words[0]) ? words.slice(1) : words;
  if (named.length === 0) return undefined;
  return `name-hamlet:${named.map((w) => unifySpelling(w.folded)).join(' ')}|${hamletKey}`;
}

/**
 * The normalised strings that identify a petitioner, for the infrastructure to hash with a secret key
 * into `petitionerKeys`: the matcher never sees a name, an ID or a phone number. Each string carries
 * its kind, so equal digits of an ID and a phone never collide. Citizen ID and phone identify a person;
 * name + hamlet is weaker (namesakes in one hamlet are common), and the caller may choose not to use it.
 * Values that are not a valid ID or phone number give no material rather than a wrong key.
 */
export function petitionerKeyMaterial(person: {
  fullName?: string;
  citizenId?: string;
  phone?: string;
  hamletKey?: string;
}): string[] {
  return [
    citizenIdMaterial(person.citizenId),
    phoneMaterial(person.phone),
    nameHamletMaterial(person.fullName, person.hamletKey),
  ].filter((m): m is string => m !== undefined);
}
