import { randomBytes, randomUUID } from 'node:crypto';
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { Topics, type PetitionSubmissionInput } from '@tiep-dan/contracts';
import { freePort, signTestToken, startSystem, type RunningSystem, type Role } from '@tiep-dan/platform';
import {
  KafkaTestClient,
  openServiceScope,
  serviceScopeTimeout,
  type ServiceScope,
  until,
} from '@tiep-dan/testing';

import { sampleSubmission } from '../src/domain/petition/petition.test-fixtures';
import { nameBasedUuid } from '../src/infrastructure/petition/deterministic-id';
import { intakeService } from '../src/intake.service';

/**
 * Intake as a unit's system and a clerk use it: the service alone in distributed mode (real PostgreSQL,
 * real Kafka), over HTTP and over its Kafka topics.
 */
const SECRET = 'intake-e2e-secret-0123456789abcdefghijkl';

describe('intake petitions over HTTP and Kafka (distributed mode)', () => {
  let scope: ServiceScope | undefined;
  let system: RunningSystem;
  let otherSystem: KafkaTestClient;
  const tokens = new Map<Role, string>();

  beforeAll(async () => {
    scope = await openServiceScope('intake_e2e');
    system = await startSystem({
      services: [intakeService],
      env: {
        ...scope.env,
        KAFKA_CLIENT_ID: 'intake-e2e',
        // As intake's processes on several hosts run: attachment bytes in the database.
        ATTACHMENT_STORE: 'postgres',
        HTTP_PORT: String(await freePort()),
        AUTH_JWT_SECRET: SECRET,
        ADMIN_INITIAL_PASSWORD: 'mat-khau-thu-nghiem-2026',
        INTAKE_MASTER_KEY: randomBytes(32).toString('base64'),
        LOG_LEVEL: 'warn',
      },
    });
    for (const role of [
      'reception_officer',
      'petition_processor',
      'chairman',
      'police',
      'administrator',
      'provincial_inspector',
    ] as Role[]) {
      tokens.set(
        role,
        await signTestToken(SECRET, { roles: [role], username: `u-${role}`, userId: randomUUID() }),
      );
    }
    otherSystem = await KafkaTestClient.connect('intake-e2e');
  }, serviceScopeTimeout(120_000));

  afterAll(() =>
    scope?.close(async () => {
      await otherSystem?.close();
      await system?.stop();
    }),
  );

  async function call(
    method: string,
    path: string,
    role: Role | undefined,
    body?: unknown,
    headers: Record<string, string> = {},
  ) {
    const response = await fetch(`${system.url}${path}`, {
      method,
      headers: {
        ...(body === undefined ? {} : { 'content-type': 'application/json' }),
        ...(role ? { authorization: `Bearer ${tokens.get(role)}` } : {}),
        ...headers,
      },
      body: body === undefined ? undefined : typeof body === 'string' ? body : JSON.stringify(body),
    });
    const text = await response.text();
    let parsed: unknown = text;
    try {
      parsed = JSON.parse(text);
    } catch {
      // not JSON
    }
    // Response bodies are read along arbitrary paths in assertions; a loose type keeps that readable.
    // eslint-disable-next-line @typescript-eslint/no-explicit-any
    return { status: response.status, body: parsed as Record<string, any> };
  }

  const submit = (submission: PetitionSubmissionInput, key?: string, role: Role = 'reception_officer') =>
    call('POST', '/api/intake/petitions', role, submission, key ? { 'idempotency-key': key } : {});

  const collect = (topic: string) => otherSystem.collect(topic);

  it('records a petition once, and a retry with the same Idempotency-Key returns the first result', async () => {
    const key = randomUUID();
    const first = await submit(sampleSubmission(), key);
    expect(first.status).toBe(201);
    expect(first.body).toMatchObject({ created: true, status: 'received', missingElements: [] });
    const retry = await submit(sampleSubmission(), key);
    expect(retry.status).toBe(200);
    expect(retry.body.petitionId).toBe(first.body.petitionId);
    expect(retry.body.created).toBe(false);
    const reused = await submit(sampleSubmission({ summary: 'Một nội dung khác hẳn' }), key);
    expect(reused.status).toBe(422);
    expect(reused.body.code).toBe('IDEMPOTENCY.KEY_REUSED');
  });

  it('records exactly one petition when the same key is sent by concurrent retries', async () => {
    const key = randomUUID();
    const results = await Promise.all(Array.from({ length: 5 }, () => submit(sampleSubmission(), key)));
    expect(new Set(results.map((r) => r.body.petitionId)).size).toBe(1);
    expect(results.filter((r) => r.status === 201)).toHaveLength(1);
  });

  it.each([
    [
      'an invalid citizen ID',
      { petitioners: { type: 'individual', persons: [{ fullName: 'A', citizenId: '12345' }] } },
      'PETITION.INVALID_CITIZEN_ID',
    ],
    ['a receipt date in the future', { receivedOn: '2999-01-01' }, 'PETITION.DATE_IN_FUTURE'],
    ['a classification of another kind', { classification: 'corruption' }, 'PETITION.INVALID_CLASSIFICATION'],
    ['a wrong kind', { kind: 'petition' }, 'PETITION.INVALID_INPUT'],
    [
      'a hamlet the commune does not have',
      { location: { hamletCode: 'thon-99' } },
      'PETITION.UNKNOWN_HAMLET',
    ],
    ['a missing summary', { summary: undefined }, 'PETITION.INVALID_INPUT'],
    ['an oversized full text', { fullText: 'x'.repeat(50_001) }, 'PETITION.INVALID_INPUT'],
    [
      'a group of 12 with 6 representatives',
      {
        petitioners: {
          type: 'group',
          headcount: 12,
          persons: Array.from({ length: 6 }, (_, i) => ({ fullName: `Người ${i}`, representative: true })),
        },
      },
      'PETITION.TOO_MANY_REPRESENTATIVES',
    ],
  ])('refuses %s with a 400 and a stable code, recording nothing', async (_, overrides, code) => {
    const before = await call('GET', '/api/intake/petitions?pageSize=1', 'reception_officer');
    const response = await submit({
      ...sampleSubmission(),
      ...(overrides as object),
    } as PetitionSubmissionInput);
    expect(response.status).toBe(400);
    expect(response.body.code).toBe(code);
    expect(typeof response.body.message).toBe('string');
    const after = await call('GET', '/api/intake/petitions?pageSize=1', 'reception_officer');
    expect(after.body.total).toBe(before.body.total);
  });

  it('answers malformed JSON and an unsupported content type with stable codes', async () => {
    const malformed = await call('POST', '/api/intake/petitions', 'reception_officer', '{"kind": ', {
      'content-type': 'application/json',
    });
    expect(malformed.status).toBe(400);
    expect(malformed.body.code).toBe('REQUEST.MALFORMED_JSON');
    const text = await call('POST', '/api/intake/petitions', 'reception_officer', 'kind=complaint', {
      'content-type': 'text/plain',
    });
    expect(text.status).toBe(400);
    expect(text.body.code).toBe('PETITION.INVALID_INPUT');
  });

  it('lets only the roles that record petitions record them', async () => {
    expect((await submit(sampleSubmission(), undefined, 'police')).status).toBe(403);
    expect((await call('POST', '/api/intake/petitions', undefined, sampleSubmission())).status).toBe(401);
    expect((await call('GET', '/api/intake/petitions', 'provincial_inspector')).status).toBe(403);
  });

  it("shows petitioners' identities to the clerk but not to the police", async () => {
    const created = await submit(sampleSubmission());
    const id = created.body.petitionId as string;
    const clerk = await call('GET', `/api/intake/petitions/${id}`, 'reception_officer');
    expect(clerk.body.petitioners.persons[0]).toMatchObject({
      fullName: 'Nguyễn Văn An',
      citizenId: '001085012345',
    });
    const police = await call('GET', `/api/intake/petitions/${id}`, 'police');
    expect(police.status).toBe(200);
    expect(JSON.stringify(police.body)).not.toContain('Nguyễn Văn An');
    expect(police.body.petitioners.identityHidden).toBe(true);
  });

  it("keeps a denouncer's identity secret until the chairman reveals it, and records the reveal", async () => {
    const created = await submit(
      sampleSubmission({
        kind: 'denunciation',
        classification: 'corruption',
        learnedOfDecisionOn: undefined,
        petitioners: {
          type: 'individual',
          persons: [{ fullName: 'Trần Thị Tố', phone: '0987654321', hamletCode: 'thon-2' }],
        },
      }),
    );
    const id = created.body.petitionId as string;
    for (const role of ['reception_officer', 'chairman', 'police'] as Role[]) {
      const view = await call('GET', `/api/intake/petitions/${id}`, role);
      expect(JSON.stringify(view.body)).not.toContain('Trần Thị Tố');
    }
    const forbidden = await call('POST', `/api/intake/petitions/${id}/denouncer-identity`, 'police', {
      reason: 'Muốn biết ai tố cáo',
    });
    expect(forbidden.status).toBe(403);
    const revealed = await call('POST', `/api/intake/petitions/${id}/denouncer-identity`, 'chairman', {
      reason: 'Cần liên hệ xác minh nội dung tố cáo',
    });
    expect(revealed.status).toBe(200);
    expect(revealed.body.petitioners[0]).toMatchObject({ fullName: 'Trần Thị Tố', phone: '0987654321' });
    const after = await call('GET', `/api/intake/petitions/${id}`, 'chairman');
    expect(after.body.identityReveals).toBe(1);
    const stream = await system.contexts[0].eventStore.readStream(`petition-${id}`);
    expect(stream.map((e) => e.type)).toEqual(['PetitionReceived', 'PetitionerIdentityRevealed']);
    expect(stream[1].data).toMatchObject({
      reason: 'Cần liên hệ xác minh nội dung tố cáo',
      revealedTo: { username: 'u-chairman' },
    });
  });

  it('links a re-worded petition of the same person about the same matter as a duplicate', async () => {
    const person = { fullName: 'Phạm Văn Đức', citizenId: '036090001234', hamletCode: 'Thôn Ba' };
    const first = await submit(
      sampleSubmission({
        kind: 'reflection',
        classification: 'land',
        learnedOfDecisionOn: undefined,
        respondent: undefined,
        summary: 'Phản ánh việc lấn chiếm đất công ở thôn 3 của hộ ông Lê Văn Tám',
        petitioners: { type: 'individual', persons: [person] },
      }),
    );
    const second = await submit(
      sampleSubmission({
        kind: 'reflection',
        classification: 'land',
        learnedOfDecisionOn: undefined,
        respondent: undefined,
        receivedOn: '2026-11-25',
        summary: 'ho ong Le Van Tam lan chiem dat cong thon 3, de nghi xu ly',
        petitioners: { type: 'individual', persons: [{ ...person, fullName: 'Pham Van Duc' }] },
      }),
    );
    expect(second.status).toBe(201);
    expect(second.body.duplicateOf?.petitionId).toBe(first.body.petitionId);
    // The hamlet was given by its alias and is kept as the commune's code.
    const stored = await call('GET', `/api/intake/petitions/${first.body.petitionId}`, 'reception_officer');
    expect(stored.body.petitioners.persons[0].hamletCode).toBe('thon-3');
  });

  it('searches without diacritics, by kind and by citizen ID, in pages', async () => {
    await submit(
      sampleSubmission({
        summary: 'Khiếu nại về bồi thường giải phóng mặt bằng đường liên xã',
        petitioners: {
          type: 'individual',
          persons: [{ fullName: 'Vũ Thị Hằng', citizenId: '025190004321', hamletCode: 'thon-1' }],
        },
      }),
    );
    const byText = await call(
      'GET',
      '/api/intake/petitions?q=giai%20phong%20mat%20bang',
      'reception_officer',
    );
    expect(
      byText.body.items.some((i: { summary: string }) => i.summary.includes('giải phóng mặt bằng')),
    ).toBe(true);
    const byId = await call('GET', '/api/intake/petitions?petitioner=025190004321', 'reception_officer');
    expect(byId.body.total).toBe(1);
    expect(JSON.stringify(byId.body)).not.toContain('Vũ Thị Hằng');
    const page = await call(
      'GET',
      '/api/intake/petitions?kind=complaint&pageSize=2&page=1',
      'reception_officer',
    );
    expect(page.body.items.length).toBeLessThanOrEqual(2);
    expect(page.body.items.every((i: { kind: string }) => i.kind === 'complaint')).toBe(true);
    const bad = await call('GET', '/api/intake/petitions?pageSize=5000', 'reception_officer');
    expect(bad.status).toBe(400);
  });

  it('amends before processing with a reason, withdraws, and refuses amendments after withdrawal', async () => {
    const created = await submit(sampleSubmission());
    const id = created.body.petitionId as string;
    const amended = await call('PATCH', `/api/intake/petitions/${id}`, 'reception_officer', {
      reason: 'Công dân bổ sung nội dung',
      changes: { summary: 'Khiếu nại quyết định thu hồi đất, bổ sung số thửa 125' },
    });
    expect(amended.status).toBe(200);
    expect(amended.body.summary).toBe('Khiếu nại quyết định thu hồi đất, bổ sung số thửa 125');
    const withdrawn = await call('POST', `/api/intake/petitions/${id}/withdraw`, 'reception_officer', {
      reason: 'Công dân xin rút đơn',
    });
    expect(withdrawn.body.status).toBe('withdrawn');
    const late = await call('PATCH', `/api/intake/petitions/${id}`, 'reception_officer', {
      reason: 'Sửa sau khi rút',
      changes: { summary: 'x' },
    });
    expect(late.status).toBe(409);
    expect(late.body.code).toBe('PETITION.ALREADY_WITHDRAWN');
  });

  it('splits a petition with two contents into two petitions that keep the petitioner, once even when retried', async () => {
    const created = await submit(sampleSubmission());
    const id = created.body.petitionId as string;
    const body = {
      reason: 'Đơn vừa khiếu nại vừa phản ánh',
      parts: [
        {
          kind: 'complaint',
          classification: 'administrative.land_housing',
          summary: 'Khiếu nại quyết định thu hồi đất',
        },
        { kind: 'reflection', classification: 'other', summary: 'Phản ánh đường thôn xuống cấp' },
      ],
    };
    const first = await call('POST', `/api/intake/petitions/${id}/split`, 'reception_officer', body);
    expect(first.status).toBe(200);
    const retry = await call('POST', `/api/intake/petitions/${id}/split`, 'reception_officer', body);
    expect(retry.body.parts).toEqual(first.body.parts);
    const [complaint, reflection] = await Promise.all(
      (first.body.parts as string[]).map((part) =>
        call('GET', `/api/intake/petitions/${part}`, 'reception_officer'),
      ),
    );
    expect(complaint.body).toMatchObject({
      kind: 'complaint',
      splitFrom: id,
      learnedOfDecisionOn: '2026-10-01',
    });
    expect(reflection.body).toMatchObject({ kind: 'reflection', classification: 'other', splitFrom: id });
    expect(reflection.body.learnedOfDecisionOn).toBeUndefined();
    expect(reflection.body.petitioners.persons[0].fullName).toBe('Nguyễn Văn An');
    expect((await call('GET', `/api/intake/petitions/${id}`, 'reception_officer')).body.status).toBe('split');
    for (const part of first.body.parts as string[]) {
      expect(await system.contexts[0].eventStore.readStream(`petition-${part}`)).toHaveLength(1);
    }
  });

  it('records a petition with an uploaded attachment, refusing one whose checksum does not match', async () => {
    const bytes = Buffer.from('%PDF-1.4\n1 0 obj << /Type /Catalog >> endobj\ntrailer << >>\n%%EOF\n');
    const upload = await fetch(`${system.url}/api/intake/attachments`, {
      method: 'POST',
      headers: {
        authorization: `Bearer ${tokens.get('reception_officer')}`,
        'content-type': 'application/pdf',
        'x-file-name': encodeURIComponent('Quyết định thu hồi đất.pdf'),
      },
      body: bytes,
    });
    expect(upload.status).toBe(201);
    const uploaded = (await upload.json()) as { attachmentId: string; sha256: string; size: number };
    // ATTACHMENT_STORE=postgres: the bytes are in intake's schema, not under DATA_DIR.
    const stored = await system.contexts[0].pool.query(
      'SELECT size FROM intake.attachment_contents WHERE key = $1',
      [uploaded.sha256],
    );
    expect(stored.rows).toEqual([{ size: String(bytes.length) }]);
    expect(existsSync(join(scope!.dataDir, 'attachments'))).toBe(false);
    const content = await fetch(`${system.url}/api/intake/attachments/${uploaded.attachmentId}/content`, {
      headers: { authorization: `Bearer ${tokens.get('reception_officer')}` },
    });
    expect(content.status).toBe(200);
    expect(Buffer.from(await content.arrayBuffer()).equals(bytes)).toBe(true);
    const attachment = { name: 'Quyết định thu hồi đất.pdf', contentType: 'application/pdf', ...uploaded };
    const created = await submit(sampleSubmission({ attachments: [attachment] }));
    expect(created.status).toBe(201);
    const view = await call('GET', `/api/intake/petitions/${created.body.petitionId}`, 'reception_officer');
    expect(view.body.attachments).toEqual([
      expect.objectContaining({
        name: 'Quyết định thu hồi đất.pdf',
        sha256: uploaded.sha256,
        size: bytes.length,
      }),
    ]);
    const wrong = await submit(
      sampleSubmission({ attachments: [{ ...attachment, sha256: '0'.repeat(64) }] }),
    );
    expect(wrong.status).toBe(400);
    expect(wrong.body.code).toMatch(/^ATTACHMENT\./);
  });

  it('erases a petitioner on request: the data becomes unreadable while the history stays', async () => {
    const created = await submit(
      sampleSubmission({
        petitioners: { type: 'individual', persons: [{ fullName: 'Đỗ Văn Xóa', hamletCode: 'xom-tan-lap' }] },
      }),
    );
    const id = created.body.petitionId as string;
    const before = await call('GET', `/api/intake/petitions/${id}`, 'reception_officer');
    const personId = before.body.petitioners.persons[0].personId as string;
    const erased = await call(
      'POST',
      `/api/intake/petitions/${id}/petitioners/${personId}/erasure`,
      'administrator',
      {
        reason: 'Yêu cầu xóa dữ liệu cá nhân',
      },
    );
    expect(erased.status).toBe(200);
    const after = await call('GET', `/api/intake/petitions/${id}`, 'reception_officer');
    expect(after.body.petitioners.persons[0].erased).toBe(true);
    expect(JSON.stringify(after.body)).not.toContain('Đỗ Văn Xóa');
    const stream = await system.contexts[0].eventStore.readStream(`petition-${id}`);
    expect(stream.map((e) => e.type)).toEqual(['PetitionReceived', 'PetitionerDataErased']);
  });

  it('publishes petition events on Kafka with pseudonymous references only', async () => {
    const events = await collect(Topics.intakePetitionEvents);
    const created = await submit(
      sampleSubmission({
        petitioners: {
          type: 'individual',
          persons: [{ fullName: 'Hoàng Văn Kafka', citizenId: '001085099999' }],
        },
      }),
    );
    await until(() => events.some((m) => m.key === created.body.petitionId), 30_000);
    const message = events.find((m) => m.key === created.body.petitionId)!;
    expect(message.headers['event-type']).toBe('PetitionReceived');
    expect(message.value).not.toContain('Hoàng Văn Kafka');
    expect(message.value).not.toContain('001085099999');
    expect(JSON.parse(message.value).data.petitioners.refs).toEqual(created.body.petitionerRefs);
  });

  it('marks a petition from a remote hamlet as a remote area, on the petition and on Kafka, and follows an amended hamlet', async () => {
    const events = await collect(Topics.intakePetitionEvents);
    // "Bản Nà Lạng" is an alias of Xóm Nà Lạng, which the sample commune lists as remote.
    const created = await submit(sampleSubmission({ location: { hamletCode: 'Bản Nà Lạng' } }));
    expect(created.status).toBe(201);
    const id = created.body.petitionId as string;
    const stored = await call('GET', `/api/intake/petitions/${id}`, 'reception_officer');
    expect(stored.body.location).toEqual({ hamletCode: 'xom-na-lang', remoteArea: true });
    const amended = await call('PATCH', `/api/intake/petitions/${id}`, 'reception_officer', {
      reason: 'Ghi nhầm địa bàn',
      changes: { location: { hamletCode: 'thon-3' } },
    });
    expect(amended.status).toBe(200);
    expect(amended.body.location).toEqual({ hamletCode: 'thon-3', remoteArea: false });
    const ofPetition = () => events.filter((m) => m.key === id).map((m) => JSON.parse(m.value));
    await until(() => ofPetition().length >= 2, 30_000);
    expect(ofPetition().map((e) => [e.type, e.data.hamletCode, e.data.remoteArea])).toEqual([
      ['PetitionReceived', 'xom-na-lang', true],
      ['PetitionAmended', 'thon-3', false],
    ]);
    // A clerk cannot set it: it follows the commune's list.
    const forced = await submit(
      sampleSubmission({ location: { hamletCode: 'thon-3', remoteArea: true } as never }),
    );
    expect(forced.status).toBe(400);
  });

  it('records submissions from other systems once, and dead-letters an invalid one with its reason, then goes on', async () => {
    const dlq = await collect(`${Topics.intakeSubmissions}.dlq`);
    const good = randomUUID();
    const bad = randomUUID();
    const after = randomUUID();
    const send = (submissionId: string, petition: unknown) =>
      otherSystem.producer.send({
        topic: Topics.intakeSubmissions,
        messages: [
          {
            key: submissionId,
            value: JSON.stringify({ submissionId, petition }),
            headers: { 'content-type': 'application/json' },
          },
        ],
      });
    await send(
      good,
      sampleSubmission({ channel: 'forwarded', source: { system: 'cong-dich-vu-cong', reference: 'HS-1' } }),
    );
    await send(
      good,
      sampleSubmission({ channel: 'forwarded', source: { system: 'cong-dich-vu-cong', reference: 'HS-1' } }),
    );
    await send(bad, { ...sampleSubmission(), receivedOn: '2999-01-01' });
    await send(after, sampleSubmission({ channel: 'national_database' }));
    const idOf = (submissionId: string) => nameBasedUuid(`petition:kafka:${submissionId}`);
    // Different keys land in different partitions: wait for each, not for the last one sent.
    const exists = async (submissionId: string) =>
      (await call('GET', `/api/intake/petitions/${idOf(submissionId)}`, 'reception_officer')).status === 200;
    await until(async () => (await exists(good)) && (await exists(after)), 30_000);
    const recorded = await call('GET', `/api/intake/petitions/${idOf(good)}`, 'reception_officer');
    expect(recorded.body).toMatchObject({ channel: 'forwarded', source: { system: 'cong-dich-vu-cong' } });
    expect((await system.contexts[0].eventStore.readStream(`petition-${idOf(good)}`)).length).toBe(1);
    expect((await call('GET', `/api/intake/petitions/${idOf(bad)}`, 'reception_officer')).status).toBe(404);
    await until(() => dlq.some((m) => m.key === bad), 30_000);
    expect(dlq.find((m) => m.key === bad)!.headers['dlq-reason']).toContain('PETITION.DATE_IN_FUTURE');
  });
});
