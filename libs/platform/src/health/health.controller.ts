import { Controller, Get } from '@nestjs/common';
import { HealthCheck, HealthCheckResult, HealthCheckService, HealthIndicatorService } from '@nestjs/terminus';
import { Public } from '../auth/auth.decorators';
import { ReadinessRegistry, runReadinessCheck } from './readiness';

/**
 * `/health/live`: the process runs and answers HTTP (restart it if not).
 * `/health/ready`: every registered dependency is usable (send it traffic if so); 503 otherwise, with
 * the failing checks' names and messages under `error`.
 */
@Public()
@Controller('health')
export class HealthController {
  constructor(
    private readonly health: HealthCheckService,
    private readonly indicator: HealthIndicatorService,
    private readonly registry: ReadinessRegistry,
  ) {}

  @Get('live')
  @HealthCheck()
  live(): Promise<HealthCheckResult> {
    return this.health.check([
      async () => this.indicator.check('process').up({ uptimeSeconds: Math.round(process.uptime()) }),
    ]);
  }

  @Get('ready')
  @HealthCheck()
  ready(): Promise<HealthCheckResult> {
    return this.health.check(
      this.registry.list().map((check) => async () => {
        const failure = await runReadinessCheck(check);
        const session = this.indicator.check(check.name);
        return failure === undefined ? session.up() : session.down({ message: failure });
      }),
    );
  }
}
