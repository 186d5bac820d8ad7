import { intakeService } from '@tiep-dan/intake';
import { monitoringService } from '@tiep-dan/monitoring';
import { runMain } from '@tiep-dan/platform';
import { reportingService } from '@tiep-dan/reporting';
import { routingService } from '@tiep-dan/routing';

// Embedded mode: the four services in one process (embedded PostgreSQL unless DATABASE_URL, in-process bus).
void runMain([intakeService, routingService, monitoringService, reportingService], {
  RUN_MODE: 'embedded',
  ...process.env,
  SERVICE: 'all',
});
