import { Body, Controller, Get, Module, Post, Query } from '@nestjs/common';
import { NestFactory } from '@nestjs/core';
import { DocumentBuilder, SwaggerModule, type OpenAPIObject } from '@nestjs/swagger';
import { z } from 'zod';
import { ApiZodBody, ApiZodQuery, openApiSchemaOf } from './openapi-zod';

const decision = z
  .object({
    outcome: z.enum(['accept', 'forward']).optional(),
    complexity: z.enum(['normal', 'complex']).default('normal'),
    reason: z.string().trim().min(5).max(2_000).describe('Required when overriding the proposal.'),
  })
  .strict();
const listing = z.object({
  status: z.enum(['pending', 'decided']).optional(),
  page: z.coerce.number().int().min(1).default(1),
  q: z.string().max(200),
});

@Controller('things')
class ThingsController {
  @Post()
  @ApiZodBody(decision, {
    description: 'The processor’s decision.',
    example: { reason: 'Thuộc thẩm quyền của tỉnh' },
  })
  create(@Body() body: unknown) {
    return body;
  }

  @Get()
  @ApiZodQuery(listing)
  list(@Query() query: unknown) {
    return query;
  }
}

@Module({ controllers: [ThingsController] })
class ThingsModule {}

describe('OpenAPI from the zod schemas the handlers parse with', () => {
  it('describes an object with its required fields, limits, enums, defaults and no other fields', () => {
    expect(openApiSchemaOf(decision)).toEqual({
      type: 'object',
      properties: {
        outcome: { type: 'string', enum: ['accept', 'forward'] },
        complexity: { type: 'string', enum: ['normal', 'complex'], default: 'normal' },
        reason: {
          type: 'string',
          minLength: 5,
          maxLength: 2000,
          description: 'Required when overriding the proposal.',
        },
      },
      required: ['reason'],
      additionalProperties: false,
    });
  });

  describe('in the document Nest generates', () => {
    let document: OpenAPIObject;
    beforeAll(async () => {
      const app = await NestFactory.create(ThingsModule, { logger: false });
      document = SwaggerModule.createDocument(app, new DocumentBuilder().build());
      await app.close();
    });

    it('gives a request body the schema and the description', () => {
      const body = document.paths['/things']?.post?.requestBody as {
        description: string;
        content: Record<string, { schema: unknown }>;
      };
      expect(body.description).toBe('The processor’s decision.');
      expect(body.content['application/json']?.schema).toEqual({
        ...openApiSchemaOf(decision),
        example: { reason: 'Thuộc thẩm quyền của tỉnh' },
      });
    });

    it('gives each query parameter its schema and whether it is required', () => {
      const parameters = document.paths['/things']?.get?.parameters as Array<{
        name: string;
        in: string;
        required: boolean;
        schema: { type?: string; enum?: string[]; default?: unknown };
      }>;
      const byName = Object.fromEntries(parameters.map((p) => [p.name, p]));
      expect(Object.keys(byName).sort()).toEqual(['page', 'q', 'status']);
      expect(byName.status).toMatchObject({
        in: 'query',
        required: false,
        schema: { enum: ['pending', 'decided'] },
      });
      expect(byName.page).toMatchObject({ required: false, schema: { type: 'integer', default: 1 } });
      expect(byName.q).toMatchObject({ required: true, schema: { type: 'string', maxLength: 200 } });
    });
  });
});
