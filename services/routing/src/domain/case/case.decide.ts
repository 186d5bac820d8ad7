import {
  CASE_COMPLEXITIES,
  CONCLUSION_RESULTS,
  type ConclusionResult,
  DEADLINE_STAGES,
  type DeadlineStage,
  PETITION_KINDS,
  type PetitionKind,
  SENSITIVE_TAGS,
  isClassificationOf,
} from '@tiep-dan/contracts';
import {
  type DateInterval,
  type LocalDate,
  type WorkingCalendar,
  addDays,
  isLocalDate,
} from '@tiep-dan/platform/calendar';
import {
  type LegalDeadline,
  type ResolutionFacts,
  complaintAcceptanceDeadline,
  complaintDecisionNoticeDeadline,
  deadlineProgress,
  denunciationAcceptanceCheckDeadline,
  denunciationAcceptanceNoticeDeadline,
  denunciationConclusionNoticeDeadline,
  nextExtension,
  resolutionDeadline,
  secondComplaintFilingDeadline,
  unitAcknowledgementDeadline,
} from '../time-limits/deadlines';
import type { TimeLimitPolicy } from '../time-limits/time-limits.policy';
import type {
  AcceptDenunciation,
  AcknowledgeAssignment,
  AddProgressNote,
  CaseActor,
  CaseCommand,
  CaseCommandBase,
  Conclude,
  DeclineDenunciation,
  ExtendAcceptanceCheck,
  ExtendDeadline,
  FileSecondComplaint,
  OpenCase,
  OpenCaseData,
  RecordNoticeSent,
  Reopen,
  Resume,
  StartVerification,
  Stop,
  Suspend,
  TransferOutOfCompetence,
  TransferToUnit,
  Withdraw,
} from './case.commands';
import { CaseError } from './case.errors';
import type {
  CaseDeadline,
  CaseDeadlineKind,
  CaseEvent,
  CaseEventMeta,
  DeadlineDates,
  SecondComplaintFiled,
} from './case.events';
import type { CaseState, CaseStatus, TrackedDeadline } from './case.state';

/** What the decider needs besides the state: the working calendar and the time limits in force. */
export interface CaseContext {
  calendar: WorkingCalendar;
  limits: TimeLimitPolicy;
}

/** The next level for a second complaint against a commune decision (DOMAIN.md: the exact body is to verify). */
export const DEFAULT_NEXT_LEVEL_BODY = 'provincial-committee';

/** Resolution runs (and can be extended, transferred, suspended). */
const RUNNING: readonly CaseStatus[] = ['assigned', 'acknowledged', 'verifying'];
/** Not yet concluded nor ended: can be stopped or withdrawn. */
const BEFORE_CONCLUSION: readonly CaseStatus[] = [...RUNNING, 'suspended'];
/** Ended for good (or until a coerced withdrawal is shown). */
const ENDED: readonly CaseStatus[] = ['closed', 'stopped', 'withdrawn', 'transferred_out', 'not_accepted'];
/** Statuses in which a clock tick looks at deadlines (a closed case may still have the second-complaint window). */
const TICKING: readonly CaseStatus[] = [
  'assigned',
  'acknowledged',
  'verifying',
  'concluded',
  'enforcing',
  'enforced',
  'closed',
];

/**
 * The case's decider: pure, the clock comes with the command. Returns the events to append (none when
 * the command was already applied).
 */
export function decide(
  state: CaseState | undefined,
  command: CaseCommand,
  context: CaseContext,
): CaseEvent[] {
  requireDate(command.today, 'today');
  if (command.type === 'OpenCase') return open(state, command, context);
  if (!state) throw new CaseError('CASE.NOT_FOUND', 'no such case');
  if (
    'updateId' in command &&
    command.updateId !== undefined &&
    state.appliedUpdateIds.includes(command.updateId)
  ) {
    return [];
  }
  if (command.type === 'CheckDeadlines') return checkDeadlines(state, command, context);
  requireActingUnit(state, command.actor);

  switch (command.type) {
    case 'AcknowledgeAssignment':
      return acknowledge(state, command);
    case 'StartVerification':
      return startVerification(state, command);
    case 'AddProgressNote':
      return addProgressNote(state, command);
    case 'AcceptDenunciation':
      return acceptDenunciation(state, command, context);
    case 'DeclineDenunciation':
      return declineDenunciation(state, command);
    case 'ExtendAcceptanceCheck':
      return extendAcceptanceCheck(state, command, context);
    case 'RecordNoticeSent':
      return recordNoticeSent(state, command);
    case 'ExtendDeadline':
      return extendDeadline(state, command, context);
    case 'Suspend':
      return suspend(state, command);
    case 'Resume':
      return resume(state, command, context);
    case 'Stop':
      return stop(state, command);
    case 'Withdraw':
      return withdraw(state, command);
    case 'Reopen':
      return reopen(state, command, context);
    case 'Conclude':
      return conclude(state, command, context);
    case 'StartEnforcement':
      if (state.status === 'enforcing') return [];
      requireStatus(state, ['concluded'], 'start enforcing');
      if (!state.conclusion?.enforcementRequired) {
        throw new CaseError('CASE.ENFORCEMENT_NOT_REQUIRED', 'this conclusion requires no enforcement');
      }
      return [
        {
          type: 'EnforcementStarted',
          data: withOptional(meta(state, command), command, ['updateId', 'note']),
        },
      ];
    case 'CompleteEnforcement':
      if (state.status === 'enforced') return [];
      requireStatus(state, ['enforcing'], 'complete the enforcement of');
      return [
        {
          type: 'EnforcementCompleted',
          data: withOptional(meta(state, command), command, ['updateId', 'note']),
        },
      ];
    case 'Close':
      return close(state, command);
    case 'TransferToUnit':
      return transferToUnit(state, command, context);
    case 'TransferOutOfCompetence':
      return transferOut(state, command);
    case 'FileSecondComplaint':
      return fileSecondComplaint(state, command, context);
  }
}

