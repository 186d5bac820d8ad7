import { Body, Controller, Get, HttpCode, Inject, Param, Post, Query } from '@nestjs/common';
import { ApiBearerAuth, ApiOperation, ApiTags } from '@nestjs/swagger';
import {
  CASE_COMPLEXITIES,
  COMPLAINT_ROUNDS,
  DomainError,
  FILING_REASONS,
  PROCESSING_OUTCOMES,
} from '@tiep-dan/contracts';
import {
  ApiZodBody,
  ApiZodQuery,
  checkUuid,
  CurrentUser,
  parseInput,
  Roles,
  type AuthPrincipal,
  type Role,
} from '@tiep-dan/platform';
import { z } from 'zod';
import type { BodyRef } from '../../domain/processing';
import type { ProcessingListReadModel } from '../../infrastructure/read-models/processing-list.read-model';
import { instant } from '../clock';
import type { ProcessingService } from './processing.service';

export const PROCESSING_SERVICE = Symbol('PROCESSING_SERVICE');
export const PROCESSING_LIST = Symbol('PROCESSING_LIST');
export const ROUTING_TIME_ZONE = Symbol('ROUTING_TIME_ZONE');
/** Finds a competent body by code in the current rule set. */
export const BODY_DIRECTORY = Symbol('BODY_DIRECTORY');
export type BodyDirectory = (code: string) => Promise<BodyRef | undefined>;

const DECIDERS: Role[] = ['petition_processor', 'chairman'];
const READERS: Role[] = [
  'petition_processor',
  'chairman',
  'reception_officer',
  'unit_head',
  'front_supervisor',
];

const listSchema = z
  .object({
    status: z.enum(['pending', 'decided', 'cancelled']).optional(),
    outcome: z.enum(PROCESSING_OUTCOMES).optional(),
    overdue: z.enum(['true', 'false']).optional(),
    page: z.coerce.number().int().min(1).max(100_000).default(1),
    pageSize: z.coerce.number().int().min(1).max(200).default(50),
  })
  .strict();

const decisionSchema = z
  .object({
    outcome: z.enum(PROCESSING_OUTCOMES).optional(),
    filingReason: z.enum(FILING_REASONS).optional(),
    bodyCode: z.string().min(1).max(64).optional(),
    unitCode: z.string().min(1).max(64).optional(),
    complaintRound: z.enum(COMPLAINT_ROUNDS).optional(),
    complexity: z.enum(CASE_COMPLEXITIES).default('normal'),
    /** By default what intake knows of the petition's hamlet (remote or not). */
    remoteArea: z.boolean().optional(),
    reason: z.string().trim().min(5).max(2_000).optional(),
  })
  .strict();

/** Processing of petitions (xử lý đơn): the work list, one petition's proposal, the processor's decision. */
@ApiTags('routing: processing')
@ApiBearerAuth()
@Controller('routing/processing')
export class ProcessingHttpController {
  constructor(
    @Inject(PROCESSING_SERVICE) private readonly processing: ProcessingService,
    @Inject(PROCESSING_LIST) private readonly list: ProcessingListReadModel,
    @Inject(BODY_DIRECTORY) private readonly bodies: BodyDirectory,
    @Inject(ROUTING_TIME_ZONE) private readonly timeZone: string,
  ) {}

  @Get()
  @Roles(...READERS)
  @ApiOperation({
    summary: 'Petitions to process, with the proposal, decision and deadline (no personal data).',
  })
  @ApiZodQuery(listSchema)
  async search(@Query() query: Record<string, unknown>) {
    const filters = parseInput(listSchema, query, 'PROCESSING.INVALID_QUERY');
    return this.list.list({
      ...(filters.status ? { status: filters.status } : {}),
      ...(filters.outcome ? { outcome: filters.outcome } : {}),
      ...(filters.overdue === 'true' ? { overdueOn: instant(new Date(), this.timeZone).today } : {}),
      page: filters.page,
      pageSize: filters.pageSize,
    });
  }

  @Get(':petitionId')
  @Roles(...READERS)
  @ApiOperation({
    summary: "One petition's processing: facts, proposal with its rule and explanation, decision, history.",
  })
  async get(@Param('petitionId') petitionId: string) {
    const { state, version, events } = await this.processing.get(checkPetitionId(petitionId));
    return { ...state, version, history: events.map((e) => ({ type: e.type, data: e.data })) };
  }

  @Post(':petitionId/decision')
  @HttpCode(200)
  @Roles(...DECIDERS)
  @ApiOperation({
    summary:
      'Confirm the proposal, or override it with a reason (outcome, body, unit, filing reason, complaint round). Sending the same decision again is harmless.',
  })
  @ApiZodBody(decisionSchema, {
    description:
      'Absent fields take the proposal’s; complexity and remoteArea set the case’s time limit (remoteArea: by default what intake knows of the hamlet). An empty object confirms the proposal.',
    example: {},
  })
  async decide(
    @Param('petitionId') petitionId: string,
    @Body() body: unknown,
    @CurrentUser() user: AuthPrincipal,
  ) {
    const input = parseInput(decisionSchema, body, 'PROCESSING.INVALID_INPUT');
    let competentBody: BodyRef | undefined;
    if (input.bodyCode) {
      competentBody = await this.bodies(input.bodyCode);
      if (!competentBody) {
        throw new DomainError(
          'PROCESSING.UNKNOWN_BODY',
          `Không có cơ quan mã "${input.bodyCode}" trong bộ quy tắc thẩm quyền.`,
        );
      }
    }
    const now = new Date();
    const result = await this.processing.decide(
      checkPetitionId(petitionId),
      {
        ...(input.outcome ? { outcome: input.outcome } : {}),
        ...(input.filingReason ? { filingReason: input.filingReason } : {}),
        ...(competentBody ? { body: competentBody } : {}),
        ...(input.unitCode ? { unitCode: input.unitCode } : {}),
        ...(input.complaintRound ? { complaintRound: input.complaintRound } : {}),
        complexity: input.complexity,
        ...(input.remoteArea !== undefined ? { remoteArea: input.remoteArea } : {}),
        ...(input.reason ? { reason: input.reason } : {}),
      },
      { userId: user.userId, username: user.username },
      instant(now, this.timeZone),
      { actor: user.userId, occurredAt: now.toISOString() },
    );
    return {
      petitionId,
      version: result.version,
      status: result.state?.status,
      decision: result.state?.decision,
    };
  }
}

function checkPetitionId(id: string): string {
  return checkUuid(id, 'PROCESSING.NOT_FOUND', 'Không tìm thấy đơn trong danh sách xử lý.');
}
