import { migrateUnderLock, quoteSchema } from '@tiep-dan/platform';
import type { Pool } from 'pg';
import type { CaseState } from '../../domain/case';

export interface CaseRow {
  caseId: string;
  petitionId: string;
  kind: string;
  classification: string;
  complaintRound: string | null;
  complexity: string;
  status: string;
  unitCode: string;
  handlerId: string | null;
  acknowledged: boolean;
  escalated: boolean;
  openedOn: string;
  resolutionDueOn: string | null;
  /** The earliest last day among the deadlines not met yet. */
  nextDueOn: string | null;
  overdue: boolean;
  assignmentNo: number;
  conclusionResult: string | null;
  version: number;
}

export interface CaseFilters {
  status?: string;
  unitCode?: string;
  kind?: string;
  overdue?: boolean;
  page: number;
  pageSize: number;
}

const COLUMNS = `case_id AS "caseId", petition_id AS "petitionId", kind, classification,
  complaint_round AS "complaintRound", complexity, status, unit_code AS "unitCode", handler_id AS "handlerId",
  acknowledged, escalated, opened_on::text AS "openedOn", resolution_due_on::text AS "resolutionDueOn",
  next_due_on::text AS "nextDueOn", overdue, assignment_no AS "assignmentNo",
  conclusion_result AS "conclusionResult", version`;

/** Statuses after which no deadline of the case runs any more (a closed complaint still has its second-complaint window). */
const FINISHED = ['stopped', 'withdrawn', 'transferred_out', 'not_accepted'];

/**
 * The case list of the units and the commune, and the scheduler's list of cases with open deadlines:
 * one row per case, written from the case's state after each change (guarded by the stream version, so
 * a replay or a late writer never moves a row back). No personal data.
 */
export class CaseListReadModel {
  private readonly table: string;

  constructor(
    private readonly pool: Pool,
    private readonly schema: string,
  ) {
    this.table = `${quoteSchema(schema)}.case_list`;
  }

  migrate(): Promise<void> {
    return migrateUnderLock(this.pool, `routing:case_list:${this.schema}`, async (client) => {
      await client.query(`CREATE SCHEMA IF NOT EXISTS ${quoteSchema(this.schema)}`);
      await client.query(`
        CREATE TABLE IF NOT EXISTS ${this.table} (
          case_id uuid PRIMARY KEY,
          petition_id uuid NOT NULL,
          kind text NOT NULL,
          classification text NOT NULL,
          complaint_round text,
          complexity text NOT NULL,
          status text NOT NULL,
          unit_code text NOT NULL,
          handler_id text,
          acknowledged boolean NOT NULL,
          escalated boolean NOT NULL,
          opened_on date NOT NULL,
          resolution_due_on date,
          next_due_on date,
          overdue boolean NOT NULL DEFAULT false,
          assignment_no int NOT NULL,
          conclusion_result text,
          open_deadlines boolean NOT NULL,
          version int NOT NULL,
          updated_at timestamptz NOT NULL DEFAULT now()
        )`);
      await client.query(`CREATE INDEX IF NOT EXISTS case_list_unit ON ${this.table} (unit_code, status)`);
      await client.query(
        `CREATE INDEX IF NOT EXISTS case_list_open_deadlines ON ${this.table} (next_due_on) WHERE open_deadlines`,
      );
    });
  }

  async upsert(state: CaseState, version: number): Promise<void> {
    const open = Object.values(state.deadlines).filter((d) => d && !d.met);
    const nextDueOn = open.map((d) => d?.dueOn ?? '').sort()[0] ?? null;
    const overdue = open.some((d) => d?.stagesEmitted.includes('overdue'));
    const openDeadlines =
      !FINISHED.includes(state.status) &&
      (open.some((d) => !d?.stagesEmitted.includes('overdue')) ||
        (!state.acknowledged && !state.assignment.escalated));
    await this.pool.query(
      `INSERT INTO ${this.table} (case_id, petition_id, kind, classification, complaint_round, complexity, status,
         unit_code, handler_id, acknowledged, escalated, opened_on, resolution_due_on, next_due_on, overdue,
         assignment_no, conclusion_result, open_deadlines, version)
       VALUES ($1,$2,$3,$4,$5,$6,$7,$8,$9,$10,$11,$12,$13,$14,$15,$16,$17,$18,$19)
       ON CONFLICT (case_id) DO UPDATE SET
         classification = excluded.classification, complexity = excluded.complexity, status = excluded.status,
         unit_code = excluded.unit_code, handler_id = excluded.handler_id, acknowledged = excluded.acknowledged,
         escalated = excluded.escalated, resolution_due_on = excluded.resolution_due_on,
         next_due_on = excluded.next_due_on, overdue = excluded.overdue, assignment_no = excluded.assignment_no,
         conclusion_result = excluded.conclusion_result, open_deadlines = excluded.open_deadlines,
         version = excluded.version, updated_at = now()
       WHERE ${this.table}.version < excluded.version`,
      [
        state.caseId,
        state.petitionId,
        state.kind,
        state.classification,
        state.complaintRound ?? null,
        state.complexity,
        state.status,
        state.unitCode,
        state.handlerId ?? null,
        state.acknowledged,
        state.assignment.escalated,
        state.openedOn,
        state.deadlines.resolution?.dueOn ?? null,
        nextDueOn,
        overdue,
        state.assignment.no,
        state.conclusion?.result ?? null,
        openDeadlines,
        version,
      ],
    );
  }

  async get(caseId: string): Promise<CaseRow | undefined> {
    const result = await this.pool.query<CaseRow>(`SELECT ${COLUMNS} FROM ${this.table} WHERE case_id = $1`, [
      caseId,
    ]);
    return result.rows[0];
  }

  async list(
    filters: CaseFilters,
  ): Promise<{ items: CaseRow[]; total: number; page: number; pageSize: number }> {
    const where: string[] = [];
    const params: unknown[] = [];
    if (filters.status) where.push(`status = $${params.push(filters.status)}`);
    if (filters.unitCode) where.push(`unit_code = $${params.push(filters.unitCode)}`);
    if (filters.kind) where.push(`kind = $${params.push(filters.kind)}`);
    if (filters.overdue !== undefined) where.push(`overdue = $${params.push(filters.overdue)}`);
    const clause = where.length ? `WHERE ${where.join(' AND ')}` : '';
    const total = await this.pool.query<{ n: string }>(
      `SELECT count(*) AS n FROM ${this.table} ${clause}`,
      params,
    );
    const items = await this.pool.query<CaseRow>(
      `SELECT ${COLUMNS} FROM ${this.table} ${clause} ORDER BY next_due_on NULLS LAST, opened_on, case_id
       LIMIT $${params.length + 1} OFFSET $${params.length + 2}`,
      [...params, filters.pageSize, (filters.page - 1) * filters.pageSize],
    );
    return {
      items: items.rows,
      total: Number(total.rows[0]?.n ?? 0),
      page: filters.page,
      pageSize: filters.pageSize,
    };
  }

  /** Cases a clock tick must look at: a deadline not yet announced overdue, or an assignment not acknowledged. */
  async withOpenDeadlines(): Promise<string[]> {
    const result = await this.pool.query<{ id: string }>(
      `SELECT case_id AS id FROM ${this.table} WHERE open_deadlines ORDER BY next_due_on NULLS LAST`,
    );
    return result.rows.map((r) => r.id);
  }
}
