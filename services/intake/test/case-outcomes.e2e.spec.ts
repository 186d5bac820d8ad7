import { randomBytes, randomUUID } from 'node:crypto';
import { Topics, type PersonInput } from '@tiep-dan/contracts';
import { freePort, signTestToken, startSystem, type RunningSystem } from '@tiep-dan/platform';
import {
  KafkaTestClient,
  openServiceScope,
  serviceScopeTimeout,
  type ServiceScope,
  until,
} from '@tiep-dan/testing';
import {
  caseClosed,
  caseEvent,
  caseOpened,
  type CaseEventMessage,
} from '../src/application/resolutions/case-events.test-fixtures';
import { sampleSubmission } from '../src/domain/petition/petition.test-fixtures';
import { intakeService } from '../src/intake.service';

/**
 * Intake alone in distributed mode (real PostgreSQL, real Kafka) following routing's case events: a
 * kafkajs producer plays routing's relay on `routing.case-events.v1`, with the contract's messages.
 */
const SECRET = 'intake-cases-e2e-secret-0123456789abcdefg';

describe('intake learns from routing which matters were resolved (distributed mode)', () => {
  let scope: ServiceScope | undefined;
  let system: RunningSystem;
  let routingRelay: KafkaTestClient;
  let token: string;

  beforeAll(async () => {
    scope = await openServiceScope('intake_cases_e2e');
    system = await startSystem({
      services: [intakeService],
      env: {
        ...scope.env,
        KAFKA_CLIENT_ID: 'intake-cases-e2e',
        HTTP_PORT: String(await freePort()),
        AUTH_JWT_SECRET: SECRET,
        ADMIN_INITIAL_PASSWORD: 'mat-khau-thu-nghiem-2026',
        INTAKE_MASTER_KEY: randomBytes(32).toString('base64'),
        LOG_LEVEL: 'warn',
      },
    });
    token = await signTestToken(SECRET, {
      roles: ['reception_officer'],
      username: 'u-reception',
      userId: randomUUID(),
    });
    routingRelay = await KafkaTestClient.connect('intake-cases-e2e-routing');
  }, serviceScopeTimeout(120_000));

  afterAll(() =>
    scope?.close(async () => {
      await routingRelay?.close();
      await system?.stop();
    }),
  );

  async function call(method: string, path: string, body?: unknown) {
    const response = await fetch(`${system.url}${path}`, {
      method,
      headers: {
        authorization: `Bearer ${token}`,
        ...(body === undefined ? {} : { 'content-type': 'application/json' }),
      },
      body: body === undefined ? undefined : JSON.stringify(body),
    });
    // Response bodies are read along arbitrary paths in assertions; a loose type keeps that readable.
    // eslint-disable-next-line @typescript-eslint/no-explicit-any
    return { status: response.status, body: (await response.json()) as Record<string, any> };
  }

  const submit = async (person: PersonInput, receivedOn: string) => {
    const created = await call(
      'POST',
      '/api/intake/petitions',
      sampleSubmission({
        petitioners: { type: 'individual', persons: [person] },
        summary: 'Khiếu nại quyết định thu hồi đất của UBND xã đối với thửa đất số 45',
        receivedOn,
        writtenOn: receivedOn,
      }),
    );
    expect(created.status).toBe(201);
    return created.body;
  };

  const publish = (...messages: Array<CaseEventMessage | { key: string; value: unknown }>) =>
    routingRelay.producer.send({
      topic: Topics.routingCaseEvents,
      messages: messages.map((m) => ({
        key: m.key,
        value: JSON.stringify(m.value),
        headers: { 'content-type': 'application/json' },
      })),
    });

  const isResolved = async (petitionId: string) => {
    const page = await call('GET', '/api/intake/petitions?resolved=true&pageSize=200');
    return page.body.items.some((i: { petitionId: string }) => i.petitionId === petitionId);
  };

  const collect = (topic: string) => routingRelay.collect(topic);

  it('links a petition about a matter whose case routing closed as a repeat, once, however often the events come', async () => {
    const person = { fullName: 'Đinh Công Tráng', citizenId: '001085020001', hamletCode: 'thon-3' };
    const first = await submit(person, '2026-11-02');
    const caseId = randomUUID();
    const opened = caseOpened({ caseId, petitionId: first.petitionId });
    const closed = caseClosed({ caseId, at: '2026-12-20T08:00:00.000Z' });
    await publish(opened, closed);
    await until(() => isResolved(first.petitionId));

    const again = await submit(person, '2026-11-25');
    expect(again.repeatOf?.petitionId).toBe(first.petitionId);
    expect(again.duplicateOf).toBeUndefined();

    // Redelivered (a relay republishing after a crash): the consumer goes past them and nothing changes.
    const marker = randomUUID();
    await publish(
      opened,
      closed,
      caseClosed({ caseId: marker }),
      caseOpened({ caseId: marker, petitionId: randomUUID() }),
    );
    const pool = system.contexts[0].pool;
    const rowsOf = async (table: string, column: string, id: string) =>
      (await pool.query(`SELECT * FROM intake.${table} WHERE ${column} = $1`, [id])).rows;
    await until(async () => (await rowsOf('case_petitions', 'case_id', marker)).length === 1);
    expect(await rowsOf('case_petitions', 'case_id', caseId)).toHaveLength(1);
    expect(await rowsOf('petition_resolutions', 'petition_id', first.petitionId)).toEqual([
      { petition_id: first.petitionId, case_id: caseId, resolved_at: new Date('2026-12-20T08:00:00.000Z') },
    ]);
  });

  it('applies a closing published before the opening of its case', async () => {
    const person = { fullName: 'Cao Thị Nguyệt', citizenId: '001085020002', hamletCode: 'thon-3' };
    const first = await submit(person, '2026-11-02');
    const caseId = randomUUID();
    await publish(caseClosed({ caseId }), caseOpened({ caseId, petitionId: first.petitionId }));
    await until(() => isResolved(first.petitionId));
    expect((await submit(person, '2026-11-25')).repeatOf?.petitionId).toBe(first.petitionId);
  });

  it('skips case events it does not follow and dead-letters an invalid closing with its reason, then goes on', async () => {
    const dlq = await collect(`${Topics.routingCaseEvents}.dlq`);
    const person = { fullName: 'Lò Văn Sáng', citizenId: '001085020003', hamletCode: 'thon-3' };
    const first = await submit(person, '2026-11-02');
    const caseId = randomUUID();
    const invalid = caseClosed({ caseId });
    (invalid.value.data as Record<string, unknown>).result = 'settled';
    // One key, one partition: the good events come after the bad one and the skipped one.
    await publish(
      invalid,
      caseEvent('SomethingNewer', caseId, { caseId }),
      caseOpened({ caseId, petitionId: first.petitionId }),
      caseClosed({ caseId }),
    );
    await until(() => isResolved(first.petitionId));
    await until(() => dlq.some((m) => m.key === caseId), 30_000);
    const dead = dlq.filter((m) => m.key === caseId);
    expect(dead).toHaveLength(1);
    expect(dead[0].headers['dlq-reason']).toContain('INTAKE.INVALID_CASE_EVENT CaseClosed at "result"');
    expect(dead[0].headers['dlq-consumer-group']).toBe('intake.case-outcomes');
  });
});
