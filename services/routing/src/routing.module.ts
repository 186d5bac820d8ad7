import {
  DynamicModule,
  Inject,
  Injectable,
  Module,
  type OnApplicationBootstrap,
  type OnApplicationShutdown,
} from '@nestjs/common';
import { CqrsModule } from '@nestjs/cqrs';
import { unitAssignmentsTopic } from '@tiep-dan/contracts';
import {
  CalendarService,
  SERVICE_CONTEXT,
  runsBackgroundWork,
  serviceContextProviders,
  type ServiceContext,
} from '@tiep-dan/platform';
import { CASE_LIST, CASES_SERVICE, CasesHttpController } from './application/cases/cases.http.controller';
import { CasesService } from './application/cases/cases.service';
import { UnitUpdatesConsumer } from './application/cases/unit-updates.consumer';
import { DeadlineScheduler } from './application/deadlines/deadline-scheduler';
import { OpenCaseWhenAccepted } from './application/policies/open-case-when-accepted.policy';
import { ReadModelProjector } from './application/policies/routing-subscriptions';
import { PetitionEventsConsumer } from './application/processing/petition-events.consumer';
import {
  BODY_DIRECTORY,
  PROCESSING_LIST,
  PROCESSING_SERVICE,
  ProcessingHttpController,
  ROUTING_TIME_ZONE,
  type BodyDirectory,
} from './application/processing/processing.http.controller';
import { caseIdFor, ProcessingService } from './application/processing/processing.service';
import { RulesModule } from './application/rules/rules.module';
import { RulesService } from './application/rules/rules.service';
import { competenceLookup } from './application/rules/competence-lookup';
import { deadlineProgress, withTimeLimitOverrides, type TimeLimitPolicy } from './domain/time-limits';
import { DurableSubscriber } from './infrastructure/event-sourcing/durable-subscriber';
import { CaseListReadModel } from './infrastructure/read-models/case-list.read-model';
import { ProcessingListReadModel } from './infrastructure/read-models/processing-list.read-model';
import { CASE_STREAM_PREFIX, PROCESSING_STREAM_PREFIX } from './infrastructure/relay/routing.relay-mapping';

export const TIME_LIMITS = Symbol('TIME_LIMITS');

/** The time limits in force: the law's defaults, with what the commune configures. */
export function timeLimitsOf(config: ServiceContext['config']): TimeLimitPolicy {
  return withTimeLimitOverrides({
    recommendationResolution: { amount: Number(config.ROUTING_RECOMMENDATION_WORKING_DAYS) },
    unitAcknowledgement: { amount: Number(config.ROUTING_ACKNOWLEDGEMENT_WORKING_DAYS) },
  });
}

/** Starts routing's background work once the app is up (subscriptions, consumers, clock); stops it first. */
@Injectable()
export class RoutingLifecycle implements OnApplicationBootstrap, OnApplicationShutdown {
  private readonly subscribers: DurableSubscriber[];

  constructor(
    @Inject(SERVICE_CONTEXT) private readonly context: ServiceContext,
    readonly projector: ReadModelProjector,
    readonly opening: OpenCaseWhenAccepted,
    private readonly petitions: PetitionEventsConsumer,
    private readonly units: UnitUpdatesConsumer,
    readonly scheduler: DeadlineScheduler,
    private readonly rules: RulesService,
  ) {
    const onError = (name: string) => (error: unknown, restartInMs: number) =>
      context.logger.error(
        { err: error, subscriber: name, restartInMs },
        'routing subscriber failed: restarting',
      );
    this.subscribers = [
      new DurableSubscriber({
        store: context.eventStore,
        subscriberId: 'routing:read-models',
        streamPrefixes: [PROCESSING_STREAM_PREFIX, CASE_STREAM_PREFIX],
        handler: (event) => projector.handle(event),
        onError: onError('read-models'),
      }),
      new DurableSubscriber({
        store: context.eventStore,
        subscriberId: 'routing:case-opening',
        streamPrefixes: [PROCESSING_STREAM_PREFIX],
        handler: (event) => opening.handle(event),
        onError: onError('case-opening'),
      }),
    ];
  }

  async onApplicationBootstrap(): Promise<void> {
    // Units' systems subscribe to their topic before their first case arrives.
    const ruleSet = await this.rules.current();
    const unitCodes = new Set(
      ruleSet.rules.flatMap((rule) => (rule.then.unitCode ? [rule.then.unitCode] : [])),
    );
    await this.context.bus.ensureTopics([...unitCodes].map(unitAssignmentsTopic));
    // An API replica records decisions and actions; subscribers, consumers and deadlines run elsewhere.
    if (!runsBackgroundWork(this.context)) return;
    for (const subscriber of this.subscribers) await subscriber.start();
    await this.petitions.start();
    await this.units.start();
    this.scheduler.start();
  }

  async onApplicationShutdown(): Promise<void> {
    await this.scheduler.stop();
    await this.units.stop();
    await this.petitions.stop();
    for (const subscriber of [...this.subscribers].reverse()) await subscriber.stop();
  }

