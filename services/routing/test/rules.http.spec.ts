import { randomBytes } from 'node:crypto';
import type { INestApplication } from '@nestjs/common';
import { DocumentBuilder, SwaggerModule } from '@nestjs/swagger';
import { Test } from '@nestjs/testing';
import { AuthModule, DomainErrorFilter, type Role, signTestToken } from '@tiep-dan/platform';
import { adminDatabaseUrl } from '@tiep-dan/testing';
import { Pool } from 'pg';
import request from 'supertest';
import { RulesModule } from '../src/application/rules/rules.module';
import { RulesService } from '../src/application/rules/rules.service';
import { DEFAULT_RULE_SET, type RuleSet } from '../src/domain/jurisdiction';
import { RuleSetRepository } from '../src/infrastructure/rules/rule-set.repository';

const SECRET = 'rules-test-secret-0123456789abcdefghij';
const SCHEMA = `rules_test_${randomBytes(4).toString('hex')}`;

/** The default set without its version, as an editor sends it back after a change. */
const draft = (change: (set: RuleSet) => void = () => undefined): Omit<RuleSet, 'version'> => {
  const set = JSON.parse(JSON.stringify(DEFAULT_RULE_SET)) as RuleSet;
  change(set);
  const { version: _version, ...rest } = set;
  return rest;
};

const ruleIndex = (set: RuleSet, id: string) => set.rules.findIndex((r) => r.id === id);

