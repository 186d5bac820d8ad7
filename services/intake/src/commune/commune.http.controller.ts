import { Body, Controller, Get, Inject, Param, Put } from '@nestjs/common';
import {
  ApiBadRequestResponse,
  ApiBearerAuth,
  ApiBody,
  ApiConflictResponse,
  ApiForbiddenResponse,
  ApiNotFoundResponse,
  ApiOkResponse,
  ApiOperation,
  ApiParam,
  ApiTags,
  ApiUnauthorizedResponse,
} from '@nestjs/swagger';
import { type AuthPrincipal, CurrentUser, ROLES, Roles } from '@tiep-dan/platform';
import { CommuneDirectory } from './commune.directory';
import {
  type CommuneConfigView,
  type CommuneHistoryView,
  parsePutSectionBody,
  parseSection,
  toConfigView,
  toHistoryView,
} from './commune.dto';
import {
  communeConfigViewOpenApi,
  communeHistoryOpenApi,
  errorOpenApi,
  putSectionBodyOpenApi,
  sectionParamOpenApi,
} from './commune.openapi';

/**
 * The commune configuration: every official reads it (forms list units and hamlets); only an
 * administrator edits it, one section at a time, each edit a new version with who and why.
 */
@ApiTags('commune')
@ApiBearerAuth()
@ApiUnauthorizedResponse({ description: 'no valid token', schema: errorOpenApi })
@Controller('intake/commune')
export class CommuneController {
  constructor(@Inject(CommuneDirectory) private readonly directory: CommuneDirectory) {}

  @Roles(...ROLES)
  @Get()
  @ApiOperation({ summary: 'The current commune configuration: units, hamlets, officials, subject domains' })
  @ApiOkResponse({ schema: communeConfigViewOpenApi })
  async current(): Promise<CommuneConfigView> {
    // Read from the database, not the cache: another instance may have written a newer version.
    return toConfigView(await this.directory.reload());
  }

  @Roles('administrator')
  @Get('history')
  @ApiOperation({ summary: 'Every version, newest first: who changed what and why' })
  @ApiOkResponse({ schema: communeHistoryOpenApi })
  @ApiForbiddenResponse({ description: 'not an administrator', schema: errorOpenApi })
  async history(): Promise<CommuneHistoryView> {
    return toHistoryView(await this.directory.history());
  }

  @Roles('administrator')
  @Put(':section')
  @ApiOperation({
    summary: 'Replace one section; the whole resulting configuration is checked before it is stored',
  })
  @ApiParam(sectionParamOpenApi)
  @ApiBody({ schema: putSectionBodyOpenApi })
  @ApiOkResponse({ description: 'the new version', schema: communeConfigViewOpenApi })
  @ApiBadRequestResponse({
    description:
      'COMMUNE.INVALID_REQUEST, COMMUNE.INVALID_CONFIG, COMMUNE.DUPLICATE_CODE, COMMUNE.UNKNOWN_UNIT, COMMUNE.INACTIVE_UNIT, COMMUNE.DUPLICATE_ALIAS; details.path names the field',
    schema: errorOpenApi,
  })
  @ApiForbiddenResponse({ description: 'not an administrator', schema: errorOpenApi })
  @ApiNotFoundResponse({ description: 'COMMUNE.UNKNOWN_SECTION', schema: errorOpenApi })
  @ApiConflictResponse({
    description: 'COMMUNE.VERSION_CONFLICT: someone saved a newer version since expectedVersion',
    schema: errorOpenApi,
  })
  async put(
    @Param('section') sectionParam: string,
    @Body() body: unknown,
    @CurrentUser() user: AuthPrincipal,
  ): Promise<CommuneConfigView> {
    const section = parseSection(sectionParam);
    const { items, reason, expectedVersion } = parsePutSectionBody(body);
    return toConfigView(
      await this.directory.update(section, items, { by: user.username, reason, expectedVersion }),
    );
  }
}
