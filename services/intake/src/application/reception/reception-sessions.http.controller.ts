import {
  Body,
  Controller,
  Get,
  Headers,
  HttpCode,
  HttpStatus,
  Inject,
  Param,
  Post,
  Put,
  Query,
  applyDecorators,
} from '@nestjs/common';
import { ApiBearerAuth, ApiHeader, ApiOperation, ApiParam, ApiResponse, ApiTags } from '@nestjs/swagger';
import {
  ApiZodBody,
  ApiZodQuery,
  CurrentUser,
  Roles,
  type AuthPrincipal,
  type Role,
} from '@tiep-dan/platform';
import type { ChairmanReceptionCompliance } from '../../domain/reception';
import { ReceptionIdempotency } from './reception-idempotency';
import {
  addNoteSchema,
  complianceQuerySchema,
  correctSessionSchema,
  correctVisitSchema,
  linkPetitionSchema,
  listQuerySchema,
  openSessionSchema,
  parseInput,
  reasonSchema,
  recordVisitSchema,
  uuidParam,
} from './reception-sessions.dto';
import { ReceptionSessionsService } from './reception-sessions.service';
import type { ReceptionSessionPage, ReceptionSessionView } from './reception-session.views';

/** Reception officers record sessions; the chairman records his own and reads everything. */
const WRITERS: Role[] = ['reception_officer', 'chairman'];
/** Police read without visitor references (see `viewOptionsFor`). */
const READERS: Role[] = ['reception_officer', 'chairman', 'police', 'front_supervisor', 'administrator'];
/** The provincial inspectorate sees only the aggregated compliance figures. */
const COMPLIANCE_READERS: Role[] = [...READERS, 'provincial_inspector'];

const BASE = 'intake/reception-sessions';

const sessionDetailsExample = {
  kind: 'chairman_periodic',
  date: '2026-07-15',
  venue: { mode: 'in_person', site: { name: 'Trụ sở tiếp công dân xã', address: 'Thôn 1' } },
  presidedBy: { officialId: 'user-chairman', position: 'chairman' },
  receivingOfficialIds: ['user-officer'],
};
const visitExample = {
  visitorRef: 'CD-2026-000123',
  delegation: { headcount: 12, representativesCount: 5 },
  firstTime: true,
  matterSummary: 'Bồi thường giải phóng mặt bằng',
  outcome: { type: 'petition_recorded', petitionIds: ['9b2f3c1e-2a4d-4c6b-8e0f-1a2b3c4d5e6f'] },
};

const IdempotencyKey = ApiHeader({
  name: 'Idempotency-Key',
  required: false,
  description:
    'A retry with the same key and body gets the first answer; the same key with another body answers 422.',
});
const Errors = (...statuses: number[]) => {
  const descriptions: Record<number, string> = {
    400: 'RECEPTION.INVALID_INPUT (with the zod issue paths) or a broken rule of the law (RECEPTION.*)',
    403: 'AUTH.FORBIDDEN',
    404: 'RECEPTION.SESSION_NOT_FOUND / VISIT_NOT_FOUND / PETITION_NOT_LINKED',
    409: 'RECEPTION.SESSION_CLOSED, PETITION_ALREADY_LINKED, CONCURRENT_UPDATE; IDEMPOTENCY.IN_PROGRESS',
    422: 'IDEMPOTENCY.KEY_REUSED',
  };
  return applyDecorators(
    ...statuses.map((status) => ApiResponse({ status, description: descriptions[status] })),
  );
};

/**
 * Reception sessions (tiếp công dân): regular reception, the chairman's periodic reception and ad-hoc
 * reception, in person or online. Feeds 01/TCD and the compliance check of the chairman's reception.
 */
@ApiTags('intake: reception sessions')
@ApiBearerAuth()
@Controller(BASE)
export class ReceptionSessionsController {
  constructor(
    @Inject(ReceptionSessionsService) private readonly sessions: ReceptionSessionsService,
    @Inject(ReceptionIdempotency) private readonly idempotency: ReceptionIdempotency,
  ) {}

  @Post()
  @Roles(...WRITERS)
  @HttpCode(HttpStatus.CREATED)
  @ApiOperation({ summary: 'Record a reception session that was held (its date is not in the future)' })
  @ApiZodBody(openSessionSchema, { example: sessionDetailsExample })
  @IdempotencyKey
  @ApiResponse({ status: 201, description: 'The session, open' })
  @Errors(400, 403, 422)
  async open(
    @Body() body: unknown,
    @CurrentUser() user: AuthPrincipal,
    @Headers('idempotency-key') key?: string,
  ): Promise<ReceptionSessionView> {
    return this.idempotency.run({ principal: user, key, method: 'POST', path: BASE, body }, () =>
      this.sessions.open(parseInput(openSessionSchema, body, 'body'), user),
    );
  }

  @Get()
  @Roles(...READERS)
  @ApiOperation({ summary: 'List sessions, newest first' })
  @ApiZodQuery(listQuerySchema)
  @Errors(400, 403)
  async list(@Query() query: unknown): Promise<ReceptionSessionPage> {
    return this.sessions.list(parseInput(listQuerySchema, query, 'query'));
  }

