import type { SchemaObject } from '@nestjs/swagger';
import type { z } from 'zod';
import {
  communeConfigSchema,
  communeSchema,
  hamletSchema,
  officialSchema,
  subjectDomainSchema,
  unitSchema,
} from './commune-config.schema';
import { putSectionBodySchema } from './commune.dto';
import {
  communeConfigOpenApi,
  communeOpenApi,
  hamletOpenApi,
  officialOpenApi,
  putSectionBodyOpenApi,
  subjectDomainOpenApi,
  unitOpenApi,
} from './commune.openapi';

function fieldsOf(schema: z.AnyZodObject): { properties: string[]; required: string[] } {
  const shape = schema.shape as Record<string, z.ZodTypeAny>;
  return {
    properties: Object.keys(shape).sort(),
    required: Object.keys(shape)
      .filter((key) => !shape[key].isOptional())
      .sort(),
  };
}

function documented(schema: SchemaObject): { properties: string[]; required: string[] } {
  return {
    properties: Object.keys(schema.properties ?? {}).sort(),
    required: [...(schema.required ?? [])].sort(),
  };
}

describe('OpenAPI description of the commune configuration', () => {
  it.each([
    ['commune', communeOpenApi, communeSchema],
    ['unit', unitOpenApi, unitSchema],
    ['hamlet', hamletOpenApi, hamletSchema],
    ['official', officialOpenApi, officialSchema],
    ['subject domain', subjectDomainOpenApi, subjectDomainSchema],
    ['configuration', communeConfigOpenApi, communeConfigSchema],
    ['PUT body', putSectionBodyOpenApi, putSectionBodySchema],
  ])('documents exactly the fields the %s schema accepts, and which are required', (_name, openApi, zod) => {
    expect(documented(openApi)).toEqual(fieldsOf(zod));
  });
});
