import { randomUUID } from 'node:crypto';
import {
  CASE_INTEGRATION_EVENTS,
  PROCESSING_INTEGRATION_EVENTS,
  Topics,
  caseDeadlineKindV1,
  integrationEventSchema,
  noticeKindV1,
  UNIT_TOPIC_EVENTS,
  unitAssignmentV1,
  unitAssignmentsTopic,
  type UnitTopicEventType,
} from '@tiep-dan/contracts';
import type { RecordedEvent } from '@tiep-dan/event-store';
import type { RelayMessage } from '@tiep-dan/messaging';
import type { z } from 'zod';
import {
  CASE_DEADLINE_KINDS,
  NOTICE_KINDS,
  type CaseCommand,
  type CaseEvent,
  type CaseEventType,
} from '../../domain/case';
import {
  OTHER_UNIT,
  UNIT,
  command,
  openCase,
  openDenunciation,
  replay,
  system,
  unit,
} from '../../domain/case/case.test-fixtures';
import {
  decide as decideProcessing,
  foldProcessing,
  proposeProcessing,
  type DecideProcessing,
  type ProcessingCommand,
  type ProcessingEvent,
} from '../../domain/processing';
import {
  acceptByChairman,
  facts,
  provincialCommittee,
  testContext,
} from '../../domain/processing/processing.test-fixtures';
import {
  CASE_STREAM_PREFIX,
  OVERRIDDEN_EXPLANATION,
  PROCESSING_STREAM_PREFIX,
  routingRelayMapper,
} from './routing.relay-mapping';

/**
 * Routing's published contracts (libs/contracts/src/routing/*.integration-events.ts, unit-messages.ts)
 * against what the deciders really produce and the relay really publishes: a change of a domain event
 * fails here (at run time for the events below, and in tsc for every field through the type checks),
 * so that the contracts and docs/asyncapi.yaml move with it.
 */

type Same<A, B> = [A] extends [B] ? ([B] extends [A] ? true : false) : false;
/** The case fields the relay keeps off Kafka (routing.relay-mapping.ts): texts staff wrote. */
type StaffText = 'note' | 'summary' | 'evidence' | 'reason' | 'part';
/** CaseReopened's `reason` is a code, published. */
type Unpublished<T extends CaseEventType> = T extends 'CaseReopened'
  ? Exclude<StaffText, 'reason'>
  : StaffText;
type ProcessingEventType = ProcessingEvent['type'];
type CaseMismatch = {
  [T in CaseEventType]: Same<
    z.infer<(typeof CASE_INTEGRATION_EVENTS)[T]>,
    Omit<Extract<CaseEvent, { type: T }>['data'], Unpublished<T>>
  > extends true
    ? never
    : T;
}[CaseEventType];
/** ProcessingDecided goes out without the processor's written reason for an override. */
type PublishedProcessing<D> = D extends { decision: infer Decision }
  ? Omit<D, 'decision'> & { decision: Omit<Decision, 'overrideReason'> }
  : D;
type ProcessingMismatch = {
  [T in ProcessingEventType]: Same<
    z.infer<(typeof PROCESSING_INTEGRATION_EVENTS)[T]>,
    PublishedProcessing<Extract<ProcessingEvent, { type: T }>['data']>
  > extends true
    ? never
    : T;
}[ProcessingEventType];
type UnknownType =
  | Exclude<keyof typeof CASE_INTEGRATION_EVENTS, CaseEventType>
  | Exclude<keyof typeof PROCESSING_INTEGRATION_EVENTS, ProcessingEventType>;
type Mismatch = CaseMismatch | ProcessingMismatch | UnknownType;
/**
 * Checked by tsc, not at run time: a mismatch names here ("missing the following properties") the event
 * types whose contract and domain event differ in a field, its optionality or its type.
 */
({}) satisfies Record<Mismatch, 'differs from the domain event'>;

const PETITION_ID = facts().petitionId;
const CASE_ID = '0c2f5a52-5d0e-5a7e-9d4e-1f2a3b4c5d6e';
const NOW = '2026-11-03T02:00:00.000Z';

