import type { RecordedEvent } from '@tiep-dan/event-store';
import { monitoringService } from './monitoring.service';

function recorded(streamId: string, overrides: Partial<RecordedEvent> = {}): RecordedEvent {
  return {
    id: '0b7c6d5e-4f3a-4b2c-9d1e-0f1a2b3c4d5e',
    streamId,
    streamVersion: 3,
    globalPosition: '10:42',
    type: 'SomethingHappened',
    schemaVersion: 1,
    data: { value: 1 },
    metadata: { correlationId: 'corr-1', causationId: 'cause-1', occurredAt: '2026-11-28T03:00:00.000Z' },
    recordedAt: new Date('2026-11-28T03:00:01.000Z'),
    ...overrides,
  };
}

describe('monitoring relay mapping', () => {
  it('publishes its own aggregate events on monitoring.hotspots.v1 keyed by the aggregate id', () => {
    const message = monitoringService.relayMapper(recorded('hotspot-abc-123'));
    expect(message).toEqual({
      topic: 'monitoring.hotspots.v1',
      key: 'abc-123',
      value: {
        eventId: '0b7c6d5e-4f3a-4b2c-9d1e-0f1a2b3c4d5e',
        type: 'SomethingHappened',
        schemaVersion: 1,
        aggregateId: 'abc-123',
        aggregateVersion: 3,
        occurredAt: '2026-11-28T03:00:00.000Z',
        correlationId: 'corr-1',
        causationId: 'cause-1',
        data: { value: 1 },
      },
    });
  });

  it('follows only its own streams and publishes nothing else', () => {
    expect(monitoringService.streamPrefixes).toEqual(['hotspot-']);
    expect(monitoringService.relayMapper(recorded('other-abc'))).toBeNull();
    expect(monitoringService.topics).toContain('monitoring.hotspots.v1');
  });
});
