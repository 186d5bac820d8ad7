import { migrateUnderLock, quoteSchema } from '@tiep-dan/platform';
import type { Pool } from 'pg';
import {
  DEFAULT_RULE_SET,
  JurisdictionError,
  type RuleSet,
  type RuleSetDraft,
  validateRuleSet,
} from '../../domain/jurisdiction';

/** One published version. Versions are never changed or deleted: decisions reference them. */
export interface RuleSetRecord {
  ruleSet: RuleSet;
  createdAt: Date;
  createdBy: string;
  note: string | null;
}

export interface RuleSetSummary {
  version: number;
  title: RuleSet['title'];
  ruleCount: number;
  createdAt: Date;
  createdBy: string;
  note: string | null;
}

export interface PublishRequest {
  /** Username of the administrator. */
  by: string;
  note?: string;
  /** The version the administrator edited; a newer one in the store means someone else published meanwhile. */
  expectedVersion: number;
}

export const SEED_AUTHOR = 'seed';
export const SEED_NOTE = 'Bộ quy tắc mặc định (default rules: verify the rules marked "(verify)")';

interface Row {
  version: number;
  rules: unknown;
  created_at: Date;
  created_by: string;
  note: string | null;
}

const UNIQUE_VIOLATION = '23505';

/** Versioned competence rule sets as JSON documents in `"<schema>".rule_sets`. */
export class RuleSetRepository {
  private readonly table: string;

  constructor(
    private readonly pool: Pool,
    private readonly schema = 'routing',
    private readonly seed: RuleSet = DEFAULT_RULE_SET,
  ) {
    this.table = `${quoteSchema(schema)}.rule_sets`;
  }

  /** Idempotent, safe from several processes at once; stores the default set as version 1 on first start. */
  async migrate(): Promise<void> {
    await migrateUnderLock(this.pool, `tiepdan.${this.schema}.rule_sets.migrate`, async (client) => {
      await client.query(`CREATE SCHEMA IF NOT EXISTS ${quoteSchema(this.schema)}`);
      await client.query(`
        CREATE TABLE IF NOT EXISTS ${this.table} (
          version integer PRIMARY KEY CHECK (version > 0),
          rules jsonb NOT NULL,
          created_at timestamptz NOT NULL DEFAULT now(),
          created_by text NOT NULL,
          note text
        )`);
      await client.query(
        `INSERT INTO ${this.table} (version, rules, created_by, note)
         SELECT 1, $1, $2, $3 WHERE NOT EXISTS (SELECT 1 FROM ${this.table})`,
        [JSON.stringify({ ...this.seed, version: 1 }), SEED_AUTHOR, SEED_NOTE],
      );
    });
  }

  async current(): Promise<RuleSetRecord> {
    const { rows } = await this.pool.query<Row>(`${this.select} ORDER BY version DESC LIMIT 1`);
    if (!rows[0]) throw new Error(`${this.table} is empty: migrate() seeds it`);
    return this.toRecord(rows[0]);
  }

  async get(version: number): Promise<RuleSetRecord | undefined> {
    const { rows } = await this.pool.query<Row>(`${this.select} WHERE version = $1`, [version]);
    return rows[0] ? this.toRecord(rows[0]) : undefined;
  }

  /** Newest first, without the rules themselves. */
  async list(): Promise<RuleSetSummary[]> {
    const { rows } = await this.pool.query<
      Omit<Row, 'rules'> & { title: RuleSet['title']; rule_count: number }
    >(
      `SELECT version, rules -> 'title' AS title, jsonb_array_length(rules -> 'rules') AS rule_count,
              created_at, created_by, note
         FROM ${this.table} ORDER BY version DESC`,
    );
    return rows.map((row) => ({
      version: row.version,
      title: row.title,
      ruleCount: row.rule_count,
      createdAt: row.created_at,
      createdBy: row.created_by,
      note: row.note,
    }));
  }

  /**
   * Stores a checked draft as the version after `expectedVersion`. Two administrators publishing over
   * the same version: the primary key lets exactly one of them write it; the other gets
   * RULES.VERSION_CONFLICT.
   */
  async publish(draft: RuleSetDraft, request: PublishRequest): Promise<RuleSetRecord> {
    const latest = await this.latestVersion();
    if (latest !== request.expectedVersion) throw versionConflict(request.expectedVersion, latest);
    const version = latest + 1;
    try {
      const { rows } = await this.pool.query<Row>(
        `INSERT INTO ${this.table} (version, rules, created_by, note) VALUES ($1, $2, $3, $4)
         RETURNING version, rules, created_at, created_by, note`,
        [version, JSON.stringify({ ...draft, version }), request.by, request.note ?? null],
      );
      return this.toRecord(rows[0]);
    } catch (error) {
      if ((error as { code?: unknown }).code !== UNIQUE_VIOLATION) throw error;
      throw versionConflict(request.expectedVersion, await this.latestVersion());
    }
  }

  private get select(): string {
    return `SELECT version, rules, created_at, created_by, note FROM ${this.table}`;
  }

  private async latestVersion(): Promise<number> {
    const { rows } = await this.pool.query<{ version: number | null }>(
      `SELECT max(version) AS version FROM ${this.table}`,
    );
    return rows[0]?.version ?? 0;
  }

  /** Re-checks the stored document: one edited by hand in the database fails here, loudly. */
  private toRecord(row: Row): RuleSetRecord {
    let ruleSet: RuleSet;
    try {
      ruleSet = validateRuleSet({ ...(row.rules as object), version: row.version });
    } catch (error) {
      // Not the caller's mistake (a JurisdictionError would answer 400): the stored data is broken.
      throw new Error(`${this.table} version ${row.version} is invalid: ${(error as Error).message}`);
    }
    return { ruleSet, createdAt: row.created_at, createdBy: row.created_by, note: row.note };
  }
}

function versionConflict(expectedVersion: number, currentVersion: number): JurisdictionError {
  return new JurisdictionError(
    'RULES.VERSION_CONFLICT',
    `the competence rules are at version ${currentVersion}, not ${expectedVersion}: reload them and apply the change again`,
    { path: 'expectedVersion', expectedVersion, currentVersion },
  );
}
