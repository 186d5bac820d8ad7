import { randomUUID } from 'node:crypto';
import {
  BadRequestException,
  Body,
  Controller,
  DynamicModule,
  Get,
  HttpCode,
  Inject,
  Module,
  NotFoundException,
  OnApplicationBootstrap,
  OnApplicationShutdown,
  Param,
  ParseUUIDPipe,
  Post,
  Type,
} from '@nestjs/common';
import {
  PROBE_SENT,
  SERVICE_NAMES,
  integrationEventSchema,
  probeSentDataSchema,
  probeTopic,
  type ProbeSentData,
} from '@tiep-dan/contracts';
import type { RecordedEvent } from '@tiep-dan/event-store';
import {
  IdempotentConsumer,
  type BusSubscription,
  type InboundMessage,
  type RelayMessage,
} from '@tiep-dan/messaging';
import { z } from 'zod';
import { CurrentUser, Roles } from '../../auth/auth.decorators';
import type { AuthPrincipal } from '../../auth/principal';
import { runsBackgroundWork, type ServiceContext } from '../service-definition';
import { integrationMessage } from '../integration-message';
import { migrateUnderLock } from '../../database/migrate-under-lock';

/**
 * Pipeline probe (libs/contracts/probe.events.ts): an administrator's end-to-end check of event store →
 * relay → bus → consumers, with no business data. `POST /api/<service>/diagnostics/probes` appends a
 * `ProbeSent` event to the service's own store; its relay publishes it on `<service>.probes.v1`; every
 * other service records the receipt (idempotently). `GET .../probes/:id` on any service tells what that
 * service knows of the probe: sent by it, and/or received by it.
 */
/** Probe streams are named per service, so that services sharing one EventStoreDB never relay each other's. */
export function probeStreamPrefix(service: string): string {
  return `${service}-probe-`;
}
const PROBE_CONTEXT = Symbol('PROBE_CONTEXT');

const sendProbeSchema = z.object({ note: z.string().trim().max(200).optional() }).strict();

export interface ProbeView {
  probeId: string;
  service: string;
  sent?: { sentAt: string; note?: string };
  received?: { origin: string; receivedAt: string };
}

class ProbeService implements OnApplicationBootstrap, OnApplicationShutdown {
  private subscription: BusSubscription | undefined;
  private readonly consumer: IdempotentConsumer;

  constructor(private readonly context: ServiceContext) {
    this.consumer = new IdempotentConsumer({
      pool: context.pool,
      schema: context.schema,
      consumer: `${context.name}.probes`,
    });
  }

  async onApplicationBootstrap(): Promise<void> {
    const { pool, schema, bus, name } = this.context;
    // Under a lock: a service's processes (its `all` process and API replicas) may start at the same time.
    await migrateUnderLock(pool, `tiepdan.${schema}.probes.migrate`, (client) =>
      client
        .query(
          `CREATE TABLE IF NOT EXISTS "${schema}".probe_receipts (
           probe_id uuid PRIMARY KEY,
           origin text NOT NULL,
           sent_at timestamptz NOT NULL,
           received_at timestamptz NOT NULL DEFAULT now()
         )`,
        )
        .then(() => undefined),
    );
    await this.consumer.migrate();
    const topics = SERVICE_NAMES.filter((other) => other !== name).map(probeTopic);
    await bus.ensureTopics([...topics, probeTopic(name)]);
    if (!runsBackgroundWork(this.context)) return;
    this.subscription = await bus.subscribe({
      group: `${name}.probes`,
      topics,
      fromBeginning: true,
      handler: this.consumer.wrap((message, tx) => this.record(message, tx)),
    });
  }

  async onApplicationShutdown(): Promise<void> {
    await this.subscription?.stop();
  }

