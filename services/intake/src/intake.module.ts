import { resolve } from 'node:path';
import {
  DynamicModule,
  Inject,
  Injectable,
  Module,
  type OnApplicationBootstrap,
  type OnApplicationShutdown,
} from '@nestjs/common';
import { CqrsModule } from '@nestjs/cqrs';
import { PostgresEventStore } from '@tiep-dan/event-store';
import {
  SERVICE_CONTEXT,
  runsBackgroundWork,
  serviceContextProviders,
  type ServiceContext,
} from '@tiep-dan/platform';
import { PERSONAL_DATA, type PersonalDataPort } from './application/petitions/personal-data.port';
import { PetitionSearch } from './application/petitions/petition-search.query';
import { PetitionView } from './application/petitions/petition.view';
import {
  INTAKE_TIME_ZONE,
  PETITIONS_SERVICE,
  PetitionsHttpController,
} from './application/petitions/petitions.http.controller';
import { keyMaterialOf, relatedFinderOf } from './application/petitions/petition-matching';
import { PetitionsService } from './application/petitions/petitions.service';
import { AttachmentsModule, AttachmentsService } from './application/attachments';
import { OPEN311_CONTROLLERS, open311Providers, parseOpen311ApiKeys } from './application/open311';
import { ReceptionModule } from './application/reception';
import { CaseOutcomesConsumer } from './application/resolutions/case-outcomes.consumer';
import { SubmissionsConsumer } from './application/submissions/submissions.consumer';
import { CommuneDirectory } from './commune/commune.directory';
import { CommuneModule } from './commune/commune.module';
import { foldDiacritics, petitionerKeyMaterial } from './domain/matching';
import { readOrCreateMasterKey } from './infrastructure/petition/master-key.file';
import { MatchCandidatesQuery } from './infrastructure/petition/match-candidates.query';
import { PetitionSearchProjection } from './infrastructure/petition/petition-search.projection';
import { CaseOutcomesStore } from './infrastructure/resolutions/case-outcomes.store';
import { parseMasterKey } from './infrastructure/personal-data/master-key';
import { VaultPersonalDataAdapter } from './infrastructure/personal-data/personal-data.adapter';
import { PersonalDataVault } from './infrastructure/personal-data/personal-data.vault';

/** A citizen ID or phone typed in a search box, as match material. */
const identifierMaterial = (value: string): string[] =>
  /^\+?\d[\d\s.-]*$/.test(value.trim())
    ? [...petitionerKeyMaterial({ citizenId: value }), ...petitionerKeyMaterial({ phone: value })]
    : [];

const foldText = (text: string) => foldDiacritics(text);

/**
 * Whether the events (and the subscriptions' checkpoints) are committed to the cluster of the
 * service's pool: then a write that only derives from them, or that only they make use of, need not
 * wait for its own WAL flush (see `commitKeysAsynchronously` and `asynchronousCommit`).
 */
const eventsShareThePool = (ctx: ServiceContext): boolean =>
  ctx.eventStore instanceof PostgresEventStore && ctx.eventStore.pool === ctx.pool;

/** Starts what runs in the background (projection, Kafka consumers) once the app is up; stops it first. */
@Injectable()
class IntakeLifecycle implements OnApplicationBootstrap, OnApplicationShutdown {
  constructor(
    @Inject(SERVICE_CONTEXT) private readonly context: ServiceContext,
    private readonly projection: PetitionSearchProjection,
    private readonly consumer: SubmissionsConsumer,
    private readonly caseOutcomes: CaseOutcomesConsumer,
  ) {}

  async onApplicationBootstrap(): Promise<void> {
    // An API replica writes search rows on its request path; the safety net and the consumers run elsewhere.
    if (!runsBackgroundWork(this.context)) return;
    await this.projection.start();
    await this.consumer.start();
    await this.caseOutcomes.start();
  }

  async onApplicationShutdown(): Promise<void> {
    await this.caseOutcomes.stop();
    await this.consumer.stop();
    await this.projection.stop();
  }
}

