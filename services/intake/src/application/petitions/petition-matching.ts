import {
  findRelatedPetitions,
  hamletOfAddress,
  petitionerKeyMaterial,
  placeKey,
  type MatchOptions,
  type PlaceAliases,
} from '../../domain/matching';
import type { KeyMaterial } from '../../infrastructure/petition/petition-search.projection';
import type { RelatedFinder } from './petitions.service';

/** What duplicate matching needs of the commune configuration (CommuneDirectory has it). */
export interface MatchingCommune {
  /** Changes with every new version of the configuration. */
  readonly version: number;
  readonly config: {
    readonly commune: { readonly name: string };
    readonly hamlets: readonly { readonly name: string; readonly aliases: readonly string[] }[];
  };
  /** By code, name or alias, as a citizen or officer typed it. */
  hamlet(codeOrAlias: string): { readonly code: string } | undefined;
}

/**
 * The match-key material of a person (see `petitionerKeyMaterial`). The hamlet is the one the person
 * was recorded with or, when none was, the commune's hamlet that the written address names ("Thon Ba,
 * xa Phuong Tien" → thon-3): name + hamlet is the only key of a petitioner who gives neither a citizen
 * ID nor a phone, and many write their hamlet only in the address.
 */
export function keyMaterialOf(commune: MatchingCommune): KeyMaterial {
  const resolveHamlet = (name: string) => commune.hamlet(name)?.code;
  return (person) => {
    const hamletCode =
      person.hamletCode ??
      (person.address !== undefined
        ? hamletOfAddress(person.address, resolveHamlet, commune.config.commune.name)
        : undefined);
    return petitionerKeyMaterial({
      ...(person.fullName !== undefined ? { fullName: person.fullName } : {}),
      ...(person.citizenId !== undefined ? { citizenId: person.citizenId } : {}),
      ...(person.phone !== undefined ? { phone: person.phone } : {}),
      ...(hamletCode !== undefined ? { hamletKey: hamletCode } : {}),
    });
  };
}

/**
 * The commune's hamlets as the matcher's place aliases: name → aliases, so that "Xóm 3" in one summary
 * and "thôn Ba" in another name one place. A hamlet whose names the matcher cannot pair (a bare kind
 * of place as an alias, one name for two places...) is left out and reported through `warn`, rather
 * than failing every recording.
 */
export function placeAliasesOf(
  hamlets: MatchingCommune['config']['hamlets'],
  warn: (message: string) => void = () => undefined,
): PlaceAliases {
  const aliases: Record<string, readonly string[]> = {};
  for (const hamlet of hamlets) {
    const tried = { ...aliases, [hamlet.name]: [...hamlet.aliases] };
    try {
      // Any name compiles the aliases, which throws for inconsistent ones.
      placeKey(hamlet.name, tried);
      aliases[hamlet.name] = tried[hamlet.name];
    } catch (error) {
      warn(`place aliases of hamlet "${hamlet.name}" left out of duplicate matching: ${String(error)}`);
    }
  }
  return aliases;
}

/**
 * The matcher as PetitionsService calls it, with the commune's place aliases; they are built once per
 * version of the commune configuration.
 */
export function relatedFinderOf(commune: MatchingCommune, warn?: (message: string) => void): RelatedFinder {
  let cached: { version: number; options: MatchOptions } | undefined;
  const matchOptions = (): MatchOptions => {
    const version = commune.version;
    if (cached?.version !== version) {
      cached = { version, options: { placeAliases: placeAliasesOf(commune.config.hamlets, warn) } };
    }
    return cached.options;
  };
  return (candidate, existing) => {
    const related = findRelatedPetitions(candidate, existing, matchOptions());
    return {
      ...(related.duplicateOf
        ? { duplicateOf: { ...related.duplicateOf, reasons: [...related.duplicateOf.reasons] } }
        : {}),
      ...(related.repeatOf
        ? { repeatOf: { ...related.repeatOf, reasons: [...related.repeatOf.reasons] } }
        : {}),
    };
  };
}
