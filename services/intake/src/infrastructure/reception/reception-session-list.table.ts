import type { Pool } from 'pg';
import {
  summarizeReceptionSession,
  type ActiveSessionState,
  type ChairmanReceptionSessionRecord,
  type OfficialPosition,
  type ReceptionKind,
  type ReceptionMode,
} from '../../domain/reception';
import { migrateUnderLock, quoteSchema } from '@tiep-dan/platform';

/**
 * The list of reception sessions (read model) in the service's schema: one row per session, for
 * filtering and paging and for the compliance check. The streams are the truth; a row is a function
 * of its stream (`listRowOf`) stamped with the stream version, and an upsert never replaces a newer
 * version, so rows can be written in any order, again, and rebuilt from the streams at any time.
 */
export interface ReceptionSessionListRow {
  sessionId: string;
  version: number;
  kind: ReceptionKind;
  mode: ReceptionMode;
  date: string;
  status: 'open' | 'closed';
  presidedBy: { officialId: string; position: OfficialPosition };
  visits: number;
  people: number;
  delegations: number;
  petitions: number;
  closedAt: string | null;
}

export function listRowOf(state: ActiveSessionState, version: number): ReceptionSessionListRow {
  const summary = state.summary ?? summarizeReceptionSession(state);
  return {
    sessionId: state.sessionId,
    version,
    kind: state.details.kind,
    mode: state.details.venue.mode,
    date: state.details.date,
    status: state.status,
    presidedBy: state.details.presidedBy,
    visits: summary.visits,
    people: summary.people,
    delegations: summary.delegations,
    petitions: summary.petitions,
    closedAt: state.closedAt ?? null,
  };
}

export interface ReceptionSessionListQuery {
  from?: string;
  to?: string;
  kind?: ReceptionKind;
  status?: 'open' | 'closed';
  limit: number;
  offset: number;
}

interface Row {
  session_id: string;
  version: number;
  kind: ReceptionKind;
  mode: ReceptionMode;
  session_date: string;
  status: 'open' | 'closed';
  presided_by: string;
  presided_position: OfficialPosition;
  visits: number;
  people: number;
  delegations: number;
  petitions: number;
  closed_at: Date | null;
}

const COLUMNS = `session_id::text AS session_id, version, kind, mode, session_date::text AS session_date, status,
  presided_by, presided_position, visits, people, delegations, petitions, closed_at`;

function toListRow(row: Row): ReceptionSessionListRow {
  return {
    sessionId: row.session_id,
    version: row.version,
    kind: row.kind,
    mode: row.mode,
    date: row.session_date,
    status: row.status,
    presidedBy: { officialId: row.presided_by, position: row.presided_position },
    visits: row.visits,
    people: row.people,
    delegations: row.delegations,
    petitions: row.petitions,
    closedAt: row.closed_at ? row.closed_at.toISOString() : null,
  };
}

/** The list read model as the application uses it (the table below; an in-memory one in unit tests). */
export interface ReceptionSessionList {
  upsert(row: ReceptionSessionListRow): Promise<void>;
  versionOf(sessionId: string): Promise<number | undefined>;
  list(query: ReceptionSessionListQuery): Promise<{ items: ReceptionSessionListRow[]; total: number }>;
  chairmanPeriodicSessions(from: string, to: string): Promise<ChairmanReceptionSessionRecord[]>;
  clear(): Promise<void>;
}

export class ReceptionSessionListTable implements ReceptionSessionList {
  private readonly schemaSql: string;
  private readonly table: string;

  constructor(
    private readonly pool: Pool,
    schema: string,
  ) {
    this.schemaSql = quoteSchema(schema);
    this.table = `${this.schemaSql}.reception_session_list`;
  }

  /** Idempotent: safe on every start and from several processes at once. */
  async migrate(): Promise<void> {
    await migrateUnderLock(this.pool, 'tiepdan.intake.reception.migrate', async (client) => {
      await client.query(`CREATE SCHEMA IF NOT EXISTS ${this.schemaSql}`);
      await client.query(`
        CREATE TABLE IF NOT EXISTS ${this.table} (
          session_id uuid PRIMARY KEY,
          version integer NOT NULL,
          kind text NOT NULL,
          mode text NOT NULL,
          session_date date NOT NULL,
          status text NOT NULL,
          presided_by text NOT NULL,
          presided_position text NOT NULL,
          visits integer NOT NULL,
          people integer NOT NULL,
          delegations integer NOT NULL,
          petitions integer NOT NULL,
          closed_at timestamptz,
          updated_at timestamptz NOT NULL DEFAULT now()
        )`);
      await client.query(
        `CREATE INDEX IF NOT EXISTS reception_session_list_by_date ON ${this.table} (session_date DESC, session_id)`,
      );
    });
  }

