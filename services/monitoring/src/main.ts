import { runMain } from '@tiep-dan/platform';
import { monitoringService } from './monitoring.service';

// One service alone is the distributed mode (Kafka, external PostgreSQL) unless told otherwise.
void runMain([monitoringService], { RUN_MODE: 'distributed', ...process.env, SERVICE: 'monitoring' });
