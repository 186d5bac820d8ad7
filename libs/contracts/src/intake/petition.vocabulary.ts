/**
 * The vocabulary of petitions shared by every service and by the systems that submit petitions
 * (DOMAIN.md: "Kinds, outcomes and time limits", "Subject classification"). Codes are stable strings:
 * reports count them and other systems send them, so a code never changes meaning.
 */

/** Khiếu nại, tố cáo, kiến nghị, phản ánh. */
export const PETITION_KINDS = ['complaint', 'denunciation', 'recommendation', 'reflection'] as const;
export type PetitionKind = (typeof PETITION_KINDS)[number];

/** How the petition reached the commune. */
export const PETITION_CHANNELS = [
  /** Handed in or told at the reception office (tiếp công dân trực tiếp). */
  'in_person',
  'post',
  /** The online portal (including Open311 apps). */
  'online',
  /** Hotline or telephone. */
  'phone',
  'email',
  /** Forwarded by another agency (đơn do cơ quan khác chuyển đến). */
  'forwarded',
  /** From supervision by the People's Council or the Fatherland Front. */
  'supervision',
  /** Synchronised from the national database (CSDL quốc gia, Decree 55/2022). */
  'national_database',
] as const;
export type PetitionChannel = (typeof PETITION_CHANNELS)[number];

/**
 * The official classification the report forms count (DOMAIN.md, "Subject classification"), per kind.
 * `administrative.*` are the sub-groups of "hành chính".
 */
export const CLASSIFICATION_CODES = {
  complaint: [
    'administrative.policy',
    'administrative.land_housing',
    'administrative.other',
    'judicial',
    'party_mass_organisations',
    'other',
  ],
  denunciation: [
    'administrative.policy',
    'administrative.land_housing',
    'administrative.civil_service',
    'administrative.other',
    'corruption',
    'judicial',
    'party_mass_organisations',
    'other',
  ],
  recommendation: ['policy', 'land', 'judicial', 'other'],
  reflection: ['policy', 'land', 'judicial', 'other'],
} as const satisfies Record<PetitionKind, readonly string[]>;

export type ClassificationCode<K extends PetitionKind = PetitionKind> =
  (typeof CLASSIFICATION_CODES)[K][number];

export function isClassificationOf(kind: PetitionKind, code: string): boolean {
  return (CLASSIFICATION_CODES[kind] as readonly string[]).includes(code);
}

/** Sensitive-matter tags that monitoring watches (the plan's list). */
export const SENSITIVE_TAGS = [
  'land',
  'environment',
  'ethnicity',
  'religion',
  'labour_policy',
  'judicial_activity',
] as const;
export type SensitiveTag = (typeof SENSITIVE_TAGS)[number];

/** Who petitions: one person, several people, a group with representatives, or nobody named. */
export const PETITIONER_TYPES = ['individual', 'several', 'group', 'anonymous'] as const;
export type PetitionerType = (typeof PETITIONER_TYPES)[number];

/** What the petition is about: a decision, an act, an official or a body (for competence rules). */
export const RESPONDENT_TYPES = ['decision', 'act', 'official', 'body'] as const;
export type RespondentType = (typeof RESPONDENT_TYPES)[number];

/** The level of the body or official concerned, which decides competence. */
export const AUTHORITY_LEVELS = ['commune', 'province', 'central', 'party', 'judicial', 'other'] as const;
export type AuthorityLevel = (typeof AUTHORITY_LEVELS)[number];
