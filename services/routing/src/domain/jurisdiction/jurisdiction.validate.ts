import {
  AUTHORITY_LEVELS,
  CLASSIFICATION_CODES,
  COMPLAINT_ROUNDS,
  PETITION_KINDS,
  RESPONDENT_TYPES,
  SENSITIVE_TAGS,
  isClassificationOf,
  type PetitionKind,
} from '@tiep-dan/contracts';
import { z } from 'zod';
import { JurisdictionError, type JurisdictionErrorCode } from './jurisdiction.errors';
import type { CompetenceFacts, RuleSet, RuleSetDraft } from './jurisdiction.types';

/** Placeholders an explanation may use (filled in by matchCompetence). */
export const EXPLANATION_PLACEHOLDERS = [
  'kind',
  'classification',
  'respondent',
  'round',
  'tags',
  'hamlet',
  'body',
  'unit',
] as const;

export const CODE_PATTERN = /^[a-z0-9][a-z0-9._-]*$/;
const CODE_MAX_LENGTH = 80;
const MAX_RULES = 1000;
const MAX_BODIES = 200;
const MAX_LIST = 200;

const code = z.string().max(CODE_MAX_LENGTH).regex(CODE_PATTERN, 'lower-case letters, digits, . _ -');
const text = (max: number) => z.string().trim().min(1).max(max);
const bilingual = z.object({ vi: text(2000), en: text(2000) }).strict();
const list = <T extends z.ZodTypeAny>(item: T) => z.array(item).min(1).max(MAX_LIST);

const bodySchema = z
  .object({ code, name: bilingual, level: z.enum(AUTHORITY_LEVELS), internal: z.boolean() })
  .strict();

// Strict objects throughout: a misspelt condition ("kind" for "kinds") would otherwise be dropped and
// silently widen the rule to every petition.
const conditionsSchema = z
  .object({
    kinds: list(z.enum(PETITION_KINDS)).optional(),
    classifications: list(code).optional(),
    sensitiveTags: list(z.enum(SENSITIVE_TAGS)).optional(),
    respondentTypes: list(z.enum(RESPONDENT_TYPES)).optional(),
    respondentLevels: list(z.enum(AUTHORITY_LEVELS)).optional(),
    respondentIsChairman: z.boolean().optional(),
    respondentUnitCodes: list(code).optional(),
    hamletCodes: list(code).optional(),
    complaintRounds: list(z.enum(COMPLAINT_ROUNDS)).optional(),
  })
  .strict();

const ruleSchema = z
  .object({
    id: code,
    description: bilingual,
    when: conditionsSchema,
    then: z
      .object({
        outcome: z.enum(['accept', 'forward', 'guide']),
        body: code,
        unitCode: code.optional(),
        explanation: bilingual,
      })
      .strict(),
    legalBasis: text(1000),
    legalNote: text(2000).optional(),
    verify: z.boolean().optional(),
    priority: z.number().int().min(-1000).max(1000).optional(),
  })
  .strict();

const draftSchema = z
  .object({
    title: bilingual,
    bodies: z.array(bodySchema).min(1).max(MAX_BODIES),
    rules: z.array(ruleSchema).min(1).max(MAX_RULES),
  })
  .strict();

const ruleSetSchema = draftSchema.extend({ version: z.number().int().positive() }).strict();

interface Issue {
  code: JurisdictionErrorCode;
  path: string;
  message: string;
  ruleId?: string;
}

/**
 * Checks a rule set and returns it typed. Throws a JurisdictionError whose code is the first problem's
 * (RULES.INVALID for the shape, RULES.UNKNOWN_BODY, RULES.DUPLICATE_ID...) and whose details list
 * every problem with its path (`rules[3].then.body`) and rule id, so an editor can mark them all.
 */
export function validateRuleSet(ruleSet: unknown): RuleSet {
  const parsed = parseShape(ruleSetSchema, ruleSet);
  checkSemantics(parsed);
  return parsed;
}

/** The same checks for a set without its version (what an administrator submits). */
export function validateRuleSetDraft(draft: unknown): RuleSetDraft {
  const parsed = parseShape(draftSchema, draft);
  checkSemantics(parsed);
  return parsed;
}

const factsSchema = z
  .object({
    kind: z.enum(PETITION_KINDS),
    classification: code,
    sensitiveTags: z.array(z.enum(SENSITIVE_TAGS)).max(SENSITIVE_TAGS.length).default([]),
    respondent: z
      .object({
        type: z.enum(RESPONDENT_TYPES),
        level: z.enum(AUTHORITY_LEVELS),
        unitCode: code.optional(),
        isChairman: z.boolean().default(false),
        namesOfficial: z.boolean().default(false),
      })
      .strict()
      .optional(),
    hamletCode: code.optional(),
    complaintRound: z.enum(COMPLAINT_ROUNDS).optional(),
  })
  .strict();