/** Intake (tiếp nhận): records petitions from every channel; its relay publishes petition events. */
@Module({})
export class IntakeModule {
  static register(context: ServiceContext): DynamicModule {
    return {
      module: IntakeModule,
      imports: [
        CqrsModule,
        CommuneModule.forRoot({ pool: context.pool, schema: context.schema }),
        AttachmentsModule.register({
          pool: context.pool,
          schema: context.schema,
          ...(context.config.ATTACHMENT_STORE === 'postgres'
            ? { store: 'postgres' as const }
            : { rootDir: resolve(context.config.DATA_DIR, 'attachments') }),
        }),
        ReceptionModule.register({
          eventStore: context.eventStore,
          pool: context.pool,
          schema: context.schema,
          projector: runsBackgroundWork(context),
        }),
      ],
      controllers: [PetitionsHttpController, ...OPEN311_CONTROLLERS],
      providers: [
        ...serviceContextProviders(context),
        { provide: INTAKE_TIME_ZONE, useValue: context.config.TIME_ZONE },
        {
          provide: PERSONAL_DATA,
          useFactory: async (ctx: ServiceContext): Promise<PersonalDataPort> => {
            const masterKey = parseMasterKey(
              ctx.config.INTAKE_MASTER_KEY ??
                readOrCreateMasterKey(resolve(ctx.config.DATA_DIR, 'intake-master-key')),
              'INTAKE_MASTER_KEY',
            );
            const vault = new PersonalDataVault({
              pool: ctx.pool,
              schema: ctx.schema,
              masterKey,
              commitKeysAsynchronously: eventsShareThePool(ctx),
              ...groupCommitOf(ctx),
            });
            await vault.migrate();
            return new VaultPersonalDataAdapter(vault);
          },
          inject: [SERVICE_CONTEXT],
        },
        {
          provide: PetitionSearchProjection,
          useFactory: async (
            ctx: ServiceContext,
            personalData: PersonalDataPort,
            commune: CommuneDirectory,
          ) => {
            const projection = new PetitionSearchProjection({
              pool: ctx.pool,
              schema: ctx.schema,
              store: ctx.eventStore,
              personalData,
              // The same material as the service's, so that a rebuilt row has the keys it was written with.
              keyMaterial: keyMaterialOf(commune),
              foldText,
              asynchronousCommit: eventsShareThePool(ctx),
              ...groupCommitOf(ctx),
              onError: (error) => ctx.logger.error({ err: error }, 'petition search projection stopped'),
            });
            await projection.migrate();
            return projection;
          },
          inject: [SERVICE_CONTEXT, PERSONAL_DATA, CommuneDirectory],
        },
        {
          provide: PETITIONS_SERVICE,
          useFactory: (
            ctx: ServiceContext,
            personalData: PersonalDataPort,
            projection: PetitionSearchProjection,
            commune: CommuneDirectory,
            attachments: AttachmentsService,
          ) =>
            new PetitionsService({
              attachments,
              resolveHamlet: (codeOrAlias) => commune.hamlet(codeOrAlias)?.code,
              isRemoteHamlet: (hamletCode) => commune.isRemote(hamletCode),
              store: ctx.eventStore,
              pool: ctx.pool,
              schema: ctx.schema,
              personalData,
              projection,
              keyMaterial: keyMaterialOf(commune),
              findRelated: relatedFinderOf(commune, (message) => ctx.logger.warn(message)),
              candidates: new MatchCandidatesQuery({
                pool: ctx.pool,
                schema: ctx.schema,
                ...groupCommitOf(ctx),
              }),
            }),
          inject: [
            SERVICE_CONTEXT,
            PERSONAL_DATA,
            PetitionSearchProjection,
            CommuneDirectory,
            AttachmentsService,
          ],
        },
        {
          provide: PetitionSearch,
          useFactory: (ctx: ServiceContext, personalData: PersonalDataPort) =>
            new PetitionSearch(ctx.pool, ctx.schema, personalData, foldText, identifierMaterial),
          inject: [SERVICE_CONTEXT, PERSONAL_DATA],
        },
        {
          provide: PetitionView,
          useFactory: (personalData: PersonalDataPort) => new PetitionView(personalData),
          inject: [PERSONAL_DATA],
        },
        {
          provide: SubmissionsConsumer,
          useFactory: (ctx: ServiceContext, petitions: PetitionsService) =>
            new SubmissionsConsumer(ctx.bus, petitions, ctx.config.TIME_ZONE),
          inject: [SERVICE_CONTEXT, PETITIONS_SERVICE],
        },
        {
          provide: CaseOutcomesConsumer,
          // Its tables come with the search projection's (which is injected to have migrated them).
          useFactory: (ctx: ServiceContext, _migrated: PetitionSearchProjection) =>
            new CaseOutcomesConsumer(ctx.bus, new CaseOutcomesStore(ctx.pool, ctx.schema)),
          inject: [SERVICE_CONTEXT, PetitionSearchProjection],
        },
        ...open311Providers({
          apiKeys: context.config.OPEN311_API_KEYS
            ? parseOpen311ApiKeys(context.config.OPEN311_API_KEYS)
            : [],
          pool: context.pool,
          schema: context.schema,
        }),
        IntakeLifecycle,
      ],
    };
  }
}

/**
 * Group commit of new person keys and search rows, as the event store's appends
 * (EVENT_STORE_GROUP_COMMIT): the writes of concurrent requests share one statement.
 */
function groupCommitOf(ctx: ServiceContext): { groupCommit?: { maxInFlight: number } } {
  const maxInFlight = ctx.config.EVENT_STORE_GROUP_COMMIT;
  return maxInFlight > 0 ? { groupCommit: { maxInFlight } } : {};
}
