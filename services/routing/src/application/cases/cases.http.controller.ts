import { Body, Controller, Get, HttpCode, Inject, Param, Post, Query } from '@nestjs/common';
import { ApiBearerAuth, ApiBody, ApiOperation, ApiParam, ApiTags } from '@nestjs/swagger';
import { CASE_COMPLEXITIES, CONCLUSION_RESULTS, DomainError, PETITION_KINDS } from '@tiep-dan/contracts';
import {
  ApiZodQuery,
  checkUuid,
  CurrentUser,
  openApiSchemaOf,
  parseInput,
  Roles,
  type AuthPrincipal,
  type Role,
} from '@tiep-dan/platform';
import { z } from 'zod';
import { NOTICE_KINDS, type CaseActor } from '../../domain/case';
import type { CaseListReadModel } from '../../infrastructure/read-models/case-list.read-model';
import { instant } from '../clock';
import { ROUTING_TIME_ZONE } from '../processing/processing.http.controller';
import type { CaseAction, CasesService } from './cases.service';

export const CASES_SERVICE = Symbol('CASES_SERVICE');
export const CASE_LIST = Symbol('CASE_LIST');

const UNIT_ROLES: Role[] = ['unit_handler', 'unit_head'];
const COMMUNE_ROLES: Role[] = ['chairman', 'petition_processor'];
const READERS: Role[] = [...COMMUNE_ROLES, ...UNIT_ROLES, 'reception_officer', 'police', 'front_supervisor'];

const text = (max: number) => z.string().trim().min(1).max(max);
const reason = z.string().trim().min(5).max(2_000);
const localDate = z.string().regex(/^\d{4}-\d{2}-\d{2}$/, 'a date YYYY-MM-DD');

