import { randomBytes, randomUUID } from 'node:crypto';
import { Topics, unitAssignmentV1, type UnitCaseUpdate } from '@tiep-dan/contracts';
import { intakeService } from '@tiep-dan/intake';
import { DeadlineScheduler, routingService } from '@tiep-dan/routing';
import { freePort, signTestToken, startSystem, type RunningSystem, type Role } from '@tiep-dan/platform';
import {
  KafkaTestClient,
  openServiceScope,
  serviceScopeTimeout,
  type ServiceScope,
  until,
} from '@tiep-dan/testing';

const SECRET = 'routing-e2e-secret-0123456789abcdefghijk';
const UNIT = 'economic-department';

interface Received {
  key: string;
  value: { type: string; data: Record<string, unknown> } & Record<string, unknown>;
  headers: Record<string, string>;
}

interface Complainant {
  fullName: string;
  citizenId: string;
}

let complainants = 0;
/**
 * A complainant of their own: intake links the petitions of one person about land as duplicates, which
 * routing then proposes to file away, so each test's matter comes from someone else.
 */
function newComplainant(): Complainant {
  complainants += 1;
  const serial = String(100000 + ((Date.now() + complainants * 7919) % 900000));
  return { fullName: `Nguyễn Văn Thử ${complainants}`, citizenId: `001085${serial}` };
}

/** A first complaint about a land decision of the commune chairman: the rules accept it for the economic department. */
function landComplaint(
  receivedOn: string,
  summary = 'Khiếu nại quyết định thu hồi đất của UBND xã',
  complainant: Complainant = newComplainant(),
) {
  return {
    kind: 'complaint',
    channel: 'in_person',
    receivedOn,
    writtenOn: receivedOn,
    petitioners: {
      type: 'individual',
      persons: [{ ...complainant, hamletCode: 'thon-3' }],
    },
    summary,
    classification: 'administrative.land_housing',
    sensitiveTags: ['land'],
    eligibility: {
      vietnameseOrTranslated: true,
      dated: true,
      signedOrFingerprinted: true,
      statesRespondentContentReasonsRequest: true,
    },
    respondent: {
      type: 'decision',
      level: 'commune',
      description: 'Quyết định số 12/QĐ-UBND',
      isChairman: true,
    },
    learnedOfDecisionOn: receivedOn,
  };
}

/**
 * Routing as the commune and a unit's system use it: intake and routing in distributed mode (real
 * PostgreSQL, real Kafka); a kafkajs client plays the economic department's system.
 */
