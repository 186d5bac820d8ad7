import type { RecordedEvent } from '@tiep-dan/event-store';
import { migrateUnderLock, quoteSchema } from '@tiep-dan/platform';
import type { Pool } from 'pg';
import type { ProcessingEvent } from '../../domain/processing';

export interface ProcessingRow {
  petitionId: string;
  kind: string;
  channel: string;
  receivedOn: string;
  classification: string;
  hamletCode: string | null;
  status: 'pending' | 'decided' | 'cancelled';
  proposedOutcome: string | null;
  proposedBody: string | null;
  proposedUnit: string | null;
  ruleId: string | null;
  ruleSetVersion: number | null;
  gapCode: string | null;
  outcome: string | null;
  filingReason: string | null;
  body: string | null;
  unitCode: string | null;
  overridden: boolean | null;
  caseId: string | null;
  dueOn: string;
  deadlineStage: string | null;
  decidedOn: string | null;
  late: boolean | null;
  version: number;
}

export interface ProcessingFilters {
  status?: ProcessingRow['status'];
  outcome?: string;
  overdueOn?: string;
  page: number;
  pageSize: number;
}

const COLUMNS = `petition_id AS "petitionId", kind, channel, received_on::text AS "receivedOn", classification,
  hamlet_code AS "hamletCode", status, proposed_outcome AS "proposedOutcome", proposed_body AS "proposedBody",
  proposed_unit AS "proposedUnit", rule_id AS "ruleId", rule_set_version AS "ruleSetVersion", gap_code AS "gapCode",
  outcome, filing_reason AS "filingReason", body, unit_code AS "unitCode", overridden, case_id AS "caseId",
  due_on::text AS "dueOn", deadline_stage AS "deadlineStage", decided_on::text AS "decidedOn", late, version`;

/**
 * The processors' work list (đơn chờ xử lý) and the scheduler's list of open processing deadlines: one row
 * per petition, kept from routing's `processing-` streams. Rows carry no personal data. Each update is
 * guarded by the stream version, so an event delivered again changes nothing; the table can be rebuilt
 * by dropping it and the subscriber's checkpoint.
 */
export class ProcessingListReadModel {
  private readonly table: string;

  constructor(
    private readonly pool: Pool,
    private readonly schema: string,
  ) {
    this.table = `${quoteSchema(schema)}.processing_list`;
  }

  migrate(): Promise<void> {
    return migrateUnderLock(this.pool, `routing:processing_list:${this.schema}`, async (client) => {
      await client.query(`CREATE SCHEMA IF NOT EXISTS ${quoteSchema(this.schema)}`);
      await client.query(`
        CREATE TABLE IF NOT EXISTS ${this.table} (
          petition_id uuid PRIMARY KEY,
          kind text NOT NULL,
          channel text NOT NULL,
          received_on date NOT NULL,
          classification text NOT NULL,
          hamlet_code text,
          status text NOT NULL,
          proposed_outcome text,
          proposed_body text,
          proposed_unit text,
          rule_id text,
          rule_set_version int,
          gap_code text,
          outcome text,
          filing_reason text,
          body text,
          unit_code text,
          overridden boolean,
          override_reason text,
          case_id uuid,
          due_on date NOT NULL,
          deadline_stage text,
          decided_on date,
          late boolean,
          version int NOT NULL,
          updated_at timestamptz NOT NULL DEFAULT now()
        )`);
      await client.query(
        `CREATE INDEX IF NOT EXISTS processing_list_pending ON ${this.table} (due_on) WHERE status = 'pending'`,
      );
    });
  }

