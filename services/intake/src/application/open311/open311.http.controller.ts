import { Body, Controller, Get, Headers, Inject, Param, Post, Query, Res, UseFilters } from '@nestjs/common';
import {
  ApiBadRequestResponse,
  ApiBody,
  ApiConsumes,
  ApiCreatedResponse,
  ApiForbiddenResponse,
  ApiHeader,
  ApiNotFoundResponse,
  ApiOkResponse,
  ApiOperation,
  ApiParam,
  ApiQuery,
  ApiTags,
} from '@nestjs/swagger';
import { Public } from '@tiep-dan/platform';
import type { Response } from 'express';
import { Open311Catalogue, type Open311Service } from './open311.catalogue';
import { parseListQuery } from './open311.dto';
import { Open311ErrorFilter } from './open311.error-filter';
import { open311Error } from './open311.errors';
import {
  open311CreatedOpenApi,
  open311ErrorsOpenApi,
  open311PostRequestOpenApi,
  open311RequestsOpenApi,
  open311ServiceDefinitionOpenApi,
  open311ServicesOpenApi,
  open311TokensOpenApi,
} from './open311.openapi';
import { Open311Requests, type Open311Created, type Open311RequestView } from './open311.requests';

/**
 * Open311 GeoReport v2 (JSON) for the online reflection channel, so that existing Open311 apps can
 * send phản ánh to the commune. Open to callers without a staff token: reading shows no personal data,
 * and submitting needs an application's `api_key`, checked here rather than by the staff guard.
 */
@ApiTags('open311')
@Public()
@UseFilters(Open311ErrorFilter)
@Controller('open311/v2')
export class Open311Controller {
  constructor(
    @Inject(Open311Catalogue) private readonly catalogue: Open311Catalogue,
    @Inject(Open311Requests) private readonly requests: Open311Requests,
  ) {}

  @Get('services.json')
  @ApiOperation({ summary: 'Services: one per subject domain (lĩnh vực) of the commune, for reflections' })
  @ApiOkResponse({ schema: open311ServicesOpenApi })
  services(): Open311Service[] {
    return this.catalogue.services();
  }

  @Get('services/:serviceCode.json')
  @ApiOperation({ summary: 'Service definition: no extra attributes are asked for' })
  @ApiParam({ name: 'serviceCode', example: 'land' })
  @ApiOkResponse({ schema: open311ServiceDefinitionOpenApi })
  @ApiNotFoundResponse({ description: 'no such service', schema: open311ErrorsOpenApi })
  definition(@Param('serviceCode') serviceCode: string): { service_code: string; attributes: [] } {
    const entry = this.catalogue.find(serviceCode);
    if (!entry) {
      throw open311Error('OPEN311.UNKNOWN_SERVICE', `Không có dịch vụ "${serviceCode}".`, 'not_found');
    }
    return { service_code: entry.service.service_code, attributes: [] };
  }

  @Post('requests.json')
  @ApiOperation({
    summary:
      'Submit a service request: recorded at once as a reflection (phản ánh) on the online channel. A retry with the same Idempotency-Key returns the same id (200).',
  })
  @ApiConsumes('application/x-www-form-urlencoded', 'application/json')
  @ApiBody({ schema: open311PostRequestOpenApi })
  @ApiHeader({
    name: 'Idempotency-Key',
    required: false,
    description: 'Makes retries safe (1–200 characters); without it every POST is a new request.',
  })
  @ApiCreatedResponse({ schema: open311CreatedOpenApi })
  @ApiBadRequestResponse({
    description:
      'a field is missing or invalid, no location, or an Idempotency-Key reused for another request',
    schema: open311ErrorsOpenApi,
  })
  @ApiForbiddenResponse({ description: 'api_key missing or not valid', schema: open311ErrorsOpenApi })
  @ApiNotFoundResponse({ description: 'service_code not found', schema: open311ErrorsOpenApi })
  async create(
    @Body() body: unknown,
    @Headers('idempotency-key') idempotencyKey: string | undefined,
    @Res({ passthrough: true }) response: Response,
  ): Promise<Open311Created[]> {
    const { created, answer } = await this.requests.submit(body, idempotencyKey);
    response.status(created ? 201 : 200);
    return answer;
  }

  @Get('requests.json')
  @ApiOperation({
    summary:
      'Requests sent through Open311: by ids, or received in a window of at most 90 days (default the last 90), newest first; no citizen text, place or identity',
  })
  @ApiQuery({
    name: 'service_request_id',
    required: false,
    description: 'comma-separated ids; overrides the rest',
  })
  @ApiQuery({ name: 'service_code', required: false })
  @ApiQuery({
    name: 'start_date',
    required: false,
    description: 'W3C date-time, e.g. 2025-07-01T00:00:00+07:00',
  })
  @ApiQuery({ name: 'end_date', required: false, description: 'W3C date-time' })
  @ApiQuery({ name: 'status', required: false, description: 'open, closed, or both comma-separated' })
  @ApiOkResponse({ schema: open311RequestsOpenApi })
  @ApiBadRequestResponse({
    description: 'a malformed parameter or a window over 90 days',
    schema: open311ErrorsOpenApi,
  })
  list(@Query() query: Record<string, unknown>): Promise<Open311RequestView[]> {
    return this.requests.list(parseListQuery(query, new Date()));
  }

  @Get('requests/:id.json')
  @ApiOperation({ summary: 'One request sent through Open311 (a one-element list, as GeoReport v2 answers)' })
  @ApiParam({ name: 'id', description: 'service_request_id' })
  @ApiOkResponse({ schema: open311RequestsOpenApi })
  @ApiNotFoundResponse({
    description: 'no request with this id was sent through Open311',
    schema: open311ErrorsOpenApi,
  })
  async one(@Param('id') id: string): Promise<Open311RequestView[]> {
    return [await this.requests.find(id)];
  }

  @Get('tokens/:token.json')
  @ApiOperation({
    summary: 'Compatibility: requests get their id at once, so a token is the id itself',
  })
  @ApiParam({ name: 'token' })
  @ApiOkResponse({ schema: open311TokensOpenApi })
  @ApiNotFoundResponse({ description: 'no such token', schema: open311ErrorsOpenApi })
  async token(@Param('token') token: string): Promise<{ service_request_id: string; token: string }[]> {
    const request = await this.requests.find(token);
    return [{ service_request_id: request.service_request_id, token }];
  }
}
