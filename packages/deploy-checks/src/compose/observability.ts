// The compose observability stack is wired to what the services really expose: Prometheus scrapes
// each service's /metrics port, Grafana's data sources point at compose services, and every query in
// the provisioned dashboards names a metric the services export.
import { parse } from "yaml";
import type { Findings } from "../findings.ts";
import { isExported, metricsInQuery } from "../metrics-catalog.ts";
import type { FileReader } from "../repo.ts";
import { type ComposeModel, listeningPorts } from "./compose-file.ts";

export const PROMETHEUS_CONFIG = "docker/observability/prometheus.yml";
export const GRAFANA_DATASOURCES = "docker/observability/grafana/provisioning/datasources/datasources.yml";
export const DASHBOARDS_DIR = "docker/observability/grafana/dashboards";

/** Services that serve /metrics: every service built from docker/service.Dockerfile. */
const metricsServices = (model: ComposeModel) =>
  Object.entries(model.services ?? {}).filter(
    ([, svc]) => typeof svc.build === "object" && svc.build.dockerfile === "docker/service.Dockerfile",
  );

export function checkObservability(
  model: ComposeModel,
  {
    readFile,
    dashboards,
    exported,
    findings,
  }: {
    readFile: FileReader;
    /** Dashboard file name → JSON text. */
    dashboards: Map<string, string>;
    exported: Set<string>;
    findings: Findings;
  },
): void {
  const services = model.services ?? {};
  const prometheus = parse(readFile(PROMETHEUS_CONFIG) ?? "{}") as {
    scrape_configs?: { job_name: string; metrics_path?: string; static_configs?: { targets: string[] }[] }[];
  } | null;
  const targets = new Set(
    (prometheus?.scrape_configs ?? []).flatMap((c) => (c.static_configs ?? []).flatMap((s) => s.targets)),
  );
  for (const [name, svc] of metricsServices(model)) {
    const port = [...listeningPorts(svc)][0];
    if (!targets.has(`${name}:${port}`)) findings.error(PROMETHEUS_CONFIG, `does not scrape ${name}:${port}`);
  }
  for (const target of targets) {
    const [host, port] = target.split(":");
    const svc = host && Object.hasOwn(services, host) ? services[host] : undefined;
    if (!svc || !listeningPorts(svc).has(Number(port)))
      findings.error(PROMETHEUS_CONFIG, `target ${target} is not a port of a compose service`);
  }

  const datasources = parse(readFile(GRAFANA_DATASOURCES) ?? "{}") as {
    datasources?: { name: string; url: string }[];
  } | null;
  for (const ds of datasources?.datasources ?? []) {
    const url = new URL(ds.url);
    const svc = Object.hasOwn(services, url.hostname) ? services[url.hostname] : undefined;
    if (!svc || !listeningPorts(svc).has(Number(url.port)))
      findings.error(
        GRAFANA_DATASOURCES,
        `data source ${ds.name} points at ${url.host}, not a compose service port`,
      );
  }

  if (dashboards.size === 0) findings.error(DASHBOARDS_DIR, "no dashboard");
  for (const [file, text] of dashboards) {
    const where = `${DASHBOARDS_DIR}/${file}`;
    let dashboard: { panels?: { title?: string; targets?: { expr?: string }[] }[] };
    try {
      dashboard = JSON.parse(text);
    } catch (error) {
      findings.error(where, `not JSON: ${(error as Error).message}`);
      continue;
    }
    for (const panel of dashboard.panels ?? []) {
      for (const { expr } of panel.targets ?? []) {
        for (const metric of metricsInQuery(expr ?? "")) {
          if (!isExported(metric, exported))
            findings.error(where, `panel "${panel.title}" queries ${metric}, which no service exports`);
        }
      }
    }
  }
}
