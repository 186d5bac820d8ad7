import { Controller, Get, Header, Res } from '@nestjs/common';
import type { Response } from 'express';
import { Public } from '../auth/auth.decorators';
import { platformMetrics } from './metrics.registry';

/** Prometheus scrape endpoint (text exposition format). */
@Public()
@Controller('metrics')
export class MetricsController {
  @Get()
  @Header('Cache-Control', 'no-store')
  async scrape(@Res() res: Response): Promise<void> {
    const { registry } = platformMetrics();
    // Written raw: Nest's JSON serialisation would otherwise quote the text.
    res.setHeader('Content-Type', registry.contentType);
    res.send(await registry.metrics());
  }
}