  // Declared before `:id` so that "compliance" is not read as a session id.
  @Get('compliance')
  @Roles(...COMPLIANCE_READERS)
  @ApiOperation({
    summary: "The chairman's periodic reception in a month against the legal minimum in force then",
    description:
      'Before 1 Jul 2026: at least 1 day every week (ISO weeks whose Thursday is in the month). From 1 Jul 2026: at least 2 days a month, never delegated.',
  })
  @ApiZodQuery(complianceQuerySchema)
  @Errors(400, 403)
  async compliance(@Query() query: unknown): Promise<ChairmanReceptionCompliance> {
    return this.sessions.compliance(parseInput(complianceQuerySchema, query, 'query').month);
  }

  @Get(':id')
  @Roles(...READERS)
  @ApiOperation({ summary: 'One session with its visits, petitions and notes' })
  @ApiParam({ name: 'id', format: 'uuid' })
  @Errors(400, 403, 404)
  async get(@Param('id') id: string, @CurrentUser() user: AuthPrincipal): Promise<ReceptionSessionView> {
    return this.sessions.get(parseInput(uuidParam, id, 'id'), user);
  }

  @Put(':id/details')
  @Roles(...WRITERS)
  @ApiOperation({ summary: "Correct an open session's details, stating the reason" })
  @ApiParam({ name: 'id', format: 'uuid' })
  @ApiZodBody(correctSessionSchema, { example: { ...sessionDetailsExample, reason: 'wrong date typed' } })
  @IdempotencyKey
  @Errors(400, 403, 404, 409, 422)
  async correctDetails(
    @Param('id') id: string,
    @Body() body: unknown,
    @CurrentUser() user: AuthPrincipal,
    @Headers('idempotency-key') key?: string,
  ): Promise<ReceptionSessionView> {
    const sessionId = parseInput(uuidParam, id, 'id');
    return this.idempotency.run(
      { principal: user, key, method: 'PUT', path: `${BASE}/${sessionId}/details`, body },
      () => this.sessions.correctDetails(sessionId, parseInput(correctSessionSchema, body, 'body'), user),
    );
  }

  @Post(':id/visits')
  @Roles(...WRITERS)
  @HttpCode(HttpStatus.CREATED)
  @ApiOperation({ summary: 'Record a visit: a citizen or a delegation received, and the outcome' })
  @ApiParam({ name: 'id', format: 'uuid' })
  @ApiZodBody(recordVisitSchema, { example: visitExample })
  @IdempotencyKey
  @ApiResponse({ status: 201, description: '{ visitId, session }' })
  @Errors(400, 403, 404, 409, 422)
  async recordVisit(
    @Param('id') id: string,
    @Body() body: unknown,
    @CurrentUser() user: AuthPrincipal,
    @Headers('idempotency-key') key?: string,
  ): Promise<{ visitId: string; session: ReceptionSessionView }> {
    const sessionId = parseInput(uuidParam, id, 'id');
    return this.idempotency.run(
      { principal: user, key, method: 'POST', path: `${BASE}/${sessionId}/visits`, body },
      () => this.sessions.recordVisit(sessionId, parseInput(recordVisitSchema, body, 'body'), user),
    );
  }

  @Put(':id/visits/:visitId')
  @Roles(...WRITERS)
  @ApiOperation({ summary: 'Correct a visit of an open session, stating the reason' })
  @ApiParam({ name: 'id', format: 'uuid' })
  @ApiParam({ name: 'visitId', format: 'uuid' })
  @ApiZodBody(correctVisitSchema, { example: { ...visitExample, reason: 'headcount corrected' } })
  @IdempotencyKey
  @Errors(400, 403, 404, 409, 422)
  async correctVisit(
    @Param('id') id: string,
    @Param('visitId') visitIdParam: string,
    @Body() body: unknown,
    @CurrentUser() user: AuthPrincipal,
    @Headers('idempotency-key') key?: string,
  ): Promise<ReceptionSessionView> {
    const sessionId = parseInput(uuidParam, id, 'id');
    const visitId = parseInput(uuidParam, visitIdParam, 'visitId');
    return this.idempotency.run(
      { principal: user, key, method: 'PUT', path: `${BASE}/${sessionId}/visits/${visitId}`, body },
      () =>
        this.sessions.correctVisit(sessionId, visitId, parseInput(correctVisitSchema, body, 'body'), user),
    );
  }

