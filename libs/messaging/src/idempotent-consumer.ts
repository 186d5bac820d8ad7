/**
 * Makes a consumer idempotent (ARCHITECTURE.md: "Every consumer is idempotent"): the id of each
 * applied message is recorded in the same PostgreSQL transaction as the consumer's own writes, so a
 * redelivery (at-least-once bus, relay republishing after a crash) finds its id and changes nothing.
 *
 * The bus commits the offset only after the wrapped handler resolved, i.e. after this transaction
 * committed; a crash in between redelivers the message, which is then recognised and skipped.
 */
import { escapeIdentifier, type Pool, type PoolClient } from 'pg';
import { MessageHeaders, type InboundMessage, type MessageHandler } from './message-bus.port';

export type TransactionalMessageHandler = (message: InboundMessage, tx: PoolClient) => Promise<void>;

export interface IdempotentConsumerOptions {
  pool: Pool;
  /** The service's own schema; the table is `<schema>.processed_messages`. */
  schema: string;
  /** Names the consumer (usually its group), so that two consumers in one schema track ids separately. */
  consumer: string;
}

export type ApplyOutcome = 'applied' | 'duplicate';

/** `event-id` header; messages without one are identified by their coordinates. */
export function messageId(message: InboundMessage): string {
  return message.headers[MessageHeaders.eventId] ?? `${message.topic}/${message.partition}/${message.offset}`;
}

/**
 * Creates `<schema>.processed_messages` if missing; safe to run at every start, also by several
 * processes at once: concurrent `CREATE ... IF NOT EXISTS` can still collide in PostgreSQL's catalog
 * (unique violation on pg_type), so creators queue on an advisory lock.
 */
export async function ensureProcessedMessagesTable(pool: Pool, schema: string): Promise<void> {
  const s = escapeIdentifier(schema);
  const client = await pool.connect();
  try {
    await client.query('BEGIN');
    await client.query('SELECT pg_advisory_xact_lock(hashtext($1))', [`processed_messages:${schema}`]);
    await client.query(`CREATE SCHEMA IF NOT EXISTS ${s}`);
    await client.query(`
      CREATE TABLE IF NOT EXISTS ${s}.processed_messages (
        consumer text NOT NULL,
        message_id text NOT NULL,
        processed_at timestamptz NOT NULL DEFAULT now(),
        PRIMARY KEY (consumer, message_id)
      )`);
    await client.query('COMMIT');
  } catch (error) {
    await client.query('ROLLBACK').catch(() => undefined);
    throw error;
  } finally {
    client.release();
  }
}

export class IdempotentConsumer {
  private readonly table: string;

  constructor(private readonly options: IdempotentConsumerOptions) {
    this.table = `${escapeIdentifier(options.schema)}.processed_messages`;
  }

  /** Creates the table (see `ensureProcessedMessagesTable`). */
  migrate(): Promise<void> {
    return ensureProcessedMessagesTable(this.options.pool, this.options.schema);
  }

  /**
   * Applies `message` at most once: records its id and runs `handler` in one transaction. If the id
   * is already recorded the handler is skipped. A concurrent delivery of the same id waits on the
   * primary key until the first transaction ends, then skips (or applies, if the first rolled back).
   */
  async apply(message: InboundMessage, handler: TransactionalMessageHandler): Promise<ApplyOutcome> {
    const client = await this.options.pool.connect();
    let released = false;
    try {
      await client.query('BEGIN');
      const inserted = await client.query(
        `INSERT INTO ${this.table} (consumer, message_id) VALUES ($1, $2) ON CONFLICT DO NOTHING`,
        [this.options.consumer, messageId(message)],
      );
      if (inserted.rowCount === 0) {
        await client.query('COMMIT');
        return 'duplicate';
      }
      await handler(message, client);
      await client.query('COMMIT');
      return 'applied';
    } catch (error) {
      try {
        await client.query('ROLLBACK');
      } catch (rollbackError) {
        // A connection that cannot roll back is broken: destroy it rather than return it to the pool.
        client.release(rollbackError instanceof Error ? rollbackError : true);
        released = true;
      }
      throw error;
    } finally {
      if (!released) client.release();
    }
  }

  /** The handler to give to `bus.subscribe`. */
  wrap(handler: TransactionalMessageHandler): MessageHandler {
    return async (message) => {
      await this.apply(message, handler);
    };
  }
}

/** Shorthand: `bus.subscribe({group, topics, handler: idempotentHandler({pool, schema, consumer: group}, apply)})`. */
export function idempotentHandler(
  options: IdempotentConsumerOptions,
  handler: TransactionalMessageHandler,
): MessageHandler {
  return new IdempotentConsumer(options).wrap(handler);
}
