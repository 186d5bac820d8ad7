import { DomainError, SENSITIVE_TAGS } from '@tiep-dan/contracts';
import { z } from 'zod';
import { nameKey } from './vietnamese-name';

/**
 * The commune as data: its units, hamlets, officials and subject domains. An administrator edits it;
 * intake, routing and reports read it. Codes are stable identifiers that other records keep, so a unit
 * that is dissolved is marked inactive rather than removed while anything still refers to it.
 */

/**
 * Lower-case kebab: codes end up in Kafka topic names, URLs and report keys, where diacritics, spaces
 * and upper case break things.
 */
export const CODE_PATTERN = /^[a-z0-9][a-z0-9-]*$/;
export const CODE_MAX_LENGTH = 64;

const code = z
  .string()
  .max(CODE_MAX_LENGTH)
  .regex(CODE_PATTERN, 'expected a lower-case kebab code (a-z, 0-9, -)');
const text = (max: number) => z.string().trim().min(1).max(max);

export const UNIT_KINDS = [
  /** Văn phòng HĐND và UBND, the committee's leadership. */
  'office',
  'police',
  /** Ủy ban Mặt trận Tổ quốc Việt Nam. */
  'front',
  'military',
  /** Phòng chuyên môn (Phòng Kinh tế, Phòng Văn hóa – Xã hội…). */
  'department',
  /** Trung tâm Phục vụ hành chính công. */
  'service-centre',
  /** Tổ chức chính trị – xã hội: farmers', women's, youth and veterans' organisations. */
  'mass-organisation',
  /** A body outside the commune that petitions are forwarded to (courts, procuracy, provincial bodies…). */
  'external',
] as const;
export type UnitKind = (typeof UNIT_KINDS)[number];

export const UNIT_LEVELS = ['commune', 'province', 'central'] as const;
export type UnitLevel = (typeof UNIT_LEVELS)[number];

/** Thôn, tổ dân phố, ấp, bản, xóm: the names differ by region, the role is the same. */
export const HAMLET_KINDS = ['thon', 'to-dan-pho', 'ap', 'ban', 'xom'] as const;
export type HamletKind = (typeof HAMLET_KINDS)[number];

export const unitSchema = z
  .object({
    code,
    /** Full Vietnamese name, as on official letters. */
    name: text(200),
    shortName: text(100).optional(),
    kind: z.enum(UNIT_KINDS),
    level: z.enum(UNIT_LEVELS),
    active: z.boolean().default(true),
  })
  .strict();
export type Unit = z.infer<typeof unitSchema>;

export const hamletSchema = z
  .object({
    code,
    name: text(200),
    kind: z.enum(HAMLET_KINDS),
    /** Other names citizens use ("Thôn Ba" for "Thôn 3", the name before a merger…). */
    aliases: z.array(text(200)).max(20).default([]),
    /** Vùng sâu, vùng xa: complaint time limits are longer there (Luật Khiếu nại arts. 28, 33, 37). */
    remote: z.boolean().optional(),
  })
  .strict();
export type Hamlet = z.infer<typeof hamletSchema>;

/** An official holding a public post; their names are public, unlike a petitioner's. */
export const officialSchema = z
  .object({
    id: code,
    fullName: text(200),
    /** Chức vụ, in Vietnamese ("Chủ tịch UBND xã"). */
    position: text(200),
    unitCode: code,
    /** Platform roles the post usually carries (reception_officer, chairman…), to suggest accounts. */
    roles: z
      .array(
        z
          .string()
          .max(64)
          .regex(/^[a-z][a-z_]*$/, 'expected a role name'),
      )
      .max(20)
      .optional(),
    active: z.boolean().default(true),
  })
  .strict();
export type Official = z.infer<typeof officialSchema>;

/** Lĩnh vực: what a petition is about, the sensitive-matter tags it raises, and who usually handles it. */
export const subjectDomainSchema = z
  .object({
    code,
    name: text(200),
    sensitiveTags: z
      .array(z.enum(SENSITIVE_TAGS))
      .refine((tags) => new Set(tags).size === tags.length, 'a tag is listed twice'),
    defaultUnitCode: code.optional(),
  })
  .strict();
export type SubjectDomain = z.infer<typeof subjectDomainSchema>;

export const communeSchema = z
  .object({
    code,
    /** With its kind, as on official letters: "Xã Phượng Tiến", "Phường Phan Đình Phùng". */
    name: text(200),
    province: text(200),
  })
  .strict();
export type Commune = z.infer<typeof communeSchema>;

/** Large enough for a merged commune, small enough that one document stays cheap to load and diff. */
export const SECTION_MAX_ITEMS = 500;

export const communeConfigSchema = z
  .object({
    commune: communeSchema,
    units: z.array(unitSchema).max(SECTION_MAX_ITEMS),
    hamlets: z.array(hamletSchema).max(SECTION_MAX_ITEMS),
    officials: z.array(officialSchema).max(SECTION_MAX_ITEMS),
    subjectDomains: z.array(subjectDomainSchema).max(SECTION_MAX_ITEMS),
  })
  .strict();
export type CommuneConfig = z.infer<typeof communeConfigSchema>;

/** The parts an administrator replaces one at a time, as named in URLs. */
export const COMMUNE_SECTIONS = ['units', 'hamlets', 'officials', 'subject-domains'] as const;
export type CommuneSection = (typeof COMMUNE_SECTIONS)[number];

