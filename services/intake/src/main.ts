import { runMain } from '@tiep-dan/platform';
import { intakeService } from './intake.service';

// One service alone is the distributed mode (Kafka, external PostgreSQL) unless told otherwise.
void runMain([intakeService], { RUN_MODE: 'distributed', ...process.env, SERVICE: 'intake' });
