import { Inject, Injectable, type OnModuleInit } from '@nestjs/common';
import type { Pool } from 'pg';
import {
  type CompetenceFacts,
  type CompetenceMatch,
  type CoverageReport,
  JurisdictionError,
  type RuleSet,
  type RuleSetDraft,
  checkCoverage,
  matchCompetence,
  validateRuleSetDraft,
} from '../../domain/jurisdiction';
import {
  RuleSetRepository,
  type RuleSetRecord,
  type RuleSetSummary,
} from '../../infrastructure/rules/rule-set.repository';

export interface RulesModuleOptions {
  pool: Pool;
  /** The service's schema (`routing`); the table is `"<schema>".rule_sets`. */
  schema: string;
  /**
   * How long the current set is reused before the database is asked again. Another process may
   * publish a version (distributed mode); a publish in this process takes effect at once. Default 30 s.
   */
  cacheTtlMs?: number;
  /** Make RulesService injectable everywhere without importing the module again. */
  isGlobal?: boolean;
}

export const RULES_OPTIONS = Symbol('RULES_OPTIONS');

/** How many combinations an answer lists; every one is counted. */
export const COVERAGE_LIST_LIMIT = 100;

export interface PublishResult {
  record: RuleSetRecord;
  /** Published anyway: petitions that fall in a hole go to a processor with RULES.NO_RULE. */
  coverage: CoverageReport;
}

/**
 * The competence rules for the rest of routing: the current version (cached), any older version
 * (decisions reference them), matching, the coverage check, and publishing a new version.
 */
@Injectable()
export class RulesService implements OnModuleInit {
  private cached: { ruleSet: RuleSet; loadedAt: number } | undefined;

  constructor(
    @Inject(RuleSetRepository) private readonly repository: RuleSetRepository,
    @Inject(RULES_OPTIONS) private readonly options: RulesModuleOptions,
  ) {}

  async onModuleInit(): Promise<void> {
    await this.repository.migrate();
  }

  async current(): Promise<RuleSet> {
    const ttl = this.options.cacheTtlMs ?? 30_000;
    if (this.cached && Date.now() - this.cached.loadedAt < ttl) return this.cached.ruleSet;
    return (await this.currentRecord()).ruleSet;
  }

  /** From the database, with who published it: what an editor starts from. */
  async currentRecord(): Promise<RuleSetRecord> {
    const record = await this.repository.current();
    this.cached = { ruleSet: record.ruleSet, loadedAt: Date.now() };
    return record;
  }

  async version(version: number): Promise<RuleSetRecord> {
    const record = await this.repository.get(version);
    if (!record)
      throw new JurisdictionError(
        'RULES.VERSION_NOT_FOUND',
        `there is no version ${version} of the competence rules`,
        {
          version,
        },
      );
    return record;
  }

  versions(): Promise<RuleSetSummary[]> {
    return this.repository.list();
  }

  /** The current rules' answer for the facts (RULES.NO_RULE / RULES.AMBIGUOUS when they have none). */
  async match(facts: CompetenceFacts): Promise<CompetenceMatch> {
    return matchCompetence(await this.current(), facts);
  }

  /** The answer of a given version, e.g. to show why an old decision was proposed. */
  async matchWith(version: number, facts: CompetenceFacts): Promise<CompetenceMatch> {
    return matchCompetence((await this.version(version)).ruleSet, facts);
  }

  async coverage(version?: number): Promise<{ version: number; report: CoverageReport }> {
    const ruleSet = version === undefined ? await this.current() : (await this.version(version)).ruleSet;
    return { version: ruleSet.version, report: checkCoverage(ruleSet, { limit: COVERAGE_LIST_LIMIT }) };
  }

  /**
   * Checks and publishes a new version. A set in which two rules claim the same petition is refused
   * (RULES.AMBIGUOUS, 422): the matcher could not answer for those petitions and nobody would notice.
   * Holes are allowed and reported: a commune may publish a partial set while it writes the rest.
   */
  async publish(
    draft: unknown,
    request: { by: string; note?: string; expectedVersion: number },
  ): Promise<PublishResult> {
    const checked: RuleSetDraft = validateRuleSetDraft(draft);
    const coverage = checkCoverage(
      { ...checked, version: request.expectedVersion + 1 },
      { limit: COVERAGE_LIST_LIMIT },
    );
    if (coverage.ambiguousCount > 0)
      throw new JurisdictionError(
        'RULES.AMBIGUOUS',
        `${coverage.ambiguousCount} combinations of facts are claimed by two rules of equal specificity and priority: make one more specific or give it a higher priority`,
        { ambiguousCount: coverage.ambiguousCount, ambiguous: coverage.ambiguous },
        'unprocessable',
      );
    const record = await this.repository.publish(checked, request);
    this.cached = { ruleSet: record.ruleSet, loadedAt: Date.now() };
    return { record, coverage };
  }
}
