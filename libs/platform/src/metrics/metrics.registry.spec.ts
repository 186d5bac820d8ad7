import { platformMetrics, reportRelayLag, reportSubscriptionLag } from './metrics.registry';

async function gaugeValue(name: string, labels: Record<string, string>): Promise<number | undefined> {
  const metric = await platformMetrics().registry.getSingleMetric(name)?.get();
  return metric?.values.find((value) => Object.entries(labels).every(([k, v]) => value.labels[k] === v))
    ?.value;
}

describe('lag metrics', () => {
  it('records the relay lag per service and the subscription lag per subscriber', async () => {
    reportRelayLag('routing', 12);
    reportSubscriptionLag('reporting.case-summary', 3);
    expect(await gaugeValue('tiepdan_relay_lag_events', { service: 'routing' })).toBe(12);
    expect(
      await gaugeValue('tiepdan_subscription_lag_events', { subscriber: 'reporting.case-summary' }),
    ).toBe(3);
  });

  it('records a negative lag as 0 and ignores a value that is not a number', async () => {
    reportRelayLag('intake', 5);
    reportRelayLag('intake', Number.NaN);
    expect(await gaugeValue('tiepdan_relay_lag_events', { service: 'intake' })).toBe(5);
    reportRelayLag('intake', -2);
    expect(await gaugeValue('tiepdan_relay_lag_events', { service: 'intake' })).toBe(0);
  });

  it('keeps one registry per process', () => {
    expect(platformMetrics()).toBe(platformMetrics());
  });
});
