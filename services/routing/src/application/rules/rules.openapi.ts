import type { SchemaObject } from '@nestjs/swagger';
import {
  AUTHORITY_LEVELS,
  COMPLAINT_ROUNDS,
  PETITION_KINDS,
  RESPONDENT_TYPES,
  SENSITIVE_TAGS,
} from '@tiep-dan/contracts';
import { CODE_PATTERN, EXPLANATION_PLACEHOLDERS } from '../../domain/jurisdiction';

/** OpenAPI descriptions of the competence rules. The domain does the validating; these only document it. */

const code: SchemaObject = { type: 'string', pattern: CODE_PATTERN.source, maxLength: 80 };
const bilingual: SchemaObject = {
  type: 'object',
  required: ['vi', 'en'],
  additionalProperties: false,
  properties: { vi: { type: 'string' }, en: { type: 'string' } },
};
const list = (items: SchemaObject): SchemaObject => ({ type: 'array', items, minItems: 1 });
const oneOf = (values: readonly string[]): SchemaObject => ({ type: 'string', enum: [...values] });

const bodyOpenApi: SchemaObject = {
  type: 'object',
  required: ['code', 'name', 'level', 'internal'],
  additionalProperties: false,
  properties: {
    code,
    name: bilingual,
    level: oneOf(AUTHORITY_LEVELS),
    internal: { type: 'boolean', description: 'a commune unit that works its cases in this system' },
  },
};

const ruleOpenApi: SchemaObject = {
  type: 'object',
  required: ['id', 'description', 'when', 'then', 'legalBasis'],
  additionalProperties: false,
  properties: {
    id: code,
    description: bilingual,
    when: {
      type: 'object',
      additionalProperties: false,
      description:
        'Every condition is optional; the most specific matching rule wins (most conditions), then the highest priority.',
      properties: {
        kinds: list(oneOf(PETITION_KINDS)),
        classifications: list({ ...code, description: 'classification codes of the kinds' }),
        sensitiveTags: list(oneOf(SENSITIVE_TAGS)),
        respondentTypes: list(oneOf(RESPONDENT_TYPES)),
        respondentLevels: list(oneOf(AUTHORITY_LEVELS)),
        respondentIsChairman: { type: 'boolean' },
        respondentUnitCodes: list(code),
        hamletCodes: list(code),
        complaintRounds: list(oneOf(COMPLAINT_ROUNDS)),
      },
    },
    then: {
      type: 'object',
      required: ['outcome', 'body', 'explanation'],
      additionalProperties: false,
      properties: {
        outcome: oneOf(['accept', 'forward', 'guide']),
        body: { ...code, description: 'code of a body of the set; accept needs an internal body' },
        unitCode: { ...code, description: 'accepted cases: the internal body that handles it' },
        explanation: {
          ...bilingual,
          description: `placeholders: ${EXPLANATION_PLACEHOLDERS.map((p) => `{${p}}`).join(' ')}`,
        },
      },
    },
    legalBasis: {
      type: 'string',
      maxLength: 1000,
      description: 'The legal citation, in Vietnamese: every explanation of a decision ends with it.',
    },
    legalNote: {
      type: 'string',
      maxLength: 2000,
      description: 'For administrators: context of the basis and open questions (not shown in explanations).',
    },
    verify: {
      type: 'boolean',
      description:
        'The basis was not confirmed against the official texts: an administrator should check it.',
    },
    priority: { type: 'integer', minimum: -1000, maximum: 1000, default: 0 },
  },
};

export const ruleSetOpenApi: SchemaObject = {
  type: 'object',
  required: ['title', 'bodies', 'rules'],
  properties: {
    version: { type: 'integer', readOnly: true },
    title: bilingual,
    bodies: { type: 'array', items: bodyOpenApi },
    rules: { type: 'array', items: ruleOpenApi },
  },
};

export const ruleSetViewOpenApi: SchemaObject = {
  type: 'object',
  properties: {
    version: { type: 'integer' },
    createdAt: { type: 'string', format: 'date-time' },
    createdBy: { type: 'string' },
    note: { type: 'string', nullable: true },
    ruleSet: ruleSetOpenApi,
  },
};

export const putRulesBodyOpenApi: SchemaObject = {
  type: 'object',
  required: ['expectedVersion', 'ruleSet'],
  additionalProperties: false,
  properties: {
    expectedVersion: { type: 'integer', minimum: 1, description: 'the version the edit started from' },
    note: { type: 'string', maxLength: 1000, description: 'why, kept with the version' },
    ruleSet: { ...ruleSetOpenApi, description: 'the whole new set; a version inside it is ignored' },
  },
};

export const factsOpenApi: SchemaObject = {
  type: 'object',
  required: ['kind', 'classification'],
  additionalProperties: false,
  properties: {
    kind: oneOf(PETITION_KINDS),
    classification: code,
    sensitiveTags: { type: 'array', items: oneOf(SENSITIVE_TAGS), default: [] },
    respondent: {
      type: 'object',
      required: ['type', 'level'],
      additionalProperties: false,
      properties: {
        type: oneOf(RESPONDENT_TYPES),
        level: oneOf(AUTHORITY_LEVELS),
        unitCode: code,
        isChairman: { type: 'boolean', default: false },
        namesOfficial: { type: 'boolean', default: false },
      },
    },
    hamletCode: code,
    complaintRound: { ...oneOf(COMPLAINT_ROUNDS), description: 'complaints only; absent = first' },
  },
  example: {
    kind: 'denunciation',
    classification: 'corruption',
    respondent: { type: 'official', level: 'commune', isChairman: true },
  },
};

export const matchOpenApi: SchemaObject = {
  type: 'object',
  properties: {
    ruleId: { type: 'string' },
    ruleSetVersion: { type: 'integer' },
    outcome: oneOf(['accept', 'forward', 'guide']),
    body: bodyOpenApi,
    unitCode: { type: 'string' },
    explanation: bilingual,
    legalBasis: { type: 'string' },
  },
};

export const coverageOpenApi: SchemaObject = {
  type: 'object',
  properties: {
    version: { type: 'integer' },
    combinations: { type: 'integer' },
    uncoveredCount: { type: 'integer' },
    ambiguousCount: { type: 'integer' },
    uncovered: { type: 'array', items: factsOpenApi, description: 'the first 100' },
    ambiguous: {
      type: 'array',
      description: 'the first 100',
      items: {
        type: 'object',
        properties: { facts: factsOpenApi, ruleIds: { type: 'array', items: { type: 'string' } } },
      },
    },
    unusedRuleIds: { type: 'array', items: { type: 'string' }, description: 'rules that decide nothing' },
  },
};

export const errorOpenApi: SchemaObject = {
  type: 'object',
  required: ['statusCode', 'code', 'message'],
  properties: {
    statusCode: { type: 'integer' },
    code: { type: 'string', example: 'RULES.UNKNOWN_BODY' },
    message: { type: 'string' },
    details: {
      type: 'object',
      properties: {
        path: { type: 'string', example: 'rules[3].then.body' },
        ruleId: { type: 'string' },
        issues: { type: 'array', items: { type: 'object' } },
      },
      additionalProperties: true,
    },
  },
};
