import { runMain } from '@tiep-dan/platform';
import { reportingService } from './reporting.service';

// One service alone is the distributed mode (Kafka, external PostgreSQL) unless told otherwise.
void runMain([reportingService], { RUN_MODE: 'distributed', ...process.env, SERVICE: 'reporting' });
