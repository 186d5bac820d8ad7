import { reportingService } from './reporting.service';

describe('reporting service definition', () => {
  it('owns no aggregate streams and publishes no business topic (its state is projections)', () => {
    expect(reportingService.name).toBe('reporting');
    expect(reportingService.streamPrefixes).toEqual([]);
    expect(reportingService.topics).toEqual([]);
  });
});