  private async record(
    message: InboundMessage,
    tx: { query: (sql: string, values: unknown[]) => Promise<unknown> },
  ) {
    const event = integrationEventSchema.parse(message.value);
    if (event.type !== PROBE_SENT) return;
    const data = probeSentDataSchema.parse(event.data);
    await tx.query(
      `INSERT INTO "${this.context.schema}".probe_receipts (probe_id, origin, sent_at) VALUES ($1, $2, $3)
       ON CONFLICT (probe_id) DO NOTHING`,
      [data.probeId, data.origin, data.sentAt],
    );
  }

  async send(note: string | undefined, actor: string, now: Date): Promise<ProbeView> {
    const probeId = randomUUID();
    const data: ProbeSentData = {
      probeId,
      origin: this.context.name,
      sentAt: now.toISOString(),
      ...(note ? { note } : {}),
    };
    await this.context.eventStore.appendToStream(
      `${probeStreamPrefix(this.context.name)}${probeId}`,
      [
        {
          id: randomUUID(),
          type: PROBE_SENT,
          data,
          metadata: { actor, occurredAt: data.sentAt, correlationId: probeId },
        },
      ],
      { expectedVersion: 'no_stream' },
    );
    return { probeId, service: this.context.name, sent: { sentAt: data.sentAt, ...(note ? { note } : {}) } };
  }

  async view(probeId: string): Promise<ProbeView | undefined> {
    const events = await this.context.eventStore.readStream(
      `${probeStreamPrefix(this.context.name)}${probeId}`,
    );
    const sent = events.find((event) => event.type === PROBE_SENT)?.data as ProbeSentData | undefined;
    const { rows } = await this.context.pool.query<{ origin: string; received_at: Date }>(
      `SELECT origin, received_at FROM "${this.context.schema}".probe_receipts WHERE probe_id = $1`,
      [probeId],
    );
    if (!sent && rows.length === 0) return undefined;
    return {
      probeId,
      service: this.context.name,
      ...(sent ? { sent: { sentAt: sent.sentAt, ...(sent.note ? { note: sent.note } : {}) } } : {}),
      ...(rows[0]
        ? { received: { origin: rows[0].origin, receivedAt: rows[0].received_at.toISOString() } }
        : {}),
    };
  }
}

function probeController(service: string): Type<unknown> {
  @Controller(`${service}/diagnostics/probes`)
  @Roles('administrator')
  class ProbeController {
    constructor(@Inject(PROBE_CONTEXT) private readonly probes: ProbeService) {}

    @Post()
    @HttpCode(202)
    send(@Body() body: unknown, @CurrentUser() user: AuthPrincipal): Promise<ProbeView> {
      const parsed = sendProbeSchema.safeParse(body ?? {});
      if (!parsed.success) {
        throw new BadRequestException({
          statusCode: 400,
          code: 'PROBE.INVALID_REQUEST',
          message: parsed.error.issues
            .map((issue) => `${issue.path.join('.') || 'body'}: ${issue.message}`)
            .join('; '),
        });
      }
      return this.probes.send(parsed.data.note, user.userId, new Date());
    }

    @Get(':probeId')
    async get(@Param('probeId', new ParseUUIDPipe()) probeId: string): Promise<ProbeView> {
      const view = await this.probes.view(probeId);
      if (!view)
        throw new NotFoundException({
          code: 'PROBE.NOT_FOUND',
          message: `no probe ${probeId} is known here`,
        });
      return view;
    }
  }
  return ProbeController;
}

@Module({})
export class ProbeModule {
  static forService(context: ServiceContext): DynamicModule {
    return {
      module: ProbeModule,
      controllers: [probeController(context.name)],
      providers: [{ provide: PROBE_CONTEXT, useFactory: () => new ProbeService(context) }],
    };
  }
}

/** The relay's mapping of probe events (every service's relay carries its own probes). */
export function mapProbeEvent(service: string, event: RecordedEvent): RelayMessage | null {
  if (!event.streamId.startsWith(probeStreamPrefix(service)) || event.type !== PROBE_SENT) return null;
  const data = event.data as ProbeSentData;
  return integrationMessage(probeTopic(service as (typeof SERVICE_NAMES)[number]), data.probeId, event);
}
