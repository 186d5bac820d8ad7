import { Injectable } from '@nestjs/common';
import { reportRelayLag, reportSubscriptionLag } from './metrics.registry';

/** Injectable face of the lag functions, for relays and projectors built as Nest providers. */
@Injectable()
export class LagReporter {
  relay(service: string, lag: number): void {
    reportRelayLag(service, lag);
  }

  subscription(subscriber: string, lag: number): void {
    reportSubscriptionLag(subscriber, lag);
  }
}
