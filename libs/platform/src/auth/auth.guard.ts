import { type CanActivate, type ExecutionContext, HttpStatus, Inject, Injectable } from '@nestjs/common';
import { Reflector } from '@nestjs/core';
import { IS_PUBLIC_KEY, ROLES_KEY, type AuthenticatedRequest } from './auth.decorators';
import { AuthHttpError, TokenVerificationError } from './auth.errors';
import type { AuthPrincipal } from './principal';
import type { Role } from './roles';
import { TOKEN_VERIFIER, type TokenVerifier } from './token-verifier';

export type AccessDecision =
  | { allow: true }
  | { allow: false; status: 401 | 403; code: 'AUTH.UNAUTHENTICATED' | 'AUTH.FORBIDDEN'; message: string };

/**
 * The access rule, pure so it can be tested without Nest: public endpoints are open; everything else
 * needs a principal; `@Roles` needs at least one of the listed roles (an empty list means any role).
 */
export function decideAccess(input: {
  isPublic: boolean;
  requiredRoles: readonly Role[] | undefined;
  principal: AuthPrincipal | undefined;
}): AccessDecision {
  if (input.isPublic) return { allow: true };
  if (!input.principal) {
    return { allow: false, status: 401, code: 'AUTH.UNAUTHENTICATED', message: 'a bearer token is required' };
  }
  const required = input.requiredRoles ?? [];
  if (required.length === 0 || required.some((r) => input.principal?.roles.includes(r)))
    return { allow: true };
  return {
    allow: false,
    status: 403,
    code: 'AUTH.FORBIDDEN',
    message: `requires one of the roles: ${required.join(', ')}`,
  };
}

/** `Authorization: Bearer <token>`; any other scheme counts as no token. */
export function extractBearerToken(header: string | string[] | undefined): string | undefined {
  const value = Array.isArray(header) ? header[0] : header;
  const match = value ? /^Bearer\s+(\S+)\s*$/i.exec(value) : null;
  return match ? match[1] : undefined;
}

/**
 * The global guard (registered as APP_GUARD by AuthModule): secure by default, so an endpoint someone
 * forgets to annotate is closed rather than open.
 */
@Injectable()
export class AuthGuard implements CanActivate {
  constructor(
    private readonly reflector: Reflector,
    @Inject(TOKEN_VERIFIER) private readonly verifier: TokenVerifier,
  ) {}

  async canActivate(context: ExecutionContext): Promise<boolean> {
    // Only HTTP is authenticated here; bus consumers are internal and carry the actor in event metadata.
    if (context.getType() !== 'http') return true;
    const targets = [context.getHandler(), context.getClass()];
    const isPublic = this.reflector.getAllAndOverride<boolean | undefined>(IS_PUBLIC_KEY, targets) === true;
    const requiredRoles = this.reflector.getAllAndOverride<Role[] | undefined>(ROLES_KEY, targets);
    const request = context
      .switchToHttp()
      .getRequest<AuthenticatedRequest & { headers: Record<string, string | string[] | undefined> }>();

    const token = extractBearerToken(request.headers['authorization']);
    let principal: AuthPrincipal | undefined;
    if (token) {
      try {
        principal = await this.verifier.verify(token);
        request.user = principal;
      } catch (error) {
        // A public endpoint ignores a bad token (it may show more to a signed-in user, never less).
        if (!isPublic) throw toHttpError(error);
      }
    }

    const decision = decideAccess({ isPublic, requiredRoles, principal });
    if (decision.allow) return true;
    throw new AuthHttpError(decision.status, decision.code, decision.message);
  }
}

function toHttpError(error: unknown): AuthHttpError {
  if (error instanceof TokenVerificationError) {
    const status =
      error.code === 'AUTH.PROVIDER_UNAVAILABLE' ? HttpStatus.SERVICE_UNAVAILABLE : HttpStatus.UNAUTHORIZED;
    return new AuthHttpError(status, error.code, error.message);
  }
  return new AuthHttpError(HttpStatus.UNAUTHORIZED, 'AUTH.TOKEN_INVALID', 'the token could not be verified');
}
