import type { SchemaObject } from '@nestjs/swagger';
import { SENSITIVE_TAGS } from '@tiep-dan/contracts';
import {
  CODE_MAX_LENGTH,
  CODE_PATTERN,
  COMMUNE_SECTIONS,
  HAMLET_KINDS,
  SECTION_MAX_ITEMS,
  UNIT_KINDS,
  UNIT_LEVELS,
} from './commune-config.schema';

/**
 * OpenAPI descriptions of the commune configuration. zod does the validating; these only document it,
 * and commune.openapi.spec.ts keeps their fields in step with the zod schemas.
 */

const code: SchemaObject = { type: 'string', pattern: CODE_PATTERN.source, maxLength: CODE_MAX_LENGTH };
const text: SchemaObject = { type: 'string', minLength: 1, maxLength: 200 };

export const unitOpenApi: SchemaObject = {
  type: 'object',
  additionalProperties: false,
  required: ['code', 'name', 'kind', 'level'],
  properties: {
    code,
    name: { ...text, example: 'Văn phòng HĐND và UBND xã' },
    shortName: { ...text, maxLength: 100 },
    kind: { type: 'string', enum: [...UNIT_KINDS] },
    level: {
      type: 'string',
      enum: [...UNIT_LEVELS],
      description: 'only an external body is above commune level',
    },
    active: { type: 'boolean', default: true },
  },
};

export const hamletOpenApi: SchemaObject = {
  type: 'object',
  additionalProperties: false,
  required: ['code', 'name', 'kind'],
  properties: {
    code,
    name: { ...text, example: 'Thôn 3' },
    kind: { type: 'string', enum: [...HAMLET_KINDS] },
    aliases: {
      type: 'array',
      items: text,
      maxItems: 20,
      default: [],
      example: ['Thôn Ba'],
      description: 'other names in use; no two hamlets share a code, name or alias',
    },
    remote: { type: 'boolean', description: 'vùng sâu, vùng xa: longer complaint time limits' },
  },
};

export const officialOpenApi: SchemaObject = {
  type: 'object',
  additionalProperties: false,
  required: ['id', 'fullName', 'position', 'unitCode'],
  properties: {
    id: code,
    fullName: text,
    position: { ...text, example: 'Chủ tịch UBND xã' },
    unitCode: { ...code, description: 'code of an existing unit' },
    roles: { type: 'array', items: { type: 'string' }, maxItems: 20, example: ['chairman'] },
    active: { type: 'boolean', default: true },
  },
};

export const subjectDomainOpenApi: SchemaObject = {
  type: 'object',
  additionalProperties: false,
  required: ['code', 'name', 'sensitiveTags'],
  properties: {
    code,
    name: { ...text, example: 'Đất đai' },
    sensitiveTags: { type: 'array', items: { type: 'string', enum: [...SENSITIVE_TAGS] }, uniqueItems: true },
    defaultUnitCode: { ...code, description: 'code of an existing, active unit' },
  },
};

export const communeOpenApi: SchemaObject = {
  type: 'object',
  additionalProperties: false,
  required: ['code', 'name', 'province'],
  properties: {
    code,
    name: { ...text, example: 'Xã Phượng Tiến' },
    province: { ...text, example: 'Tỉnh Thái Nguyên' },
  },
};

const list = (items: SchemaObject): SchemaObject => ({ type: 'array', items, maxItems: SECTION_MAX_ITEMS });

export const communeConfigOpenApi: SchemaObject = {
  type: 'object',
  additionalProperties: false,
  required: ['commune', 'units', 'hamlets', 'officials', 'subjectDomains'],
  properties: {
    commune: communeOpenApi,
    units: list(unitOpenApi),
    hamlets: list(hamletOpenApi),
    officials: list(officialOpenApi),
    subjectDomains: list(subjectDomainOpenApi),
  },
};

export const communeConfigViewOpenApi: SchemaObject = {
  type: 'object',
  required: ['version', 'updatedAt', 'updatedBy', 'reason', 'config'],
  properties: {
    version: { type: 'integer', minimum: 1 },
    updatedAt: { type: 'string', format: 'date-time' },
    updatedBy: { type: 'string', description: '"seed" for the sample commune nobody has edited yet' },
    reason: { type: 'string' },
    config: communeConfigOpenApi,
  },
};

export const communeHistoryOpenApi: SchemaObject = {
  type: 'array',
  items: {
    type: 'object',
    required: ['version', 'updatedAt', 'updatedBy', 'reason', 'changed'],
    properties: {
      version: { type: 'integer', minimum: 1 },
      updatedAt: { type: 'string', format: 'date-time' },
      updatedBy: { type: 'string' },
      reason: { type: 'string' },
      changed: {
        type: 'array',
        items: { type: 'string', enum: ['commune', 'units', 'hamlets', 'officials', 'subjectDomains'] },
      },
    },
  },
};

export const putSectionBodyOpenApi: SchemaObject = {
  type: 'object',
  additionalProperties: false,
  required: ['items', 'reason', 'expectedVersion'],
  properties: {
    items: {
      type: 'array',
      maxItems: SECTION_MAX_ITEMS,
      description: 'the whole new section, replacing the old one',
      items: { oneOf: [unitOpenApi, hamletOpenApi, officialOpenApi, subjectDomainOpenApi] },
    },
    reason: { type: 'string', minLength: 1, maxLength: 1000, description: 'kept in the history' },
    expectedVersion: { type: 'integer', minimum: 1, description: 'the version the edit started from' },
  },
};

export const sectionParamOpenApi = { name: 'section', enum: [...COMMUNE_SECTIONS] };

export const errorOpenApi: SchemaObject = {
  type: 'object',
  required: ['statusCode', 'code', 'message'],
  properties: {
    statusCode: { type: 'integer' },
    code: { type: 'string', example: 'COMMUNE.UNKNOWN_UNIT' },
    message: { type: 'string' },
    details: {
      type: 'object',
      properties: { path: { type: 'string', example: 'officials.3.unitCode' } },
      additionalProperties: true,
    },
  },
};
