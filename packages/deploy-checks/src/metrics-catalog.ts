// The Prometheus metrics the services export, for checking that dashboards and scrape configs name
// real ones: prom-client's defaults plus the shared histograms/counters (read from service-kit's
// registry itself), and the gauges/counters services register with registerGauge/registerCounter
// (found in their source, since they are registered at run time against a database or a queue).
import { readdirSync, readFileSync } from "node:fs";
import { join } from "node:path";
import { metricsRegistry } from "@shop/service-kit/metrics";
import { repoRoot } from "./repo.ts";

function sourceFiles(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((e) => {
    const path = join(dir, e.name);
    if (e.isDirectory()) return e.name === "generated" || e.name === "node_modules" ? [] : sourceFiles(path);
    return e.name.endsWith(".ts") && !e.name.endsWith(".test.ts") ? [path] : [];
  });
}

/** Every metric name a service process exports. */
export function exportedMetricNames(): Set<string> {
  const names = new Set(metricsRegistry.getMetricsAsArray().map((m) => m.name));
  const packages = join(repoRoot, "packages");
  for (const pkg of readdirSync(packages)) {
    let files: string[];
    try {
      files = sourceFiles(join(packages, pkg, "src"));
    } catch {
      continue;
    }
    for (const file of files) {
      for (const m of readFileSync(file, "utf8").matchAll(
        /register(?:Gauge|Counter)\(\{\s*name:\s*"([a-zA-Z_:][\w:]*)"/g,
      ))
        names.add(m[1] as string);
    }
  }
  return names;
}

/**
 * Metric names a PromQL expression selects: label matchers, ranges and by/without clauses removed,
 * then every identifier that is not a function call. Histogram series suffixes map to their metric.
 */
export function metricsInQuery(expr: string): string[] {
  const bare = expr
    .replace(/\{[^}]*\}/g, "")
    .replace(/\[[^\]]*\]/g, "")
    .replace(/\b(by|without|on|ignoring|group_left|group_right)\s*\([^)]*\)/g, "");
  return [...bare.matchAll(/\b([a-zA-Z_:][\w:]*)\b(?!\s*\()/g)]
    .map((m) => m[1] as string)
    .filter((id) => !/^(and|or|unless|offset|bool|inf|nan)$/i.test(id));
}

/** Whether `name` (possibly a histogram's _bucket/_count/_sum series) is exported. */
export function isExported(name: string, exported: Set<string>): boolean {
  return exported.has(name) || exported.has(name.replace(/_(bucket|count|sum)$/, ""));
}