/** Facts from outside (the explain endpoint): the shape, and a classification of the kind. */
export function parseCompetenceFacts(input: unknown): CompetenceFacts {
  const result = factsSchema.safeParse(input);
  if (!result.success) {
    const issue = result.error.issues[0];
    const path = formatPath(issue.path);
    throw new JurisdictionError('RULES.INVALID_FACTS', `invalid facts at ${path}: ${issue.message}`, {
      path,
    });
  }
  const facts = result.data;
  if (!isClassificationOf(facts.kind, facts.classification))
    throw new JurisdictionError(
      'RULES.INVALID_FACTS',
      `"${facts.classification}" is not a classification of a ${facts.kind} (${CLASSIFICATION_CODES[facts.kind].join(', ')})`,
      { path: 'classification' },
    );
  if (facts.complaintRound && facts.kind !== 'complaint')
    throw new JurisdictionError('RULES.INVALID_FACTS', 'only a complaint has a first or second round', {
      path: 'complaintRound',
    });
  return facts;
}

function parseShape<T>(schema: z.ZodType<T>, input: unknown): T {
  const result = schema.safeParse(input);
  if (result.success) return result.data;
  const issues: Issue[] = result.error.issues.map((issue) => ({
    code: 'RULES.INVALID',
    path: formatPath(issue.path),
    message: issue.message,
    ...ruleIdAt(input, issue.path),
  }));
  throw toError(issues);
}

function checkSemantics(set: RuleSetDraft): void {
  const issues: Issue[] = [];
  const bodies = new Map<string, RuleSetDraft['bodies'][number]>();
  set.bodies.forEach((body, i) => {
    if (bodies.has(body.code))
      issues.push({
        code: 'RULES.DUPLICATE_BODY',
        path: `bodies[${i}].code`,
        message: `body "${body.code}" is listed twice`,
      });
    bodies.set(body.code, body);
  });
  const ids = new Set<string>();
  set.rules.forEach((rule, i) => {
    const at = (field: string, code: JurisdictionErrorCode, message: string) =>
      issues.push({
        code,
        path: `rules[${i}].${field}`,
        message: `rule ${rule.id}: ${message}`,
        ruleId: rule.id,
      });
    if (ids.has(rule.id)) at('id', 'RULES.DUPLICATE_ID', 'another rule has the same id');
    ids.add(rule.id);

    const body = bodies.get(rule.then.body);
    if (!body) at('then.body', 'RULES.UNKNOWN_BODY', `no body "${rule.then.body}" in the rule set`);
    else if (rule.then.outcome === 'accept' && !body.internal)
      at(
        'then.body',
        'RULES.ACCEPT_BY_EXTERNAL_BODY',
        `"${body.code}" is not a commune body: the commune accepts only what it resolves itself`,
      );
    if (rule.then.unitCode !== undefined) {
      if (rule.then.outcome !== 'accept')
        at('then.unitCode', 'RULES.INVALID', 'a handling unit belongs to an accepted case only');
      else if (!bodies.get(rule.then.unitCode)?.internal)
        at(
          'then.unitCode',
          'RULES.UNKNOWN_UNIT',
          `"${rule.then.unitCode}" is not an internal body of the set`,
        );
    }

    const kinds: readonly PetitionKind[] = rule.when.kinds ?? PETITION_KINDS;
    rule.when.classifications?.forEach((classification, j) => {
      if (!kinds.some((kind) => isClassificationOf(kind, classification)))
        at(
          `when.classifications[${j}]`,
          'RULES.CLASSIFICATION_NOT_OF_KIND',
          `"${classification}" is not a classification of ${kinds.join(' or ')}`,
        );
    });
    if (rule.when.complaintRounds && !(kinds.length === 1 && kinds[0] === 'complaint'))
      at('when.complaintRounds', 'RULES.INVALID', 'complaint rounds need kinds: ["complaint"]');

    for (const language of ['vi', 'en'] as const) {
      for (const placeholder of placeholdersIn(rule.then.explanation[language]))
        if (!(EXPLANATION_PLACEHOLDERS as readonly string[]).includes(placeholder))
          at(
            `then.explanation.${language}`,
            'RULES.UNKNOWN_PLACEHOLDER',
            `unknown placeholder {${placeholder}} (known: ${EXPLANATION_PLACEHOLDERS.join(', ')})`,
          );
    }
  });
  if (issues.length > 0) throw toError(issues);
}

export function placeholdersIn(template: string): string[] {
  return [...template.matchAll(/\{([^{}]*)\}/g)].map((m) => m[1]);
}

function toError(issues: Issue[]): JurisdictionError {
  const first = issues[0];
  return new JurisdictionError(first.code, `invalid rule set at ${first.path}: ${first.message}`, {
    path: first.path,
    ...(first.ruleId ? { ruleId: first.ruleId } : {}),
    issues,
  });
}

function formatPath(path: readonly (string | number)[]): string {
  return (
    path.reduce<string>(
      (out, part) => (typeof part === 'number' ? `${out}[${part}]` : out ? `${out}.${part}` : part),
      '',
    ) || '(root)'
  );
}

/** The id of the rule an issue is in, when the input got that far. */
function ruleIdAt(input: unknown, path: readonly (string | number)[]): { ruleId?: string } {
  if (path[0] !== 'rules' || typeof path[1] !== 'number') return {};
  const rules = (input as { rules?: unknown }).rules;
  const id = Array.isArray(rules) ? (rules[path[1]] as { id?: unknown } | undefined)?.id : undefined;
  return typeof id === 'string' ? { ruleId: id } : {};
}
