import {
  Body,
  Controller,
  Get,
  Headers,
  HttpCode,
  Inject,
  Param,
  Patch,
  Post,
  Query,
  Res,
} from '@nestjs/common';
import { ApiBearerAuth, ApiHeader, ApiOperation, ApiTags } from '@nestjs/swagger';
import { DomainError, petitionSubmissionSchema } from '@tiep-dan/contracts';
import {
  ApiZodBody,
  ApiZodQuery,
  checkUuid,
  CurrentUser,
  parseInput as parse,
  Roles,
  type AuthPrincipal,
  type Role,
} from '@tiep-dan/platform';
import type { Response } from 'express';
import { z } from 'zod';
import { localDateIn as localDate } from '@tiep-dan/platform/calendar';
import { PetitionSearch, type SearchFilters } from './petition-search.query';
import { PetitionView } from './petition.view';
import { PetitionsService, type SubmitContext } from './petitions.service';

export const PETITIONS_SERVICE = Symbol('PETITIONS_SERVICE');
export const INTAKE_TIME_ZONE = Symbol('INTAKE_TIME_ZONE');

const WRITERS: Role[] = ['reception_officer', 'petition_processor', 'chairman'];
const READERS: Role[] = [
  'reception_officer',
  'petition_processor',
  'chairman',
  'unit_head',
  'unit_handler',
  'police',
  'front_supervisor',
];

const reasonSchema = z.object({ reason: z.string().trim().min(5).max(2_000) }).strict();
const amendmentSchema = z
  .object({
    reason: z.string().trim().min(5).max(2_000),
    changes: petitionSubmissionSchema
      .pick({
        summary: true,
        fullText: true,
        classification: true,
        sensitiveTags: true,
        eligibility: true,
        location: true,
        learnedOfDecisionOn: true,
      })
      .partial()
      .strict(),
  })
  .strict();

const splitSchema = z
  .object({
    reason: z.string().trim().min(5).max(2_000),
    parts: z
      .array(
        petitionSubmissionSchema
          .pick({ kind: true, classification: true, summary: true })
          .extend({ sensitiveTags: petitionSubmissionSchema.shape.sensitiveTags.optional() })
          .strict(),
      )
      .min(2)
      .max(10),
  })
  .strict();

const searchSchema = z
  .object({
    kind: z.enum(['complaint', 'denunciation', 'recommendation', 'reflection']).optional(),
    channel: z.string().max(40).optional(),
    status: z.enum(['received', 'processing', 'withdrawn', 'split']).optional(),
    from: z
      .string()
      .regex(/^\d{4}-\d{2}-\d{2}$/)
      .optional(),
    to: z
      .string()
      .regex(/^\d{4}-\d{2}-\d{2}$/)
      .optional(),
    hamlet: z.string().max(64).optional(),
    tag: z.string().max(40).optional(),
    q: z.string().max(200).optional(),
    petitioner: z.string().max(40).optional(),
    duplicates: z.enum(['true', 'false']).optional(),
    resolved: z.enum(['true', 'false']).optional(),
    page: z.coerce.number().int().min(1).max(100_000).default(1),
    pageSize: z.coerce.number().int().min(1).max(200).default(50),
  })
  .strict();

/** Petitions at intake (tiếp nhận đơn): record, amend before processing, withdraw, read, search. */
@ApiTags('intake: petitions')
@ApiBearerAuth()
@Controller('intake/petitions')
export class PetitionsHttpController {
  constructor(
    @Inject(PETITIONS_SERVICE) private readonly petitions: PetitionsService,
    private readonly search: PetitionSearch,
    private readonly view: PetitionView,
    @Inject(INTAKE_TIME_ZONE) private readonly timeZone: string,
  ) {}

  @Post()
  @Roles(...WRITERS)
  @ApiOperation({
    summary:
      'Record a petition (any channel). A retry with the same Idempotency-Key returns the first result (200).',
  })
  @ApiHeader({
    name: 'Idempotency-Key',
    required: false,
    description: 'Client key making retries safe (max 200 chars).',
  })
  @ApiZodBody(petitionSubmissionSchema, {
    description:
      'PetitionSubmission (libs/contracts/src/intake/petition-submission.ts). Names and addresses are NFC-normalised; citizen IDs (CCCD, 12 digits) and phones are checked; hamlets may be given by code or alias.',
  })
  async create(
    @Body() body: unknown,
    @Headers('idempotency-key') idempotencyKey: string | undefined,
    @CurrentUser() user: AuthPrincipal,
    @Res({ passthrough: true }) response: Response,
  ) {
    const result = await this.petitions.submit(body, this.context(user, idempotencyKey));
    response.status(result.created ? 201 : 200);
    const received = result.state.received;
    return {
      petitionId: result.petitionId,
      version: result.version,
      created: result.created,
      status: result.state.status,
      missingElements: received.missingElements,
      ...(received.duplicateOf ? { duplicateOf: received.duplicateOf } : {}),
      ...(received.repeatOf ? { repeatOf: received.repeatOf } : {}),
      petitionerRefs: received.petitioners.persons.map((p) => p.ref),
    };
  }

