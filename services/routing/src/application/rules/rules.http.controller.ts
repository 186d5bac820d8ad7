import { Body, Controller, Get, HttpCode, Inject, Param, Post, Put, Query } from '@nestjs/common';
import {
  ApiBadRequestResponse,
  ApiBearerAuth,
  ApiBody,
  ApiConflictResponse,
  ApiForbiddenResponse,
  ApiNotFoundResponse,
  ApiOkResponse,
  ApiOperation,
  ApiQuery,
  ApiTags,
  ApiUnauthorizedResponse,
  ApiUnprocessableEntityResponse,
} from '@nestjs/swagger';
import { type AuthPrincipal, CurrentUser, type Role, Roles } from '@tiep-dan/platform';
import { type CompetenceMatch, parseCompetenceFacts } from '../../domain/jurisdiction';
import {
  type CoverageView,
  type PublishedView,
  type RuleSetVersionsView,
  type RuleSetView,
  parseOptionalVersion,
  parsePutRulesBody,
  parseVersion,
  toRuleSetView,
  toVersionsView,
} from './rules.dto';
import {
  coverageOpenApi,
  errorOpenApi,
  factsOpenApi,
  matchOpenApi,
  putRulesBodyOpenApi,
  ruleSetViewOpenApi,
} from './rules.openapi';
import { RulesService } from './rules.service';

const READERS: Role[] = ['administrator', 'petition_processor', 'chairman', 'unit_head'];

const versionQuery = {
  name: 'version',
  required: false,
  type: Number,
  description: 'an older version (default: the current one)',
} as const;

/**
 * The competence rules (thẩm quyền) as versioned data: the officials who process petitions read and
 * try them; only an administrator publishes a new version. Old versions stay readable for ever,
 * because every decision names the version it followed.
 */
@ApiTags('routing: competence rules')
@ApiBearerAuth()
@ApiUnauthorizedResponse({ description: 'no valid token', schema: errorOpenApi })
@ApiForbiddenResponse({ description: 'a role that may not do this', schema: errorOpenApi })
@Controller('routing/rules')
export class RulesController {
  constructor(@Inject(RulesService) private readonly rules: RulesService) {}

  @Get()
  @Roles(...READERS)
  @ApiOperation({ summary: 'The current competence rules, with who published them and why' })
  @ApiOkResponse({ schema: ruleSetViewOpenApi })
  async current(): Promise<RuleSetView> {
    // From the database, not the cache: an editor must start from the latest version.
    return toRuleSetView(await this.rules.currentRecord());
  }

  @Get('versions')
  @Roles(...READERS)
  @ApiOperation({ summary: 'Every published version, newest first, without the rules' })
  async versions(): Promise<RuleSetVersionsView> {
    return toVersionsView(await this.rules.versions());
  }

  @Get('versions/:version')
  @Roles(...READERS)
  @ApiOperation({ summary: 'One version, as decisions that name it followed it' })
  @ApiOkResponse({ schema: ruleSetViewOpenApi })
  @ApiNotFoundResponse({ description: 'RULES.VERSION_NOT_FOUND', schema: errorOpenApi })
  async version(@Param('version') version: string): Promise<RuleSetView> {
    return toRuleSetView(await this.rules.version(parseVersion(version)));
  }

  @Put()
  @Roles('administrator')
  @ApiOperation({
    summary:
      'Publish a new version. Refused when two rules claim the same petition; combinations no rule covers are allowed and returned as warnings',
  })
  @ApiBody({ schema: putRulesBodyOpenApi })
  @ApiOkResponse({ description: 'the new version, with warnings', schema: ruleSetViewOpenApi })
  @ApiBadRequestResponse({
    description:
      'RULES.INVALID_REQUEST, RULES.INVALID, RULES.UNKNOWN_BODY, RULES.UNKNOWN_UNIT, RULES.DUPLICATE_ID, RULES.DUPLICATE_BODY, RULES.CLASSIFICATION_NOT_OF_KIND, RULES.ACCEPT_BY_EXTERNAL_BODY, RULES.UNKNOWN_PLACEHOLDER; details.path and details.ruleId say where, details.issues lists every problem',
    schema: errorOpenApi,
  })
  @ApiConflictResponse({
    description: 'RULES.VERSION_CONFLICT: someone published a newer version since expectedVersion',
    schema: errorOpenApi,
  })
  @ApiUnprocessableEntityResponse({
    description: 'RULES.AMBIGUOUS: details.ambiguous lists the combinations and the rules that claim them',
    schema: errorOpenApi,
  })
  async publish(@Body() body: unknown, @CurrentUser() user: AuthPrincipal): Promise<PublishedView> {
    const { ruleSet, note, expectedVersion } = parsePutRulesBody(body);
    const { record, coverage } = await this.rules.publish(ruleSet, {
      by: user.username,
      expectedVersion,
      ...(note ? { note } : {}),
    });
    return {
      ...toRuleSetView(record),
      warnings: {
        combinations: coverage.combinations,
        uncoveredCount: coverage.uncoveredCount,
        uncovered: coverage.uncovered,
        unusedRuleIds: coverage.unusedRuleIds,
      },
    };
  }

  @Get('coverage')
  @Roles(...READERS)
  @ApiOperation({ summary: 'Combinations of facts that no rule covers or that two rules claim' })
  @ApiQuery(versionQuery)
  @ApiOkResponse({ schema: coverageOpenApi })
  @ApiNotFoundResponse({ description: 'RULES.VERSION_NOT_FOUND', schema: errorOpenApi })
  async coverage(@Query('version') version?: string): Promise<CoverageView> {
    const { version: checked, report } = await this.rules.coverage(parseOptionalVersion(version));
    return { version: checked, ...report };
  }

  @Post('explain')
  @HttpCode(200)
  @Roles(...READERS)
  @ApiOperation({ summary: 'What the rules say for the facts of a petition, and why' })
  @ApiQuery(versionQuery)
  @ApiBody({ schema: factsOpenApi })
  @ApiOkResponse({ schema: matchOpenApi })
  @ApiBadRequestResponse({ description: 'RULES.INVALID_FACTS', schema: errorOpenApi })
  @ApiConflictResponse({ description: 'RULES.AMBIGUOUS: two rules claim the facts', schema: errorOpenApi })
  @ApiUnprocessableEntityResponse({
    description: 'RULES.NO_RULE: no rule covers the facts',
    schema: errorOpenApi,
  })
  async explain(@Body() body: unknown, @Query('version') version?: string): Promise<CompetenceMatch> {
    const facts = parseCompetenceFacts(body);
    const at = parseOptionalVersion(version);
    return at === undefined ? this.rules.match(facts) : this.rules.matchWith(at, facts);
  }
}
