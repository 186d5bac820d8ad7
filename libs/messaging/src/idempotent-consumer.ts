/**
 * Idempotent consumer (ARCHITECTURE.md): the id of every applied message is recorded in the same
 * PostgreSQL transaction as the handler's own writes. A redelivered message (at-least-once delivery,
 * a relay that republished after a crash) finds its id and changes nothing. The bus commits the offset
 * only after the wrapped handler resolved, i.e. after this transaction committed.
 */
import type { Pool, PoolClient } from 'pg';
import { MessageHeaders, type InboundMessage, type MessageHandler } from './message-bus.port';

export interface IdempotentConsumerOptions {
  pool: Pool;
  /** The consuming service's own schema; the `processed_messages` table is created there. */
  schema: string;
  /** Name of this consumer (e.g. `routing.petitions`): ids are unique per consumer. */
  consumer: string;
}

export type TransactionalHandler = (message: InboundMessage, tx: PoolClient) => Promise<void>;

/** The message's id: its `event-id` header, or its coordinates when a producer sent none. */
export function messageId(message: InboundMessage): string {
  return message.headers[MessageHeaders.eventId] ?? `${message.topic}/${message.partition}/${message.offset}`;
}

export class IdempotentConsumer {
  private readonly table: string;

  constructor(private readonly options: IdempotentConsumerOptions) {
    if (!/^[a-z_][a-z0-9_]{0,62}$/.test(options.schema)) throw new Error(`invalid schema name: ${options.schema}`);
    this.table = `"${options.schema}".processed_messages`;
  }

  /** Creates the schema and table if needed (idempotent; safe for concurrent starts). */
  async migrate(): Promise<void> {
    const client = await this.options.pool.connect();
    try {
      await client.query('BEGIN');
      await client.query('SELECT pg_advisory_xact_lock(hashtext($1))', [`processed_messages:${this.options.schema}`]);
      await client.query(`CREATE SCHEMA IF NOT EXISTS "${this.options.schema}"`);
      await client.query(
        `CREATE TABLE IF NOT EXISTS ${this.table} (
           consumer text NOT NULL,
           message_id text NOT NULL,
           processed_at timestamptz NOT NULL DEFAULT now(),
           PRIMARY KEY (consumer, message_id)
         )`,
      );
      await client.query('COMMIT');
    } catch (error) {
      await client.query('ROLLBACK');
      throw error;
    } finally {
      client.release();
    }
  }

  /**
   * Applies `message` once: returns `false` when it had already been applied (nothing done). A handler
   * error rolls back both its writes and the id, so a retry applies it afresh.
   */
  async apply(message: InboundMessage, handler: TransactionalHandler): Promise<boolean> {
    const client = await this.options.pool.connect();
    try {
      await client.query('BEGIN');
      const inserted = await client.query(
        `INSERT INTO ${this.table} (consumer, message_id) VALUES ($1, $2) ON CONFLICT DO NOTHING`,
        [this.options.consumer, messageId(message)],
      );
      if (inserted.rowCount === 0) {
        await client.query('ROLLBACK');
        return false;
      }
      await handler(message, client);
      await client.query('COMMIT');
      return true;
    } catch (error) {
      await client.query('ROLLBACK').catch(() => undefined);
      throw error;
    } finally {
      client.release();
    }
  }

  /** The bus handler that applies each message once. */
  wrap(handler: TransactionalHandler): MessageHandler {
    return async (message) => {
      await this.apply(message, handler);
    };
  }
}
