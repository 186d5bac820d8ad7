import {
  type DynamicModule,
  Inject,
  Injectable,
  Logger,
  Module,
  type ModuleMetadata,
  type OnModuleInit,
  type Provider,
} from '@nestjs/common';
import { APP_GUARD } from '@nestjs/core';
import type { Pool } from 'pg';
import { z } from 'zod';
import { AuthGuard } from './auth.guard';
import { AuthMeController, LocalAuthController } from './auth.http.controller';
import { CachedTokenVerifier } from './cached-token-verifier';
import { LocalTokenService, MIN_SECRET_LENGTH } from './local-token.service';
import { LocalUserStore, ensureInitialAdmin } from './local-user-store';
import { OidcTokenVerifier } from './oidc-token-verifier';
import { type Role, isRole } from './roles';
import { TOKEN_VERIFIER, type TokenVerifier } from './token-verifier';

export interface AuthModuleOptions {
  mode: 'local' | 'oidc';
  /** local: the HS256 secret (≥ 32 characters), shared by every process that verifies tokens. */
  jwtSecret?: string;
  issuer?: string;
  audience?: string;
  /** oidc: the provider's JWKS endpoint. */
  jwksUrl?: string;
  /** oidc: dot path of the roles claim (`realm_access.roles` by default, `roles`…). */
  rolesClaim?: string;
  /** oidc: provider role name → our role, when they differ. */
  roleMapping?: Record<string, Role>;
  /** oidc: claim with the user's unit id (`unit_id` by default). */
  unitClaim?: string;
  /** local: with a pool, this process also hosts the user store, `POST /auth/token` and `/auth/users`. */
  pool?: Pool;
  /** local: schema of the users table (`auth` by default). */
  schema?: string;
  tokenTtlSeconds?: number;
  /** local with pool: creates `admin` with this password on first start when no user exists. */
  initialAdminPassword?: string;
}

export const AUTH_OPTIONS = Symbol('AUTH_OPTIONS');
/** The verifier of the configured identity source, before `CachedTokenVerifier` wraps it. */
const SOURCE_VERIFIER = Symbol('SOURCE_VERIFIER');

const optionsSchema = z.discriminatedUnion('mode', [
  z.object({
    mode: z.literal('local'),
    jwtSecret: z
      .string()
      .min(MIN_SECRET_LENGTH, `jwtSecret must be at least ${MIN_SECRET_LENGTH} characters`),
    issuer: z.string().min(1).optional(),
    audience: z.string().min(1).optional(),
    schema: z
      .string()
      .regex(/^[a-z_][a-z0-9_]{0,62}$/)
      .optional(),
    tokenTtlSeconds: z
      .number()
      .int()
      .positive()
      .max(7 * 24 * 3600)
      .optional(),
  }),
  z.object({
    mode: z.literal('oidc'),
    jwksUrl: z.string().url(),
    issuer: z.string().min(1),
    audience: z.string().min(1),
    rolesClaim: z.string().min(1).optional(),
    roleMapping: z.record(z.string().refine(isRole, 'not a role')).optional(),
  }),
]);

/** Fails at start-up, with the reason, rather than on the first request. */
export function validateAuthOptions(options: AuthModuleOptions): AuthModuleOptions {
  const result = optionsSchema.safeParse(options);
  if (!result.success) {
    const reasons = result.error.issues
      .map((i) => `${i.path.join('.') || 'options'}: ${i.message}`)
      .join('; ');
    throw new Error(`invalid AuthModule options: ${reasons}`);
  }
  return options;
}

@Injectable()
class LocalAuthInitializer implements OnModuleInit {
  private readonly logger = new Logger('AuthModule');

  constructor(
    @Inject(LocalUserStore) private readonly store: LocalUserStore,
    @Inject(AUTH_OPTIONS) private readonly options: AuthModuleOptions,
  ) {}

  async onModuleInit(): Promise<void> {
    await this.store.migrate();
    if (this.options.initialAdminPassword) {
      const { created } = await ensureInitialAdmin(this.store, this.options.initialAdminPassword);
      if (created) this.logger.log('created the initial administrator account "admin"');
    }
  }
}

