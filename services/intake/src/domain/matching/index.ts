export { normalizeText, foldDiacritics, tokens } from './vietnamese-text';
export { hamletOfAddress, placeKey, type PlaceAliases } from './place-names';
export { textSimilarity, SIMILARITY_THRESHOLDS } from './similarity';
export {
  findRelatedPetitions,
  petitionerKeyMaterial,
  DEFAULT_KIND_FAMILIES,
  type MatchablePetition,
  type MatchOptions,
  type MatchReason,
  type MatchStatus,
  type PetitionLink,
  type RelatedPetitions,
  type SimilarPetition,
} from './petition-matcher';
export { MATCHING_ERROR_CODES, type MatchingErrorCode } from './matching.errors';