function open(state: CaseState | undefined, command: OpenCase, context: CaseContext): CaseEvent[] {
  const data = normalizeOpening(command);
  if (state) {
    // A retry of the same opening is done already; anything else under this id is a different case.
    if (fingerprint(state.opening) === fingerprint(data)) return [];
    throw new CaseError('CASE.ALREADY_OPENED', `case ${data.caseId} is already open with other data`);
  }
  const { calendar, limits: policy } = context;
  const today = command.today;
  const deadlines: CaseDeadline[] =
    data.kind === 'denunciation'
      ? // LTC art. 24: the check counts from receipt; resolution starts only at acceptance.
        [
          deadline(
            'acceptance_check',
            denunciationAcceptanceCheckDeadline({ calendar, policy, start: data.receivedOn }),
          ),
        ]
      : [
          deadline(
            'resolution',
            resolutionDeadline({ calendar, policy, start: today, ...resolutionFacts(data) }),
          ),
        ];
  const acknowledgement = unitAcknowledgementDeadline({ calendar, policy, start: today });
  const at: CaseEventMeta = {
    caseId: data.caseId,
    at: command.now,
    on: today,
    by: command.actor.id,
    unitCode: data.unitCode,
  };

  const opened: Extract<CaseEvent, { type: 'CaseOpened' }> = { type: 'CaseOpened', data: { ...at, ...data } };
  if (data.kind === 'complaint') {
    const acceptance = complaintAcceptanceDeadline({ calendar, policy, start: data.receivedOn });
    // Met by this very opening, so reported on it rather than tracked.
    opened.data.complaintAcceptance = { ...dates(acceptance), late: today > acceptance.dueOn };
  }
  const assigned: Extract<CaseEvent, { type: 'CaseAssigned' }> = {
    type: 'CaseAssigned',
    data: {
      ...at,
      petitionId: data.petitionId,
      assignmentNo: 1,
      unitCode: data.unitCode,
      kind: data.kind,
      classification: data.classification,
      sensitiveTags: data.sensitiveTags,
      complexity: data.complexity,
      assignedOn: today,
      acknowledgeBy: acknowledgement.dueOn,
      acknowledgeWithin: acknowledgement.duration,
      deadlines,
    },
  };
  if (data.handlerId !== undefined) assigned.data.handlerId = data.handlerId;
  return [opened, assigned];
}

function normalizeOpening(command: OpenCase): OpenCaseData {
  const invalid = (field: string, message: string): never => {
    throw new CaseError('CASE.INVALID_INPUT', message, { field });
  };
  for (const field of ['caseId', 'petitionId', 'unitCode', 'ruleId'] as const) {
    if (typeof command[field] !== 'string' || command[field].trim() === '')
      invalid(field, `${field} is required`);
  }
  if (!(PETITION_KINDS as readonly string[]).includes(command.kind))
    invalid('kind', `unknown kind ${command.kind}`);
  if (!isClassificationOf(command.kind, command.classification)) {
    invalid('classification', `${command.classification} is not a classification of a ${command.kind}`);
  }
  const tags = [...new Set(command.sensitiveTags)].sort();
  if (tags.some((t) => !(SENSITIVE_TAGS as readonly string[]).includes(t))) {
    invalid('sensitiveTags', 'unknown sensitive tag');
  }
  if (!(CASE_COMPLEXITIES as readonly string[]).includes(command.complexity)) {
    invalid('complexity', `unknown complexity ${command.complexity}`);
  }
  if (typeof command.remoteArea !== 'boolean') invalid('remoteArea', 'remoteArea must be true or false');
  if (command.kind !== 'complaint' && command.complaintRound !== undefined) {
    invalid('complaintRound', 'only a complaint has a round');
  }
  requireDate(command.receivedOn, 'receivedOn');
  if (command.receivedOn > command.today) invalid('receivedOn', 'a petition cannot be received after today');
  if (!Number.isInteger(command.ruleSetVersion) || command.ruleSetVersion < 0) {
    invalid('ruleSetVersion', 'ruleSetVersion must be a whole number');
  }
  // Petitioners only as pseudonyms: a name in an event could never be erased.
  const refs = [...new Set(command.petitionerRefs)].sort();
  if (refs.some((r) => typeof r !== 'string' || !/^P-[A-Za-z0-9_-]+$/.test(r))) {
    invalid('petitionerRefs', 'petitioners are referred to by their pseudonymous refs (P-…) only');
  }
  const data: OpenCaseData = {
    caseId: command.caseId,
    petitionId: command.petitionId,
    kind: command.kind,
    classification: command.classification,
    sensitiveTags: tags,
    complexity: command.complexity,
    remoteArea: command.remoteArea,
    receivedOn: command.receivedOn,
    unitCode: command.unitCode,
    ruleId: command.ruleId,
    ruleSetVersion: command.ruleSetVersion,
    petitionerRefs: refs,
  };
  if (command.kind === 'complaint') data.complaintRound = command.complaintRound ?? 'first';
  if (command.handlerId !== undefined) data.handlerId = command.handlerId;
  if (command.previousCaseId !== undefined) data.previousCaseId = command.previousCaseId;
  if (command.transferredFrom !== undefined) data.transferredFrom = command.transferredFrom;
  return data;
}