describe('competence rules endpoints with PostgreSQL', () => {
  let pool: Pool;
  let app: INestApplication;
  let http: ReturnType<typeof request>;
  const tokens = {} as Record<Role, string>;

  beforeAll(async () => {
    pool = new Pool({ connectionString: adminDatabaseUrl(), max: 4 });
    const moduleRef = await Test.createTestingModule({
      imports: [
        AuthModule.forRoot({ mode: 'local', jwtSecret: SECRET }),
        RulesModule.register({ pool, schema: SCHEMA }),
      ],
    }).compile();
    app = moduleRef.createNestApplication({ logger: false });
    app.useGlobalFilters(new DomainErrorFilter());
    await app.init();
    http = request(app.getHttpServer());
    for (const role of ['administrator', 'petition_processor', 'chairman', 'unit_head', 'police'] as Role[])
      tokens[role] = await signTestToken(SECRET, { roles: [role], username: `${role}-user` });
  });

  afterAll(async () => {
    await app?.close();
    await pool?.query(`DROP SCHEMA IF EXISTS ${SCHEMA} CASCADE`);
    await pool?.end();
  });

  const get = (path: string, role: Role = 'petition_processor') =>
    http.get(path).set('Authorization', `Bearer ${tokens[role]}`);
  const put = (body: object, role: Role = 'administrator') =>
    http.put('/routing/rules').set('Authorization', `Bearer ${tokens[role]}`).send(body);
  const explain = (facts: object, query = '') =>
    http
      .post(`/routing/rules/explain${query}`)
      .set('Authorization', `Bearer ${tokens.petition_processor}`)
      .send(facts);

  it('seeds the default rule set as version 1 on first start', async () => {
    const res = await get('/routing/rules').expect(200);
    expect(res.body).toMatchObject({ version: 1, createdBy: 'seed' });
    expect(res.body.ruleSet).toEqual(DEFAULT_RULE_SET);
    expect(Date.parse(res.body.createdAt)).not.toBeNaN();
  });

  it('lets administrators, processors, the chairman and unit heads read the rules; nobody else', async () => {
    for (const role of ['administrator', 'petition_processor', 'chairman', 'unit_head'] as Role[])
      expect({ role, status: (await get('/routing/rules', role)).status }).toEqual({ role, status: 200 });
    const police = await get('/routing/rules', 'police');
    expect(police.status).toBe(403);
    expect(police.body.code).toBe('AUTH.FORBIDDEN');
    const anonymous = await http.get('/routing/rules');
    expect(anonymous.status).toBe(401);
  });

  it('explains the competent body for a petition’s facts, naming the rule and version', async () => {
    const res = await explain({
      kind: 'denunciation',
      classification: 'corruption',
      respondent: { type: 'official', level: 'commune', isChairman: true },
    }).expect(200);
    expect(res.body).toMatchObject({
      ruleId: 'denunciation.commune-chairman',
      ruleSetVersion: 1,
      outcome: 'forward',
      body: { code: 'provincial-committee' },
    });
    expect(res.body.explanation.vi).toContain('Chủ tịch Ủy ban nhân dân tỉnh Thái Nguyên');
  });

  it('refuses facts of the wrong shape with 400 RULES.INVALID_FACTS', async () => {
    const res = await explain({ kind: 'reflection', classification: 'corruption' });
    expect({ status: res.status, code: res.body.code, path: res.body.details.path }).toEqual({
      status: 400,
      code: 'RULES.INVALID_FACTS',
      path: 'classification',
    });
  });

  it('reports the coverage of the current set: no holes, no conflicts', async () => {
    const res = await get('/routing/rules/coverage', 'chairman').expect(200);
    expect(res.body).toMatchObject({
      version: 1,
      uncoveredCount: 0,
      ambiguousCount: 0,
      uncovered: [],
      ambiguous: [],
    });
    expect(res.body.combinations).toBeGreaterThan(10_000);
  });

  describe('PUT /routing/rules', () => {
    it('is for administrators only (403 for a petition processor), and stores nothing', async () => {
      const res = await put({ expectedVersion: 1, ruleSet: draft() }, 'petition_processor');
      expect(res.status).toBe(403);
      expect(res.body.code).toBe('AUTH.FORBIDDEN');
      expect((await get('/routing/rules')).body.version).toBe(1);
    });

    it('refuses an unknown body with 400 RULES.UNKNOWN_BODY naming the rule and field', async () => {
      const res = await put({
        expectedVersion: 1,
        ruleSet: draft((set) => (set.rules[2].then.body = 'district-committee')),
      });
      expect(res.status).toBe(400);
      expect(res.body).toMatchObject({
        code: 'RULES.UNKNOWN_BODY',
        details: { path: 'rules[2].then.body', ruleId: DEFAULT_RULE_SET.rules[2].id },
      });
    });

    it('refuses a classification of another kind with 400 RULES.CLASSIFICATION_NOT_OF_KIND', async () => {
      const res = await put({
        expectedVersion: 1,
        ruleSet: draft((set) => {
          set.rules[ruleIndex(set, 'recommendation.land')].when.classifications = ['corruption'];
        }),
      });
      expect(res.status).toBe(400);
      expect(res.body.code).toBe('RULES.CLASSIFICATION_NOT_OF_KIND');
    });

    it('refuses a body without expectedVersion with 400 RULES.INVALID_REQUEST', async () => {
      const res = await put({ ruleSet: draft() });
      expect({ status: res.status, code: res.body.code, path: res.body.details.path }).toEqual({
        status: 400,
        code: 'RULES.INVALID_REQUEST',
        path: 'expectedVersion',
      });
    });

    it('refuses a set in which two rules claim the same petitions with 422 RULES.AMBIGUOUS, listing them', async () => {
      const res = await put({
        expectedVersion: 1,
        ruleSet: draft((set) => {
          // Same specificity as recommendation.policy and .land (kinds + one more condition), now the same priority.
          set.rules[ruleIndex(set, 'recommendation.tag.economic')].priority = 5;
        }),
      });
      expect(res.status).toBe(422);
      expect(res.body.code).toBe('RULES.AMBIGUOUS');
      expect(res.body.details.ambiguousCount).toBeGreaterThan(0);
      const claims = (res.body.details.ambiguous as { ruleIds: string[] }[]).map((a) =>
        a.ruleIds.sort().join(' & '),
      );
      expect(claims[0]).toBe('recommendation.policy & recommendation.tag.economic');
      expect(claims.every((c) => c.includes('recommendation.tag.economic'))).toBe(true);
      expect((await get('/routing/rules')).body.version).toBe(1);
    });

    it('publishes version 2 with who and why, warns of holes, and keeps version 1 readable', async () => {
      const res = await put({
        expectedVersion: 1,
        note: 'Bỏ quy tắc dự phòng cho phản ánh (test)',
        // An editor sends back what it read, version included: it is ignored.
        ruleSet: {
          ...draft((set) => {
            set.rules = set.rules.filter((r) => r.id !== 'recommendation.commune');
          }),
          version: 1,
        },
      }).expect(200);
      expect(res.body).toMatchObject({
        version: 2,
        createdBy: 'administrator-user',
        note: 'Bỏ quy tắc dự phòng cho phản ánh (test)',
      });
      expect(res.body.ruleSet.version).toBe(2);
      expect(res.body.warnings.uncoveredCount).toBeGreaterThan(0);
      expect(res.body.warnings.uncovered[0]).toMatchObject({ kind: 'recommendation' });

      expect((await get('/routing/rules')).body.version).toBe(2);
      const old = await get('/routing/rules/versions/1').expect(200);
      expect(old.body.ruleSet).toEqual(DEFAULT_RULE_SET);
      const versions = await get('/routing/rules/versions').expect(200);
      expect(
        versions.body.map((v: { version: number; createdBy: string }) => [v.version, v.createdBy]),
      ).toEqual([
        [2, 'administrator-user'],
        [1, 'seed'],
      ]);
      expect(versions.body[1].ruleCount).toBe(DEFAULT_RULE_SET.rules.length);
    });

    it('answers with the new rules at once: a hole gives 422 RULES.NO_RULE, version 1 still explains it', async () => {
      const facts = { kind: 'reflection', classification: 'other' };
      const now = await explain(facts);
      expect({ status: now.status, code: now.body.code }).toEqual({ status: 422, code: 'RULES.NO_RULE' });
      const then = await explain(facts, '?version=1').expect(200);
      expect(then.body).toMatchObject({ ruleId: 'recommendation.commune', ruleSetVersion: 1 });
      const coverage = await get('/routing/rules/coverage').expect(200);
      expect(coverage.body).toMatchObject({ version: 2, ambiguousCount: 0 });
      expect(coverage.body.uncoveredCount).toBeGreaterThan(0);
      expect(coverage.body.uncovered.length).toBeLessThanOrEqual(100);
    });

    it('refuses a stale expectedVersion with 409 RULES.VERSION_CONFLICT', async () => {
      const res = await put({ expectedVersion: 1, ruleSet: draft() });
      expect(res.status).toBe(409);
      expect(res.body).toMatchObject({
        code: 'RULES.VERSION_CONFLICT',
        details: { expectedVersion: 1, currentVersion: 2 },
      });
    });

    it('lets exactly one of two administrators publish over the same version', async () => {
      const results = await Promise.all([
        put({ expectedVersion: 2, ruleSet: draft() }),
        put({ expectedVersion: 2, ruleSet: draft() }),
      ]);
      expect(results.map((r) => r.status).sort()).toEqual([200, 409]);
      expect((await get('/routing/rules')).body.version).toBe(3);
    });
  });

  it('answers 404 RULES.VERSION_NOT_FOUND for a version never published and 400 for a bad one', async () => {
    const missing = await get('/routing/rules/versions/99');
    expect({ status: missing.status, code: missing.body.code }).toEqual({
      status: 404,
      code: 'RULES.VERSION_NOT_FOUND',
    });
    const bad = await get('/routing/rules/versions/abc');
    expect({ status: bad.status, code: bad.body.code }).toEqual({
      status: 400,
      code: 'RULES.INVALID_REQUEST',
    });
  });

  it('re-running the migration on a later start keeps every version and seeds nothing more', async () => {
    const repository = new RuleSetRepository(pool, SCHEMA);
    await repository.migrate();
    expect((await repository.list()).map((v) => v.version)).toEqual([3, 2, 1]);
  });

  it('RulesService.match gives the processing handlers the current rules’ answer', async () => {
    const match = await app.get(RulesService).match({
      kind: 'complaint',
      classification: 'administrative.land_housing',
      sensitiveTags: [],
      respondent: { type: 'decision', level: 'commune', isChairman: true, namesOfficial: false },
      complaintRound: 'first',
    });
    expect(match).toMatchObject({ ruleSetVersion: 3, outcome: 'accept', unitCode: 'economic-department' });
  });

  it('documents the endpoints in OpenAPI', () => {
    const document = SwaggerModule.createDocument(app, new DocumentBuilder().addBearerAuth().build());
    expect(Object.keys(document.paths)).toEqual(
      expect.arrayContaining([
        '/routing/rules',
        '/routing/rules/versions',
        '/routing/rules/versions/{version}',
        '/routing/rules/coverage',
        '/routing/rules/explain',
      ]),
    );
  });
});
