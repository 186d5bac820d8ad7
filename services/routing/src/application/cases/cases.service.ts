import { unitAssignmentsTopic } from '@tiep-dan/contracts';
import {
  AggregateRepository,
  type EventMetadata,
  type EventStore,
  type Handled,
} from '@tiep-dan/event-store';
import type { WorkingCalendar } from '@tiep-dan/platform/calendar';
import {
  CaseError,
  decide,
  foldCase,
  type CaseActor,
  type CaseCommand,
  type CaseEvent,
  type CaseState,
  type OpenCaseData,
} from '../../domain/case';
import type { TimeLimitPolicy } from '../../domain/time-limits';
import { correlatedMetadata } from '../../infrastructure/event-sourcing/correlated-metadata';
import type { CaseListReadModel } from '../../infrastructure/read-models/case-list.read-model';
import { CASE_STREAM_PREFIX } from '../../infrastructure/relay/routing.relay-mapping';
import type { Instant } from '../clock';

/** A command as callers give it: the service adds the clock and the actor. */
export type CaseAction = CaseCommand extends infer C
  ? C extends CaseCommand
    ? Omit<C, 'now' | 'today' | 'actor'>
    : never
  : never;

export interface CasesServiceOptions {
  store: EventStore;
  calendar: () => Promise<WorkingCalendar>;
  limits: TimeLimitPolicy;
  readModel: CaseListReadModel;
  /** Creates a unit's assignment topic before the first assignment to it is recorded. */
  ensureUnitTopic: (topic: string) => Promise<void>;
}

/**
 * Cases (hồ sơ giải quyết): opened when a petition is accepted, worked by the assigned unit through REST
 * or its Kafka topic, followed by the clock. Thin: load, decide (domain/case), append, update the list.
 */
export class CasesService {
  private readonly aggregates: AggregateRepository<CaseState, CaseEvent>;
  private readonly knownTopics = new Set<string>();

  constructor(private readonly options: CasesServiceOptions) {
    this.aggregates = new AggregateRepository(options.store, {
      prefix: CASE_STREAM_PREFIX,
      fold: foldCase,
      defaults: correlatedMetadata,
    });
  }

  open(data: OpenCaseData, at: Instant, metadata: EventMetadata): Promise<Handled<CaseState, CaseEvent>> {
    return this.act(data.caseId, { type: 'OpenCase', ...data }, systemActor('case-opening'), at, metadata);
  }

  async act(
    caseId: string,
    action: CaseAction,
    actor: CaseActor,
    at: Instant,
    metadata: EventMetadata,
  ): Promise<Handled<CaseState, CaseEvent>> {
    if (action.type === 'OpenCase') await this.ensureTopic(action.unitCode);
    if (action.type === 'TransferToUnit') await this.ensureTopic(action.toUnitCode);
    const command = { ...action, now: at.now, today: at.today, actor } as CaseCommand;
    const context = { calendar: await this.options.calendar(), limits: this.options.limits };
    const result = await this.aggregates.handle(caseId, (state) => decide(state, command, context), metadata);
    // The list shows a write to its writer at once; the subscriber's later upsert of the same version is a no-op.
    if (result.state && result.appended.length > 0)
      await this.options.readModel.upsert(result.state, result.version);
    return result;
  }

  async get(caseId: string): Promise<{ state: CaseState; version: number; events: CaseEvent[] }> {
    const loaded = await this.aggregates.load(caseId);
    if (!loaded.state) throw new CaseError('CASE.NOT_FOUND', 'Không tìm thấy hồ sơ vụ việc.');
    return { state: loaded.state, version: loaded.version, events: loaded.events };
  }

  /**
   * Rewrites the case's list row from its stream once the row is behind `version` (the read-model
   * subscriber: after a crash between append and row update, or a rebuild). A row the writer already
   * brought to this version costs one indexed read instead of reading the whole stream again.
   */
  async refreshRow(caseId: string, version: number): Promise<void> {
    const row = await this.options.readModel.get(caseId);
    if (row && row.version >= version) return;
    const loaded = await this.aggregates.load(caseId);
    if (loaded.state) await this.options.readModel.upsert(loaded.state, loaded.version);
  }

  private async ensureTopic(unitCode: string): Promise<void> {
    const topic = unitAssignmentsTopic(unitCode);
    if (this.knownTopics.has(topic)) return;
    await this.options.ensureUnitTopic(topic);
    this.knownTopics.add(topic);
  }
}

export function systemActor(component: string): CaseActor {
  return { id: `system:routing-${component}`, kind: 'system' };
}