function fingerprint(data: OpenCaseData): string {
  return JSON.stringify([
    data.caseId,
    data.petitionId,
    data.kind,
    data.classification,
    [...data.sensitiveTags].sort(),
    data.complaintRound ?? null,
    data.complexity,
    data.remoteArea,
    data.receivedOn,
    data.unitCode,
    data.handlerId ?? null,
    data.ruleId,
    data.ruleSetVersion,
    [...data.petitionerRefs].sort(),
    data.previousCaseId ?? null,
    data.transferredFrom ?? null,
  ]);
}

function acknowledge(state: CaseState, command: AcknowledgeAssignment): CaseEvent[] {
  if (command.actor.unitCode !== state.unitCode) {
    throw new CaseError(
      'CASE.NOT_ASSIGNED_UNIT',
      `only unit ${state.unitCode} can acknowledge this assignment`,
      {
        unitCode: state.unitCode,
      },
    );
  }
  if (state.acknowledged) return [];
  requireStatus(state, ['assigned', 'suspended'], 'acknowledge');
  const { assignment } = state;
  const data = {
    ...meta(state, command),
    assignmentNo: assignment.no,
    unitCode: assignment.unitCode,
    acknowledgeBy: assignment.acknowledgeBy,
    late: command.today > assignment.acknowledgeBy,
  };
  return [{ type: 'AssignmentAcknowledged', data: withOptional(data, command, ['updateId', 'handlerId']) }];
}

function startVerification(state: CaseState, command: StartVerification): CaseEvent[] {
  if (state.status === 'verifying') return [];
  requireAccepted(state, 'verify');
  requireStatus(state, ['acknowledged'], 'start verifying');
  const data = { ...meta(state, command), unitCode: state.unitCode };
  return [{ type: 'VerificationStarted', data: withOptional(data, command, ['updateId', 'handlerId']) }];
}

function addProgressNote(state: CaseState, command: AddProgressNote): CaseEvent[] {
  if (ENDED.includes(state.status)) invalidTransition(state, 'add a progress note to');
  const note = longText(command.note);
  if (!command.updateId || note === '') {
    throw new CaseError('CASE.INVALID_INPUT', 'a progress note needs its update id and its text', {
      field: note === '' ? 'note' : 'updateId',
    });
  }
  return [
    {
      type: 'ProgressNoteAdded',
      data: { ...meta(state, command), updateId: command.updateId, unitCode: state.unitCode, note },
    },
  ];
}

function acceptDenunciation(
  state: CaseState,
  command: AcceptDenunciation,
  context: CaseContext,
): CaseEvent[] {
  requireDenunciation(state);
  if (state.denunciation?.accepted)
    invalidTransition(state, 'accept', 'the denunciation is already accepted');
  requireStatus(state, ['assigned', 'acknowledged'], 'accept');
  const check = requireDeadline(state, 'acceptance_check');
  const { calendar, limits: policy } = context;
  const start = command.today;
  const deadlines: CaseDeadline[] = [
    deadline('resolution', resolutionDeadline({ calendar, policy, start, ...resolutionFacts(state) })),
  ];
  const notice = denunciationAcceptanceNoticeDeadline({ calendar, policy, start });
  // An anonymous denunciation accepted for its evidence (LTC art. 25) has nobody to notify.
  if (state.petitionerRefs.length > 0) deadlines.push(deadline('acceptance_to_denouncer', notice));
  deadlines.push(deadline('acceptance_to_accused', notice));
  return [
    {
      type: 'DenunciationAccepted',
      data: {
        ...meta(state, command),
        acceptanceCheckDueOn: check.dueOn,
        late: command.today > check.dueOn,
        deadlines,
      },
    },
  ];
}

function declineDenunciation(state: CaseState, command: DeclineDenunciation): CaseEvent[] {
  requireDenunciation(state);
  if (state.denunciation?.accepted)
    invalidTransition(state, 'decline', 'the denunciation is already accepted');
  requireStatus(state, ['assigned', 'acknowledged'], 'decline');
  const check = requireDeadline(state, 'acceptance_check');
  return [
    {
      type: 'DenunciationDeclined',
      data: {
        ...meta(state, command),
        reason: requireReason(command.reason),
        acceptanceCheckDueOn: check.dueOn,
        late: command.today > check.dueOn,
      },
    },
  ];
}