  /** Resolves when both subscribers have read everything written so far (tests). */
  async caughtUp(): Promise<void> {
    await Promise.all(this.subscribers.map((s) => s.whenCaughtUp()));
  }
}

/** Routing (xử lý đơn): decides what happens to each petition and assigns cases with legal deadlines. */
@Module({})
export class RoutingModule {
  static register(context: ServiceContext): DynamicModule {
    const timeZone = context.config.TIME_ZONE;
    return {
      module: RoutingModule,
      imports: [CqrsModule, RulesModule.register({ pool: context.pool, schema: context.schema })],
      controllers: [ProcessingHttpController, CasesHttpController],
      providers: [
        ...serviceContextProviders(context),
        { provide: ROUTING_TIME_ZONE, useValue: timeZone },
        { provide: TIME_LIMITS, useValue: timeLimitsOf(context.config) },
        {
          provide: PROCESSING_LIST,
          useFactory: async () => {
            const model = new ProcessingListReadModel(context.pool, context.schema);
            await model.migrate();
            return model;
          },
        },
        {
          provide: CASE_LIST,
          useFactory: async () => {
            const model = new CaseListReadModel(context.pool, context.schema);
            await model.migrate();
            return model;
          },
        },
        {
          provide: BODY_DIRECTORY,
          useFactory:
            (rules: RulesService): BodyDirectory =>
            async (code) =>
              (await rules.current()).bodies.find((body) => body.code === code),
          inject: [RulesService],
        },
        {
          provide: PROCESSING_SERVICE,
          useFactory: (
            rules: RulesService,
            calendar: CalendarService,
            limits: TimeLimitPolicy,
            list: ProcessingListReadModel,
            cases: CaseListReadModel,
          ) =>
            new ProcessingService({
              store: context.eventStore,
              competence: competenceLookup(rules),
              calendar: () => calendar.getCalendar(),
              processingTimeLimit: limits.processingDecision,
              stageOf: (deadline, today, workingCalendar) =>
                deadlineProgress(deadline, today, workingCalendar, {
                  approachingAt: limits.approachingThreshold.ratio,
                }).stage,
              readModel: list,
              earlierComplaintRound: async (petitionId) => {
                const earlier = await cases.get(caseIdFor(petitionId));
                if (earlier?.kind !== 'complaint') return undefined;
                return earlier.complaintRound === 'second' ? 'second' : 'first';
              },
            }),
          inject: [RulesService, CalendarService, TIME_LIMITS, PROCESSING_LIST, CASE_LIST],
        },
        {
          provide: CASES_SERVICE,
          useFactory: (calendar: CalendarService, limits: TimeLimitPolicy, list: CaseListReadModel) =>
            new CasesService({
              store: context.eventStore,
              calendar: () => calendar.getCalendar(),
              limits,
              readModel: list,
              ensureUnitTopic: (topic) => context.bus.ensureTopics([topic]),
            }),
          inject: [CalendarService, TIME_LIMITS, CASE_LIST],
        },
        {
          provide: OpenCaseWhenAccepted,
          useFactory: (processing: ProcessingService, cases: CasesService) =>
            new OpenCaseWhenAccepted(processing, cases, timeZone),
          inject: [PROCESSING_SERVICE, CASES_SERVICE],
        },
        {
          provide: ReadModelProjector,
          useFactory: (list: ProcessingListReadModel, cases: CasesService) =>
            new ReadModelProjector(list, cases),
          inject: [PROCESSING_LIST, CASES_SERVICE],
        },
        {
          provide: PetitionEventsConsumer,
          useFactory: (processing: ProcessingService, opening: OpenCaseWhenAccepted) =>
            new PetitionEventsConsumer(context.bus, processing, timeZone, (petitionId, metadata) =>
              opening.withdrawCase(caseIdFor(petitionId), metadata),
            ),
          inject: [PROCESSING_SERVICE, OpenCaseWhenAccepted],
        },
        {
          provide: UnitUpdatesConsumer,
          useFactory: (cases: CasesService) => new UnitUpdatesConsumer(context.bus, cases, timeZone),
          inject: [CASES_SERVICE],
        },
        {
          provide: DeadlineScheduler,
          useFactory: (
            processing: ProcessingService,
            processingList: ProcessingListReadModel,
            cases: CasesService,
            caseList: CaseListReadModel,
          ) =>
            new DeadlineScheduler(
              [
                {
                  name: 'processing',
                  openIds: () => processingList.pendingIds(),
                  check: (id, at, metadata) => processing.checkDeadline(id, at.today, metadata),
                },
                {
                  name: 'cases',
                  openIds: () => caseList.withOpenDeadlines(),
                  check: (id, at, metadata) =>
                    cases.act(
                      id,
                      { type: 'CheckDeadlines' },
                      { id: 'system:routing-clock', kind: 'system' },
                      at,
                      metadata,
                    ),
                },
              ],
              {
                intervalMs: Number(context.config.ROUTING_DEADLINE_TICK_SECONDS) * 1000,
                timeZone,
                logger: context.logger,
              },
            ),
          inject: [PROCESSING_SERVICE, PROCESSING_LIST, CASES_SERVICE, CASE_LIST],
        },
        RoutingLifecycle,
      ],
    };
  }
}
