import { Controller, Get, type INestApplication } from '@nestjs/common';
import { Test } from '@nestjs/testing';
import { createTestDatabase, type TestDatabase } from '@tiep-dan/testing';
import { Pool } from 'pg';
import request from 'supertest';
import { CurrentUser, Public, Roles } from '../src/auth/auth.decorators';
import { AuthModule } from '../src/auth/auth.module';
import { LocalUserStore, ensureInitialAdmin } from '../src/auth/local-user-store';
import type { AuthPrincipal } from '../src/auth/principal';
import { signTestToken } from '../src/auth/testing';

const SECRET = 'integration-test-secret-0123456789abcdef';
const ADMIN_PASSWORD = 'admin-initial-password';

@Controller('things')
class ThingsController {
  @Get()
  list(@CurrentUser() user: AuthPrincipal): { user: string } {
    return { user: user.username };
  }

  @Roles('chairman')
  @Get('chairman-only')
  chairman(): { ok: true } {
    return { ok: true };
  }

  @Public()
  @Get('open')
  open(@CurrentUser() user: AuthPrincipal | undefined): { user: string | null } {
    return { user: user?.username ?? null };
  }
}

describe('local authentication (embedded mode) with PostgreSQL', () => {
  let db: TestDatabase;
  let pool: Pool;
  let app: INestApplication;
  let http: ReturnType<typeof request>;
  let adminToken: string;

  const login = (username: string, password: string) => http.post('/auth/token').send({ username, password });

  beforeAll(async () => {
    db = await createTestDatabase('auth_local');
    pool = new Pool({ connectionString: db.url, max: 4 });
    const moduleRef = await Test.createTestingModule({
      imports: [
        AuthModule.forRoot({
          mode: 'local',
          jwtSecret: SECRET,
          pool,
          schema: 'auth',
          initialAdminPassword: ADMIN_PASSWORD,
        }),
      ],
      controllers: [ThingsController],
    }).compile();
    app = moduleRef.createNestApplication({ logger: false });
    await app.init();
    http = request(app.getHttpServer());
    const res = await login('admin', ADMIN_PASSWORD);
    adminToken = res.body.accessToken;
  });

  afterAll(async () => {
    await app?.close();
    await pool?.end();
    await db?.drop();
  });

  it('creates the initial administrator on first start, who can log in', async () => {
    const res = await login('admin', ADMIN_PASSWORD);
    expect(res.status).toBe(200);
    expect(res.body).toMatchObject({ tokenType: 'Bearer', expiresIn: 8 * 3600 });
    expect(typeof res.body.accessToken).toBe('string');
  });

  it('login → token → protected endpoint answers 200 and /auth/me shows the principal', async () => {
    await http.get('/things').set('Authorization', `Bearer ${adminToken}`).expect(200, { user: 'admin' });
    const me = await http.get('/auth/me').set('Authorization', `Bearer ${adminToken}`).expect(200);
    expect(me.body).toMatchObject({
      username: 'admin',
      roles: ['administrator'],
      roleLabels: [{ vi: 'Quản trị hệ thống', en: 'Administrator' }],
    });
  });

  it('answers the same generic 401 AUTH.INVALID_CREDENTIALS for a wrong password and an unknown user', async () => {
    const wrongPassword = await login('admin', 'nope');
    const unknownUser = await login('nobody', 'nope');
    expect(wrongPassword.status).toBe(401);
    expect(wrongPassword.body).toEqual({
      statusCode: 401,
      code: 'AUTH.INVALID_CREDENTIALS',
      message: 'wrong username or password',
    });
    expect(unknownUser.body).toEqual(wrongPassword.body);
  });

  it('refuses a malformed login body with 400 AUTH.VALIDATION_FAILED', async () => {
    const res = await http.post('/auth/token').send({ username: 'admin' });
    expect(res.status).toBe(400);
    expect(res.body.code).toBe('AUTH.VALIDATION_FAILED');
  });

  it('refuses a request without token with 401 AUTH.UNAUTHENTICATED', async () => {
    const res = await http.get('/things');
    expect(res.status).toBe(401);
    expect(res.body).toEqual({
      statusCode: 401,
      code: 'AUTH.UNAUTHENTICATED',
      message: 'a bearer token is required',
    });
  });

  it('refuses a caller without the required role with 403 AUTH.FORBIDDEN', async () => {
    const token = await signTestToken(SECRET, { roles: ['reception_officer'] });
    const res = await http.get('/things/chairman-only').set('Authorization', `Bearer ${token}`);
    expect(res.status).toBe(403);
    expect(res.body).toMatchObject({ statusCode: 403, code: 'AUTH.FORBIDDEN' });
  });

  it('lets a caller with the required role in', async () => {
    const token = await signTestToken(SECRET, { roles: ['chairman'] });
    await http.get('/things/chairman-only').set('Authorization', `Bearer ${token}`).expect(200, { ok: true });
  });

  it('refuses an expired token with 401 AUTH.TOKEN_EXPIRED', async () => {
    const token = await signTestToken(SECRET, { roles: ['chairman'], expiresInSeconds: -5 });
    const res = await http.get('/things').set('Authorization', `Bearer ${token}`);
    expect(res.status).toBe(401);
    expect(res.body).toMatchObject({ statusCode: 401, code: 'AUTH.TOKEN_EXPIRED' });
  });

  it('refuses a token signed with another secret with 401 AUTH.TOKEN_INVALID', async () => {
    const token = await signTestToken('some-other-secret-0123456789abcdefgh', { roles: ['administrator'] });
    const res = await http.get('/things').set('Authorization', `Bearer ${token}`);
    expect(res.status).toBe(401);
    expect(res.body.code).toBe('AUTH.TOKEN_INVALID');
  });

  it('a @Public endpoint is reachable without token, and ignores a bad one', async () => {
    await http.get('/things/open').expect(200, { user: null });
    await http.get('/things/open').set('Authorization', 'Bearer garbage').expect(200, { user: null });
    await http
      .get('/things/open')
      .set('Authorization', `Bearer ${adminToken}`)
      .expect(200, { user: 'admin' });
  });

  describe('user management (administrator only)', () => {
    let userId: string;

    it('creates a user who can then log in with the roles given', async () => {
      const created = await http
        .post('/auth/users')
        .set('Authorization', `Bearer ${adminToken}`)
        .send({
          username: 'ChuTich',
          password: 'mật khẩu chủ tịch',
          displayName: 'Chủ tịch UBND xã',
          roles: ['chairman'],
          unitId: 'ubnd',
        })
        .expect(201);
      expect(created.body).toMatchObject({
        username: 'chutich',
        displayName: 'Chủ tịch UBND xã',
        roles: ['chairman'],
        unitId: 'ubnd',
        disabled: false,
      });
      expect(created.body).not.toHaveProperty('passwordHash');
      userId = created.body.id;

      const res = await login('CHUTICH', 'mật khẩu chủ tịch').expect(200);
      await http
        .get('/things/chairman-only')
        .set('Authorization', `Bearer ${res.body.accessToken}`)
        .expect(200);
    });

    it('refuses a taken username with 409 AUTH.USERNAME_TAKEN', async () => {
      const res = await http
        .post('/auth/users')
        .set('Authorization', `Bearer ${adminToken}`)
        .send({ username: 'chutich', password: 'another password', roles: [] });
      expect(res.status).toBe(409);
      expect(res.body.code).toBe('AUTH.USERNAME_TAKEN');
    });

    it('refuses an invalid user with 400 AUTH.VALIDATION_FAILED and the reasons', async () => {
      const res = await http
        .post('/auth/users')
        .set('Authorization', `Bearer ${adminToken}`)
        .send({ username: 'x', password: 'short', roles: ['mayor'] });
      expect(res.status).toBe(400);
      expect(res.body.code).toBe('AUTH.VALIDATION_FAILED');
      expect(res.body.details.map((d: { path: string }) => d.path).sort()).toEqual([
        'password',
        'roles.0',
        'username',
      ]);
    });

    it('lists users without password hashes', async () => {
      const res = await http.get('/auth/users').set('Authorization', `Bearer ${adminToken}`).expect(200);
      expect(res.body.map((u: { username: string }) => u.username)).toEqual(['admin', 'chutich']);
      expect(JSON.stringify(res.body)).not.toContain('scrypt$');
    });

    it('does not let a non-administrator manage users', async () => {
      const token = await signTestToken(SECRET, { roles: ['chairman'] });
      await http.get('/auth/users').set('Authorization', `Bearer ${token}`).expect(403);
      await http
        .patch(`/auth/users/${userId}`)
        .set('Authorization', `Bearer ${token}`)
        .send({ disabled: true })
        .expect(403);
    });

    it('changes roles; the next login carries them', async () => {
      await http
        .patch(`/auth/users/${userId}`)
        .set('Authorization', `Bearer ${adminToken}`)
        .send({ roles: ['chairman', 'unit_head'] })
        .expect(200);
      const res = await login('chutich', 'mật khẩu chủ tịch').expect(200);
      const me = await http
        .get('/auth/me')
        .set('Authorization', `Bearer ${res.body.accessToken}`)
        .expect(200);
      expect(me.body.roles).toEqual(['chairman', 'unit_head']);
    });

    it('a disabled user can no longer log in, with the same generic error', async () => {
      await http
        .patch(`/auth/users/${userId}`)
        .set('Authorization', `Bearer ${adminToken}`)
        .send({ disabled: true })
        .expect(200);
      const res = await login('chutich', 'mật khẩu chủ tịch');
      expect(res.status).toBe(401);
      expect(res.body.code).toBe('AUTH.INVALID_CREDENTIALS');
    });

    it('answers 404 AUTH.USER_NOT_FOUND for an unknown user id', async () => {
      for (const id of ['6f1c1d52-0c1e-4f7e-9d7a-000000000000', 'not-a-uuid']) {
        const res = await http
          .patch(`/auth/users/${id}`)
          .set('Authorization', `Bearer ${adminToken}`)
          .send({ disabled: true });
        expect(res.status).toBe(404);
        expect(res.body.code).toBe('AUTH.USER_NOT_FOUND');
      }
    });

    it('refuses an empty or unknown patch', async () => {
      await http
        .patch(`/auth/users/${userId}`)
        .set('Authorization', `Bearer ${adminToken}`)
        .send({})
        .expect(400);
      await http
        .patch(`/auth/users/${userId}`)
        .set('Authorization', `Bearer ${adminToken}`)
        .send({ username: 'x' })
        .expect(400);
    });

    it('an administrator cannot disable themself or drop their own administrator role (409 AUTH.SELF_LOCKOUT)', async () => {
      const me = await http.get('/auth/me').set('Authorization', `Bearer ${adminToken}`).expect(200);
      const res = await http
        .patch(`/auth/users/${me.body.userId}`)
        .set('Authorization', `Bearer ${adminToken}`)
        .send({ roles: ['chairman'] });
      expect(res.status).toBe(409);
      expect(res.body.code).toBe('AUTH.SELF_LOCKOUT');
    });
  });

  describe('LocalUserStore', () => {
    it('migrates idempotently and never recreates the admin once users exist', async () => {
      const store = new LocalUserStore(pool, 'auth');
      await store.migrate();
      await expect(ensureInitialAdmin(store, 'another-password')).resolves.toEqual({ created: false });
      await login('admin', ADMIN_PASSWORD).expect(200);
    });

    it('creates the admin in an empty store, once, even when two starts race', async () => {
      const store = new LocalUserStore(pool, 'auth_race');
      await store.migrate();
      const results = await Promise.all([
        ensureInitialAdmin(store, 'pw-one-xxxxxxxx'),
        ensureInitialAdmin(store, 'pw-two-xxxxxxxx'),
      ]);
      expect(results.filter((r) => r.created)).toHaveLength(1);
      expect(await store.count()).toBe(1);
    });

    it('verifies credentials, sets roles and disables', async () => {
      const store = new LocalUserStore(pool, 'auth_race');
      const user = await store.create({
        username: 'congan',
        password: 'mật khẩu công an',
        roles: ['police', 'police'],
      });
      expect(user.roles).toEqual(['police']);
      await expect(store.verifyCredentials('congan', 'mật khẩu công an')).resolves.toMatchObject({
        id: user.id,
      });
      await expect(store.verifyCredentials('congan', 'wrong')).resolves.toBeUndefined();
      await expect(store.setRoles(user.id, ['police', 'unit_head'])).resolves.toMatchObject({
        roles: ['police', 'unit_head'],
      });
      await store.disable(user.id);
      await expect(store.verifyCredentials('congan', 'mật khẩu công an')).resolves.toBeUndefined();
      await expect(store.findByUsername('CongAn')).resolves.toMatchObject({ disabled: true });
    });
  });
});