  /** Writes the row unless the table already holds this version or a newer one. */
  async upsert(row: ReceptionSessionListRow): Promise<void> {
    await this.pool.query(
      `INSERT INTO ${this.table} (session_id, version, kind, mode, session_date, status, presided_by,
         presided_position, visits, people, delegations, petitions, closed_at, updated_at)
       VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13, now())
       ON CONFLICT (session_id) DO UPDATE SET
         version = EXCLUDED.version, kind = EXCLUDED.kind, mode = EXCLUDED.mode,
         session_date = EXCLUDED.session_date, status = EXCLUDED.status, presided_by = EXCLUDED.presided_by,
         presided_position = EXCLUDED.presided_position, visits = EXCLUDED.visits, people = EXCLUDED.people,
         delegations = EXCLUDED.delegations, petitions = EXCLUDED.petitions, closed_at = EXCLUDED.closed_at,
         updated_at = now()
       WHERE ${this.table}.version < EXCLUDED.version`,
      [
        row.sessionId,
        row.version,
        row.kind,
        row.mode,
        row.date,
        row.status,
        row.presidedBy.officialId,
        row.presidedBy.position,
        row.visits,
        row.people,
        row.delegations,
        row.petitions,
        row.closedAt,
      ],
    );
  }

  async versionOf(sessionId: string): Promise<number | undefined> {
    const { rows } = await this.pool.query<{ version: number }>(
      `SELECT version FROM ${this.table} WHERE session_id = $1`,
      [sessionId],
    );
    return rows[0]?.version;
  }

  /** Newest sessions first. */
  async list(query: ReceptionSessionListQuery): Promise<{ items: ReceptionSessionListRow[]; total: number }> {
    const where: string[] = [];
    const values: unknown[] = [];
    const add = (condition: string, value: unknown) => {
      values.push(value);
      where.push(condition.replace('?', `$${values.length}`));
    };
    if (query.from !== undefined) add('session_date >= ?', query.from);
    if (query.to !== undefined) add('session_date <= ?', query.to);
    if (query.kind !== undefined) add('kind = ?', query.kind);
    if (query.status !== undefined) add('status = ?', query.status);
    const filter = where.length > 0 ? `WHERE ${where.join(' AND ')}` : '';
    const { rows } = await this.pool.query<Row & { total: string }>(
      `SELECT ${COLUMNS}, count(*) OVER () AS total FROM ${this.table} ${filter}
       ORDER BY session_date DESC, session_id LIMIT $${values.length + 1} OFFSET $${values.length + 2}`,
      [...values, query.limit, query.offset],
    );
    let total = rows.length > 0 ? Number(rows[0].total) : 0;
    if (rows.length === 0 && query.offset > 0) {
      const count = await this.pool.query<{ total: string }>(
        `SELECT count(*) AS total FROM ${this.table} ${filter}`,
        values,
      );
      total = Number(count.rows[0].total);
    }
    return { items: rows.map(toListRow), total };
  }

  /** Periodic-reception sessions held between two dates (inclusive), for the compliance check. */
  async chairmanPeriodicSessions(from: string, to: string): Promise<ChairmanReceptionSessionRecord[]> {
    const { rows } = await this.pool.query<
      Pick<Row, 'session_id' | 'kind' | 'session_date' | 'presided_position'>
    >(
      `SELECT session_id::text AS session_id, kind, session_date::text AS session_date, presided_position
       FROM ${this.table} WHERE kind = 'chairman_periodic' AND session_date BETWEEN $1 AND $2
       ORDER BY session_date`,
      [from, to],
    );
    return rows.map((r) => ({
      sessionId: r.session_id,
      kind: r.kind,
      date: r.session_date,
      presidedBy: { position: r.presided_position },
    }));
  }

  /** Empties the table before a rebuild from the streams. */
  async clear(): Promise<void> {
    await this.pool.query(`DELETE FROM ${this.table}`);
  }
}
