import { collectDefaultMetrics, Gauge, Histogram, Registry } from 'prom-client';

/** The process's metrics: one registry, created on first use, shared by every module of the process. */
export interface PlatformMetrics {
  readonly registry: Registry;
  readonly relayLag: Gauge<'service'>;
  readonly subscriptionLag: Gauge<'subscriber'>;
  readonly httpRequestDuration: Histogram<'method' | 'route' | 'status'>;
}

let metrics: PlatformMetrics | undefined;

// A module-level singleton rather than a Nest provider: the relay and projections report lag from code
// that need not be inside Nest's container, and prom-client refuses to register a metric name twice,
// which a second Nest app in the same process (tests, the embedded host) would otherwise do.
export function platformMetrics(): PlatformMetrics {
  if (metrics) return metrics;
  const registry = new Registry();
  collectDefaultMetrics({ register: registry });
  metrics = {
    registry,
    relayLag: new Gauge({
      name: 'tiepdan_relay_lag_events',
      help: 'Events appended to the service’s streams and not yet published to the bus by its relay.',
      labelNames: ['service'],
      registers: [registry],
    }),
    subscriptionLag: new Gauge({
      name: 'tiepdan_subscription_lag_events',
      help: 'Events or messages a subscriber (projection, policy, consumer) has not yet applied.',
      labelNames: ['subscriber'],
      registers: [registry],
    }),
    httpRequestDuration: new Histogram({
      name: 'tiepdan_http_request_duration_seconds',
      help: 'Duration of HTTP requests, by method, route pattern and status code.',
      labelNames: ['method', 'route', 'status'],
      buckets: [0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10],
      registers: [registry],
    }),
  };
  return metrics;
}

// A lag is a count: a NaN or a negative value (a clock or checkpoint race) must neither break the
// caller nor put nonsense into the series.
function asLag(lag: number): number | undefined {
  return Number.isFinite(lag) ? Math.max(0, Math.round(lag)) : undefined;
}

/** Called by a relay after each batch: how many events of `service`'s streams are not yet on the bus. */
export function reportRelayLag(service: string, lag: number): void {
  const value = asLag(lag);
  if (value !== undefined) platformMetrics().relayLag.set({ service }, value);
}

/** Called by a subscriber (projection, consumer) after each batch: how far behind its source it is. */
export function reportSubscriptionLag(subscriber: string, lag: number): void {
  const value = asLag(lag);
  if (value !== undefined) platformMetrics().subscriptionLag.set({ subscriber }, value);
}
