import { runMain } from '@tiep-dan/platform';
import { intakeService } from '../../../services/intake/src/intake.service';
import { monitoringService } from '../../../services/monitoring/src/monitoring.service';
import { reportingService } from '../../../services/reporting/src/reporting.service';
import { routingService } from '../../../services/routing/src/routing.service';

// Embedded mode: the four services in one process (embedded PostgreSQL unless DATABASE_URL, in-process bus).
void runMain([intakeService, routingService, monitoringService, reportingService], {
  RUN_MODE: 'embedded',
  ...process.env,
  SERVICE: 'all',
});
