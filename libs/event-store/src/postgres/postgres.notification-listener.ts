import { Client, type ClientConfig } from 'pg';

/**
 * One LISTEN connection per store, shared by its subscriptions. It only makes subscriptions react
 * faster: they also poll, so while this connection is down (PostgreSQL restart, killed backend) they
 * keep going, and it reconnects in the background.
 */
export class NotificationListener {
  private client: Client | undefined;
  private connecting: Promise<void> | undefined;
  private retryTimer: NodeJS.Timeout | undefined;
  private running = false;

  constructor(
    private readonly config: ClientConfig,
    private readonly channel: string,
    private readonly onNotification: () => void,
    private readonly reconnectDelayMs = 1000,
  ) {}

  get connected(): boolean {
    return this.client !== undefined;
  }

  start(): void {
    if (this.running) return;
    this.running = true;
    this.connect();
  }

  async stop(): Promise<void> {
    this.running = false;
    if (this.retryTimer) clearTimeout(this.retryTimer);
    this.retryTimer = undefined;
    await this.connecting;
    const client = this.client;
    this.client = undefined;
    if (client) await client.end().catch(() => undefined);
  }

  private connect(): void {
    this.connecting = this.open()
      .catch(() => this.scheduleReconnect())
      .finally(() => {
        this.connecting = undefined;
      });
  }

  private async open(): Promise<void> {
    const client = new Client(this.config);
    let lost = false;
    const onLost = () => {
      if (lost) return;
      lost = true;
      if (this.client === client) this.client = undefined;
      client.end().catch(() => undefined);
      this.scheduleReconnect();
    };
    // Without an 'error' listener a dropped connection would crash the process.
    client.on('error', onLost);
    client.on('end', onLost);
    client.on('notification', () => this.onNotification());
    try {
      await client.connect();
      await client.query(`LISTEN "${this.channel}"`);
    } catch (error) {
      lost = true;
      await client.end().catch(() => undefined);
      throw error;
    }
    if (!this.running) {
      lost = true;
      await client.end().catch(() => undefined);
      return;
    }
    this.client = client;
    // Events committed while no one was listening are found by this extra read.
    this.onNotification();
  }

  private scheduleReconnect(): void {
    if (!this.running || this.retryTimer) return;
    this.retryTimer = setTimeout(() => {
      this.retryTimer = undefined;
      if (this.running && !this.client) this.connect();
    }, this.reconnectDelayMs);
  }
}
