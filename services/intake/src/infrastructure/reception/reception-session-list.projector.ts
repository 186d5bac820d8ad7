import type { EventStore, RecordedEvent, Subscription } from '@tiep-dan/event-store';
import { RECEPTION_STREAM_PREFIX, type ReceptionSessionStreams } from './reception-session.streams';
import { listRowOf, type ReceptionSessionList } from './reception-session-list.table';

export interface ProjectorLogger {
  warn(message: string, context?: Record<string, unknown>): void;
}

/**
 * Keeps the list table in step with the streams. The write path updates the row right after its
 * append (so a client reads its own write), but that second write can be lost (crash, database
 * hiccup) and cannot share a transaction with the append. This durable catch-up subscription repairs
 * any such gap: for each event newer than the row, it re-projects the session from its stream.
 * `rebuild()` empties the table and replays every reception stream from the start.
 */
export class ReceptionSessionListProjector {
  static readonly SUBSCRIBER_ID = 'intake:reception-session-list';
  private subscription: Subscription | undefined;
  private restartTimer: NodeJS.Timeout | undefined;
  private stopped = false;

  constructor(
    private readonly store: EventStore,
    private readonly streams: ReceptionSessionStreams,
    private readonly table: ReceptionSessionList,
    private readonly logger: ProjectorLogger,
    private readonly restartDelayMs = 5_000,
  ) {}

  /** Brings the row of the event's session up to at least the event's version. */
  async project(event: RecordedEvent): Promise<void> {
    const sessionId = event.streamId.slice(RECEPTION_STREAM_PREFIX.length);
    const current = await this.table.versionOf(sessionId);
    if (current !== undefined && current >= event.streamVersion) return;
    const { state, version } = await this.streams.load(sessionId);
    if (state.status !== 'none') await this.table.upsert(listRowOf(state, version));
  }

  async start(): Promise<void> {
    this.stopped = false;
    this.subscription = await this.store.subscribe({
      subscriberId: ReceptionSessionListProjector.SUBSCRIBER_ID,
      filter: { streamPrefixes: [RECEPTION_STREAM_PREFIX] },
      handler: (event) => this.project(event),
      onError: (error) => {
        this.logger.warn('reception session list projector stopped; restarting', { error: String(error) });
        this.scheduleRestart();
      },
    });
  }

  async stop(): Promise<void> {
    this.stopped = true;
    if (this.restartTimer) clearTimeout(this.restartTimer);
    await this.subscription?.stop();
    this.subscription = undefined;
  }

  async rebuild(): Promise<void> {
    await this.table.clear();
    await new Promise<void>((resolve, reject) => {
      let replay: Subscription | undefined;
      let done = false;
      const finish = (error?: unknown) => {
        if (done) return;
        done = true;
        void (replay ? replay.stop() : Promise.resolve()).then(() => (error ? reject(error) : resolve()));
      };
      this.store
        .subscribe({
          from: 'start',
          filter: { streamPrefixes: [RECEPTION_STREAM_PREFIX] },
          handler: (event) => this.project(event),
          onError: finish,
          onCaughtUp: () => finish(),
        })
        .then((subscription) => {
          replay = subscription;
          if (done) void subscription.stop();
        }, finish);
    });
  }

  private scheduleRestart(): void {
    if (this.stopped || this.restartTimer) return;
    this.restartTimer = setTimeout(() => {
      this.restartTimer = undefined;
      if (this.stopped) return;
      void this.subscription
        ?.stop()
        .catch(() => undefined)
        .then(() => (this.stopped ? undefined : this.start()))
        .catch((error: unknown) => {
          this.logger.warn('reception session list projector could not restart', { error: String(error) });
          this.scheduleRestart();
        });
    }, this.restartDelayMs);
    this.restartTimer.unref();
  }
}
