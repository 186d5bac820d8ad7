import { type ExecutionContext, SetMetadata, createParamDecorator } from '@nestjs/common';
import type { AuthPrincipal } from './principal';
import type { Role } from './roles';

export const IS_PUBLIC_KEY = 'tiepdan:isPublic';
export const ROLES_KEY = 'tiepdan:roles';

/** Opens an endpoint (or a whole controller) to callers without a token: health, login, public forms. */
export const Public = (): MethodDecorator & ClassDecorator => SetMetadata(IS_PUBLIC_KEY, true);

/**
 * Restricts an endpoint (or controller) to callers holding at least one of the roles. A method's
 * `@Roles` replaces its controller's, so a controller can be broad and one method narrower.
 */
export const Roles = (...roles: Role[]): MethodDecorator & ClassDecorator => SetMetadata(ROLES_KEY, roles);

/** The request property the guard stores the principal in (Passport's convention, familiar to Nest users). */
export interface AuthenticatedRequest {
  user?: AuthPrincipal;
}

/** The authenticated principal; `undefined` on a `@Public()` endpoint called without a token. */
export const CurrentUser = createParamDecorator(
  (_data: unknown, ctx: ExecutionContext): AuthPrincipal | undefined =>
    ctx.switchToHttp().getRequest<AuthenticatedRequest>().user,
);
