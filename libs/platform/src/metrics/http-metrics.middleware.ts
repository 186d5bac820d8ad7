import { Injectable, NestMiddleware } from '@nestjs/common';
import type { NextFunction, Request, Response } from 'express';
import { requestRoute } from '../logging/http-request';
import { platformMetrics } from './metrics.registry';

/**
 * Observes every HTTP request's duration. A middleware rather than an interceptor, so that requests
 * refused before reaching a handler (404, guards, validation) are counted too.
 */
@Injectable()
export class HttpMetricsMiddleware implements NestMiddleware {
  use(req: Request, res: Response, next: NextFunction): void {
    const stop = platformMetrics().httpRequestDuration.startTimer();
    res.once('close', () => {
      stop({ method: req.method, route: requestRoute(req), status: String(res.statusCode) });
    });
    next();
  }
}
