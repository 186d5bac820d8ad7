import { Controller, Get, type INestApplication } from '@nestjs/common';
import { Test } from '@nestjs/testing';
import { type JWK, SignJWT, exportJWK, generateKeyPair } from 'jose';
import { type Server, createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import request from 'supertest';
import { CurrentUser, Roles } from '../src/auth/auth.decorators';
import { TokenVerificationError } from '../src/auth/auth.errors';
import { AuthModule } from '../src/auth/auth.module';
import { OidcTokenVerifier } from '../src/auth/oidc-token-verifier';
import type { AuthPrincipal } from '../src/auth/principal';

const ISSUER = 'https://sso.example.gov.vn/realms/tinh';
const AUDIENCE = 'tiep-dan';
type PrivateKey = Awaited<ReturnType<typeof generateKeyPair>>['privateKey'];

@Controller('things')
class ThingsController {
  @Get()
  list(@CurrentUser() user: AuthPrincipal): AuthPrincipal {
    return user;
  }

  @Roles('administrator')
  @Get('admin-only')
  admin(): { ok: true } {
    return { ok: true };
  }
}

/** A tiny identity provider: only the JWKS endpoint, on 127.0.0.1 and a random port. */
async function serveJwks(keys: JWK[]): Promise<{ url: string; server: Server }> {
  const server = createServer((req, res) => {
    if (req.url === '/certs') {
      res.writeHead(200, { 'content-type': 'application/json' });
      res.end(JSON.stringify({ keys }));
    } else {
      res.writeHead(404).end();
    }
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return { url: `http://127.0.0.1:${port}/certs`, server };
}

describe('OIDC authentication against a JWKS', () => {
  let key: PrivateKey;
  let strangerKey: PrivateKey;
  let jwks: { url: string; server: Server };
  let app: INestApplication;
  let http: ReturnType<typeof request>;

  async function token(
    claims: Record<string, unknown>,
    options: { key?: PrivateKey; kid?: string; issuer?: string; audience?: string; exp?: number } = {},
  ) {
    const now = Math.floor(Date.now() / 1000);
    return new SignJWT(claims)
      .setProtectedHeader({ alg: 'RS256', kid: options.kid ?? 'k1' })
      .setSubject('f3a1c2d4-user')
      .setIssuer(options.issuer ?? ISSUER)
      .setAudience(options.audience ?? AUDIENCE)
      .setIssuedAt(now - 120)
      .setExpirationTime(options.exp ?? now + 300)
      .sign(options.key ?? key);
  }

  beforeAll(async () => {
    const pair = await generateKeyPair('RS256');
    key = pair.privateKey;
    strangerKey = (await generateKeyPair('RS256')).privateKey;
    const publicJwk = { ...(await exportJWK(pair.publicKey)), kid: 'k1', alg: 'RS256', use: 'sig' };
    jwks = await serveJwks([publicJwk]);
    const moduleRef = await Test.createTestingModule({
      imports: [
        AuthModule.forRoot({
          mode: 'oidc',
          jwksUrl: jwks.url,
          issuer: ISSUER,
          audience: AUDIENCE,
          rolesClaim: 'realm_access.roles',
          roleMapping: { 'tiepdan-quan-tri': 'administrator' },
        }),
      ],
      controllers: [ThingsController],
    }).compile();
    app = moduleRef.createNestApplication({ logger: false });
    await app.init();
    http = request(app.getHttpServer());
  });

  afterAll(async () => {
    await app?.close();
    await new Promise((resolve) => jwks?.server.close(resolve));
  });

  it('accepts a provider token and maps its roles, ignoring unknown ones', async () => {
    const t = await token({
      preferred_username: 'nguyenvana',
      name: 'Nguyễn Văn A',
      unit_id: 'phong-kinh-te',
      realm_access: { roles: ['unit_handler', 'offline_access', 'tiepdan-quan-tri'] },
    });
    const res = await http.get('/things').set('Authorization', `Bearer ${t}`).expect(200);
    expect(res.body).toEqual({
      userId: 'f3a1c2d4-user',
      username: 'nguyenvana',
      displayName: 'Nguyễn Văn A',
      roles: ['unit_handler', 'administrator'],
      unitId: 'phong-kinh-te',
    });
    await http.get('/things/admin-only').set('Authorization', `Bearer ${t}`).expect(200);
  });

  it('a token with only unknown roles is authenticated but forbidden on role-restricted endpoints', async () => {
    const t = await token({ realm_access: { roles: ['offline_access'] } });
    await http.get('/things').set('Authorization', `Bearer ${t}`).expect(200);
    const res = await http.get('/things/admin-only').set('Authorization', `Bearer ${t}`);
    expect(res.status).toBe(403);
    expect(res.body.code).toBe('AUTH.FORBIDDEN');
  });

  it('refuses an expired token with 401 AUTH.TOKEN_EXPIRED', async () => {
    const t = await token({}, { exp: Math.floor(Date.now() / 1000) - 3600 });
    const res = await http.get('/things').set('Authorization', `Bearer ${t}`);
    expect(res.status).toBe(401);
    expect(res.body).toMatchObject({ statusCode: 401, code: 'AUTH.TOKEN_EXPIRED' });
  });

  it('refuses a token of another issuer or audience with 401 AUTH.TOKEN_INVALID', async () => {
    for (const t of [
      await token({}, { issuer: 'https://evil.example' }),
      await token({}, { audience: 'another-app' }),
    ]) {
      const res = await http.get('/things').set('Authorization', `Bearer ${t}`);
      expect(res.status).toBe(401);
      expect(res.body.code).toBe('AUTH.TOKEN_INVALID');
    }
  });

  it('refuses a token signed by a key the provider does not publish', async () => {
    for (const t of [
      await token({}, { key: strangerKey }),
      await token({}, { key: strangerKey, kid: 'k2' }),
    ]) {
      const res = await http.get('/things').set('Authorization', `Bearer ${t}`);
      expect(res.status).toBe(401);
      expect(res.body.code).toBe('AUTH.TOKEN_INVALID');
    }
  });

  it('does not offer local login in OIDC mode', async () => {
    await http.post('/auth/token').send({ username: 'admin', password: 'x' }).expect(404);
  });

  it('reports an unreachable JWKS endpoint as AUTH.PROVIDER_UNAVAILABLE, not as a bad token', async () => {
    const down = await serveJwks([]);
    const url = down.url;
    await new Promise((resolve) => down.server.close(resolve));
    const verifier = new OidcTokenVerifier({ jwksUrl: url, issuer: ISSUER, audience: AUDIENCE });
    const error = await verifier.verify(await token({})).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(TokenVerificationError);
    expect((error as TokenVerificationError).code).toBe('AUTH.PROVIDER_UNAVAILABLE');
  });

  it('rejects the configuration at start-up when required OIDC settings are missing', () => {
    expect(() =>
      AuthModule.forRoot({ mode: 'oidc', jwksUrl: 'not a url', issuer: ISSUER, audience: AUDIENCE }),
    ).toThrow(/jwksUrl/);
    expect(() => AuthModule.forRoot({ mode: 'local', jwtSecret: 'short' })).toThrow(/at least 32/);
  });
});
