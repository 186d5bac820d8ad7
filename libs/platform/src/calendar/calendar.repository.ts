import type { Pool } from 'pg';
import { quoteSchema } from '../auth/sql-identifier';
import type { CalendarYearData } from './domain/working-calendar';
import { migrateUnderLock } from '../database/migrate-under-lock';

export interface CalendarYearRecord {
  year: number;
  data: CalendarYearData;
  updatedAt: Date;
  updatedBy: string;
}

interface Row {
  year: number;
  data: CalendarYearData;
  updated_at: Date;
  updated_by: string;
}

/** Who wrote seeded years, so an administrator sees which years nobody has reviewed yet. */
export const SEED_AUTHOR = 'seed';

/** One row per year, the year's data as JSON: the administrator edits a year as a whole. */
export class CalendarRepository {
  private readonly schemaSql: string;
  private readonly table: string;

  constructor(
    private readonly pool: Pool,
    schema = 'calendar',
  ) {
    this.schemaSql = quoteSchema(schema);
    this.table = `${this.schemaSql}.calendar_years`;
  }

  /** Idempotent: safe on every start and from several processes at once. */
  async migrate(): Promise<void> {
    await migrateUnderLock(this.pool, 'tiepdan.calendar.migrate', async (client) => {
      await client.query(`CREATE SCHEMA IF NOT EXISTS ${this.schemaSql}`);
      await client.query(`
        CREATE TABLE IF NOT EXISTS ${this.table} (
          year integer PRIMARY KEY,
          data jsonb NOT NULL,
          updated_at timestamptz NOT NULL DEFAULT now(),
          updated_by text NOT NULL
        )`);
    });
  }

  /** Inserts the years that are absent and never touches an existing one (an administrator's edit wins). */
  async seedMissing(years: readonly CalendarYearData[]): Promise<number[]> {
    if (years.length === 0) return [];
    const { rows } = await this.pool.query<{ year: number }>(
      `INSERT INTO ${this.table} (year, data, updated_by)
       SELECT (d->>'year')::int, d, $2 FROM jsonb_array_elements($1::jsonb) AS d
       ON CONFLICT (year) DO NOTHING RETURNING year`,
      [JSON.stringify(years), SEED_AUTHOR],
    );
    return rows.map((r) => r.year).sort((a, b) => a - b);
  }

  async get(year: number): Promise<CalendarYearRecord | undefined> {
    const { rows } = await this.pool.query<Row>(
      `SELECT year, data, updated_at, updated_by FROM ${this.table} WHERE year = $1`,
      [year],
    );
    return rows[0] ? toRecord(rows[0]) : undefined;
  }

  async list(): Promise<CalendarYearRecord[]> {
    const { rows } = await this.pool.query<Row>(
      `SELECT year, data, updated_at, updated_by FROM ${this.table} ORDER BY year`,
    );
    return rows.map(toRecord);
  }

  async put(data: CalendarYearData, updatedBy: string): Promise<CalendarYearRecord> {
    const { rows } = await this.pool.query<Row>(
      `INSERT INTO ${this.table} (year, data, updated_at, updated_by) VALUES ($1, $2, now(), $3)
       ON CONFLICT (year) DO UPDATE SET data = EXCLUDED.data, updated_at = now(), updated_by = EXCLUDED.updated_by
       RETURNING year, data, updated_at, updated_by`,
      [data.year, JSON.stringify(data), updatedBy],
    );
    return toRecord(rows[0]);
  }
}

function toRecord(row: Row): CalendarYearRecord {
  return { year: row.year, data: row.data, updatedAt: row.updated_at, updatedBy: row.updated_by };
}