function extendAcceptanceCheck(
  state: CaseState,
  command: ExtendAcceptanceCheck,
  context: CaseContext,
): CaseEvent[] {
  requireDenunciation(state);
  if (state.denunciation?.accepted)
    invalidTransition(state, 'extend the acceptance check of', 'the denunciation is already accepted');
  requireStatus(state, ['assigned', 'acknowledged'], 'extend the acceptance check of');
  if (state.denunciation?.checkExtended) {
    throw new CaseError('CASE.EXTENSION_NOT_ALLOWED', 'the acceptance check can be extended once only');
  }
  const check = requireDeadline(state, 'acceptance_check');
  requireNotPassed(check, command.today);
  const reason = requireReason(command.reason);
  const extended = denunciationAcceptanceCheckDeadline({
    calendar: context.calendar,
    policy: context.limits,
    start: check.start,
    suspensions: state.suspensions,
    extended: true,
  });
  return [
    {
      type: 'AcceptanceCheckExtended',
      data: {
        ...meta(state, command),
        reason,
        previousDueOn: check.dueOn,
        deadline: deadline('acceptance_check', extended),
      },
    },
  ];
}

function transferOut(state: CaseState, command: TransferOutOfCompetence): CaseEvent[] {
  requireDenunciation(state);
  // TT 05/2021: a denunciation outside competence is transferred once only for the same content.
  if (state.transferredFrom !== undefined || state.transferredOutTo !== undefined) {
    throw new CaseError(
      'CASE.DENUNCIATION_ALREADY_TRANSFERRED',
      state.transferredOutTo !== undefined
        ? `this denunciation was already transferred to ${state.transferredOutTo}`
        : `this denunciation was transferred here by ${String(state.transferredFrom)}: it is not transferred again`,
    );
  }
  requireStatus(state, RUNNING, 'transfer out');
  const toBody = text(command.toBody);
  if (toBody === '')
    throw new CaseError('CASE.INVALID_INPUT', 'the competent body is required', { field: 'toBody' });
  return [
    {
      type: 'CaseTransferredOutOfCompetence',
      data: { ...meta(state, command), toBody, reason: requireReason(command.reason) },
    },
  ];
}

function recordNoticeSent(state: CaseState, command: RecordNoticeSent): CaseEvent[] {
  const due = state.deadlines[command.notice];
  if (!due) {
    throw new CaseError('CASE.NOTICE_NOT_DUE', `no ${command.notice} notice is due in this case`, {
      notice: command.notice,
    });
  }
  if (due.met) return [];
  const sentOn = command.sentOn ?? command.today;
  requireDate(sentOn, 'sentOn');
  if (sentOn > command.today || sentOn < due.start) {
    throw new CaseError('CASE.INVALID_INPUT', `a notice is sent between ${due.start} and today`, {
      field: 'sentOn',
    });
  }
  return [
    {
      type: 'NoticeSent',
      data: {
        ...meta(state, command),
        notice: command.notice,
        sentOn,
        dueOn: due.dueOn,
        late: sentOn > due.dueOn,
      },
    },
  ];
}

function extendDeadline(state: CaseState, command: ExtendDeadline, context: CaseContext): CaseEvent[] {
  requireAccepted(state, 'extend');
  requireStatus(state, RUNNING, 'extend');
  const resolution = requireDeadline(state, 'resolution');
  const reason = requireReason(command.reason);
  if (
    command.complexity !== undefined &&
    !(CASE_COMPLEXITIES as readonly string[]).includes(command.complexity)
  ) {
    throw new CaseError('CASE.INVALID_INPUT', `unknown complexity ${command.complexity}`, {
      field: 'complexity',
    });
  }
  requireNotPassed(resolution, command.today);
  const allowance = nextExtension(
    context.limits,
    resolutionFacts(state),
    state.extensionsUsed,
    resolution.duration,
    command.complexity,
  );
  if (!allowance.allowed) {
    throw new CaseError('CASE.EXTENSION_NOT_ALLOWED', allowance.reason, {
      extensionsUsed: state.extensionsUsed,
    });
  }
  const amount = command.amount ?? allowance.maxAmount;
  if (!Number.isInteger(amount) || amount < 1 || amount > allowance.maxAmount) {
    throw new CaseError('CASE.INVALID_INPUT', `an extension adds 1 to ${allowance.maxAmount} days`, {
      field: 'amount',
      max: allowance.maxAmount,
    });
  }
  const duration = { amount: resolution.duration.amount + amount, unit: resolution.duration.unit };
  const extended: CaseDeadline = {
    ...view(resolution),
    duration,
    dueOn: context.calendar.computeDeadline(resolution.start, duration, state.suspensions),
  };
  const data = {
    ...meta(state, command),
    extensionNo: state.extensionsUsed + 1,
    added: { amount, unit: allowance.unit },
    reason,
    complexity: allowance.complexityAfter,
    previousDueOn: resolution.dueOn,
    deadline: extended,
    legalBasis: allowance.legalBasis,
  };
  const decisionNumber = command.decisionNumber === undefined ? '' : text(command.decisionNumber);
  return [
    {
      type: 'DeadlineExtended',
      data: withOptional(data, { updateId: command.updateId, decisionNumber: decisionNumber || undefined }, [
        'updateId',
        'decisionNumber',
      ]),
    },
  ];
}

function suspend(state: CaseState, command: Suspend): CaseEvent[] {
  requireAccepted(state, 'suspend');
  requireStatus(state, RUNNING, 'suspend');
  return [
    { type: 'CaseSuspended', data: { ...meta(state, command), reason: requireReason(command.reason) } },
  ];
}