/** What the store would hand the relay for these events of one stream. */
function recorded(streamId: string, events: ReadonlyArray<{ type: string; data: unknown }>): RecordedEvent[] {
  return events.map((event, version) => ({
    id: randomUUID(),
    streamId,
    streamVersion: version,
    globalPosition: String(version + 1),
    type: event.type,
    schemaVersion: 1,
    data: event.data,
    metadata: { occurredAt: NOW, correlationId: randomUUID() },
    recordedAt: new Date(NOW),
  }));
}

/** The messages the relay publishes for `events`, as a consumer reads them (JSON). */
function published(streamId: string, events: ReadonlyArray<{ type: string; data: unknown }>) {
  return recorded(streamId, events).flatMap((event) => {
    const mapped = routingRelayMapper(event);
    const messages: RelayMessage[] = mapped === null ? [] : Array.isArray(mapped) ? mapped : [mapped];
    return messages.map((message) => ({
      topic: message.topic,
      key: message.key,
      envelope: integrationEventSchema.parse(JSON.parse(JSON.stringify(message.value))),
      source: event,
    }));
  });
}

/**
 * The value unchanged by the schema: zod drops the keys an object does not declare, so a field the
 * domain added (or a free text the relay stopped stripping) makes the parsed value differ.
 */
function expectExactly(schema: z.ZodTypeAny, data: unknown): void {
  const parsed = schema.safeParse(data);
  if (!parsed.success) throw new Error(`${JSON.stringify(data)}\n${parsed.error.message}`);
  expect(parsed.data).toEqual(data);
}

function keysDeep(value: unknown): string[] {
  if (Array.isArray(value)) return value.flatMap(keysDeep);
  if (value === null || typeof value !== 'object') return [];
  return Object.entries(value).flatMap(([key, inner]) => [key, ...keysDeep(inner)]);
}

// ---- Processing: open, amend, propose, decide (confirmed or overridden), deadline ticks, cancel.

function runProcessing(...commands: ProcessingCommand[]): ProcessingEvent[] {
  const events: ProcessingEvent[] = [];
  for (const c of commands) events.push(...decideProcessing(foldProcessing(events), c, testContext));
  return events;
}

const acceptance = proposeProcessing(facts(), acceptByChairman);
const decision = (choice: Partial<DecideProcessing['choice']>, today = '2026-11-05'): DecideProcessing => ({
  type: 'DecideProcessing',
  choice: { complexity: 'normal', remoteArea: false, ...choice },
  proposal: acceptance,
  caseId: CASE_ID,
  decidedBy: 'xu.ly.don',
  now: NOW,
  today,
});

const processingStreams: ProcessingEvent[][] = [
  // Accepted as proposed, after an amendment of the facts.
  runProcessing(
    { type: 'OpenProcessing', facts: facts(), proposal: acceptance, now: NOW },
    { type: 'AmendPetitionFacts', facts: facts({ hamletCode: 'thon-4' }), proposal: acceptance, now: NOW },
    decision({}),
  ),
  // Forwarded against the proposal, with the processor's reason, after the deadline passed.
  runProcessing(
    { type: 'OpenProcessing', facts: facts(), proposal: acceptance, now: NOW },
    { type: 'CheckProcessingDeadline', today: '2026-11-13' },
    decision(
      { outcome: 'forward', body: provincialCommittee, reason: 'Thuộc thẩm quyền của tỉnh' },
      '2026-11-13',
    ),
  ),
  // The rules could not place it; the petitioner withdrew it before a decision.
  runProcessing(
    {
      type: 'OpenProcessing',
      facts: facts({ kind: 'reflection', classification: 'other', respondent: undefined }),
      proposal: proposeProcessing(facts({ kind: 'reflection' }), {
        code: 'JURISDICTION.NO_RULE',
        message: 'no rule matches',
      }),
      now: NOW,
    },
    { type: 'CancelProcessing', reason: 'withdrawn', now: NOW },
  ),
  // A duplicate, filed away as proposed.
  runProcessing(
    {
      type: 'OpenProcessing',
      facts: facts({ duplicateOf: { petitionId: '9d8c7b6a-5f4e-4d3c-8b2a-1f0e9d8c7b6a' } }),
      proposal: proposeProcessing(
        facts({ duplicateOf: { petitionId: '9d8c7b6a-5f4e-4d3c-8b2a-1f0e9d8c7b6a' } }),
        acceptByChairman,
      ),
      now: NOW,
    },
    decision({}),
  ),
];
const processingMessages = processingStreams.flatMap((events) =>
  published(`${PROCESSING_STREAM_PREFIX}${PETITION_ID}`, events),
);

