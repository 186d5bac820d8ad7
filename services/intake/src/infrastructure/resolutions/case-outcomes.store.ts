import type { Pool, PoolClient } from 'pg';

/**
 * What intake keeps of routing's cases (from `routing.case-events.v1`), to know which petitions'
 * matters were finally resolved. Three tables in intake's schema:
 * - `case_petitions`: the petition of each case, and the case of the earlier round it follows (a second
 *   complaint names the first-time case);
 * - `case_closings`: the cases closed, kept even while their opening is unknown (events of one case
 *   arrive in order, but a consumer that starts late, or the opening of an earlier round, may not);
 * - `petition_resolutions`: what follows from both: the petitions whose matter is finally resolved, with
 *   the case whose closing resolved it and when (the earliest such closing).
 *
 * They are not a projection of intake's own events: a rebuild of `petition_search` leaves them alone,
 * and they cannot be rebuilt from intake's store (only by replaying the topic in a new consumer group).
 * Every write is an insert of a fact keyed by its case (or petition), so a redelivery changes nothing,
 * and each fact is written before the resolutions are worked out again in a statement of its own: of
 * two facts applied at once by different consumers (a closing and the opening of an earlier round),
 * the one applied last sees the other.
 */
export class CaseOutcomesStore {
  private readonly cases: string;
  private readonly closings: string;
  private readonly resolutions: string;
  private readonly filings: string;

  constructor(
    private readonly pool: Pool,
    schema: string,
  ) {
    this.cases = `"${schema}".case_petitions`;
    this.closings = `"${schema}".case_closings`;
    this.filings = `"${schema}".petition_filings`;
    this.resolutions = `"${schema}".petition_resolutions`;
  }

  /** A case was opened (thụ lý) for a petition; `previousCaseId`: the first-time case of a second complaint. */
  async recordOpening(opening: {
    caseId: string;
    petitionId: string;
    previousCaseId?: string;
    openedAt: string;
  }): Promise<string[]> {
    await this.pool.query(
      `INSERT INTO ${this.cases} (case_id, petition_id, previous_case_id, opened_at)
       VALUES ($1, $2, $3, $4) ON CONFLICT (case_id) DO NOTHING`,
      [opening.caseId, opening.petitionId, opening.previousCaseId ?? null, opening.openedAt],
    );
    return this.resolveFrom(opening.caseId);
  }

  /** Routing filed the petition away (lưu đơn): it is no longer open for duplicate matching. */
  async recordFiling(filing: { petitionId: string; filingReason: string; filedAt: string }): Promise<void> {
    await this.pool.query(
      `INSERT INTO ${this.filings} (petition_id, filing_reason, filed_at) VALUES ($1, $2, $3)
       ON CONFLICT (petition_id) DO NOTHING`,
      [filing.petitionId, filing.filingReason, filing.filedAt],
    );
  }

  /** A case was closed: its decision or conclusion issued and, where required, enforced. */
  async recordClosing(closing: { caseId: string; result: string; closedAt: string }): Promise<string[]> {
    await this.pool.query(
      `INSERT INTO ${this.closings} (case_id, result, closed_at) VALUES ($1, $2, $3)
       ON CONFLICT (case_id) DO NOTHING`,
      [closing.caseId, closing.result, closing.closedAt],
    );
    return this.resolveFrom(closing.caseId);
  }

