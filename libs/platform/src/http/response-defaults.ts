import type { INestApplication } from '@nestjs/common';
import type { Express, NextFunction, Request, Response } from 'express';

/**
 * What every HTTP answer of the platform carries, unless a handler says otherwise:
 * - `Cache-Control: no-store`: answers hold personal data (a petitioner's name, a denouncer's revealed
 *   identity), which no browser or proxy cache may keep. A handler may set its own (attachments:
 *   `private, no-store`).
 * - No `ETag`: nothing is cached, so there is nothing to revalidate; Express would otherwise hash every
 *   body it sends.
 * - No `X-Powered-By`: the framework is nobody's business.
 */
export function applyResponseDefaults(app: INestApplication): void {
  const express = app.getHttpAdapter().getInstance() as Express;
  express.set('etag', false);
  express.disable('x-powered-by');
  app.use((_req: Request, res: Response, next: NextFunction) => {
    res.setHeader('Cache-Control', 'no-store');
    next();
  });
}