/** One REST action per case command: who may call it, and its body. The same as a unit's Kafka report. */
const ACTIONS = {
  acknowledge: {
    roles: [...UNIT_ROLES, 'chairman'],
    schema: z.object({ handlerId: text(200).optional() }).strict(),
    action: (b: { handlerId?: string }): CaseAction => ({ type: 'AcknowledgeAssignment', ...b }),
  },
  'start-verification': {
    roles: [...UNIT_ROLES, 'chairman'],
    schema: z.object({ handlerId: text(200).optional() }).strict(),
    action: (b: { handlerId?: string }): CaseAction => ({ type: 'StartVerification', ...b }),
  },
  'progress-notes': {
    roles: [...UNIT_ROLES, 'chairman'],
    schema: z.object({ updateId: z.string().uuid(), note: text(5_000) }).strict(),
    action: (b: { updateId: string; note: string }): CaseAction => ({ type: 'AddProgressNote', ...b }),
  },
  extension: {
    roles: [...UNIT_ROLES, 'chairman'],
    schema: z
      .object({
        reason,
        decisionNumber: text(100).optional(),
        amount: z.number().int().min(1).max(90).optional(),
        complexity: z.enum(CASE_COMPLEXITIES).optional(),
      })
      .strict(),
    action: (b: object): CaseAction => ({ type: 'ExtendDeadline', ...(b as { reason: string }) }),
  },
  conclusion: {
    roles: [...UNIT_ROLES, 'chairman'],
    schema: z
      .object({
        result: z.enum(CONCLUSION_RESULTS),
        documentNumber: text(100),
        issuedOn: localDate,
        summary: text(5_000).optional(),
        handlingMeasures: z.boolean().optional(),
      })
      .strict(),
    action: (b: object): CaseAction => ({ type: 'Conclude', ...b }) as CaseAction,
  },
  'start-enforcement': {
    roles: [...UNIT_ROLES, 'chairman'],
    schema: z.object({ note: text(5_000).optional() }).strict(),
    action: (b: { note?: string }): CaseAction => ({ type: 'StartEnforcement', ...b }),
  },
  'complete-enforcement': {
    roles: [...UNIT_ROLES, 'chairman'],
    schema: z.object({ note: text(5_000).optional() }).strict(),
    action: (b: { note?: string }): CaseAction => ({ type: 'CompleteEnforcement', ...b }),
  },
  'accept-denunciation': {
    roles: COMMUNE_ROLES,
    schema: z.object({}).strict(),
    action: (): CaseAction => ({ type: 'AcceptDenunciation' }),
  },
  'decline-denunciation': {
    roles: COMMUNE_ROLES,
    schema: z.object({ reason }).strict(),
    action: (b: { reason: string }): CaseAction => ({ type: 'DeclineDenunciation', ...b }),
  },
  'extend-acceptance-check': {
    roles: COMMUNE_ROLES,
    schema: z.object({ reason }).strict(),
    action: (b: { reason: string }): CaseAction => ({ type: 'ExtendAcceptanceCheck', ...b }),
  },
  notices: {
    roles: [...COMMUNE_ROLES, ...UNIT_ROLES],
    schema: z.object({ notice: z.enum(NOTICE_KINDS), sentOn: localDate.optional() }).strict(),
    action: (b: object): CaseAction => ({ type: 'RecordNoticeSent', ...b }) as CaseAction,
  },
  suspend: {
    roles: COMMUNE_ROLES,
    schema: z.object({ reason }).strict(),
    action: (b: { reason: string }): CaseAction => ({ type: 'Suspend', ...b }),
  },
  resume: {
    roles: COMMUNE_ROLES,
    schema: z.object({}).strict(),
    action: (): CaseAction => ({ type: 'Resume' }),
  },
  stop: {
    roles: COMMUNE_ROLES,
    schema: z.object({ reason }).strict(),
    action: (b: { reason: string }): CaseAction => ({ type: 'Stop', ...b }),
  },
  withdraw: {
    roles: [...COMMUNE_ROLES, 'reception_officer'],
    schema: z
      .object({
        scope: z.enum(['whole', 'part']),
        part: text(2_000).optional(),
        reason: text(2_000).optional(),
      })
      .strict(),
    action: (b: object): CaseAction => ({ type: 'Withdraw', ...b }) as CaseAction,
  },
  reopen: {
    roles: ['chairman'],
    schema: z.object({ reason: z.literal('withdrawal_coerced'), evidence: reason }).strict(),
    action: (b: object): CaseAction => ({ type: 'Reopen', ...b }) as CaseAction,
  },
  close: {
    roles: COMMUNE_ROLES,
    schema: z.object({}).strict(),
    action: (): CaseAction => ({ type: 'Close' }),
  },
  transfer: {
    roles: COMMUNE_ROLES,
    schema: z.object({ toUnitCode: text(64), reason, handlerId: text(200).optional() }).strict(),
    action: (b: object): CaseAction => ({ type: 'TransferToUnit', ...b }) as CaseAction,
  },
  'transfer-out': {
    roles: COMMUNE_ROLES,
    schema: z.object({ toBody: text(64), reason }).strict(),
    action: (b: object): CaseAction => ({ type: 'TransferOutOfCompetence', ...b }) as CaseAction,
  },
  'second-complaint': {
    roles: [...COMMUNE_ROLES, 'reception_officer'],
    schema: z
      .object({
        petitionId: z.string().uuid(),
        filedOn: localDate,
        decisionReceivedOn: localDate.optional(),
        nextLevelBody: text(64).optional(),
      })
      .strict(),
    action: (b: object): CaseAction => ({ type: 'FileSecondComplaint', ...b }) as CaseAction,
  },
} satisfies Record<string, { roles: Role[]; schema: z.ZodTypeAny; action: (body: never) => CaseAction }>;

type ActionName = keyof typeof ACTIONS;
export const CASE_ACTION_NAMES = Object.keys(ACTIONS) as ActionName[];
const ALL_ACTION_ROLES = [...new Set(Object.values(ACTIONS).flatMap((a) => a.roles as Role[]))];

const listSchema = z
  .object({
    status: z.string().max(40).optional(),
    unit: z.string().max(64).optional(),
    kind: z.enum(PETITION_KINDS).optional(),
    overdue: z.enum(['true', 'false']).optional(),
    page: z.coerce.number().int().min(1).max(100_000).default(1),
    pageSize: z.coerce.number().int().min(1).max(200).default(50),
  })
  .strict();

/** A unit's staff act and read for their own unit; commune officials for every unit. */
function isUnitStaff(user: AuthPrincipal): boolean {
  return !user.roles.some(
    (r) =>
      r === 'chairman' ||
      r === 'petition_processor' ||
      r === 'reception_officer' ||
      r === 'police' ||
      r === 'front_supervisor',
  );
}

/** Cases (vụ việc): the list, one case with its history, and the actions of the lifecycle. */
@ApiTags('routing: cases')
@ApiBearerAuth()
@Controller('routing/cases')
export class CasesHttpController {
  constructor(
    @Inject(CASES_SERVICE) private readonly cases: CasesService,
    @Inject(CASE_LIST) private readonly list: CaseListReadModel,
    @Inject(ROUTING_TIME_ZONE) private readonly timeZone: string,
  ) {}

