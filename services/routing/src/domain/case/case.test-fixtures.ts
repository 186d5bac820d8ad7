import { DomainError } from '@tiep-dan/contracts';
import { CalendarError, type LocalDate } from '@tiep-dan/platform/calendar';
import { vnCalendar } from '../time-limits/calendar.test-fixtures';
import { DEFAULT_TIME_LIMITS } from '../time-limits/time-limits.policy';
import type { CaseActor, CaseCommand, CaseCommandBase, CaseCommandType, OpenCase } from './case.commands';
import { type CaseContext, decide } from './case.decide';
import type { CaseEvent } from './case.events';
import { type CaseState, foldCase } from './case.state';

export const UNIT = 'phong-kinh-te';
export const OTHER_UNIT = 'phong-van-hoa-xa-hoi';
/** A commune-level official (the office): acts without a unit. */
export const officer: CaseActor = { id: 'user-office-1', kind: 'user' };
export const system: CaseActor = { id: 'routing-clock', kind: 'system' };
export function unit(unitCode: string = UNIT): CaseActor {
  return { id: `unit:${unitCode}`, kind: 'unit', unitCode };
}

/** The 2025–2026 calendar as announced, and the default time limits. */
export const context: CaseContext = { calendar: vnCalendar(), limits: DEFAULT_TIME_LIMITS };

type CommandOf<T extends CaseCommandType> = Extract<CaseCommand, { type: T }>;
type Fields<T extends CaseCommandType> = Omit<CommandOf<T>, 'type' | keyof CaseCommandBase> &
  Partial<Pick<CaseCommandBase, 'actor'>>;

/** A command on `today` (at 09:00 local time); the actor defaults to the commune office. */
export function command<T extends CaseCommandType>(
  type: T,
  today: LocalDate,
  fields: Fields<T>,
): CommandOf<T> {
  const { actor, ...rest } = fields;
  return {
    type,
    now: `${today}T02:00:00.000Z`,
    today,
    actor: actor ?? officer,
    ...rest,
  } as unknown as CommandOf<T>;
}

/**
 * A first complaint about a land decision, received Thursday 26 Feb 2026 and accepted (the case opened)
 * Monday 2 Mar 2026: resolution due Wednesday 1 Apr (30 days), acknowledgement due Wednesday 4 Mar.
 */
export function openCase(overrides: Partial<Omit<OpenCase, 'type'>> = {}): OpenCase {
  const today = overrides.today ?? '2026-03-02';
  return {
    type: 'OpenCase',
    now: `${today}T02:00:00.000Z`,
    today,
    actor: system,
    caseId: 'case-1',
    petitionId: 'petition-1',
    kind: 'complaint',
    classification: 'administrative.land_housing',
    sensitiveTags: ['land'],
    complaintRound: 'first',
    complexity: 'normal',
    remoteArea: false,
    receivedOn: '2026-02-26',
    unitCode: UNIT,
    ruleId: 'complaint-commune-chairman',
    ruleSetVersion: 3,
    petitionerRefs: ['P-7f3a'],
    ...overrides,
  };
}

/** A denunciation received and opened on Friday 13 Feb 2026, the last working day before Tết. */
export function openDenunciation(overrides: Partial<Omit<OpenCase, 'type'>> = {}): OpenCase {
  const { complaintRound: _round, ...complaint } = openCase({ today: '2026-02-13', ...overrides });
  return {
    ...complaint,
    kind: 'denunciation',
    classification: 'administrative.civil_service',
    sensitiveTags: [],
    receivedOn: '2026-02-13',
    ruleId: 'denunciation-official',
    ...overrides,
  };
}

/** Runs commands one after the other from nothing and returns every event they produced. */
export function replay(...commands: CaseCommand[]): CaseEvent[] {
  const events: CaseEvent[] = [];
  for (const c of commands) events.push(...decide(foldCase(events), c, context));
  return events;
}

export interface Outcome {
  /** The events decided, or the error code. */
  result: CaseEvent[] | string;
  /** The domain error itself, when one was thrown. */
  error?: DomainError;
  /** The events (fails the test on an error). */
  events(): CaseEvent[];
  /** The state after the history and the decided events (fails the test on an error). */
  state(): CaseState;
  then(expected: CaseEvent[]): void;
  thenFails(code: string): void;
}

/** given(history).when(command) → the events, or the error code of a broken rule. */
export function given(...history: CaseEvent[]) {
  return {
    when(c: CaseCommand, ctx: CaseContext = context): Outcome {
      let result: CaseEvent[] | string;
      let error: DomainError | undefined;
      try {
        result = decide(foldCase(history), c, ctx);
      } catch (e) {
        if (e instanceof DomainError) error = e;
        else if (!(e instanceof CalendarError)) throw e;
        result = e.code;
      }
      const events = (): CaseEvent[] => {
        if (typeof result === 'string')
          throw new Error(`expected events, got ${result}: ${error?.message ?? ''}`);
        return result;
      };
      const outcome: Outcome = {
        result,
        events,
        state: () => {
          const state = foldCase([...history, ...events()]);
          if (!state) throw new Error('no case');
          return state;
        },
        then: (expected) => expect(result).toEqual(expected),
        thenFails: (code) => expect(result).toBe(code),
      };
      if (error) outcome.error = error;
      return outcome;
    },
  };
}

/** The events of one type among `events`. */
export function ofType<T extends CaseEvent['type']>(
  events: readonly CaseEvent[],
  type: T,
): Array<Extract<CaseEvent, { type: T }>> {
  return events.filter((e): e is Extract<CaseEvent, { type: T }> => e.type === type);
}