  /**
   * Resolves the petitions that the facts known about `caseId` now make resolved: those of the closed
   * cases among `caseId` and its later rounds, and of every earlier round of those (a second complaint
   * decided also settles the first-time petition). Returns the petitions resolved or resolved earlier
   * than recorded by this call.
   */
  private async resolveFrom(caseId: string): Promise<string[]> {
    const { rows } = await this.pool.query<{ petition_id: string }>(
      `WITH RECURSIVE later(case_id) AS (
           SELECT $1::uuid
         UNION
           SELECT c.case_id FROM ${this.cases} c JOIN later ON c.previous_case_id = later.case_id
       ), matter(case_id, closed_case_id, closed_at) AS (
           SELECT k.case_id, k.case_id, k.closed_at FROM ${this.closings} k JOIN later USING (case_id)
         UNION
           SELECT c.previous_case_id, matter.closed_case_id, matter.closed_at
           FROM matter JOIN ${this.cases} c USING (case_id)
           WHERE c.previous_case_id IS NOT NULL
       )
       INSERT INTO ${this.resolutions} AS r (petition_id, case_id, resolved_at)
       SELECT DISTINCT ON (c.petition_id) c.petition_id, matter.closed_case_id, matter.closed_at
       FROM matter JOIN ${this.cases} c USING (case_id)
       ORDER BY c.petition_id, matter.closed_at, matter.closed_case_id
       ON CONFLICT (petition_id) DO UPDATE SET case_id = EXCLUDED.case_id, resolved_at = EXCLUDED.resolved_at
         WHERE (EXCLUDED.resolved_at, EXCLUDED.case_id) < (r.resolved_at, r.case_id)
       RETURNING r.petition_id`,
      [caseId],
    );
    return rows.map((r) => r.petition_id);
  }
}

/**
 * Creates the tables of `CaseOutcomesStore`. Run by `PetitionSearchProjection.migrate()` under its lock:
 * whoever reads the search rows reads these too (`matterResolvedSql`).
 */
export async function migrateCaseOutcomes(client: PoolClient, schema: string): Promise<void> {
  await client.query(`
    CREATE TABLE IF NOT EXISTS "${schema}".case_petitions (
      case_id uuid PRIMARY KEY,
      petition_id uuid NOT NULL,
      previous_case_id uuid,
      opened_at timestamptz NOT NULL
    )`);
  await client.query(
    `CREATE INDEX IF NOT EXISTS case_petitions_petition ON "${schema}".case_petitions (petition_id)`,
  );
  await client.query(
    `CREATE INDEX IF NOT EXISTS case_petitions_previous ON "${schema}".case_petitions (previous_case_id)
     WHERE previous_case_id IS NOT NULL`,
  );
  await client.query(`
    CREATE TABLE IF NOT EXISTS "${schema}".case_closings (
      case_id uuid PRIMARY KEY,
      result text NOT NULL,
      closed_at timestamptz NOT NULL
    )`);
  await client.query(`
    CREATE TABLE IF NOT EXISTS "${schema}".petition_resolutions (
      petition_id uuid PRIMARY KEY,
      case_id uuid NOT NULL,
      resolved_at timestamptz NOT NULL
    )`);
  await client.query(`
    CREATE TABLE IF NOT EXISTS "${schema}".petition_filings (
      petition_id uuid PRIMARY KEY,
      filing_reason text NOT NULL,
      filed_at timestamptz NOT NULL
    )`);
}

/** SQL (a boolean): routing filed the petition of the `petition_search` row named `row` away. */
export function petitionFiledSql(schema: string, row: string): string {
  return `EXISTS (SELECT 1 FROM "${schema}".petition_filings pf WHERE pf.petition_id = ${row}.petition_id)`;
}

/**
 * SQL (a boolean) telling whether the matter of a row of `"<schema>".petition_search`, named `row` in
 * the query, is finally resolved: a case of the petition (or of a later round) closed; or the petition
 * is linked as a duplicate or a repeat of a petition whose case closed and never had a case of its own
 * (filed away as such, it shares that petition's outcome). Only the link itself is followed: a
 * duplicate of a duplicate is not.
 */
export function matterResolvedSql(schema: string, row: string): string {
  const resolutions = `"${schema}".petition_resolutions`;
  return `(EXISTS (SELECT 1 FROM ${resolutions} pr WHERE pr.petition_id = ${row}.petition_id)
    OR (EXISTS (SELECT 1 FROM ${resolutions} pr WHERE pr.petition_id IN (${row}.duplicate_of, ${row}.repeat_of))
      AND NOT EXISTS (SELECT 1 FROM "${schema}".case_petitions cp WHERE cp.petition_id = ${row}.petition_id)))`;
}
