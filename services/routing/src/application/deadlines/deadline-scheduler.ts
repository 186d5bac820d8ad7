import type { EventMetadata } from '@tiep-dan/event-store';
import { instant } from '../clock';

/** One kind of open item whose deadlines a tick checks (processing of petitions, cases). */
export interface DeadlineWatch {
  name: string;
  /** Ids of the items that may still reach a deadline stage. */
  openIds(): Promise<string[]>;
  /** Runs the item's deadline check for `today` (the decider announces each stage once). */
  check(id: string, at: { now: string; today: string }, metadata: EventMetadata): Promise<unknown>;
}

export interface TickReport {
  today: string;
  checked: Record<string, number>;
  failed: number;
}

export interface SchedulerLogger {
  warn(object: object, message: string): void;
  error(object: object, message: string): void;
}

/**
 * The clock of routing (ARCHITECTURE.md "Time"): every interval it asks each open item to check its
 * deadlines for today. Deciders never read the clock; this is the one place that does, and a test
 * drives it with `tick(date)`. Ticks are idempotent, so several routing processes ticking at once, or a
 * tick after downtime, announce each stage exactly once.
 */
export class DeadlineScheduler {
  private timer: NodeJS.Timeout | undefined;
  private running: Promise<TickReport> | undefined;

  constructor(
    private readonly watches: DeadlineWatch[],
    private readonly options: { intervalMs: number; timeZone: string; logger: SchedulerLogger },
  ) {}

  start(): void {
    this.timer = setInterval(() => void this.tickNow(), this.options.intervalMs);
    this.timer.unref();
  }

  async stop(): Promise<void> {
    if (this.timer) clearInterval(this.timer);
    this.timer = undefined;
    await this.running?.catch(() => undefined);
  }

  /** One tick at `now`; overlapping ticks are skipped (the next one catches up). */
  async tick(now: Date): Promise<TickReport> {
    while (this.running) await this.running.catch(() => undefined);
    this.running = this.run(now);
    try {
      return await this.running;
    } finally {
      this.running = undefined;
    }
  }

  private tickNow(): void {
    if (this.running) return;
    this.tick(new Date()).catch((error: unknown) =>
      this.options.logger.error({ err: error }, 'deadline tick failed'),
    );
  }

  private async run(now: Date): Promise<TickReport> {
    const at = instant(now, this.options.timeZone);
    const metadata: EventMetadata = { actor: 'system:routing-clock', occurredAt: at.now };
    const report: TickReport = { today: at.today, checked: {}, failed: 0 };
    for (const watch of this.watches) {
      const ids = await watch.openIds();
      report.checked[watch.name] = ids.length;
      for (const id of ids) {
        try {
          await watch.check(id, at, metadata);
        } catch (error) {
          // One broken item must not stop the others' deadlines; it is tried again next tick.
          report.failed += 1;
          this.options.logger.warn({ err: error, watch: watch.name, id }, 'deadline check failed');
        }
      }
    }
    return report;
  }
}
