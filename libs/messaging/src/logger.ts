/**
 * The few log calls the messaging adapters make. Shaped so that a pino logger fits
 * (`pino().child({component: 'relay'})` satisfies it), while the lib itself stays free of a logging
 * dependency and usable from plain scripts.
 */
export interface MessagingLogger {
  debug(obj: Record<string, unknown>, msg: string): void;
  info(obj: Record<string, unknown>, msg: string): void;
  warn(obj: Record<string, unknown>, msg: string): void;
  error(obj: Record<string, unknown>, msg: string): void;
}

/** Warnings and errors to stderr; the platform passes its pino logger instead. */
export const consoleLogger: MessagingLogger = {
  debug: () => undefined,
  info: () => undefined,
  warn: (obj, msg) => console.warn(msg, obj),
  error: (obj, msg) => console.error(msg, obj),
};

export const silentLogger: MessagingLogger = {
  debug: () => undefined,
  info: () => undefined,
  warn: () => undefined,
  error: () => undefined,
};

export function errorMessage(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}
