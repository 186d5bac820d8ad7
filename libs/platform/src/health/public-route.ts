import { SetMetadata } from '@nestjs/common';

/**
 * Metadata key the auth guard reads to let a route through without a token. Health probes and the
 * Prometheus scrape come from the orchestrator, which holds no user token.
 * Not exported from the barrel: the auth library owns the public `@Public()` decorator; this key is
 * the one agreed with it.
 */
export const IS_PUBLIC_KEY = 'tiepdan:isPublic';

export const PublicRoute = (): MethodDecorator & ClassDecorator => SetMetadata(IS_PUBLIC_KEY, true);