  async apply(recorded: RecordedEvent): Promise<void> {
    const event = { type: recorded.type, data: recorded.data } as ProcessingEvent;
    const v = recorded.streamVersion;
    switch (event.type) {
      case 'ProcessingOpened': {
        const f = event.data.facts;
        await this.pool.query(
          `INSERT INTO ${this.table} (petition_id, kind, channel, received_on, classification, hamlet_code, status,
             due_on, version)
           VALUES ($1, $2, $3, $4, $5, $6, 'pending', $7, $8) ON CONFLICT (petition_id) DO NOTHING`,
          [
            f.petitionId,
            f.kind,
            f.channel,
            f.receivedOn,
            f.classification,
            f.hamletCode ?? null,
            event.data.deadline.dueOn,
            v,
          ],
        );
        return;
      }
      case 'ProcessingProposed': {
        const p = event.data.proposal;
        await this.update(event.data.petitionId, v, {
          proposed_outcome: p.outcome,
          proposed_body: p.body?.code ?? null,
          proposed_unit: p.unitCode ?? null,
          rule_id: p.ruleId ?? null,
          rule_set_version: p.ruleSetVersion ?? null,
          gap_code: p.gap?.code ?? null,
        });
        return;
      }
      case 'ProcessingFactsAmended': {
        const f = event.data.facts;
        await this.update(event.data.petitionId, v, {
          classification: f.classification,
          hamlet_code: f.hamletCode ?? null,
        });
        return;
      }
      case 'ProcessingDecided': {
        const d = event.data.decision;
        await this.update(event.data.petitionId, v, {
          status: 'decided',
          outcome: d.outcome,
          filing_reason: d.filingReason ?? null,
          body: d.body?.code ?? null,
          unit_code: d.unitCode ?? null,
          overridden: d.overridden,
          override_reason: d.overrideReason ?? null,
          case_id: d.caseId ?? null,
          decided_on: event.data.decidedOn,
          late: event.data.late,
        });
        return;
      }
      case 'ProcessingCancelled':
        await this.update(event.data.petitionId, v, { status: 'cancelled' });
        return;
      case 'ProcessingDeadlineReached':
        await this.update(event.data.petitionId, v, { deadline_stage: event.data.stage });
        return;
    }
  }

  private async update(petitionId: string, version: number, values: Record<string, unknown>): Promise<void> {
    const columns = Object.keys(values);
    const sets = columns.map((column, i) => `${column} = $${i + 3}`).join(', ');
    await this.pool.query(
      `UPDATE ${this.table} SET ${sets}, version = $2, updated_at = now() WHERE petition_id = $1 AND version < $2`,
      [petitionId, version, ...columns.map((c) => values[c])],
    );
  }

  async get(petitionId: string): Promise<ProcessingRow | undefined> {
    const result = await this.pool.query<ProcessingRow>(
      `SELECT ${COLUMNS} FROM ${this.table} WHERE petition_id = $1`,
      [petitionId],
    );
    return result.rows[0];
  }

  async list(
    filters: ProcessingFilters,
  ): Promise<{ items: ProcessingRow[]; total: number; page: number; pageSize: number }> {
    const where: string[] = [];
    const params: unknown[] = [];
    if (filters.status) where.push(`status = $${params.push(filters.status)}`);
    if (filters.outcome) where.push(`outcome = $${params.push(filters.outcome)}`);
    if (filters.overdueOn) where.push(`status = 'pending' AND due_on < $${params.push(filters.overdueOn)}`);
    const clause = where.length ? `WHERE ${where.join(' AND ')}` : '';
    const total = await this.pool.query<{ n: string }>(
      `SELECT count(*) AS n FROM ${this.table} ${clause}`,
      params,
    );
    const items = await this.pool.query<ProcessingRow>(
      `SELECT ${COLUMNS} FROM ${this.table} ${clause} ORDER BY due_on, received_on, petition_id
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

  /** Petitions still waiting for a decision whose deadline has not been announced as overdue. */
  async pendingIds(): Promise<string[]> {
    const result = await this.pool.query<{ id: string }>(
      `SELECT petition_id AS id FROM ${this.table}
       WHERE status = 'pending' AND deadline_stage IS DISTINCT FROM 'overdue' ORDER BY due_on`,
    );
    return result.rows.map((r) => r.id);
  }
}