describe('routing: from a recorded petition to a closed case, with a unit working through Kafka', () => {
  let scope: ServiceScope | undefined;
  let system: RunningSystem;
  let unitSystem: KafkaTestClient;
  const tokens = new Map<string, string>();

  beforeAll(async () => {
    scope = await openServiceScope('routing_e2e');
    system = await startSystem({
      services: [intakeService, routingService],
      env: {
        ...scope.env,
        KAFKA_CLIENT_ID: 'routing-e2e',
        HTTP_PORT: String(await freePort()),
        AUTH_JWT_SECRET: SECRET,
        ADMIN_INITIAL_PASSWORD: 'mat-khau-thu-nghiem-2026',
        INTAKE_MASTER_KEY: randomBytes(32).toString('base64'),
        LOG_LEVEL: 'warn',
        // The test drives the clock itself.
        ROUTING_DEADLINE_TICK_SECONDS: '86400',
      },
    });
    const people: Array<[string, Role[], string?]> = [
      ['reception', ['reception_officer']],
      ['processor', ['petition_processor']],
      ['chairman', ['chairman']],
      ['economic-handler', ['unit_handler'], UNIT],
      ['culture-handler', ['unit_handler'], 'culture-social-department'],
    ];
    for (const [name, roles, unitId] of people) {
      tokens.set(
        name,
        await signTestToken(SECRET, {
          roles,
          username: name,
          userId: randomUUID(),
          ...(unitId ? { unitId } : {}),
        }),
      );
    }
    unitSystem = await KafkaTestClient.connect('routing-e2e-unit');
  }, serviceScopeTimeout(120_000));

  afterAll(() =>
    scope?.close(async () => {
      await unitSystem?.close();
      await system?.stop();
    }),
  );

  async function call(
    method: string,
    path: string,
    who: string,
    body?: unknown,
    headers: Record<string, string> = {},
  ) {
    const response = await fetch(`${system.url}${path}`, {
      method,
      headers: {
        authorization: `Bearer ${tokens.get(who)}`,
        ...(body === undefined ? {} : { 'content-type': 'application/json' }),
        ...headers,
      },
      body: body === undefined ? undefined : JSON.stringify(body),
    });
    // Response bodies are read along arbitrary paths in assertions; a loose type keeps that readable.
    // eslint-disable-next-line @typescript-eslint/no-explicit-any
    return { status: response.status, body: (await response.json()) as Record<string, any> };
  }

  const collect = (topic: string): Promise<Received[]> =>
    unitSystem.collect(topic, { partitions: 1, decode: (value) => JSON.parse(value) as Received['value'] });

  const sendUpdate = (update: Omit<UnitCaseUpdate, 'occurredAt' | 'updateId'> & { updateId?: string }) =>
    unitSystem.producer.send({
      topic: Topics.unitsCaseUpdates,
      messages: [
        {
          key: update.caseId,
          value: JSON.stringify({ updateId: randomUUID(), occurredAt: new Date().toISOString(), ...update }),
        },
      ],
    });

  async function recordAndAccept(
    receivedOn: string,
    summary?: string,
    complainant?: Complainant,
    correlationId?: string,
  ): Promise<{ petitionId: string; caseId: string }> {
    const created = await call(
      'POST',
      '/api/intake/petitions',
      'reception',
      landComplaint(receivedOn, summary, complainant),
    );
    expect(created.status).toBe(201);
    const petitionId = created.body.petitionId as string;
    await until(
      async () => (await call('GET', `/api/routing/processing/${petitionId}`, 'processor')).status === 200,
    );
    const decided = await call(
      'POST',
      `/api/routing/processing/${petitionId}/decision`,
      'processor',
      {},
      correlationId ? { 'x-correlation-id': correlationId } : {},
    );
    expect(decided.status).toBe(200);
    return { petitionId, caseId: decided.body.decision.caseId as string };
  }

  const caseOf = (caseId: string) => call('GET', `/api/routing/cases/${caseId}`, 'chairman');

  it('proposes an outcome with its rule and explanation for every petition intake records', async () => {
    const complainant = newComplainant();
    const created = await call(
      'POST',
      '/api/intake/petitions',
      'reception',
      landComplaint('2026-11-27', undefined, complainant),
    );
    const petitionId = created.body.petitionId as string;
    await until(
      async () => (await call('GET', `/api/routing/processing/${petitionId}`, 'processor')).status === 200,
    );
    const processing = await call('GET', `/api/routing/processing/${petitionId}`, 'processor');
    expect(processing.body).toMatchObject({
      status: 'pending',
      facts: { kind: 'complaint', petitioners: { refs: created.body.petitionerRefs } },
      proposal: { outcome: 'accept', unitCode: UNIT, ruleSetVersion: 1, complaintRound: 'first' },
      deadline: { start: '2026-11-27', duration: { amount: 10, unit: 'calendar_days' } },
    });
    expect(processing.body.proposal.ruleId).toEqual(expect.any(String));
    expect(processing.body.proposal.explanation.vi).toContain('Chủ tịch');
    // Routing keeps no identity of the petitioner.
    expect(JSON.stringify(processing.body)).not.toContain(complainant.fullName);
    expect(JSON.stringify(processing.body)).not.toContain(complainant.citizenId);
    const list = await call('GET', '/api/routing/processing?status=pending', 'processor');
    expect(list.body.items.map((i: { petitionId: string }) => i.petitionId)).toContain(petitionId);
  });

  it('refuses an override without a reason, and records one with its reason', async () => {
    const created = await call(
      'POST',
      '/api/intake/petitions',
      'reception',
      landComplaint('2026-11-26', 'Khiếu nại khác về đất'),
    );
    const petitionId = created.body.petitionId as string;
    await until(
      async () => (await call('GET', `/api/routing/processing/${petitionId}`, 'processor')).status === 200,
    );
    const noReason = await call('POST', `/api/routing/processing/${petitionId}/decision`, 'processor', {
      outcome: 'guide',
      bodyCode: 'provincial-committee',
    });
    expect(noReason).toMatchObject({ status: 400, body: { code: 'PROCESSING.OVERRIDE_REASON_REQUIRED' } });
    const unit = await call('POST', `/api/routing/processing/${petitionId}/decision`, 'economic-handler', {});
    expect(unit.status).toBe(403);
    const overridden = await call('POST', `/api/routing/processing/${petitionId}/decision`, 'processor', {
      outcome: 'guide',
      bodyCode: 'provincial-committee',
      reason: 'Quyết định bị khiếu nại do UBND tỉnh ban hành',
    });
    expect(overridden.body.decision).toMatchObject({
      outcome: 'guide',
      overridden: true,
      body: { code: 'provincial-committee' },
    });
  });

  it('assigns an accepted petition to the unit on its own topic; the unit acknowledges, concludes and enforces through Kafka, and the case closes', async () => {
    const assignments = await collect(`routing.unit-assignments.${UNIT}.v1`);
    const caseEvents = await collect(Topics.routingCaseEvents);
    const complainant = newComplainant();
    const correlationId = `journey-${randomUUID()}`;
    const { petitionId, caseId } = await recordAndAccept(
      '2026-11-25',
      'Khiếu nại việc bồi thường đất',
      complainant,
      correlationId,
    );

    const assigned = (m: Received) => m.key === caseId && m.value.type === 'CaseAssigned';
    await until(() => assignments.some(assigned), 60_000);
    const assignment = unitAssignmentV1.parse(assignments.find(assigned)!.value.data);
    // The unit can follow its assignment back to the processor's request that caused it.
    expect(assignments.find(assigned)!.value.correlationId).toBe(correlationId);
    expect(assignments.find(assigned)!.headers['correlation-id']).toBe(correlationId);
    expect(assignment).toMatchObject({ caseId, petitionId, unitCode: UNIT, kind: 'complaint' });
    expect(assignment.deadlines.find((d) => d.kind === 'resolution')).toMatchObject({
      amount: 30,
      unit: 'calendar_days',
    });

    const ack = randomUUID();
    await sendUpdate({ updateId: ack, caseId, unitCode: UNIT, type: 'acknowledged', handler: 'kt-01' });
    await sendUpdate({ updateId: ack, caseId, unitCode: UNIT, type: 'acknowledged', handler: 'kt-01' });
    await sendUpdate({ caseId, unitCode: UNIT, type: 'verification_started' });
    await sendUpdate({ caseId, unitCode: UNIT, type: 'progress_note', note: 'Đã làm việc với hộ gia đình' });
    await sendUpdate({
      caseId,
      unitCode: UNIT,
      type: 'extension_request',
      extension: {
        reason: 'Cần đo đạc lại ranh giới thửa đất',
        decisionNumber: '09/QĐ-UBND',
        complexity: 'complex',
      },
    });
    await sendUpdate({
      caseId,
      unitCode: UNIT,
      type: 'conclusion',
      conclusion: { result: 'partly_right', documentNumber: '21/QĐ-UBND', issuedOn: '2026-11-29' },
    });
    await sendUpdate({ caseId, unitCode: UNIT, type: 'enforcement_started' });
    await sendUpdate({ caseId, unitCode: UNIT, type: 'enforcement_done' });
    await until(async () => (await caseOf(caseId)).body.status === 'enforced', 60_000);

    const closed = await call('POST', `/api/routing/cases/${caseId}/close`, 'chairman', {});
    expect(closed.body).toMatchObject({ status: 'closed', recorded: ['CaseClosed'] });
    const history = (await caseOf(caseId)).body.history.map((e: { type: string }) => e.type);
    // The acknowledgement was sent twice and applied once.
    expect(history).toEqual([
      'CaseOpened',
      'CaseAssigned',
      'AssignmentAcknowledged',
      'VerificationStarted',
      'ProgressNoteAdded',
      'DeadlineExtended',
      'CaseConcluded',
      'EnforcementStarted',
      'EnforcementCompleted',
      'CaseClosed',
    ]);
    // The extension the unit asked for over Kafka, with the complexity its decision declares.
    const extended = (await caseOf(caseId)).body.history.find(
      (e: { type: string }) => e.type === 'DeadlineExtended',
    );
    expect(extended.data).toMatchObject({ complexity: 'complex', decisionNumber: '09/QĐ-UBND' });
    await until(() => caseEvents.some((m) => m.key === caseId && m.value.type === 'CaseClosed'), 60_000);
    const note = caseEvents.find((m) => m.key === caseId && m.value.type === 'ProgressNoteAdded');
    expect(note?.value.data.note).toBeUndefined();
    // The unit follows its case on its own topic, to the closing, without the texts staff wrote.
    await until(() => assignments.some((m) => m.key === caseId && m.value.type === 'CaseClosed'), 60_000);
    const onUnitTopic = assignments.filter((m) => m.key === caseId);
    expect(onUnitTopic.map((m) => m.value.type)).toEqual(history.slice(1));
    expect(JSON.stringify(onUnitTopic)).not.toContain('Đã làm việc với hộ gia đình');
    expect(JSON.stringify(onUnitTopic)).not.toContain('Cần đo đạc lại');

    // Intake learns of the closing from the case events: the same complaint again is a repeat.
    await until(async () => {
      const resolved = await call('GET', '/api/intake/petitions?resolved=true&pageSize=200', 'reception');
      return resolved.body.items.some((i: { petitionId: string }) => i.petitionId === petitionId);
    }, 60_000);
    const again = await call(
      'POST',
      '/api/intake/petitions',
      'reception',
      landComplaint('2026-11-28', 'Khiếu nại việc bồi thường đất', complainant),
    );
    expect(again.body).toMatchObject({ repeatOf: { petitionId } });
    expect(again.body.duplicateOf).toBeUndefined();
    // Routing sees the repeat of a first-round complaint as the second complaint (LKN art. 33): the
    // rules send it to the next level instead of filing it away as already resolved.
    const secondId = again.body.petitionId as string;
    await until(
      async () => (await call('GET', `/api/routing/processing/${secondId}`, 'processor')).status === 200,
    );
    const second = await call('GET', `/api/routing/processing/${secondId}`, 'processor');
    expect(second.body.proposal).toMatchObject({ complaintRound: 'second' });
    expect(second.body.proposal.outcome).not.toBe('file_away');
    expect(second.body.proposal.explanation.vi).toContain('Khiếu nại lần hai');
  });

  it("dead-letters a unit's report that breaks a rule, with its reason, and goes on", async () => {
    const dlq = await collect(`${Topics.unitsCaseUpdates}.dlq`);
    const { caseId } = await recordAndAccept('2026-11-24', 'Khiếu nại cấp giấy chứng nhận quyền sử dụng đất');
    await until(async () => (await caseOf(caseId)).status === 200);
    const stranger = randomUUID();
    await sendUpdate({
      updateId: stranger,
      caseId,
      unitCode: 'culture-social-department',
      type: 'acknowledged',
    });
    const malformed = randomUUID();
    await unitSystem.producer.send({
      topic: Topics.unitsCaseUpdates,
      messages: [
        {
          key: caseId,
          // A conclusion without its result and document.
          value: JSON.stringify({
            updateId: malformed,
            caseId,
            unitCode: UNIT,
            type: 'conclusion',
            occurredAt: new Date().toISOString(),
          }),
        },
      ],
    });
    // Keyed by something else than the case: it could overtake the case's other reports.
    const otherKey = randomUUID();
    await unitSystem.producer.send({
      topic: Topics.unitsCaseUpdates,
      messages: [
        {
          key: otherKey,
          value: JSON.stringify({
            updateId: randomUUID(),
            caseId,
            unitCode: UNIT,
            type: 'verification_started',
            occurredAt: new Date().toISOString(),
          }),
        },
      ],
    });
    await sendUpdate({ caseId, unitCode: UNIT, type: 'acknowledged' });
    const reasonsFor = () =>
      dlq.filter((m) => m.key === caseId || m.key === otherKey).map((m) => m.headers['dlq-reason']);
    await until(() => reasonsFor().length >= 3, 60_000);
    const reasons = reasonsFor();
    expect(reasons.some((r) => r?.includes('CASE.NOT_ASSIGNED_UNIT'))).toBe(true);
    expect(reasons.some((r) => r?.includes('CASE.INVALID_UPDATE at "conclusion"'))).toBe(true);
    expect(reasons.some((r) => r?.includes('CASE.KEY_MISMATCH'))).toBe(true);
    await until(async () => (await caseOf(caseId)).body.status === 'acknowledged', 60_000);
  });

  it('gives a complaint from a hamlet the commune lists as remote the remote-area time limit by default', async () => {
    const petition = {
      ...landComplaint('2026-11-26', 'Khiếu nại quyết định thu hồi đất nương rẫy'),
      petitioners: {
        type: 'individual',
        persons: [{ fullName: 'Nông Văn Sình', citizenId: '019080012345', hamletCode: 'xom-na-lang' }],
      },
      location: { hamletCode: 'Bản Nà Lạng' },
    };
    const created = await call('POST', '/api/intake/petitions', 'reception', petition);
    expect(created.status).toBe(201);
    const petitionId = created.body.petitionId as string;
    await until(
      async () => (await call('GET', `/api/routing/processing/${petitionId}`, 'processor')).status === 200,
    );
    const pending = await call('GET', `/api/routing/processing/${petitionId}`, 'processor');
    expect(pending.body.facts).toMatchObject({ hamletCode: 'xom-na-lang', remoteArea: true });
    const decided = await call('POST', `/api/routing/processing/${petitionId}/decision`, 'processor', {});
    expect(decided.body.decision).toMatchObject({ outcome: 'accept', remoteArea: true });
    const caseId = decided.body.decision.caseId as string;
    await until(async () => (await caseOf(caseId)).status === 200);
    const opened = await caseOf(caseId);
    expect(opened.body.remoteArea).toBe(true);
    // LKN art. 28: 45 days instead of 30 for a first complaint in a remote area.
    expect(opened.body.deadlines.resolution).toMatchObject({
      duration: { amount: 45, unit: 'calendar_days' },
    });
  });

  it('keeps a unit to its own cases over REST too', async () => {
    const { caseId } = await recordAndAccept('2026-11-23', 'Khiếu nại đo đạc lại thửa đất');
    await until(async () => (await caseOf(caseId)).status === 200);
    const other = await call('POST', `/api/routing/cases/${caseId}/acknowledge`, 'culture-handler', {});
    expect(other).toMatchObject({ status: 403, body: { code: 'CASE.NOT_ASSIGNED_UNIT' } });
    expect((await call('GET', `/api/routing/cases/${caseId}`, 'culture-handler')).status).toBe(403);
    const own = await call('POST', `/api/routing/cases/${caseId}/acknowledge`, 'economic-handler', {});
    expect(own.body).toMatchObject({ status: 'acknowledged' });
    const mine = await call('GET', '/api/routing/cases', 'economic-handler');
    expect(mine.body.items.every((c: { unitCode: string }) => c.unitCode === UNIT)).toBe(true);
  });

  it('clock ticks escalate an unacknowledged assignment and announce overdue deadlines once', async () => {
    const caseEvents = await collect(Topics.routingCaseEvents);
    const processingEvents = await collect(Topics.routingProcessingEvents);
    const { caseId } = await recordAndAccept('2026-11-20', 'Khiếu nại giá đền bù');
    const pending = await call(
      'POST',
      '/api/intake/petitions',
      'reception',
      landComplaint('2026-11-19', 'Khiếu nại lối đi chung'),
    );
    const pendingId = pending.body.petitionId as string;
    await until(
      async () => (await call('GET', `/api/routing/processing/${pendingId}`, 'processor')).status === 200,
    );
    await until(async () => (await caseOf(caseId)).status === 200);

    const scheduler = system.app.get(DeadlineScheduler, { strict: false });
    const later = new Date('2027-02-10T02:00:00Z');
    await scheduler.tick(later);
    await scheduler.tick(later);

    const events = (await caseOf(caseId)).body.history.map((e: { type: string }) => e.type);
    expect(events.filter((t: string) => t === 'AssignmentEscalated')).toHaveLength(1);
    expect(events.filter((t: string) => t === 'DeadlineOverdue').length).toBeGreaterThanOrEqual(1);
    const processing = await call('GET', `/api/routing/processing/${pendingId}`, 'processor');
    expect(processing.body.stagesReached).toContain('overdue');
    await until(
      () => caseEvents.some((m) => m.key === caseId && m.value.type === 'AssignmentEscalated'),
      60_000,
    );
    await until(
      () => processingEvents.some((m) => m.key === pendingId && m.value.type === 'ProcessingDeadlineReached'),
      60_000,
    );
    const overdue = await call('GET', '/api/routing/cases?overdue=true', 'chairman');
    expect(overdue.body.items.map((c: { caseId: string }) => c.caseId)).toContain(caseId);
  });
});
