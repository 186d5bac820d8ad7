import { runMain } from '@tiep-dan/platform';
import { routingService } from './routing.service';

// One service alone is the distributed mode (Kafka, external PostgreSQL) unless told otherwise.
void runMain([routingService], { RUN_MODE: 'distributed', ...process.env, SERVICE: 'routing' });
