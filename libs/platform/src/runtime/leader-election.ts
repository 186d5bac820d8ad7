import { Client } from 'pg';
import type { Logger } from '../logging/logger';

export interface LeaderElectionOptions {
  /** The database every process of the system shares. */
  databaseUrl: string;
  /** What is led, e.g. `relay:intake`: one leader per name among all processes on the database. */
  name: string;
  /** How often a standby tries to take over, and how often the leader checks its lock's connection. */
  intervalMs: number;
  /** Starts the work; a failure steps down (the lock is freed) and the election is tried again later. */
  lead(): Promise<void>;
  /** Stops the work (leadership lost or process stopping); resolves once nothing more is done. */
  stepDown(): Promise<void>;
  logger: Pick<Logger, 'info' | 'warn' | 'error'>;
}

/**
 * Runs a piece of work in exactly one process at a time: the one holding a PostgreSQL session advisory
 * lock named after it, on a connection of its own. The others stand by and try again every
 * `intervalMs`; when the leader stops, crashes or loses its connection, PostgreSQL frees the lock and a
 * standby takes over.
 *
 * The leader checks its connection every `intervalMs` (and hears at once when pg reports it lost) and
 * then stops the work before anything else can happen. A leader cut off without noticing (a network
 * partition) can overlap a new leader until its check fails: what is led must tolerate that brief
 * overlap — the relay does, being at-least-once with consumers de-duplicating on the event id.
 *
 * The lock is the two-key form `(hashtext('tiepdan.leader'), hashtext(name))`, a key space apart from the
 * one-key locks of the migrations.
 */
export class LeaderElection {
  private client: Client | undefined;
  private leading = false;
  /** Said once per spell of standing by. */
  private standingBy = false;
  private stopped = false;
  private timer: NodeJS.Timeout | undefined;
  /** Every step (try, check, step down, stop) runs after the one before: never two at once. */
  private queue: Promise<void> = Promise.resolve();

  constructor(private readonly options: LeaderElectionOptions) {}

  get isLeader(): boolean {
    return this.leading;
  }

  /** Tries once (so a lone process leads as soon as this resolves), then keeps trying in the background. */
  async start(): Promise<void> {
    await this.enqueue(() => this.step());
    this.schedule();
  }

  /** Stops the work if this process leads, frees the lock and stops trying; safe to call twice. */
  async stop(): Promise<void> {
    this.stopped = true;
    clearTimeout(this.timer);
    await this.enqueue(async () => {
      await this.stepDown('the process is stopping', 'info');
      await this.disconnect();
    });
  }

  private schedule(): void {
    if (this.stopped) return;
    this.timer = setTimeout(() => {
      void this.enqueue(() => this.step()).finally(() => this.schedule());
    }, this.options.intervalMs);
    this.timer.unref();
  }

  private enqueue(step: () => Promise<void>): Promise<void> {
    const next = this.queue.then(step).catch((error: unknown) => {
      this.options.logger.error(
        { leaderOf: this.options.name, reason: error instanceof Error ? error.message : String(error) },
        'leader election step failed; trying again later',
      );
    });
    this.queue = next;
    return next;
  }

  private async step(): Promise<void> {
    if (this.stopped) return;
    if (this.leading) await this.check();
    else await this.tryToLead();
  }

  private async tryToLead(): Promise<void> {
    const client = await this.connection();
    const { rows } = await client.query<{ acquired: boolean }>(
      "SELECT pg_try_advisory_lock(hashtext('tiepdan.leader'), hashtext($1)) AS acquired",
      [this.options.name],
    );
    if (!rows[0].acquired) {
      if (!this.standingBy)
        this.options.logger.info(
          { leaderOf: this.options.name },
          'another process leads: this one stands by',
        );
      this.standingBy = true;
      return;
    }
    this.standingBy = false;
    this.leading = true;
    this.options.logger.info({ leaderOf: this.options.name }, 'this process now leads');
    try {
      await this.options.lead();
    } catch (error) {
      // Free the lock, so that a process that can do the work takes it.
      this.leading = false;
      await this.disconnect();
      throw error;
    }
  }

  private async check(): Promise<void> {
    try {
      await this.client!.query('SELECT 1');
    } catch (error) {
      await this.stepDown(
        `its lock's database connection failed: ${error instanceof Error ? error.message : String(error)}`,
      );
      await this.disconnect();
    }
  }

  private async stepDown(reason: string, level: 'info' | 'warn' = 'warn'): Promise<void> {
    if (!this.leading) return;
    this.leading = false;
    this.options.logger[level]({ leaderOf: this.options.name, reason }, 'this process steps down');
    await this.options.stepDown();
  }

  private async connection(): Promise<Client> {
    if (this.client) return this.client;
    const client = new Client({
      connectionString: this.options.databaseUrl,
      application_name: `tiepdan-leader:${this.options.name}`,
      keepAlive: true,
      connectionTimeoutMillis: this.options.intervalMs,
      query_timeout: this.options.intervalMs,
    });
    // A connection lost while idle is reported here (unheard, it would crash the process): the lock is
    // gone with it, so the work stops now rather than at the next check.
    client.on('error', (error) => {
      if (this.client !== client) return;
      void this.enqueue(async () => {
        if (this.client !== client) return;
        await this.stepDown(`its lock's database connection was lost: ${error.message}`);
        await this.disconnect();
      });
    });
    try {
      await client.connect();
    } catch (error) {
      await client.end().catch(() => undefined);
      throw error;
    }
    this.client = client;
    return client;
  }

  /** Closing the session frees its advisory locks. */
  private async disconnect(): Promise<void> {
    const client = this.client;
    this.client = undefined;
    await client?.end().catch(() => undefined);
  }
}
