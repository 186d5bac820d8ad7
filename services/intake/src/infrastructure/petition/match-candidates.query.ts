import { GroupCommit } from '@tiep-dan/event-store';
import type { Pool } from 'pg';
import type { MatchCandidate } from '../../application/petitions/petitions.service';
import { matterResolvedSql, petitionFiledSql } from '../resolutions/case-outcomes.store';

export interface MatchCandidatesQueryOptions {
  pool: Pool;
  schema: string;
  /**
   * Lookups made while `maxInFlight` statements of lookups are running wait and go together in one
   * statement (as the group commit of writes). Absent: one statement per lookup.
   */
  groupCommit?: { maxInFlight?: number; maxBatch?: number };
}

interface Lookup {
  petitionId: string;
  keys: string[];
}

/** At most this many earlier petitions per lookup, the most recent first. */
const CANDIDATES_PER_PETITION = 200;

/**
 * The earlier petitions that share a petitioner key (keyed hash of a name, an ID, a phone...) with a
 * new one: what duplicate and repeat detection compares it with, with each one's status.
 *
 * One statement serves many lookups: each lookup is a row of a JSON parameter, joined laterally with
 * the search rows through the GIN index on `petitioner_keys`. The statement stays unnamed so that it
 * is planned with the table's current size (a plan made while the table was small is a sequential
 * scan); under load its planning is shared by the whole batch.
 */
export class MatchCandidatesQuery {
  private readonly group: GroupCommit<Lookup, MatchCandidate[]> | undefined;

  constructor(private readonly options: MatchCandidatesQueryOptions) {
    if (options.groupCommit)
      this.group = new GroupCommit({
        run: async (lookups) => (await this.findMany(lookups)).map((value) => ({ ok: true, value })),
        maxInFlight: options.groupCommit.maxInFlight ?? 1,
        maxBatch: options.groupCommit.maxBatch ?? 64,
      });
  }

  /** The candidates of one new petition (never itself); none without keys. */
  async find(petitionId: string, keys: readonly string[]): Promise<MatchCandidate[]> {
    if (keys.length === 0) return [];
    const lookup = { petitionId, keys: [...keys] };
    return this.group ? this.group.submit(lookup) : (await this.findMany([lookup]))[0];
  }

  private async findMany(lookups: readonly Lookup[]): Promise<MatchCandidate[][]> {
    const schema = this.options.schema;
    const { rows } = await this.options.pool.query<{
      idx: number;
      petition_id: string;
      kind: string;
      petitioner_keys: string[];
      hamlet_code: string | null;
      summary: string;
      classification: string;
      received_on: string;
      status: string;
    }>({
      text: `SELECT q.idx, c.* FROM jsonb_to_recordset($1::jsonb) AS q(idx integer, petition_id uuid, keys text[])
             CROSS JOIN LATERAL (
               SELECT ps.petition_id, ps.kind, ps.petitioner_keys, ps.hamlet_code, ps.summary, ps.classification,
                 to_char(ps.received_on, 'YYYY-MM-DD') AS received_on, ps.status
               FROM "${schema}".petition_search ps
               WHERE ps.petitioner_keys && q.keys AND ps.petition_id <> q.petition_id
               ORDER BY ps.received_on DESC LIMIT ${CANDIDATES_PER_PETITION}) AS c
             ORDER BY q.idx, c.received_on DESC`,
      values: [JSON.stringify(lookups.map((l, idx) => ({ idx, petition_id: l.petitionId, keys: l.keys })))],
    });
    const found = lookups.map((): MatchCandidate[] => []);
    // Most new petitions share no key with an earlier one: the matters' outcomes are read only for those that do.
    const outcomes = rows.length > 0 ? await this.outcomes(rows.map((r) => r.petition_id)) : new Map();
    for (const r of rows) {
      const outcome = outcomes.get(r.petition_id);
      found[r.idx].push({
        petitionId: r.petition_id,
        kind: r.kind,
        petitionerKeys: r.petitioner_keys,
        ...(r.hamlet_code ? { hamletKey: r.hamlet_code } : {}),
        subjectText: r.summary,
        classification: r.classification,
        receivedOn: r.received_on,
        status:
          r.status === 'withdrawn'
            ? 'withdrawn'
            : outcome?.resolved
              ? 'resolved'
              : outcome?.filed
                ? 'filed'
                : 'open',
      });
    }
    return found;
  }

  /** Whether each petition's matter is finally resolved, or the petition filed away. */
  private async outcomes(petitionIds: string[]): Promise<Map<string, { resolved: boolean; filed: boolean }>> {
    const schema = this.options.schema;
    const { rows } = await this.options.pool.query<{
      petition_id: string;
      resolved: boolean;
      filed: boolean;
    }>({
      text: `SELECT ps.petition_id, ${matterResolvedSql(schema, 'ps')} AS resolved,
               ${petitionFiledSql(schema, 'ps')} AS filed
             FROM "${schema}".petition_search ps WHERE ps.petition_id = ANY($1::uuid[])`,
      values: [[...new Set(petitionIds)]],
    });
    return new Map(rows.map((r) => [r.petition_id, { resolved: r.resolved, filed: r.filed }]));
  }
}
