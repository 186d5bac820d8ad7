import { hostname } from 'node:os';
import pino, { DestinationStream, Level, Logger } from 'pino';
import { currentCorrelationId } from './correlation';
import { CREDENTIAL_PATHS, PERSONAL_DATA_KEYS, REDACTED, redactPersonalData } from './redaction';

export type { Logger } from 'pino';

/** DI token of the process's root pino logger. */
export const LOGGER = Symbol('LOGGER');

export interface CreateLoggerOptions {
  /**
   * Added to every line. Leave it out for a process hosting several services (embedded mode) and give
   * each service module `logger.child({ service })` instead: pino would otherwise write the key twice.
   */
  service?: string;
  level?: Level | 'silent';
  /** Where JSON lines go; stdout by default. Tests pass a stream to read them back. */
  destination?: DestinationStream;
}

/**
 * The process logger: JSON lines on stdout, level as a label, ISO time, the service name, and the
 * current correlation id (from AsyncLocalStorage) on every line logged inside a request or message.
 * Personal data is redacted: see `redaction.ts`.
 */
export function createLogger(options: CreateLoggerOptions = {}): Logger {
  return pino(
    {
      level: options.level ?? 'info',
      base: {
        pid: process.pid,
        hostname: hostname(),
        ...(options.service === undefined ? {} : { service: options.service }),
      },
      timestamp: pino.stdTimeFunctions.isoTime,
      formatters: {
        level: (label) => ({ level: label }),
        log: (object) => redactPersonalData(object),
      },
      // An explicit `correlationId` in the logged object wins (pino merges the mixin under it).
      mixin: () => {
        const correlationId = currentCorrelationId();
        return correlationId === undefined ? {} : { correlationId };
      },
      // pino stringifies child-logger bindings without the `log` formatter; top-level paths cover those.
      redact: { paths: [...CREDENTIAL_PATHS, ...PERSONAL_DATA_KEYS], censor: REDACTED },
    },
    options.destination ?? pino.destination({ dest: 1, sync: false }),
  );
}