// ---- Cases: complaints and denunciations through every step the decider knows.

const ack = (today: string, updateId = randomUUID()) =>
  command('AcknowledgeAssignment', today, { actor: unit(), updateId, handlerId: 'kt-01' });
const verify = (today: string) =>
  command('StartVerification', today, { actor: unit(), updateId: randomUUID(), handlerId: 'kt-01' });
const tick = (today: string) => command('CheckDeadlines', today, { actor: system });
const ids = { caseId: CASE_ID, petitionId: PETITION_ID };

const caseStreams: Array<[string, CaseCommand[]]> = [
  [
    'a complaint escalated, acknowledged late, extended, suspended, concluded, enforced, closed and complained against again',
    [
      openCase({ ...ids, handlerId: 'kt-01' }),
      tick('2026-03-05'),
      ack('2026-03-05'),
      verify('2026-03-06'),
      command('AddProgressNote', '2026-03-09', {
        actor: unit(),
        updateId: randomUUID(),
        note: 'Đã làm việc với ông Nguyễn Văn An tại thôn 3',
      }),
      command('ExtendDeadline', '2026-03-20', {
        actor: unit(),
        updateId: randomUUID(),
        reason: 'Vụ việc phức tạp, cần đo đạc lại',
        decisionNumber: '07/QĐ-UBND',
      }),
      command('Suspend', '2026-03-23', { reason: 'Chờ kết quả giám định' }),
      command('Resume', '2026-03-30', {}),
      command('Conclude', '2026-04-10', {
        actor: unit(),
        updateId: randomUUID(),
        result: 'partly_right',
        documentNumber: '15/QĐ-UBND',
        issuedOn: '2026-04-10',
        summary: 'Hủy một phần quyết định thu hồi đất của hộ ông An',
      }),
      command('RecordNoticeSent', '2026-04-13', { notice: 'decision_to_complainant' }),
      command('StartEnforcement', '2026-04-14', {
        actor: unit(),
        updateId: randomUUID(),
        note: 'Đã mời hộ ông An',
      }),
      command('CompleteEnforcement', '2026-04-20', { actor: unit(), updateId: randomUUID() }),
      command('Close', '2026-04-21', {}),
      command('FileSecondComplaint', '2026-04-28', {
        petitionId: '7b2c3d4e-5f6a-4b7c-8d9e-0f1a2b3c4d5e',
        filedOn: '2026-04-28',
      }),
    ],
  ],
  [
    'a complaint whose resolution deadline approaches, falls due and passes',
    [openCase(ids), ack('2026-03-03'), tick('2026-03-31'), tick('2026-04-01'), tick('2026-04-02')],
  ],
  [
    'a complaint transferred to another unit',
    [
      openCase(ids),
      ack('2026-03-03'),
      command('TransferToUnit', '2026-03-06', {
        toUnitCode: OTHER_UNIT,
        reason: 'Nội dung thuộc lĩnh vực văn hóa',
        handlerId: 'vh-02',
      }),
    ],
  ],
  [
    'a complaint withdrawn in part, then in whole under coercion, and reopened',
    [
      openCase(ids),
      ack('2026-03-03'),
      command('Withdraw', '2026-03-05', {
        scope: 'part',
        part: 'Yêu cầu bồi thường',
        reason: 'Đã thỏa thuận',
      }),
      command('Withdraw', '2026-03-10', { scope: 'whole', reason: 'Đã được giải thích' }),
      command('Reopen', '2026-03-16', {
        reason: 'withdrawal_coerced',
        evidence: 'Biên bản: ông An bị ép buộc rút đơn',
      }),
    ],
  ],
  ['a complaint stopped', [openCase(ids), command('Stop', '2026-03-10', { reason: 'Có quyết định khác' })]],
  [
    'a denunciation whose acceptance check was extended, then accepted and notified',
    [
      openDenunciation(ids),
      command('AcknowledgeAssignment', '2026-02-23', { actor: unit() }),
      command('ExtendAcceptanceCheck', '2026-03-02', { reason: 'Cần xác minh tại nhiều nơi' }),
      command('AcceptDenunciation', '2026-03-04', {}),
      command('RecordNoticeSent', '2026-03-05', { notice: 'acceptance_to_accused' }),
    ],
  ],
  [
    'a denunciation declined',
    [
      openDenunciation(ids),
      command('DeclineDenunciation', '2026-03-02', { reason: 'Không đủ điều kiện thụ lý' }),
    ],
  ],
  [
    'a denunciation outside competence',
    [
      openDenunciation(ids),
      command('TransferOutOfCompetence', '2026-02-24', {
        toBody: 'ubkt-dang-uy',
        reason: 'Ngoài thẩm quyền',
      }),
    ],
  ],
];
const caseMessages = caseStreams.flatMap(([, commands]) =>
  published(`${CASE_STREAM_PREFIX}${CASE_ID}`, replay(...commands)),
);
const onCaseTopic = caseMessages.filter((m) => m.topic === Topics.routingCaseEvents);
const onUnitTopics = caseMessages.filter((m) => m.topic !== Topics.routingCaseEvents);
const STAFF_TEXTS = ['note', 'summary', 'evidence', 'reason', 'part'];

