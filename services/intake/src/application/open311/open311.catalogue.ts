import { CLASSIFICATION_CODES, type SensitiveTag } from '@tiep-dan/contracts';
import type { SubjectDomain } from '../../commune/commune-config.schema';
import type { CommuneDirectory } from '../../commune/commune.directory';

/** Phân loại of a recommendation or reflection, as form 04/XLD counts it. */
export type ReflectionClassification = (typeof CLASSIFICATION_CODES.reflection)[number];

export function isReflectionClassification(value: string): value is ReflectionClassification {
  return (CLASSIFICATION_CODES.reflection as readonly string[]).includes(value);
}

/** Group names shown to citizens: the classification, in the words of the report forms. */
const CLASSIFICATION_NAMES: Record<ReflectionClassification, string> = {
  policy: 'Chính sách, chế độ',
  land: 'Đất đai',
  judicial: 'Tư pháp',
  other: 'Khác',
};

const TAG_KEYWORDS: Record<SensitiveTag, string> = {
  land: 'đất đai',
  environment: 'môi trường',
  ethnicity: 'dân tộc',
  religion: 'tôn giáo',
  labour_policy: 'lao động',
  judicial_activity: 'tư pháp',
};

/**
 * Domains of the sample commune whose tags do not tell their classification: social policy (chính
 * sách xã hội) is "chính sách, chế độ". A commune with other domain codes passes its own.
 */
export const DEFAULT_CLASSIFICATION_OVERRIDES: Readonly<Record<string, ReflectionClassification>> = {
  'social-policy': 'policy',
};

/**
 * The classification of a reflection about a subject domain. The commune configuration does not say
 * it, so it follows the domain's sensitive tags: land matters count as "đất đai", judicial activity as
 * "tư pháp", labour, ethnic and religious matters as "chính sách, chế độ"; anything else as "khác".
 * `overrides` (per domain code) cover domains whose tags do not tell, like a social-policy domain.
 */
export function reflectionClassificationOf(
  domain: Pick<SubjectDomain, 'code' | 'sensitiveTags'>,
  overrides: Readonly<Record<string, ReflectionClassification>> = {},
): ReflectionClassification {
  const override = overrides[domain.code];
  if (override) return override;
  const tags = new Set<string>(domain.sensitiveTags);
  if (tags.has('land')) return 'land';
  if (tags.has('judicial_activity')) return 'judicial';
  if (tags.has('labour_policy') || tags.has('ethnicity') || tags.has('religion')) return 'policy';
  return 'other';
}

/** A service of `GET services.json` (GeoReport v2). */
export interface Open311Service {
  service_code: string;
  service_name: string;
  description: string;
  metadata: false;
  type: 'realtime';
  keywords: string;
  group: string;
}

/** What a request for a service becomes: a reflection with this classification and these tags. */
export interface Open311ServiceEntry {
  service: Open311Service;
  classification: ReflectionClassification;
  sensitiveTags: SensitiveTag[];
  /** Name of the unit that usually handles the domain (public: units are public bodies). */
  agency: string | null;
}

/**
 * The Open311 services: one per subject domain (lĩnh vực) of the commune configuration, read at each
 * call so that an administrator's edit shows at once. Every service is `realtime`: a request becomes a
 * petition (kind reflection) immediately, with an id.
 */
export class Open311Catalogue {
  constructor(
    private readonly directory: CommuneDirectory,
    private readonly overrides: Readonly<Record<string, ReflectionClassification>>,
  ) {
    for (const [code, classification] of Object.entries(overrides)) {
      if (!isReflectionClassification(classification)) {
        throw new Error(
          `Open311: "${classification}" for domain "${code}" is not a reflection classification`,
        );
      }
    }
  }

  /** "Ủy ban nhân dân xã Phượng Tiến": the commune's kind is lower-case inside a name. */
  get committeeName(): string {
    const name = this.directory.config.commune.name;
    return `Ủy ban nhân dân ${name.charAt(0).toLocaleLowerCase('vi')}${name.slice(1)}`;
  }

  services(): Open311Service[] {
    return this.directory.config.subjectDomains.map((domain) => this.entryOf(domain).service);
  }

  find(serviceCode: string): Open311ServiceEntry | undefined {
    const domain = this.directory.subjectDomain(serviceCode);
    return domain ? this.entryOf(domain) : undefined;
  }

  private entryOf(domain: SubjectDomain): Open311ServiceEntry {
    const classification = reflectionClassificationOf(domain, this.overrides);
    const unit = domain.defaultUnitCode ? this.directory.unit(domain.defaultUnitCode) : undefined;
    return {
      service: {
        service_code: domain.code,
        service_name: domain.name,
        description: `Phản ánh, kiến nghị về lĩnh vực ${domain.name} gửi ${this.committeeName}.`,
        metadata: false,
        type: 'realtime',
        keywords: domain.sensitiveTags.map((tag) => TAG_KEYWORDS[tag]).join(','),
        group: CLASSIFICATION_NAMES[classification],
      },
      classification,
      sensitiveTags: [...domain.sensitiveTags],
      agency: unit && unit.active !== false ? unit.name : null,
    };
  }
}