function resume(state: CaseState, command: Resume, context: CaseContext): CaseEvent[] {
  requireStatus(state, ['suspended'], 'resume');
  const since = state.suspendedSince ?? command.today;
  const suspension = daysOff(since, command.today);
  const moved = movedDeadlines(state, suspension, context);
  const data = { ...meta(state, command), suspension, deadlines: moved.deadlines };
  return [
    {
      type: 'CaseResumed',
      data: moved.acknowledgeBy === undefined ? data : { ...data, acknowledgeBy: moved.acknowledgeBy },
    },
  ];
}

function stop(state: CaseState, command: Stop): CaseEvent[] {
  requireStatus(state, BEFORE_CONCLUSION, 'stop');
  return [{ type: 'CaseStopped', data: { ...meta(state, command), reason: requireReason(command.reason) } }];
}

function withdraw(state: CaseState, command: Withdraw): CaseEvent[] {
  requireStatus(state, BEFORE_CONCLUSION, 'withdraw');
  const reason = command.reason === undefined ? '' : longText(command.reason);
  if (command.scope === 'part') {
    const part = command.part === undefined ? '' : text(command.part);
    if (part === '')
      throw new CaseError('CASE.INVALID_INPUT', 'say which part is withdrawn', { field: 'part' });
    const data = { ...meta(state, command), part };
    return [{ type: 'CaseWithdrawnInPart', data: reason ? { ...data, reason } : data }];
  }
  if (command.scope !== 'whole') {
    throw new CaseError('CASE.INVALID_INPUT', 'a withdrawal is whole or part', { field: 'scope' });
  }
  const data = meta(state, command);
  return [{ type: 'CaseWithdrawn', data: reason ? { ...data, reason } : data }];
}

function reopen(state: CaseState, command: Reopen, context: CaseContext): CaseEvent[] {
  // Luật 136/2025: a withdrawn complaint is not reopened, unless the withdrawal was coerced.
  if (state.status !== 'withdrawn' || state.statusBeforeWithdrawal === undefined) {
    throw new CaseError(
      'CASE.CANNOT_REOPEN',
      `a ${state.status} case cannot be reopened; only a coerced whole withdrawal can`,
    );
  }
  if (command.reason !== 'withdrawal_coerced') {
    throw new CaseError('CASE.CANNOT_REOPEN', 'a withdrawal is reopened only when it was coerced');
  }
  const evidence = longText(command.evidence);
  if (evidence === '') {
    throw new CaseError('CASE.INVALID_INPUT', 'reopening needs the evidence of coercion', {
      field: 'evidence',
    });
  }
  const back = state.statusBeforeWithdrawal;
  const base = { ...meta(state, command), reason: command.reason, evidence, status: back };
  if (back === 'suspended') {
    // Still suspended: the days will be excluded when resolution resumes.
    return [{ type: 'CaseReopened', data: { ...base, suspension: null, deadlines: [] } }];
  }
  const suspension = daysOff(state.withdrawnOn ?? command.today, command.today);
  const moved = movedDeadlines(state, suspension, context);
  const data = { ...base, suspension, deadlines: moved.deadlines };
  return [
    {
      type: 'CaseReopened',
      data: moved.acknowledgeBy === undefined ? data : { ...data, acknowledgeBy: moved.acknowledgeBy },
    },
  ];
}

function conclude(state: CaseState, command: Conclude, context: CaseContext): CaseEvent[] {
  requireStatus(state, ['verifying'], 'conclude');
  if (!(CONCLUSION_RESULTS as readonly string[]).includes(command.result)) {
    throw new CaseError('CASE.INVALID_INPUT', `unknown result ${command.result}`, { field: 'result' });
  }
  const documentNumber = text(command.documentNumber);
  if (documentNumber === '') {
    throw new CaseError('CASE.INVALID_INPUT', 'the decision or conclusion needs its document number', {
      field: 'documentNumber',
    });
  }
  requireDate(command.issuedOn, 'issuedOn');
  const resolution = requireDeadline(state, 'resolution');
  if (command.issuedOn > command.today || command.issuedOn < resolution.start) {
    throw new CaseError(
      'CASE.INVALID_INPUT',
      `the document is issued between ${resolution.start} and today`,
      {
        field: 'issuedOn',
      },
    );
  }
  if (command.handlingMeasures !== undefined && state.kind !== 'denunciation') {
    throw new CaseError('CASE.INVALID_INPUT', 'handling measures belong to a denunciation conclusion', {
      field: 'handlingMeasures',
    });
  }
  const { calendar, limits: policy } = context;
  const start = command.issuedOn;
  const deadlines: CaseDeadline[] = [];
  if (state.kind === 'complaint' && state.complaintRound !== 'second') {
    deadlines.push(
      deadline('decision_to_complainant', complaintDecisionNoticeDeadline({ calendar, policy, start })),
    );
    deadlines.push(
      deadline(
        'second_complaint_filing',
        secondComplaintFilingDeadline({ calendar, policy, start, remoteArea: state.remoteArea }),
      ),
    );
  }
  if (state.kind === 'denunciation') {
    const notice = denunciationConclusionNoticeDeadline({ calendar, policy, start });
    deadlines.push(deadline('conclusion_to_accused', notice));
    if (state.petitionerRefs.length > 0) deadlines.push(deadline('conclusion_to_denouncer', notice));
  }
  const summary = command.summary === undefined ? '' : longText(command.summary);
  const data = {
    ...meta(state, command),
    result: command.result,
    documentNumber,
    issuedOn: command.issuedOn,
    enforcementRequired: enforcementRequired(state.kind, command.result, command.handlingMeasures),
    resolutionDueOn: resolution.dueOn,
    late: command.issuedOn > resolution.dueOn,
    deadlines,
  };
  return [
    {
      type: 'CaseConcluded',
      data: withOptional(data, { updateId: command.updateId, summary: summary || undefined }, [
        'updateId',
        'summary',
      ]),
    },
  ];
}