  @Post(':id/visits/:visitId/void')
  @Roles(...WRITERS)
  @HttpCode(HttpStatus.OK)
  @ApiOperation({ summary: 'Void a visit recorded by mistake (it then counts nowhere)' })
  @ApiParam({ name: 'id', format: 'uuid' })
  @ApiParam({ name: 'visitId', format: 'uuid' })
  @ApiZodBody(reasonSchema, { example: { reason: 'recorded twice' } })
  @IdempotencyKey
  @Errors(400, 403, 404, 409, 422)
  async voidVisit(
    @Param('id') id: string,
    @Param('visitId') visitIdParam: string,
    @Body() body: unknown,
    @CurrentUser() user: AuthPrincipal,
    @Headers('idempotency-key') key?: string,
  ): Promise<ReceptionSessionView> {
    const sessionId = parseInput(uuidParam, id, 'id');
    const visitId = parseInput(uuidParam, visitIdParam, 'visitId');
    return this.idempotency.run(
      { principal: user, key, method: 'POST', path: `${BASE}/${sessionId}/visits/${visitId}/void`, body },
      () => this.sessions.voidVisit(sessionId, visitId, parseInput(reasonSchema, body, 'body').reason, user),
    );
  }

  @Post(':id/petitions')
  @Roles(...WRITERS)
  @HttpCode(HttpStatus.CREATED)
  @ApiOperation({ summary: 'Record a petition in the session, at a visit or not' })
  @ApiParam({ name: 'id', format: 'uuid' })
  @ApiZodBody(linkPetitionSchema, { example: { petitionId: '9b2f3c1e-2a4d-4c6b-8e0f-1a2b3c4d5e6f' } })
  @IdempotencyKey
  @Errors(400, 403, 404, 409, 422)
  async linkPetition(
    @Param('id') id: string,
    @Body() body: unknown,
    @CurrentUser() user: AuthPrincipal,
    @Headers('idempotency-key') key?: string,
  ): Promise<ReceptionSessionView> {
    const sessionId = parseInput(uuidParam, id, 'id');
    return this.idempotency.run(
      { principal: user, key, method: 'POST', path: `${BASE}/${sessionId}/petitions`, body },
      () => this.sessions.linkPetition(sessionId, parseInput(linkPetitionSchema, body, 'body'), user),
    );
  }

  @Post(':id/petitions/:petitionId/unlink')
  @Roles(...WRITERS)
  @HttpCode(HttpStatus.OK)
  @ApiOperation({ summary: 'Take out a petition recorded in the session by mistake' })
  @ApiParam({ name: 'id', format: 'uuid' })
  @ApiParam({ name: 'petitionId', format: 'uuid' })
  @ApiZodBody(reasonSchema, { example: { reason: 'belongs to another session' } })
  @IdempotencyKey
  @Errors(400, 403, 404, 409, 422)
  async unlinkPetition(
    @Param('id') id: string,
    @Param('petitionId') petitionIdParam: string,
    @Body() body: unknown,
    @CurrentUser() user: AuthPrincipal,
    @Headers('idempotency-key') key?: string,
  ): Promise<ReceptionSessionView> {
    const sessionId = parseInput(uuidParam, id, 'id');
    const petitionId = parseInput(uuidParam, petitionIdParam, 'petitionId');
    return this.idempotency.run(
      {
        principal: user,
        key,
        method: 'POST',
        path: `${BASE}/${sessionId}/petitions/${petitionId}/unlink`,
        body,
      },
      () =>
        this.sessions.unlinkPetition(
          sessionId,
          petitionId,
          parseInput(reasonSchema, body, 'body').reason,
          user,
        ),
    );
  }

  @Post(':id/notes')
  @Roles(...WRITERS)
  @HttpCode(HttpStatus.CREATED)
  @ApiOperation({ summary: 'Add a note to the session' })
  @ApiParam({ name: 'id', format: 'uuid' })
  @ApiZodBody(addNoteSchema, { example: { text: 'Công an xã hỗ trợ giữ trật tự' } })
  @IdempotencyKey
  @ApiResponse({ status: 201, description: '{ noteId, session }' })
  @Errors(400, 403, 404, 409, 422)
  async addNote(
    @Param('id') id: string,
    @Body() body: unknown,
    @CurrentUser() user: AuthPrincipal,
    @Headers('idempotency-key') key?: string,
  ): Promise<{ noteId: string; session: ReceptionSessionView }> {
    const sessionId = parseInput(uuidParam, id, 'id');
    return this.idempotency.run(
      { principal: user, key, method: 'POST', path: `${BASE}/${sessionId}/notes`, body },
      () => this.sessions.addNote(sessionId, parseInput(addNoteSchema, body, 'body'), user),
    );
  }

  @Post(':id/close')
  @Roles(...WRITERS)
  @HttpCode(HttpStatus.OK)
  @ApiOperation({ summary: 'Close the session; its 01/TCD figures are computed from the visits' })
  @ApiParam({ name: 'id', format: 'uuid' })
  @IdempotencyKey
  @Errors(400, 403, 404, 409, 422)
  async close(
    @Param('id') id: string,
    @CurrentUser() user: AuthPrincipal,
    @Headers('idempotency-key') key?: string,
  ): Promise<ReceptionSessionView> {
    const sessionId = parseInput(uuidParam, id, 'id');
    return this.idempotency.run(
      { principal: user, key, method: 'POST', path: `${BASE}/${sessionId}/close`, body: null },
      () => this.sessions.close(sessionId, user),
    );
  }
}
