import type { BusSubscription, InboundMessage, MessageBus, SubscribeOptions } from './message-bus.port';
import { PermanentMessageError } from './retry-policy';

/** Which group reads which topics, and where a group without committed offsets starts. */
export type BusConsumerSpec = Pick<SubscribeOptions, 'group' | 'topics' | 'fromBeginning' | 'retry'>;

/**
 * A consumer group of a service: joins with `start()`, leaves with `stop()` (after the message in
 * flight), and hands each message to `handle`. A `PermanentMessageError` sends the message to the
 * dead-letter topic with its reason; any other error is retried by the bus.
 */
export abstract class BusConsumer {
  private subscription: BusSubscription | undefined;

  protected constructor(
    protected readonly bus: MessageBus,
    private readonly spec: BusConsumerSpec,
  ) {}

  async start(): Promise<void> {
    if (this.subscription) return;
    this.subscription = await this.bus.subscribe({
      ...this.spec,
      handler: (message) => this.handle(message),
    });
  }

  async stop(): Promise<void> {
    const subscription = this.subscription;
    this.subscription = undefined;
    await subscription?.stop();
  }

  abstract handle(message: InboundMessage): Promise<void>;
}

/** A validation issue (zod's shape, without depending on zod). */
export interface MessageIssue {
  readonly path: ReadonlyArray<string | number>;
  readonly message: string;
}

/**
 * The dead-letter reason for a message that fails validation: `<code> at "<path>": <message>`, so that
 * the sending system's developer sees which field to fix.
 */
export function invalidMessage(code: string, issue: MessageIssue | undefined): PermanentMessageError {
  const path = issue?.path.join('.') || '(root)';
  return new PermanentMessageError(`${code} at "${path}": ${issue?.message ?? 'invalid'}`);
}
