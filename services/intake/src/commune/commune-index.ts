import { DomainError } from '@tiep-dan/contracts';
import type { CommuneConfig, Hamlet, Official, SubjectDomain, Unit } from './commune-config.schema';
import { foldedNameKey, nameKey } from './vietnamese-name';

/**
 * Synchronous lookups over one version of a validated commune configuration. The configuration is
 * frozen: callers share it, and a change goes through a new version, never an in-place edit.
 */
export class CommuneIndex {
  readonly config: Readonly<CommuneConfig>;
  private readonly units: ReadonlyMap<string, Unit>;
  private readonly officials: ReadonlyMap<string, Official>;
  private readonly domains: ReadonlyMap<string, SubjectDomain>;
  private readonly hamletsByName = new Map<string, Hamlet>();
  /** Several hamlets can share a folded name (Đồng Tâm / Đông Tâm): all are kept so a guess is refused. */
  private readonly hamletsByFoldedName = new Map<string, Set<Hamlet>>();

  constructor(config: CommuneConfig) {
    this.config = deepFreeze(config);
    this.units = new Map(config.units.map((u) => [u.code, u]));
    this.officials = new Map(config.officials.map((o) => [o.id, o]));
    this.domains = new Map(config.subjectDomains.map((d) => [d.code, d]));
    for (const hamlet of config.hamlets) {
      for (const name of [hamlet.code, hamlet.name, ...hamlet.aliases]) {
        this.hamletsByName.set(nameKey(name), hamlet);
        const folded = foldedNameKey(name);
        const set = this.hamletsByFoldedName.get(folded) ?? new Set<Hamlet>();
        set.add(hamlet);
        this.hamletsByFoldedName.set(folded, set);
      }
    }
  }

  unit(code: string): Unit | undefined {
    return this.units.get(code);
  }

  official(id: string): Official | undefined {
    return this.officials.get(id);
  }

  subjectDomain(code: string): SubjectDomain | undefined {
    return this.domains.get(code);
  }

  /**
   * Finds a hamlet by code, name or alias as a citizen or officer typed it: case, spacing and Unicode
   * form never matter; diacritics are ignored only when that leaves one hamlet ("thon ba" → Thôn 3,
   * but "xom dong tam" finds nothing while both Xóm Đồng Tâm and Xóm Đông Tâm exist).
   */
  hamlet(codeOrAlias: string): Hamlet | undefined {
    const exact = this.hamletsByName.get(nameKey(codeOrAlias));
    if (exact) return exact;
    const folded = this.hamletsByFoldedName.get(foldedNameKey(codeOrAlias));
    return folded?.size === 1 ? [...folded][0] : undefined;
  }

  /**
   * Whether the longer time limits of remote areas apply. An unknown hamlet is an error rather than
   * "not remote": silently taking the shorter limit would cut a citizen's time.
   */
  isRemote(hamletCode: string): boolean {
    const hamlet = this.hamlet(hamletCode);
    if (!hamlet)
      throw new DomainError(
        'COMMUNE.UNKNOWN_HAMLET',
        `no hamlet "${hamletCode}" in the commune`,
        'not_found',
        {
          path: 'hamletCode',
          value: hamletCode,
        },
      );
    return hamlet.remote === true;
  }
}

function deepFreeze<T>(value: T): T {
  if (value !== null && typeof value === 'object' && !Object.isFrozen(value)) {
    Object.freeze(value);
    for (const child of Object.values(value)) deepFreeze(child);
  }
  return value;
}
