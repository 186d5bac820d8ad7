import { AsyncLocalStorage } from 'node:async_hooks';

/**
 * What a handler needs to know about the message it is handling without threading it through every
 * call: whatever the handler appends or publishes carries the same correlation id, and the incoming
 * event id as causation id.
 */
export interface MessageContext {
  topic: string;
  partition: number;
  offset: string;
  key: string;
  group: string;
  eventId?: string;
  eventType?: string;
  correlationId?: string;
  causationId?: string;
}

const storage = new AsyncLocalStorage<MessageContext>();

/** The message being handled by the current async call chain, if any. */
export function currentMessageContext(): MessageContext | undefined {
  return storage.getStore();
}

export function runInMessageContext<T>(context: MessageContext, fn: () => Promise<T>): Promise<T> {
  return storage.run(context, fn);
}

/**
 * Correlation and causation for events or messages caused by the message being handled: the
 * correlation id is carried on (the incoming event id starts a new correlation when there was none),
 * the causation id is the incoming event id. Empty outside a handler.
 */
export function causedByCurrentMessage(): { correlationId?: string; causationId?: string } {
  const context = storage.getStore();
  if (!context) return {};
  const correlationId = context.correlationId ?? context.eventId;
  return {
    ...(correlationId ? { correlationId } : {}),
    ...(context.eventId ? { causationId: context.eventId } : {}),
  };
}
