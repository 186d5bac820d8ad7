import { DomainError } from '@tiep-dan/contracts';
import { z } from 'zod';
import type { CoverageReport, RuleSet } from '../../domain/jurisdiction';
import type { RuleSetRecord, RuleSetSummary } from '../../infrastructure/rules/rule-set.repository';

/**
 * The rule set itself is checked by the domain (validateRuleSetDraft), so its errors name rule
 * fields. A `version` inside it is ignored: an editor sends back what it read, and the store numbers
 * versions.
 */
const putRulesBodySchema = z
  .object({
    expectedVersion: z.number().int().positive(),
    note: z.string().trim().min(1).max(1000).optional(),
    ruleSet: z.record(z.unknown()).transform(({ version: _ignored, ...draft }) => draft),
  })
  .strict();
export type PutRulesBody = z.infer<typeof putRulesBodySchema>;

export function parsePutRulesBody(body: unknown): PutRulesBody {
  return parse(putRulesBodySchema, body);
}

const versionSchema = z.coerce.number().int().positive().max(2_147_483_647);

/** A version from the path or the query string. */
export function parseVersion(value: string, path = 'version'): number {
  return parse(versionSchema, value, path);
}

export function parseOptionalVersion(value: string | undefined): number | undefined {
  return value === undefined ? undefined : parseVersion(value);
}

function parse<T>(schema: z.ZodType<T, z.ZodTypeDef, unknown>, value: unknown, root?: string): T {
  const result = schema.safeParse(value);
  if (result.success) return result.data;
  const issue = result.error.issues[0];
  const path = [root, ...issue.path].filter((p) => p !== undefined).join('.') || '(root)';
  throw new DomainError(
    'RULES.INVALID_REQUEST',
    `invalid request at ${path}: ${issue.message}`,
    'validation',
    {
      path,
    },
  );
}

export interface RuleSetView {
  version: number;
  createdAt: string;
  createdBy: string;
  note: string | null;
  ruleSet: RuleSet;
}

export function toRuleSetView(record: RuleSetRecord): RuleSetView {
  return {
    version: record.ruleSet.version,
    createdAt: record.createdAt.toISOString(),
    createdBy: record.createdBy,
    note: record.note,
    ruleSet: record.ruleSet,
  };
}

export type RuleSetVersionsView = (Omit<RuleSetSummary, 'createdAt'> & { createdAt: string })[];

export function toVersionsView(summaries: RuleSetSummary[]): RuleSetVersionsView {
  return summaries.map((s) => ({ ...s, createdAt: s.createdAt.toISOString() }));
}

export type CoverageView = { version: number } & CoverageReport;

export interface PublishedView extends RuleSetView {
  /** What the new version leaves uncovered (allowed, but petitions there need a processor). */
  warnings: Pick<CoverageReport, 'combinations' | 'uncoveredCount' | 'uncovered' | 'unusedRuleIds'>;
}