  @Get()
  @Roles(...READERS)
  @ApiOperation({ summary: 'Cases with status, unit, deadlines (unit staff see their own unit only).' })
  @ApiZodQuery(listSchema)
  async search(@Query() query: Record<string, unknown>, @CurrentUser() user: AuthPrincipal) {
    const filters = parseInput(listSchema, query, 'CASE.INVALID_QUERY');
    const unitCode = isUnitStaff(user) ? this.ownUnit(user) : filters.unit;
    return this.list.list({
      ...(filters.status ? { status: filters.status } : {}),
      ...(unitCode ? { unitCode } : {}),
      ...(filters.kind ? { kind: filters.kind } : {}),
      ...(filters.overdue ? { overdue: filters.overdue === 'true' } : {}),
      page: filters.page,
      pageSize: filters.pageSize,
    });
  }

  @Get(':caseId')
  @Roles(...READERS)
  @ApiOperation({ summary: 'One case: state, deadlines and its whole history (transfers included).' })
  async get(@Param('caseId') caseId: string, @CurrentUser() user: AuthPrincipal) {
    const { state, version, events } = await this.cases.get(checkCaseId(caseId));
    if (isUnitStaff(user) && state.unitCode !== this.ownUnit(user)) {
      throw new DomainError('CASE.NOT_ASSIGNED_UNIT', 'Hồ sơ không thuộc đơn vị của bạn.', 'forbidden');
    }
    const { opening: _opening, appliedUpdateIds: _applied, ...view } = state;
    return { ...view, version, history: events.map((e) => ({ type: e.type, data: e.data })) };
  }

  @Post(':caseId/:action')
  @HttpCode(200)
  @Roles(...ALL_ACTION_ROLES)
  @ApiParam({ name: 'action', enum: CASE_ACTION_NAMES })
  @ApiOperation({
    summary:
      'An action of the case lifecycle: acknowledge, start-verification, progress-notes, extension, conclusion, start-enforcement, complete-enforcement (the unit); accept-denunciation, decline-denunciation, extend-acceptance-check, notices, suspend, resume, stop, withdraw, reopen, close, transfer, transfer-out, second-complaint (the commune).',
  })
  @ApiBody({
    description:
      'The fields of the action named in the path: one of the schemas below, each titled with its action (who may send it in its description).',
    schema: {
      oneOf: Object.entries(ACTIONS).map(([name, spec]) => ({
        title: name,
        description: `${name}: ${spec.roles.join(', ')}`,
        ...openApiSchemaOf(spec.schema),
      })),
    },
  })
  async act(
    @Param('caseId') caseId: string,
    @Param('action') name: string,
    @Body() body: unknown,
    @CurrentUser() user: AuthPrincipal,
  ) {
    const spec = (ACTIONS as Record<string, (typeof ACTIONS)[ActionName] | undefined>)[name];
    if (!spec)
      throw new DomainError('CASE.UNKNOWN_ACTION', `Không có thao tác "${name}" trên hồ sơ.`, 'not_found');
    if (!user.roles.some((role) => (spec.roles as Role[]).includes(role))) {
      throw new DomainError(
        'AUTH.FORBIDDEN',
        'Vai trò của bạn không được thực hiện thao tác này.',
        'forbidden',
      );
    }
    const input = parseInput(spec.schema, body, 'CASE.INVALID_INPUT') as never;
    const now = new Date();
    const actor: CaseActor = {
      id: user.userId,
      kind: 'user',
      ...(isUnitStaff(user) ? { unitCode: this.ownUnit(user) } : {}),
    };
    const result = await this.cases.act(
      checkCaseId(caseId),
      spec.action(input),
      actor,
      instant(now, this.timeZone),
      {
        actor: user.userId,
        occurredAt: now.toISOString(),
      },
    );
    return {
      caseId,
      version: result.version,
      status: result.state?.status,
      recorded: result.appended.map((e) => e.type),
    };
  }

  private ownUnit(user: AuthPrincipal): string {
    if (!user.unitId) {
      throw new DomainError(
        'CASE.NO_UNIT',
        'Tài khoản cán bộ đơn vị chưa được gắn với đơn vị nào.',
        'forbidden',
      );
    }
    return user.unitId;
  }
}

function checkCaseId(id: string): string {
  return checkUuid(id, 'CASE.NOT_FOUND', 'Không tìm thấy hồ sơ vụ việc.');
}