/**
 * When a conclusion must be enforced before the case closes:
 * - a complaint decision that finds the complaint right or partly right: the contested decision or act is
 *   cancelled or changed, which someone must carry out (LKN, thi hành quyết định giải quyết khiếu nại);
 *   a complaint found wrong leaves the contested decision as it was, nothing to enforce here;
 * - a denunciation conclusion that orders handling measures (LTC art. 44), by default when it was right
 *   or partly right;
 * - a recommendation or reflection: an answer, nothing to enforce.
 */
export function enforcementRequired(
  kind: PetitionKind,
  result: ConclusionResult,
  handlingMeasures?: boolean,
): boolean {
  switch (kind) {
    case 'complaint':
      return result !== 'wrong';
    case 'denunciation':
      return handlingMeasures ?? result !== 'wrong';
    case 'recommendation':
    case 'reflection':
      return false;
  }
}

function close(state: CaseState, command: CaseCommandBase): CaseEvent[] {
  const conclusion = state.conclusion;
  if (
    conclusion &&
    (state.status === 'enforcing' || (state.status === 'concluded' && conclusion.enforcementRequired))
  ) {
    throw new CaseError('CASE.ENFORCEMENT_PENDING', 'the decision must be enforced before the case closes');
  }
  requireStatus(state, ['concluded', 'enforced'], 'close');
  if (!conclusion) invalidTransition(state, 'close');
  return [
    {
      type: 'CaseClosed',
      data: { ...meta(state, command), result: conclusion.result, enforced: state.status === 'enforced' },
    },
  ];
}

function transferToUnit(state: CaseState, command: TransferToUnit, context: CaseContext): CaseEvent[] {
  requireStatus(state, RUNNING, 'transfer');
  const toUnitCode = text(command.toUnitCode);
  if (toUnitCode === '')
    throw new CaseError('CASE.INVALID_INPUT', 'the unit is required', { field: 'toUnitCode' });
  if (toUnitCode === state.unitCode) {
    throw new CaseError('CASE.SAME_UNIT', `the case is already assigned to ${toUnitCode}`);
  }
  const reason = requireReason(command.reason);
  const acknowledgement = unitAcknowledgementDeadline({
    calendar: context.calendar,
    policy: context.limits,
    start: command.today,
  });
  const at = meta(state, command);
  const assigned: Extract<CaseEvent, { type: 'CaseAssigned' }> = {
    type: 'CaseAssigned',
    data: {
      ...at,
      petitionId: state.petitionId,
      assignmentNo: state.assignment.no + 1,
      unitCode: toUnitCode,
      kind: state.kind,
      classification: state.classification,
      sensitiveTags: state.opening.sensitiveTags,
      complexity: state.complexity,
      assignedOn: command.today,
      acknowledgeBy: acknowledgement.dueOn,
      acknowledgeWithin: acknowledgement.duration,
      deadlines: openDeadlines(state).map(view),
      transferredFrom: state.unitCode,
      reason,
    },
  };
  if (command.handlerId !== undefined) assigned.data.handlerId = command.handlerId;
  return [
    { type: 'CaseTransferred', data: { ...at, fromUnitCode: state.unitCode, toUnitCode, reason } },
    assigned,
  ];
}

