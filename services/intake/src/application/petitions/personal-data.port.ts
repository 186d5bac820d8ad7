import type { ProtectedData } from '../../domain/petition/petition.events';

/** DI token of the personal-data port. */
export const PERSONAL_DATA = Symbol('PERSONAL_DATA');

export interface PersonalDataToProtect {
  personId: string;
  fields: Record<string, string | undefined>;
}

export type RevealedData = Record<string, string> | { erased: true };

/** Encryption with a key per person, pseudonyms and match keys (infrastructure/personal-data). */
export interface PersonalDataPort {
  /** One result per item, in order; the keys of new persons are created together. */
  protect(items: readonly PersonalDataToProtect[]): Promise<ProtectedData[]>;
  /** One result per item, in order; `{erased: true}` for a person whose key was destroyed. */
  reveal(items: readonly ProtectedData[]): Promise<RevealedData[]>;
  erase(personId: string, by: string, reason: string): Promise<void>;
  pseudonym(personId: string): string;
  /** Keyed hash of normalised identifying material, to match persons without storing identities. */
  matchKey(material: string): string;
}

export function isErased(data: RevealedData): data is { erased: true } {
  return (data as { erased?: unknown }).erased === true;
}
