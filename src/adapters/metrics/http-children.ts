// The labelled children of the per-request HTTP metrics, looked up once per
// (method, route, status) instead of hashing a label object on every request.
// Bounded: routes are the app's route templates (or 'unmatched'), methods and
// statuses a small set; past childrenMax the plain labelled calls are used.
import type { Counter, Histogram } from 'prom-client';

interface HttpMetrics {
  readonly httpRequests: Counter<'method' | 'route' | 'status'>;
  readonly httpLatency: Histogram<'method' | 'route'>;
}

const childrenMax = 2_000;

export class HttpMetricChildren {
  private readonly requests = new Map<string, { inc(): void }>();
  private readonly latency = new Map<string, { observe(v: number): void }>();

  constructor(private readonly metrics: HttpMetrics) {}

  record(method: string, route: string, status: number, seconds: number): void {
    const routeKey = `${method} ${route}`;
    const key = `${routeKey} ${status}`;
    let counter = this.requests.get(key);
    if (counter === undefined) {
      counter = this.metrics.httpRequests.labels({ method, route, status });
      if (this.requests.size < childrenMax) this.requests.set(key, counter);
    }
    counter.inc();
    let histogram = this.latency.get(routeKey);
    if (histogram === undefined) {
      histogram = this.metrics.httpLatency.labels({ method, route });
      if (this.latency.size < childrenMax) this.latency.set(routeKey, histogram);
    }
    histogram.observe(seconds);
  }
}
