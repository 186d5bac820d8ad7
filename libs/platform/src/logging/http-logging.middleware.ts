import { Inject, Injectable, NestMiddleware } from '@nestjs/common';
import type { NextFunction, Request, Response } from 'express';
import { isAcceptableCorrelationId, newCorrelationId, runWithCorrelation } from './correlation';
import { CORRELATION_HEADER, requestPath, requestRoute } from './http-request';
import { LOGGER, Logger } from './logger';

// Probes and scrapes arrive every few seconds; at info level they would drown the requests that matter.
const QUIET_PATHS = /^\/(health\/(live|ready)|metrics)$/;

/**
 * Gives each HTTP request a correlation id (the caller's `x-correlation-id` when it is well-formed, else a
 * new UUID), returns it in the response header, runs the rest of the request inside it, and writes one
 * log line when the response is done: method, path without query string, route, status, duration.
 * No body, query string or header is logged, so no personal data or credential can leak from a request.
 */
@Injectable()
export class HttpLoggingMiddleware implements NestMiddleware {
  constructor(@Inject(LOGGER) private readonly logger: Logger) {}

  use(req: Request, res: Response, next: NextFunction): void {
    const incoming = req.header(CORRELATION_HEADER);
    const correlationId = isAcceptableCorrelationId(incoming) ? incoming : newCorrelationId();
    res.setHeader(CORRELATION_HEADER, correlationId);
    const started = process.hrtime.bigint();

    res.once('close', () => {
      const path = requestPath(req);
      const level = res.statusCode >= 500 ? 'error' : QUIET_PATHS.test(path) ? 'debug' : 'info';
      this.logger[level](
        {
          correlationId,
          req: { method: req.method, path, route: requestRoute(req) },
          res: { statusCode: res.statusCode },
          durationMs: Number(process.hrtime.bigint() - started) / 1e6,
          ...(res.writableFinished ? {} : { aborted: true }),
        },
        'request completed',
      );
    });

    runWithCorrelation(correlationId, next);
  }
}
