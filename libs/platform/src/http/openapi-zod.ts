import { applyDecorators } from '@nestjs/common';
import { ApiBody, ApiQuery } from '@nestjs/swagger';
import type { z } from 'zod';
import { zodToJsonSchema } from 'zod-to-json-schema';

/** An OpenAPI 3 schema object, as @nestjs/swagger takes it. */
type OpenApiSchema = Record<string, unknown>;

/**
 * The OpenAPI 3 schema of a zod schema: the very schema the endpoint parses its input with
 * (`parseInput`), so that the document cannot drift from the validation. References are inlined.
 */
export function openApiSchemaOf(schema: z.ZodTypeAny): OpenApiSchema {
  // Called through a plain signature: its generic types are too deep for tsc on large schemas.
  const convert = zodToJsonSchema as (schema: unknown, options: object) => unknown;
  const json = convert(schema, {
    target: 'openApi3',
    $refStrategy: 'none',
    // A request is described as the client sends it, before transforms and defaults.
    pipeStrategy: 'input',
    effectStrategy: 'input',
  }) as OpenApiSchema;
  const { $schema: _schema, definitions: _definitions, ...rest } = json;
  return rest;
}

/** Documents a JSON request body with the zod schema the handler parses it with. */
export function ApiZodBody(
  schema: z.ZodTypeAny,
  options: { description?: string; example?: unknown } = {},
): MethodDecorator {
  return ApiBody({
    schema: {
      ...openApiSchemaOf(schema),
      ...(options.example !== undefined ? { example: options.example } : {}),
    },
    ...(options.description ? { description: options.description } : {}),
  });
}

/** Documents query parameters with the zod object schema the handler parses them with. */
export function ApiZodQuery(schema: z.ZodTypeAny): MethodDecorator {
  const json = openApiSchemaOf(schema) as {
    properties?: Record<string, OpenApiSchema & { description?: string }>;
    required?: string[];
  };
  const required = new Set(json.required ?? []);
  return applyDecorators(
    ...Object.entries(json.properties ?? {}).map(([name, property]) =>
      ApiQuery({
        name,
        required: required.has(name),
        schema: property,
        ...(property.description ? { description: property.description } : {}),
      }),
    ),
  );
}