describe('routing relay against its published contracts', () => {
  it('publishes every processing event on routing.processing-events.v1, keyed by petition id, exactly as PROCESSING_INTEGRATION_EVENTS', () => {
    for (const message of processingMessages) {
      expect(message.topic).toBe(Topics.routingProcessingEvents);
      expect(message.key).toBe(PETITION_ID);
      expect(message.envelope.aggregateId).toBe(PETITION_ID);
      const type = message.envelope.type as ProcessingEventType;
      expectExactly(PROCESSING_INTEGRATION_EVENTS[type], message.envelope.data);
    }
    expect(new Set(processingMessages.map((m) => m.envelope.type))).toEqual(
      new Set(Object.keys(PROCESSING_INTEGRATION_EVENTS)),
    );
  });

  it('publishes every case event on routing.case-events.v1, keyed by case id, exactly as CASE_INTEGRATION_EVENTS', () => {
    for (const message of onCaseTopic) {
      expect(message.key).toBe(CASE_ID);
      expect(message.envelope.aggregateId).toBe(CASE_ID);
      const type = message.envelope.type as CaseEventType;
      expectExactly(CASE_INTEGRATION_EVENTS[type], message.envelope.data);
    }
    expect(new Set(onCaseTopic.map((m) => m.envelope.type))).toEqual(
      new Set(Object.keys(CASE_INTEGRATION_EVENTS)),
    );
  });

  it('keeps every text staff typed (notes, summaries, evidence, written reasons, the part withdrawn) off Kafka', () => {
    const typed = caseMessages.filter((m) =>
      Object.keys(m.source.data as object).some(
        (key) => STAFF_TEXTS.includes(key) && (m.source.data as Record<string, unknown>)[key] !== undefined,
      ),
    );
    expect(new Set(typed.map((m) => m.envelope.type))).toEqual(
      new Set([
        'ProgressNoteAdded',
        'CaseConcluded',
        'EnforcementStarted',
        'CaseReopened',
        'DeadlineExtended',
        'CaseSuspended',
        'CaseStopped',
        'CaseWithdrawnInPart',
        'CaseWithdrawn',
        'CaseTransferred',
        'CaseAssigned',
        'AcceptanceCheckExtended',
        'DenunciationDeclined',
        'CaseTransferredOutOfCompetence',
      ]),
    );
    for (const message of caseMessages) {
      const published = keysDeep(message.envelope.data).filter((key) => STAFF_TEXTS.includes(key));
      // CaseReopened's reason is the code 'withdrawal_coerced', not a text.
      expect(published).toEqual(message.envelope.type === 'CaseReopened' ? ['reason'] : []);
    }
    const reopened = onCaseTopic.find((m) => m.envelope.type === 'CaseReopened');
    expect(reopened?.envelope.data).toMatchObject({ reason: 'withdrawal_coerced' });
    const written = JSON.stringify(caseMessages.map((m) => m.envelope));
    for (const text of [
      'Nguyễn Văn An',
      'thỏa thuận',
      'đo đạc',
      'giám định',
      'Ngoài thẩm quyền',
      'bồi thường',
    ]) {
      expect(written).not.toContain(text);
    }
  });

  it('sends each assignment (on opening and on a transfer) to the unit’s own topic as a UnitAssignmentV1 typed CaseAssigned', () => {
    const assigned = onCaseTopic.filter((m) => m.envelope.type === 'CaseAssigned');
    const assignments = onUnitTopics.filter((m) => m.envelope.type === 'CaseAssigned');
    expect(assignments).toHaveLength(assigned.length);
    for (const message of assignments) {
      expect(message.key).toBe(CASE_ID);
      const data = unitAssignmentV1.parse(message.envelope.data);
      expect(message.topic).toBe(unitAssignmentsTopic(data.unitCode));
      expectExactly(unitAssignmentV1, message.envelope.data);
    }
    const transferred = assignments.find((m) => m.topic === unitAssignmentsTopic(OTHER_UNIT));
    expect(transferred?.envelope.data).toMatchObject({
      unitCode: OTHER_UNIT,
      transferredFrom: UNIT,
      handlerId: 'vh-02',
    });
  });

  it('sends every later event of a case to the topic of the unit it is with, exactly as UNIT_TOPIC_EVENTS, and nothing after it left', () => {
    for (const message of onUnitTopics) {
      const type = message.envelope.type as UnitTopicEventType;
      expectExactly(UNIT_TOPIC_EVENTS[type], message.envelope.data);
      expect(message.key).toBe(CASE_ID);
    }
    // Each case event but the opening, once on the case topic and once on its unit's topic.
    const expected = onCaseTopic.filter((m) => m.envelope.type !== 'CaseOpened');
    expect(onUnitTopics.map((m) => m.envelope.eventId)).toEqual(expected.map((m) => m.envelope.eventId));
    for (const [index, message] of onUnitTopics.entries()) {
      expect(message.topic).toBe(
        unitAssignmentsTopic((expected[index].envelope.data as { unitCode: string }).unitCode),
      );
    }
    expect(new Set(onUnitTopics.map((m) => m.envelope.type))).toEqual(
      new Set(Object.keys(UNIT_TOPIC_EVENTS)),
    );
    // A transfer: the unit it leaves gets the CaseTransferred, the unit it goes to the assignment.
    const transfer = caseMessages.filter(
      (m) => m.source.data && (m.source.data as { toUnitCode?: string }).toUnitCode,
    );
    expect(transfer.map((m) => m.topic)).toEqual([Topics.routingCaseEvents, unitAssignmentsTopic(UNIT)]);
  });

  it('publishes an overridden decision without the processor’s written reason, with a fixed explanation', () => {
    const decided = processingMessages.filter((m) => m.envelope.type === 'ProcessingDecided');
    const overridden = decided.filter(
      (m) => (m.envelope.data as { decision: { overridden: boolean } }).decision.overridden,
    );
    expect(overridden).toHaveLength(1);
    expect(JSON.stringify(overridden[0].source.data)).toContain('Thuộc thẩm quyền của tỉnh');
    expect(JSON.stringify(overridden[0].envelope.data)).not.toContain('Thuộc thẩm quyền của tỉnh');
    expect(overridden[0].envelope.data).toMatchObject({
      decision: { outcome: 'forward', overridden: true, explanation: OVERRIDDEN_EXPLANATION },
    });
    expect(keysDeep(overridden[0].envelope.data)).not.toContain('overrideReason');
    // A confirmed proposal keeps the rules' own explanation.
    const confirmed = decided.find((m) => m.envelope.data !== overridden[0].envelope.data);
    expect((confirmed?.envelope.data as { decision: { explanation: unknown } }).decision.explanation).toEqual(
      (confirmed?.source.data as { decision: { explanation: unknown } }).decision.explanation,
    );
  });

  it('names the same deadline and notice kinds as the case domain', () => {
    expect([...caseDeadlineKindV1.options].sort()).toEqual([...CASE_DEADLINE_KINDS].sort());
    expect([...noticeKindV1.options].sort()).toEqual([...NOTICE_KINDS].sort());
  });
});