/**
 * JWT authentication for every HTTP endpoint (a global guard) and, in local mode with a pool, the
 * local user store and its endpoints. Import it once, in the root module of each process: the guard
 * is global, and a second import would verify every token twice.
 */
@Module({})
export class AuthModule {
  static forRoot(options: AuthModuleOptions): DynamicModule {
    validateAuthOptions(options);
    return AuthModule.build(
      !!(options.mode === 'local' && options.pool),
      [{ provide: AUTH_OPTIONS, useValue: options }],
      [],
    );
  }

  /**
   * Options from other providers (the config module). `mode` and `userStore` are static because they
   * decide which controllers exist.
   */
  static forRootAsync(params: {
    mode: 'local' | 'oidc';
    /** local mode: true when the factory will return a pool (this process hosts the users). */
    userStore?: boolean;
    imports?: ModuleMetadata['imports'];
    inject?: (string | symbol | (abstract new (...args: never[]) => unknown))[];
    useFactory: (...args: never[]) => AuthModuleOptions | Promise<AuthModuleOptions>;
  }): DynamicModule {
    const optionsProvider: Provider = {
      provide: AUTH_OPTIONS,
      inject: params.inject ?? [],
      useFactory: async (...args: never[]) => {
        const options = validateAuthOptions(await params.useFactory(...args));
        if (options.mode !== params.mode)
          throw new Error(`AuthModule: options say mode ${options.mode}, forRootAsync said ${params.mode}`);
        if (params.userStore && !options.pool)
          throw new Error('AuthModule: userStore requested but the options have no pool');
        return options;
      },
    };
    return AuthModule.build(
      params.mode === 'local' && !!params.userStore,
      [optionsProvider],
      params.imports ?? [],
    );
  }

  private static build(
    withUserStore: boolean,
    optionsProviders: Provider[],
    imports: NonNullable<ModuleMetadata['imports']>,
  ): DynamicModule {
    const providers: Provider[] = [
      ...optionsProviders,
      {
        provide: SOURCE_VERIFIER,
        inject: [AUTH_OPTIONS],
        useFactory: (o: AuthModuleOptions) =>
          o.mode === 'local'
            ? localTokens(o)
            : new OidcTokenVerifier({
                jwksUrl: o.jwksUrl ?? '',
                issuer: o.issuer ?? '',
                audience: o.audience ?? '',
                ...(o.rolesClaim ? { rolesClaim: o.rolesClaim } : {}),
                ...(o.roleMapping ? { roleMapping: o.roleMapping } : {}),
                ...(o.unitClaim ? { unitClaim: o.unitClaim } : {}),
              }),
      },
      {
        provide: TOKEN_VERIFIER,
        inject: [SOURCE_VERIFIER],
        useFactory: (verifier: TokenVerifier) => new CachedTokenVerifier(verifier),
      },
      { provide: APP_GUARD, useClass: AuthGuard },
    ];
    const exported: (string | symbol | (abstract new (...args: never[]) => unknown))[] = [
      TOKEN_VERIFIER,
      AUTH_OPTIONS,
    ];
    if (withUserStore) {
      providers.push(
        { provide: LocalTokenService, inject: [SOURCE_VERIFIER], useFactory: (v: LocalTokenService) => v },
        {
          provide: LocalUserStore,
          inject: [AUTH_OPTIONS],
          useFactory: (o: AuthModuleOptions) => new LocalUserStore(requirePool(o), o.schema ?? 'auth'),
        },
        LocalAuthInitializer,
      );
      exported.push(LocalTokenService, LocalUserStore);
    }
    return {
      module: AuthModule,
      global: true,
      imports,
      controllers: withUserStore ? [AuthMeController, LocalAuthController] : [AuthMeController],
      providers,
      exports: exported,
    };
  }
}

function localTokens(o: AuthModuleOptions): LocalTokenService {
  return new LocalTokenService({
    secret: o.jwtSecret ?? '',
    ...(o.issuer ? { issuer: o.issuer } : {}),
    ...(o.audience ? { audience: o.audience } : {}),
    ...(o.tokenTtlSeconds ? { tokenTtlSeconds: o.tokenTtlSeconds } : {}),
  });
}

function requirePool(o: AuthModuleOptions): Pool {
  if (!o.pool) throw new Error('AuthModule: the local user store needs a pg pool');
  return o.pool;
}
