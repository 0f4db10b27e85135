import client from "prom-client";

/**
 * Prometheus metrics of this process, served at /metrics by the service server. One registry per
 * process (a service is one process); packages add their own gauges with `registerGauge`.
 */
export const metricsRegistry = new client.Registry();
client.collectDefaultMetrics({ register: metricsRegistry });

export const procedureDuration = new client.Histogram({
  name: "trpc_procedure_duration_seconds",
  help: "Duration of tRPC procedure calls, by procedure, type and outcome code",
  labelNames: ["service", "path", "type", "code"] as const,
  buckets: [0.001, 0.0025, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5],
  registers: [metricsRegistry],
});

export const httpRequests = new client.Counter({
  name: "http_requests_total",
  help: "HTTP requests served, by route family and status",
  labelNames: ["service", "route", "status"] as const,
  registers: [metricsRegistry],
});

/** A gauge whose value is computed when Prometheus scrapes (e.g. outbox lag read from the database). */
export function registerGauge(opts: { name: string; help: string; collect: () => Promise<number> }): void {
  if (metricsRegistry.getSingleMetric(opts.name)) return;
  new client.Gauge({
    name: opts.name,
    help: opts.help,
    registers: [metricsRegistry],
    async collect() {
      try {
        this.set(await opts.collect());
      } catch {
        // A failed probe (database or queue unreachable) reports no value rather than failing the scrape.
        this.reset();
      }
    },
  });
}

export function registerCounter<L extends string>(opts: {
  name: string;
  help: string;
  labelNames: readonly L[];
}) {
  const existing = metricsRegistry.getSingleMetric(opts.name);
  if (existing) return existing as client.Counter<L>;
  return new client.Counter<L>({ ...opts, registers: [metricsRegistry] });
}

export async function renderMetrics(): Promise<{ contentType: string; body: string }> {
  return { contentType: metricsRegistry.contentType, body: await metricsRegistry.metrics() };
}
