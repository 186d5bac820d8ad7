import { Body, Controller, Get, HttpCode, HttpStatus, Inject, Param, Patch, Post } from '@nestjs/common';
import { CurrentUser, Public, Roles } from './auth.decorators';
import { AuthHttpError, UserStoreError } from './auth.errors';
import {
  type UserView,
  createUserSchema,
  parseBody,
  patchUserSchema,
  toUserView,
  tokenRequestSchema,
} from './auth.dto';
import { type IssuedToken, LocalTokenService } from './local-token.service';
import { LocalUserStore, principalOf } from './local-user-store';
import type { AuthPrincipal } from './principal';
import { ROLE_LABELS } from './roles';

/** Who am I: works in both modes, the admin UI uses it to shape its menus. */
@Controller('auth')
export class AuthMeController {
  @Get('me')
  me(@CurrentUser() user: AuthPrincipal): AuthPrincipal & { roleLabels: { vi: string; en: string }[] } {
    return { ...user, roleLabels: user.roles.map((r) => ROLE_LABELS[r]) };
  }
}

/** Login and user management of embedded mode (an OIDC provider does both in production). */
@Controller('auth')
export class LocalAuthController {
  constructor(
    @Inject(LocalUserStore) private readonly users: LocalUserStore,
    @Inject(LocalTokenService) private readonly tokens: LocalTokenService,
  ) {}

  @Public()
  @Post('token')
  @HttpCode(HttpStatus.OK)
  async token(@Body() body: unknown): Promise<IssuedToken> {
    const { username, password } = parseBody(tokenRequestSchema, body);
    const user = await this.users.verifyCredentials(username, password);
    // One answer for unknown user, wrong password and disabled account: no hint for a guesser.
    if (!user)
      throw new AuthHttpError(
        HttpStatus.UNAUTHORIZED,
        'AUTH.INVALID_CREDENTIALS',
        'wrong username or password',
      );
    return this.tokens.issue(principalOf(user));
  }

  @Roles('administrator')
  @Get('users')
  async list(): Promise<UserView[]> {
    return (await this.users.list()).map(toUserView);
  }

  @Roles('administrator')
  @Post('users')
  async create(@Body() body: unknown): Promise<UserView> {
    const input = parseBody(createUserSchema, body);
    return toUserView(await storeCall(() => this.users.create(input)));
  }

  @Roles('administrator')
  @Patch('users/:id')
  async update(
    @Param('id') id: string,
    @Body() body: unknown,
    @CurrentUser() actor: AuthPrincipal,
  ): Promise<UserView> {
    const patch = parseBody(patchUserSchema, body);
    // An administrator who disables or demotes themself may leave nobody able to manage users.
    if (
      id === actor.userId &&
      (patch.disabled === true || (patch.roles && !patch.roles.includes('administrator')))
    ) {
      throw new AuthHttpError(
        HttpStatus.CONFLICT,
        'AUTH.SELF_LOCKOUT',
        'you cannot disable yourself or remove your own administrator role',
      );
    }
    return toUserView(await storeCall(() => this.users.update(id, patch)));
  }
}

async function storeCall<T>(fn: () => Promise<T>): Promise<T> {
  try {
    return await fn();
  } catch (error) {
    if (error instanceof UserStoreError) {
      const status =
        error.code === 'AUTH.USER_NOT_FOUND'
          ? HttpStatus.NOT_FOUND
          : error.code === 'AUTH.USERNAME_TAKEN'
            ? HttpStatus.CONFLICT
            : HttpStatus.BAD_REQUEST;
      throw new AuthHttpError(status, error.code, error.message);
    }
    throw error;
  }
}