function fileSecondComplaint(
  state: CaseState,
  command: FileSecondComplaint,
  context: CaseContext,
): CaseEvent[] {
  if (state.kind !== 'complaint' || state.complaintRound !== 'first') {
    throw new CaseError('CASE.NOT_A_FIRST_COMPLAINT', 'a second complaint follows a first complaint');
  }
  if (state.secondComplaint) {
    throw new CaseError('CASE.SECOND_COMPLAINT_ALREADY_FILED', 'a second complaint was already filed');
  }
  requireStatus(
    state,
    ['assigned', 'acknowledged', 'verifying', 'suspended', 'concluded', 'enforcing', 'enforced', 'closed'],
    'file a second complaint against',
  );
  const petitionId = text(command.petitionId);
  if (petitionId === '')
    throw new CaseError('CASE.INVALID_INPUT', 'the petition is required', { field: 'petitionId' });
  requireDate(command.filedOn, 'filedOn');
  if (command.filedOn > command.today) {
    throw new CaseError('CASE.INVALID_INPUT', 'a complaint cannot be filed after today', {
      field: 'filedOn',
    });
  }
  const { calendar, limits: policy } = context;
  const remoteArea = state.remoteArea;
  const windows: Array<{
    basis: SecondComplaintFiled['data']['basis'];
    opensAfter: LocalDate;
    window: LegalDeadline;
  }> = [];

  const conclusion = state.conclusion;
  if (conclusion) {
    const received = command.decisionReceivedOn ?? conclusion.issuedOn;
    requireDate(received, 'decisionReceivedOn');
    if (received < conclusion.issuedOn || received > command.today) {
      throw new CaseError(
        'CASE.INVALID_INPUT',
        `the decision was received between ${conclusion.issuedOn} and today`,
        {
          field: 'decisionReceivedOn',
        },
      );
    }
    // LKN art. 33: from receipt of the first decision; a complaint filed the day it arrives is in time.
    windows.push({
      basis: 'first_decision',
      opensAfter: addDays(received, -1),
      window: secondComplaintFilingDeadline({ calendar, policy, start: received, remoteArea }),
    });
  }
  const resolution = state.deadlines.resolution;
  if (resolution && state.status !== 'suspended' && (!conclusion || conclusion.issuedOn > resolution.dueOn)) {
    // LKN art. 33: or from the end of the first-time limit when no decision came by then.
    windows.push({
      basis: 'no_decision_in_time',
      opensAfter: resolution.dueOn,
      window: secondComplaintFilingDeadline({ calendar, policy, start: resolution.dueOn, remoteArea }),
    });
  }
  const fitting = windows.find((w) => command.filedOn > w.opensAfter && command.filedOn <= w.window.dueOn);
  if (!fitting) {
    const late = windows.some((w) => command.filedOn > w.window.dueOn);
    if (late) {
      const last = windows.map((w) => w.window.dueOn).sort()[windows.length - 1];
      throw new CaseError(
        'CASE.SECOND_COMPLAINT_OUT_OF_TIME',
        `the window for a second complaint closed on ${last}`,
        {
          closedOn: last,
        },
      );
    }
    throw new CaseError(
      'CASE.SECOND_COMPLAINT_PREMATURE',
      'no first decision yet and the first-time limit has not passed: a second complaint cannot be filed yet',
      resolution ? { resolutionDueOn: resolution.dueOn } : undefined,
    );
  }
  const nextLevelBody = command.nextLevelBody === undefined ? '' : text(command.nextLevelBody);
  return [
    {
      type: 'SecondComplaintFiled',
      data: {
        ...meta(state, command),
        petitionId,
        filedOn: command.filedOn,
        nextLevelBody: nextLevelBody || DEFAULT_NEXT_LEVEL_BODY,
        basis: fitting.basis,
        window: deadline('second_complaint_filing', fitting.window),
      },
    },
  ];
}

const STAGE_EVENT = {
  approaching: 'DeadlineApproaching',
  due: 'DeadlineDue',
  overdue: 'DeadlineOverdue',
} as const satisfies Record<DeadlineStage, CaseEvent['type']>;

function checkDeadlines(state: CaseState, command: CaseCommandBase, context: CaseContext): CaseEvent[] {
  // Nothing runs while suspended, and an ended case has nothing left to watch.
  if (!TICKING.includes(state.status)) return [];
  const events: CaseEvent[] = [];
  const at = meta(state, command);
  for (const d of openDeadlines(state)) {
    const progress = deadlineProgress(d, command.today, context.calendar, {
      suspensions: state.suspensions,
      approachingAt: context.limits.approachingThreshold.ratio,
    });
    if (progress.stage === 'on_track') continue;
    // Once per deadline and stage; a stage skipped by a missed tick is not announced after a later one.
    const rank = DEADLINE_STAGES.indexOf(progress.stage);
    if (d.stagesEmitted.some((s) => DEADLINE_STAGES.indexOf(s) >= rank)) continue;
    events.push({
      type: STAGE_EVENT[progress.stage],
      data: {
        ...at,
        deadline: d.kind,
        start: d.start,
        dueOn: d.dueOn,
        duration: d.duration,
        used: progress.used,
        unitCode: state.unitCode,
      },
    });
  }
  const { assignment } = state;
  if (
    state.status === 'assigned' &&
    !assignment.acknowledged &&
    !assignment.escalated &&
    command.today > assignment.acknowledgeBy
  ) {
    events.push({
      type: 'AssignmentEscalated',
      data: {
        ...at,
        assignmentNo: assignment.no,
        unitCode: assignment.unitCode,
        assignedOn: assignment.assignedOn,
        acknowledgeBy: assignment.acknowledgeBy,
      },
    });
  }
  return events;
}

function meta(state: CaseState, command: CaseCommandBase): CaseEventMeta {
  return {
    caseId: state.caseId,
    at: command.now,
    on: command.today,
    by: command.actor.id,
    unitCode: state.unitCode,
  };
}

function dates(legal: LegalDeadline): DeadlineDates {
  const d: DeadlineDates = {
    start: legal.start,
    dueOn: legal.dueOn,
    duration: legal.duration,
    legalBasis: legal.legalBasis,
  };
  if (legal.verify) d.verify = true;
  return d;
}

function deadline(kind: CaseDeadlineKind, legal: LegalDeadline): CaseDeadline {
  return { kind, ...dates(legal) };
}

function view(d: TrackedDeadline): CaseDeadline {
  return deadline(d.kind, d);
}

