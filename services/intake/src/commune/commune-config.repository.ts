import { DomainError } from '@tiep-dan/contracts';
import type { Pool } from 'pg';
import {
  type CommuneConfig,
  type CommuneSection,
  SECTION_KEYS,
  parseCommuneConfig,
} from './commune-config.schema';
import { SEED_AUTHOR, sampleCommuneConfig } from './seed/sample-commune.seed';
import { migrateUnderLock, quoteSchema } from '@tiep-dan/platform';

/** One version of the configuration. Versions are never changed: an edit appends the next one. */
export interface CommuneConfigRecord {
  version: number;
  config: CommuneConfig;
  updatedBy: string;
  updatedAt: Date;
  reason: string;
}

export interface CommuneConfigHistoryEntry {
  version: number;
  updatedBy: string;
  updatedAt: Date;
  reason: string;
  /** Top-level keys of the configuration that differ from the previous version (all of them for version 1). */
  changed: (keyof CommuneConfig)[];
}

export interface CommuneConfigUpdate {
  /** Username of the administrator. */
  by: string;
  /** Why the change was made, kept in the history. */
  reason: string;
  /** The version the administrator edited; a newer one in the store means someone else changed it meanwhile. */
  expectedVersion: number;
}

export const SEED_REASON = 'Cấu hình mẫu ban đầu (sample commune, to be replaced by the real one)';

interface Row {
  version: number;
  config: unknown;
  updated_by: string;
  updated_at: Date;
  reason: string;
}

const UNIQUE_VIOLATION = '23505';

/** The commune configuration as versioned JSON documents in `"<schema>".commune_config`. */
export class CommuneConfigRepository {
  private readonly table: string;

  constructor(
    private readonly pool: Pool,
    private readonly schema = 'intake',
    private readonly seed: () => CommuneConfig = sampleCommuneConfig,
  ) {
    this.table = `${quoteSchema(schema)}.commune_config`;
  }

  /** Idempotent: safe on every start and from several processes at once. */
  async migrate(): Promise<void> {
    await migrateUnderLock(this.pool, `tiepdan.${this.schema}.commune_config.migrate`, async (client) => {
      await client.query(`CREATE SCHEMA IF NOT EXISTS ${quoteSchema(this.schema)}`);
      await client.query(`
        CREATE TABLE IF NOT EXISTS ${this.table} (
          version integer PRIMARY KEY CHECK (version > 0),
          config jsonb NOT NULL,
          updated_by text NOT NULL,
          updated_at timestamptz NOT NULL DEFAULT now(),
          reason text NOT NULL
        )`);
    });
  }

  /** The latest version; on first use stores the sample commune as version 1 (once, whoever comes first). */
  async current(): Promise<CommuneConfigRecord> {
    const latest = await this.latest();
    if (latest) return latest;
    await this.pool.query(
      `INSERT INTO ${this.table} (version, config, updated_by, reason) VALUES (1, $1, $2, $3)
       ON CONFLICT (version) DO NOTHING`,
      [JSON.stringify(this.seed()), SEED_AUTHOR, SEED_REASON],
    );
    const seeded = await this.latest();
    if (!seeded) throw new Error(`${this.table} is empty right after seeding it`);
    return seeded;
  }

  /**
   * Replaces one section and stores the result as the next version, after checking the whole resulting
   * configuration (removing a unit that officials still belong to is refused). Two administrators
   * editing the same version: the primary key lets exactly one of them write the next version.
   */
  async update(
    section: CommuneSection,
    items: unknown,
    update: CommuneConfigUpdate,
  ): Promise<CommuneConfigRecord> {
    const latest = await this.current();
    if (latest.version !== update.expectedVersion)
      throw versionConflict(update.expectedVersion, latest.version);
    const config = parseCommuneConfig({ ...latest.config, [SECTION_KEYS[section]]: items });
    try {
      const { rows } = await this.pool.query<Row>(
        `INSERT INTO ${this.table} (version, config, updated_by, reason) VALUES ($1, $2, $3, $4)
         RETURNING version, config, updated_by, updated_at, reason`,
        [latest.version + 1, JSON.stringify(config), update.by, update.reason],
      );
      return this.toRecord(rows[0]);
    } catch (error) {
      if ((error as { code?: unknown }).code !== UNIQUE_VIOLATION) throw error;
      const winner = await this.latest();
      throw versionConflict(update.expectedVersion, winner?.version ?? latest.version + 1);
    }
  }

  /** Newest first, without the documents themselves. */
  async history(): Promise<CommuneConfigHistoryEntry[]> {
    const { rows } = await this.pool.query<Omit<Row, 'config'> & { changed: string[] }>(
      `SELECT c.version, c.updated_by, c.updated_at, c.reason,
              ARRAY(SELECT e.key FROM jsonb_each(c.config) AS e
                    WHERE e.value IS DISTINCT FROM p.config -> e.key ORDER BY e.key) AS changed
         FROM ${this.table} c LEFT JOIN ${this.table} p ON p.version = c.version - 1
        ORDER BY c.version DESC`,
    );
    return rows.map((row) => ({
      version: row.version,
      updatedBy: row.updated_by,
      updatedAt: row.updated_at,
      reason: row.reason,
      changed: row.changed as (keyof CommuneConfig)[],
    }));
  }

  private async latest(): Promise<CommuneConfigRecord | undefined> {
    const { rows } = await this.pool.query<Row>(
      `SELECT version, config, updated_by, updated_at, reason FROM ${this.table} ORDER BY version DESC LIMIT 1`,
    );
    return rows[0] ? this.toRecord(rows[0]) : undefined;
  }

  /**
   * Re-parses the stored document: defaults added to the schema later apply to old versions too, and
   * a document edited by hand in the database fails loudly here instead of deep inside a lookup.
   */
  private toRecord(row: Row): CommuneConfigRecord {
    let config: CommuneConfig;
    try {
      config = parseCommuneConfig(row.config);
    } catch (error) {
      // Not the caller's mistake (a DomainError would answer 400): the stored data is broken.
      throw new Error(`${this.table} version ${row.version} is invalid: ${(error as Error).message}`);
    }
    return {
      version: row.version,
      config,
      updatedBy: row.updated_by,
      updatedAt: row.updated_at,
      reason: row.reason,
    };
  }
}

function versionConflict(expectedVersion: number, currentVersion: number): DomainError {
  return new DomainError(
    'COMMUNE.VERSION_CONFLICT',
    `the commune configuration is at version ${currentVersion}, not ${expectedVersion}: reload it and apply the change again`,
    'conflict',
    { path: 'expectedVersion', expectedVersion, currentVersion },
  );
}
