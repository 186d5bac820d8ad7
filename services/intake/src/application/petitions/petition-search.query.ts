import type { Pool } from 'pg';
import { matterResolvedSql } from '../../infrastructure/resolutions/case-outcomes.store';
import type { PersonalDataPort } from './personal-data.port';

export interface SearchFilters {
  kind?: string;
  channel?: string;
  status?: string;
  from?: string;
  to?: string;
  hamlet?: string;
  tag?: string;
  q?: string;
  /** A citizen ID or phone number: matched through keyed hashes, never stored in clear. */
  petitioner?: string;
  duplicates?: 'true' | 'false';
  /** The matter finally resolved (a case of it closed at routing), or not. */
  resolved?: 'true' | 'false';
  page: number;
  pageSize: number;
}

/**
 * Search over the petition list projection. Free text is matched without diacritics (the projection
 * keeps the folded summary), so "dat dai" finds "đất đai".
 */
export class PetitionSearch {
  constructor(
    private readonly pool: Pool,
    private readonly schema: string,
    private readonly personalData: PersonalDataPort,
    private readonly foldText: (text: string) => string,
    private readonly identifierMaterial: (value: string) => string[],
  ) {}

  async run(filters: SearchFilters) {
    const where: string[] = [];
    const values: unknown[] = [];
    const add = (sql: string, value: unknown) => {
      values.push(value);
      where.push(sql.replace('?', `$${values.length}`));
    };
    if (filters.kind) add('kind = ?', filters.kind);
    if (filters.channel) add('channel = ?', filters.channel);
    if (filters.status) add('status = ?', filters.status);
    if (filters.from) add('received_on >= ?::date', filters.from);
    if (filters.to) add('received_on <= ?::date', filters.to);
    if (filters.hamlet) add('hamlet_code = ?', filters.hamlet);
    if (filters.tag) add('? = ANY(sensitive_tags)', filters.tag);
    if (filters.duplicates === 'true') where.push('(duplicate_of IS NOT NULL OR repeat_of IS NOT NULL)');
    if (filters.duplicates === 'false') where.push('(duplicate_of IS NULL AND repeat_of IS NULL)');
    const resolved = matterResolvedSql(this.schema, 'petition_search');
    if (filters.resolved === 'true') where.push(resolved);
    if (filters.resolved === 'false') where.push(`NOT ${resolved}`);
    if (filters.q) {
      for (const word of this.foldText(filters.q).split(/\s+/).filter(Boolean).slice(0, 8)) {
        add(`search_text LIKE ?`, `%${word.replace(/[\\%_]/g, '\\$&')}%`);
      }
    }
    if (filters.petitioner) {
      const keys = this.identifierMaterial(filters.petitioner).map((m) => this.personalData.matchKey(m));
      add('petitioner_keys && ?::text[]', keys);
    }
    const clause = where.length > 0 ? `WHERE ${where.join(' AND ')}` : '';
    const table = `"${this.schema}".petition_search`;
    const total = await this.pool.query<{ count: string }>(`SELECT count(*) FROM ${table} ${clause}`, values);
    const offset = (filters.page - 1) * filters.pageSize;
    const rows = await this.pool.query(
      `SELECT petition_id AS "petitionId", version, kind, channel, status,
              to_char(received_on, 'YYYY-MM-DD') AS "receivedOn", recorded_at AS "recordedAt",
              classification, sensitive_tags AS "sensitiveTags", hamlet_code AS "hamletCode",
              petitioner_type AS "petitionerType", headcount, anonymous, petitioner_refs AS "petitionerRefs",
              summary, missing_elements AS "missingElements", duplicate_of AS "duplicateOf", repeat_of AS "repeatOf",
              reception_session_id AS "receptionSessionId", source_system AS "sourceSystem",
              ${resolved} AS resolved
       FROM ${table} ${clause}
       ORDER BY received_on DESC, recorded_at DESC, petition_id
       LIMIT ${filters.pageSize} OFFSET ${offset}`,
      values,
    );
    return {
      total: Number(total.rows[0].count),
      page: filters.page,
      pageSize: filters.pageSize,
      items: rows.rows,
    };
  }
}