function openDeadlines(state: CaseState): TrackedDeadline[] {
  return Object.values(state.deadlines).filter((d): d is TrackedDeadline => d !== undefined && !d.met);
}

function resolutionFacts(source: {
  kind: PetitionKind;
  complaintRound?: ResolutionFacts['complaintRound'];
  complexity: ResolutionFacts['complexity'];
  remoteArea: boolean;
}): ResolutionFacts {
  const facts: ResolutionFacts = {
    kind: source.kind,
    complexity: source.complexity,
    remoteArea: source.remoteArea,
  };
  if (source.complaintRound !== undefined) facts.complaintRound = source.complaintRound;
  return facts;
}

/**
 * The days that do not count for a period of suspension (or of a coerced withdrawal) decided on `since`
 * and ended on `until`: from the day after the decision to the day it ended, as a period counted in days
 * starts the day after its event (Civil Code art. 147). Null when both fall on the same day.
 */
function daysOff(since: LocalDate, until: LocalDate): DateInterval | null {
  return until > since ? { from: addDays(since, 1), to: until } : null;
}

/** Open deadlines (and an unacknowledged assignment) recomputed with one more period that does not count. */
function movedDeadlines(
  state: CaseState,
  suspension: DateInterval | null,
  context: CaseContext,
): { deadlines: CaseDeadline[]; acknowledgeBy?: LocalDate } {
  const suspensions = suspension ? [...state.suspensions, suspension] : state.suspensions;
  const deadlines = openDeadlines(state).map((d) => ({
    ...view(d),
    dueOn: context.calendar.computeDeadline(d.start, d.duration, suspensions),
  }));
  if (state.assignment.acknowledged) return { deadlines };
  const { assignedOn, acknowledgeWithin } = state.assignment;
  return {
    deadlines,
    acknowledgeBy: context.calendar.computeDeadline(assignedOn, acknowledgeWithin, suspensions),
  };
}

function requireActingUnit(state: CaseState, actor: CaseActor): void {
  if (
    (actor.kind === 'unit' && !actor.unitCode) ||
    (actor.unitCode !== undefined && actor.unitCode !== state.unitCode)
  ) {
    throw new CaseError('CASE.NOT_ASSIGNED_UNIT', `the case is assigned to unit ${state.unitCode}`, {
      unitCode: state.unitCode,
    });
  }
}

function requireStatus(state: CaseState, allowed: readonly CaseStatus[], action: string): void {
  if (!allowed.includes(state.status)) invalidTransition(state, action);
}

function invalidTransition(state: CaseState, action: string, why?: string): never {
  const message = `cannot ${action} a case that is ${state.status}`;
  throw new CaseError('CASE.INVALID_TRANSITION', why ? `${message}: ${why}` : message, {
    status: state.status,
  });
}

function requireDenunciation(state: CaseState): void {
  if (state.kind !== 'denunciation') {
    throw new CaseError('CASE.NOT_A_DENUNCIATION', `this is a ${state.kind}, not a denunciation`);
  }
}

/** A denunciation is resolved (verified, extended, suspended) only once accepted. */
function requireAccepted(state: CaseState, action: string): void {
  if (state.kind === 'denunciation' && !state.denunciation?.accepted) {
    throw new CaseError('CASE.DENUNCIATION_NOT_ACCEPTED', `accept the denunciation before you ${action} it`);
  }
}

function requireDeadline(state: CaseState, kind: CaseDeadlineKind): TrackedDeadline {
  const d = state.deadlines[kind];
  if (!d) invalidTransition(state, `use the ${kind} deadline of`);
  return d;
}

/** An extension is decided before the period runs out, not after. */
function requireNotPassed(d: TrackedDeadline, today: LocalDate): void {
  if (today > d.dueOn) {
    throw new CaseError('CASE.DEADLINE_PASSED', `the ${d.kind} deadline passed on ${d.dueOn}`, {
      dueOn: d.dueOn,
    });
  }
}

function requireReason(reason: string | undefined): string {
  const value = reason === undefined ? '' : longText(reason);
  if (value === '') throw new CaseError('CASE.REASON_REQUIRED', 'a written reason is required');
  return value;
}

function requireDate(value: string, field: string): void {
  if (!isLocalDate(value))
    throw new CaseError('CASE.INVALID_INPUT', `${field} must be a date YYYY-MM-DD`, { field });
}

/** A one-line value (number, code, name of a part): NFC, spaces collapsed. */
function text(value: string): string {
  return typeof value === 'string' ? value.normalize('NFC').replace(/\s+/g, ' ').trim() : '';
}

/** Free text (reason, note, summary, evidence): NFC and trimmed, its lines kept. */
function longText(value: string): string {
  return typeof value === 'string' ? value.normalize('NFC').trim() : '';
}

/** Copies the optional fields that are set (events never carry `undefined`). */
function withOptional<T extends object, K extends string>(
  data: T,
  source: Partial<Record<K, string | undefined>>,
  keys: readonly K[],
): T & Partial<Record<K, string>> {
  const out: T & Partial<Record<K, string>> = { ...data };
  for (const key of keys) {
    const value = source[key];
    if (value !== undefined) (out as Partial<Record<K, string>>)[key] = value;
  }
  return out;
}
