import { Topics } from '@tiep-dan/contracts';
import { integrationMessage, type ServiceDefinition } from '@tiep-dan/platform';
import { MonitoringModule } from './monitoring.module';

/** Streams of the hot-spot aggregate: `hotspot-<id>`. */
export const HOTSPOT_STREAM_PREFIX = 'hotspot-';

export const monitoringService: ServiceDefinition = {
  name: 'monitoring',
  module: (context) => MonitoringModule.register(context),
  streamPrefixes: [HOTSPOT_STREAM_PREFIX],
  topics: [Topics.monitoringHotspots],
  relayMapper: (event) =>
    event.streamId.startsWith(HOTSPOT_STREAM_PREFIX)
      ? integrationMessage(
          Topics.monitoringHotspots,
          event.streamId.slice(HOTSPOT_STREAM_PREFIX.length),
          event,
        )
      : null,
};
