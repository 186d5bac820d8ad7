import type { RecordedEvent } from '@tiep-dan/event-store';
import type { ProcessingListReadModel } from '../../infrastructure/read-models/processing-list.read-model';
import {
  CASE_STREAM_PREFIX,
  PROCESSING_STREAM_PREFIX,
} from '../../infrastructure/relay/routing.relay-mapping';
import type { CasesService } from '../cases/cases.service';

/**
 * Keeps the two lists (processing, cases) in step with routing's streams. Writers already update them
 * at once; this subscriber makes them right after a crash between append and update, and rebuilds them
 * from scratch when a list and its checkpoint are dropped.
 */
export class ReadModelProjector {
  constructor(
    private readonly processingList: ProcessingListReadModel,
    private readonly cases: CasesService,
  ) {}

  async handle(event: RecordedEvent): Promise<void> {
    if (event.streamId.startsWith(PROCESSING_STREAM_PREFIX)) await this.processingList.apply(event);
    else if (event.streamId.startsWith(CASE_STREAM_PREFIX)) {
      await this.cases.refreshRow(event.streamId.slice(CASE_STREAM_PREFIX.length), event.streamVersion);
    }
  }
}