export const SECTION_KEYS = {
  units: 'units',
  hamlets: 'hamlets',
  officials: 'officials',
  'subject-domains': 'subjectDomains',
} as const satisfies Record<CommuneSection, keyof CommuneConfig>;

export function isCommuneSection(value: string): value is CommuneSection {
  return (COMMUNE_SECTIONS as readonly string[]).includes(value);
}

export type CommuneErrorCode =
  | 'COMMUNE.INVALID_CONFIG'
  | 'COMMUNE.DUPLICATE_CODE'
  | 'COMMUNE.UNKNOWN_UNIT'
  | 'COMMUNE.INACTIVE_UNIT'
  | 'COMMUNE.DUPLICATE_ALIAS';

function invalid(
  code: CommuneErrorCode,
  message: string,
  details: { path: string } & Record<string, unknown>,
) {
  return new DomainError(code, message, 'validation', details);
}

/**
 * Checks shape and cross-references and returns the configuration with defaults applied. Throws a
 * `DomainError` whose `details.path` names the field (`officials.3.unitCode`), for the first broken rule.
 */
export function parseCommuneConfig(value: unknown): CommuneConfig {
  const result = communeConfigSchema.safeParse(value);
  if (!result.success) {
    const issues = result.error.issues
      .slice(0, 20)
      .map((i) => ({ path: i.path.join('.'), message: i.message }));
    throw invalid(
      'COMMUNE.INVALID_CONFIG',
      `invalid commune configuration: ${issues[0].path}: ${issues[0].message}`,
      {
        path: issues[0].path,
        issues,
      },
    );
  }
  const config = result.data;
  checkUniqueCodes(config);
  checkUnitLevels(config);
  checkUnitReferences(config);
  checkHamletNames(config);
  return config;
}

function checkUniqueCodes(config: CommuneConfig): void {
  const sections: [string, { code: string }[]][] = [
    ['units', config.units],
    ['hamlets', config.hamlets],
    ['officials', config.officials.map((o) => ({ code: o.id }))],
    ['subjectDomains', config.subjectDomains],
  ];
  for (const [section, items] of sections) {
    const seen = new Set<string>();
    items.forEach((item, index) => {
      if (seen.has(item.code)) {
        const path = `${section}.${index}.${section === 'officials' ? 'id' : 'code'}`;
        throw invalid('COMMUNE.DUPLICATE_CODE', `${path}: "${item.code}" is used twice in ${section}`, {
          path,
          value: item.code,
        });
      }
      seen.add(item.code);
    });
  }
}

/** The commune's own units are commune bodies; only an external body sits at another level. */
function checkUnitLevels(config: CommuneConfig): void {
  config.units.forEach((unit, index) => {
    if (unit.kind !== 'external' && unit.level !== 'commune') {
      const path = `units.${index}.level`;
      throw invalid(
        'COMMUNE.INVALID_CONFIG',
        `${path}: a ${unit.kind} unit of the commune is at commune level`,
        {
          path,
          value: unit.level,
        },
      );
    }
  });
}

function checkUnitReferences(config: CommuneConfig): void {
  const units = new Map(config.units.map((u) => [u.code, u]));
  config.officials.forEach((official, index) => {
    if (!units.has(official.unitCode)) {
      const path = `officials.${index}.unitCode`;
      throw invalid('COMMUNE.UNKNOWN_UNIT', `${path}: no unit "${official.unitCode}"`, {
        path,
        value: official.unitCode,
      });
    }
  });
  config.subjectDomains.forEach((domain, index) => {
    if (domain.defaultUnitCode === undefined) return;
    const path = `subjectDomains.${index}.defaultUnitCode`;
    const unit = units.get(domain.defaultUnitCode);
    if (!unit)
      throw invalid('COMMUNE.UNKNOWN_UNIT', `${path}: no unit "${domain.defaultUnitCode}"`, {
        path,
        value: domain.defaultUnitCode,
      });
    // New petitions of the domain would be routed to a body that no longer works.
    if (!unit.active)
      throw invalid('COMMUNE.INACTIVE_UNIT', `${path}: unit "${unit.code}" is inactive`, {
        path,
        value: unit.code,
      });
  });
}

/**
 * A hamlet is found by its code, name or any alias, so no two hamlets may share one of them (ignoring
 * case, spacing and Unicode form). Names that differ only by diacritics are allowed: they are
 * different places, and the lookup refuses to guess between them.
 */
function checkHamletNames(config: CommuneConfig): void {
  const owners = new Map<string, string>();
  config.hamlets.forEach((hamlet, index) => {
    const names: [string, string][] = [
      [`hamlets.${index}.code`, hamlet.code],
      [`hamlets.${index}.name`, hamlet.name],
      ...hamlet.aliases.map((alias, i): [string, string] => [`hamlets.${index}.aliases.${i}`, alias]),
    ];
    for (const [path, name] of names) {
      const key = nameKey(name);
      const owner = owners.get(key);
      if (owner !== undefined && owner !== hamlet.code)
        throw invalid('COMMUNE.DUPLICATE_ALIAS', `${path}: "${name}" already names hamlet "${owner}"`, {
          path,
          value: name,
          hamlet: owner,
        });
      owners.set(key, hamlet.code);
    }
  });
}