  @Get()
  @Roles(...READERS)
  @ApiOperation({
    summary: 'Search petitions with filters and paging (no identities in the list).',
    description:
      'Each item says whether its matter is `resolved`: a case of the petition (or of its second complaint) was closed at routing, or the petition is a duplicate or repeat of one whose case was and never had a case of its own. The query `resolved=true|false` filters on it.',
  })
  @ApiZodQuery(searchSchema)
  async list(@Query() query: Record<string, unknown>) {
    const filters = parse(searchSchema, query, 'PETITION.INVALID_QUERY') as SearchFilters;
    return this.search.run(filters);
  }

  @Get(':id')
  @Roles(...READERS)
  @ApiOperation({
    summary:
      'One petition. Identities are shown to the roles that handle petitions, never for a denunciation (use POST …/denouncer-identity).',
  })
  async get(@Param('id') id: string, @CurrentUser() user: AuthPrincipal) {
    const { state, version } = await this.petitions.get(checkId(id));
    return this.view.render(state, version, user);
  }

  @Patch(':id')
  @Roles('reception_officer', 'petition_processor')
  @ApiOperation({ summary: 'Amend a petition before processing starts (with a reason).' })
  @ApiZodBody(amendmentSchema)
  async amend(@Param('id') id: string, @Body() body: unknown, @CurrentUser() user: AuthPrincipal) {
    const input = parse(amendmentSchema, body, 'PETITION.INVALID_INPUT');
    const result = await this.petitions.amend(checkId(id), input, this.context(user));
    return this.view.render(result.state, result.version, user);
  }

  @Post(':id/split')
  @HttpCode(200)
  @Roles('reception_officer', 'petition_processor')
  @ApiOperation({
    summary: 'Split a petition with several contents into one petition per content (tách đơn); retry-safe.',
  })
  @ApiZodBody(splitSchema)
  async split(@Param('id') id: string, @Body() body: unknown, @CurrentUser() user: AuthPrincipal) {
    const input = parse(splitSchema, body, 'PETITION.INVALID_INPUT');
    return this.petitions.split(checkId(id), input, this.context(user));
  }

  @Post(':id/withdraw')
  @HttpCode(200)
  @Roles('reception_officer', 'petition_processor', 'chairman')
  @ApiOperation({ summary: 'Record the withdrawal of a petition (rút đơn).' })
  @ApiZodBody(reasonSchema, { example: { reason: 'Công dân xin rút đơn' } })
  async withdraw(@Param('id') id: string, @Body() body: unknown, @CurrentUser() user: AuthPrincipal) {
    const { reason } = parse(reasonSchema, body, 'PETITION.INVALID_INPUT');
    const result = await this.petitions.withdraw(checkId(id), reason, this.context(user));
    return { petitionId: result.petitionId, version: result.version, status: result.state.status };
  }

  @Post(':id/denouncer-identity')
  @HttpCode(200)
  @Roles('chairman')
  @ApiOperation({
    summary: "Reveal a denouncer's identity; the reveal, its reader and reason are recorded as an event.",
  })
  @ApiZodBody(reasonSchema, { example: { reason: 'Xác minh nội dung tố cáo theo yêu cầu của thanh tra' } })
  async revealIdentity(@Param('id') id: string, @Body() body: unknown, @CurrentUser() user: AuthPrincipal) {
    const { reason } = parse(reasonSchema, body, 'PETITION.INVALID_INPUT');
    return { petitioners: await this.petitions.revealIdentity(checkId(id), reason, this.context(user)) };
  }

  @Post(':id/petitioners/:personId/erasure')
  @HttpCode(200)
  @Roles('administrator')
  @ApiOperation({ summary: "Erase a petitioner's personal data (destroys their key; the history stays)." })
  @ApiZodBody(reasonSchema, { example: { reason: 'Yêu cầu xóa dữ liệu cá nhân số 12/2026' } })
  async erase(
    @Param('id') id: string,
    @Param('personId') personId: string,
    @Body() body: unknown,
    @CurrentUser() user: AuthPrincipal,
  ) {
    const { reason } = parse(reasonSchema, body, 'PETITION.INVALID_INPUT');
    return this.petitions.erasePerson(checkId(id), checkId(personId), reason, this.context(user));
  }

  private context(user: AuthPrincipal, idempotencyKey?: string): SubmitContext {
    const now = new Date();
    if (idempotencyKey !== undefined && (idempotencyKey.length === 0 || idempotencyKey.length > 200)) {
      throw new DomainError('IDEMPOTENCY.INVALID_KEY', 'Idempotency-Key phải có từ 1 đến 200 ký tự.');
    }
    return {
      actor: { userId: user.userId, username: user.username, roles: user.roles },
      now,
      today: localDate(now, this.timeZone),
      ...(idempotencyKey ? { idempotency: { scope: `rest:${user.userId}`, key: idempotencyKey } } : {}),
    };
  }
}

function checkId(id: string): string {
  return checkUuid(id, 'PETITION.NOT_FOUND', 'Không tìm thấy đơn.');
}
