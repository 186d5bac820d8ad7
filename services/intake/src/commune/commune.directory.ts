import { Inject, Injectable, Logger, type OnModuleDestroy, type OnModuleInit } from '@nestjs/common';
import type { Pool } from 'pg';
import type {
  CommuneConfig,
  CommuneSection,
  Hamlet,
  Official,
  SubjectDomain,
  Unit,
} from './commune-config.schema';
import {
  type CommuneConfigHistoryEntry,
  CommuneConfigRepository,
  type CommuneConfigRecord,
  type CommuneConfigUpdate,
} from './commune-config.repository';
import { CommuneIndex } from './commune-index';

export interface CommuneModuleOptions {
  pool: Pool;
  /** The service's schema (`intake`); the table is `"<schema>".commune_config`. */
  schema: string;
  /**
   * How often the directory checks for a version written by another process (distributed mode runs
   * several intake instances). Default one minute; 0 turns it off.
   */
  refreshIntervalMs?: number;
  /** Make CommuneDirectory injectable everywhere without importing the module again. */
  isGlobal?: boolean;
}

export const COMMUNE_OPTIONS = Symbol('COMMUNE_OPTIONS');

/**
 * The commune configuration for the rest of intake: loaded (and seeded) on start, then looked up
 * synchronously, so that handlers need not await for a unit name or a hamlet's remoteness. Edits go
 * through `update`, which swaps in the new version at once in this process.
 */
@Injectable()
export class CommuneDirectory implements OnModuleInit, OnModuleDestroy {
  private readonly logger = new Logger('CommuneDirectory');
  private loaded: { record: CommuneConfigRecord; index: CommuneIndex } | undefined;
  private timer: NodeJS.Timeout | undefined;

  constructor(
    @Inject(CommuneConfigRepository) private readonly repository: CommuneConfigRepository,
    @Inject(COMMUNE_OPTIONS) private readonly options: CommuneModuleOptions,
  ) {}

  async onModuleInit(): Promise<void> {
    await this.repository.migrate();
    await this.reload();
    const interval = this.options.refreshIntervalMs ?? 60_000;
    if (interval > 0) {
      this.timer = setInterval(() => {
        this.reload().catch((error: unknown) =>
          this.logger.warn(
            `commune configuration not refreshed, keeping version ${this.version}: ${String(error)}`,
          ),
        );
      }, interval);
      this.timer.unref();
    }
  }

  onModuleDestroy(): void {
    clearInterval(this.timer);
  }

  /** Reads the latest version from the database and uses it from now on; returns it. */
  async reload(): Promise<CommuneConfigRecord> {
    return this.use(await this.repository.current());
  }

  async update(
    section: CommuneSection,
    items: unknown,
    update: CommuneConfigUpdate,
  ): Promise<CommuneConfigRecord> {
    return this.use(await this.repository.update(section, items, update));
  }

  history(): Promise<CommuneConfigHistoryEntry[]> {
    return this.repository.history();
  }

  get version(): number {
    return this.state().record.version;
  }

  get config(): Readonly<CommuneConfig> {
    return this.state().index.config;
  }

  unit(code: string): Unit | undefined {
    return this.state().index.unit(code);
  }

  official(id: string): Official | undefined {
    return this.state().index.official(id);
  }

  /** By code, name or alias; see CommuneIndex.hamlet for how loosely names match. */
  hamlet(codeOrAlias: string): Hamlet | undefined {
    return this.state().index.hamlet(codeOrAlias);
  }

  /** Throws `COMMUNE.UNKNOWN_HAMLET` (404) for a hamlet the commune does not have. */
  isRemote(hamletCode: string): boolean {
    return this.state().index.isRemote(hamletCode);
  }

  subjectDomain(code: string): SubjectDomain | undefined {
    return this.state().index.subjectDomain(code);
  }

  private use(record: CommuneConfigRecord): CommuneConfigRecord {
    // A slow reload must not replace a newer version that an update installed meanwhile.
    if (!this.loaded || record.version > this.loaded.record.version) {
      this.loaded = { record, index: new CommuneIndex(record.config) };
    }
    return this.loaded.record;
  }

  private state(): { record: CommuneConfigRecord; index: CommuneIndex } {
    if (!this.loaded) throw new Error('CommuneDirectory used before the module finished initialising');
    return this.loaded;
  }
}
