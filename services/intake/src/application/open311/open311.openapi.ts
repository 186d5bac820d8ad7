import type { SchemaObject } from '@nestjs/swagger';
import { SUBMISSION_LIMITS } from '@tiep-dan/contracts';

/** OpenAPI descriptions of the GeoReport v2 documents; zod (open311.dto.ts) does the checking. */

const nullable = (description: string): SchemaObject => ({
  type: 'string',
  nullable: true,
  description,
  example: null,
});

export const open311ErrorsOpenApi: SchemaObject = {
  type: 'array',
  items: {
    type: 'object',
    required: ['code', 'description'],
    properties: {
      code: { type: 'integer', description: 'the HTTP status', example: 400 },
      description: { type: 'string', example: 'description (nội dung phản ánh) là bắt buộc.' },
    },
  },
};

export const open311ServicesOpenApi: SchemaObject = {
  type: 'array',
  items: {
    type: 'object',
    required: ['service_code', 'service_name', 'description', 'metadata', 'type', 'keywords', 'group'],
    properties: {
      service_code: { type: 'string', example: 'land', description: 'a subject domain (lĩnh vực) code' },
      service_name: { type: 'string', example: 'Đất đai' },
      description: { type: 'string' },
      metadata: { type: 'boolean', enum: [false] },
      type: { type: 'string', enum: ['realtime'] },
      keywords: { type: 'string', example: 'đất đai', description: 'the sensitive matters, comma-separated' },
      group: { type: 'string', example: 'Đất đai', description: 'the reflection classification' },
    },
  },
};

export const open311ServiceDefinitionOpenApi: SchemaObject = {
  type: 'object',
  required: ['service_code', 'attributes'],
  properties: {
    service_code: { type: 'string', example: 'land' },
    attributes: { type: 'array', items: { type: 'object' }, maxItems: 0 },
  },
};

export const open311PostRequestOpenApi: SchemaObject = {
  type: 'object',
  required: ['api_key', 'service_code', 'description'],
  description: 'A location is required: lat and long, or address_string. Unknown fields are ignored.',
  properties: {
    api_key: { type: 'string', description: "the application's key" },
    service_code: { type: 'string', example: 'land' },
    description: { type: 'string', maxLength: SUBMISSION_LIMITS.fullText },
    lat: { type: 'number', minimum: -90, maximum: 90 },
    long: { type: 'number', minimum: -180, maximum: 180 },
    address_string: {
      type: 'string',
      maxLength: SUBMISSION_LIMITS.address,
      example: 'Thôn 3, xã Phượng Tiến',
    },
    email: { type: 'string', format: 'email' },
    first_name: { type: 'string', maxLength: 100, example: 'Văn An' },
    last_name: { type: 'string', maxLength: 100, example: 'Nguyễn' },
    phone: { type: 'string', maxLength: 30 },
    media_url: { type: 'string', format: 'uri', maxLength: 1000 },
    device_id: { type: 'string', maxLength: 200 },
    account_id: { type: 'string', maxLength: 200 },
  },
};

export const open311CreatedOpenApi: SchemaObject = {
  type: 'array',
  items: {
    type: 'object',
    required: ['service_request_id', 'service_notice', 'account_id'],
    properties: {
      service_request_id: { type: 'string', format: 'uuid' },
      service_notice: { type: 'string' },
      account_id: nullable('always null'),
    },
  },
};

export const open311RequestsOpenApi: SchemaObject = {
  type: 'array',
  items: {
    type: 'object',
    properties: {
      service_request_id: { type: 'string', format: 'uuid' },
      status: { type: 'string', enum: ['open', 'closed'] },
      status_notes: { type: 'string' },
      service_name: { type: 'string', nullable: true },
      service_code: { type: 'string', nullable: true },
      description: nullable('never published: the citizen wrote to the committee, not to the public'),
      agency_responsible: { type: 'string', nullable: true },
      service_notice: { type: 'string' },
      requested_datetime: { type: 'string', format: 'date-time' },
      updated_datetime: { type: 'string', format: 'date-time' },
      expected_datetime: nullable('no time limit is promised'),
      address: nullable('never published'),
      address_id: nullable('never published'),
      zipcode: nullable('never published'),
      lat: { type: 'number', nullable: true, description: 'never published', example: null },
      long: { type: 'number', nullable: true, description: 'never published', example: null },
      media_url: nullable('never published'),
    },
  },
};

export const open311TokensOpenApi: SchemaObject = {
  type: 'array',
  items: {
    type: 'object',
    properties: {
      service_request_id: { type: 'string', format: 'uuid' },
      token: { type: 'string', description: 'the request id itself' },
    },
  },
};
