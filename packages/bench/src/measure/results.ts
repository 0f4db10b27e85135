import { cpus, loadavg } from "node:os";
import { formatCpuPerRequest } from "../stack/cpu.ts";
import type { ThroughputResult } from "./closed-loop.ts";
import type { LatencySummary } from "./latency.ts";

/** One line of a benchmark: the system measured, or its baseline. */
export interface ResultRow {
  variant: string;
  /** What the row measured, shown in the result column: "812 req/s", "97.4 kB gzip", … */
  result: string;
  latency?: LatencySummary;
  /** Raw numbers for the JSON file. */
  raw?: unknown;
}

export interface BenchmarkResult {
  id: string;
  title: string;
  rows: ResultRow[];
  /** System over baseline, when the benchmark has a baseline. */
  ratio?: number;
  target: string;
  pass: boolean;
  /** What a reader of the table needs to know to judge the figure (e.g. which path was measured). */
  notes: string[];
}

export const throughputRow = (variant: string, r: ThroughputResult): ResultRow => ({
  variant,
  result: `${r.throughput.toFixed(1)} req/s`,
  latency: r,
  raw: r,
});

/** One note per variant: where its CPU went, per request. */
export function cpuNotes(variants: Record<string, ThroughputResult>): string[] {
  return Object.entries(variants)
    .filter(([, r]) => r.cpuMsPerRequest)
    .map(([name, r]) => `CPU per request, ${name}: ${formatCpuPerRequest(r.cpuMsPerRequest ?? {})}`);
}

export interface MachineInfo {
  nproc: number;
  cpuModel: string;
  node: string;
  loadAverage: number[];
  date: string;
}

export const machineInfo = (): MachineInfo => ({
  nproc: cpus().length,
  cpuModel: cpus()[0]?.model ?? "unknown",
  node: process.version,
  loadAverage: loadavg().map((v) => Math.round(v * 100) / 100),
  date: new Date().toISOString(),
});

const ms = (value: number | undefined) => (value === undefined ? "" : value.toFixed(1));

/** The table printed at the end of `npm run bench`. */
export function formatTable(results: BenchmarkResult[]): string {
  const header = [
    "",
    "variant",
    "result",
    "p50 ms",
    "p95 ms",
    "p99 ms",
    "errors",
    "ratio",
    "target",
    "verdict",
  ];
  const lines: string[][] = [header];
  for (const result of results) {
    result.rows.forEach((row, i) => {
      const first = i === 0;
      lines.push([
        first ? result.id : "",
        row.variant,
        row.result,
        ms(row.latency?.p50),
        ms(row.latency?.p95),
        ms(row.latency?.p99),
        row.latency ? String(row.latency.errors) : "",
        first && result.ratio !== undefined ? `${(result.ratio * 100).toFixed(0)}%` : "",
        first ? result.target : "",
        first ? (result.pass ? "PASS" : "MISS") : "",
      ]);
    });
  }
  const widths = header.map((_, col) => Math.max(...lines.map((line) => (line[col] ?? "").length)));
  const numeric = new Set([2, 3, 4, 5, 6, 7]);
  const render = (line: string[]) =>
    line
      .map((cell, col) =>
        numeric.has(col) ? cell.padStart(widths[col] ?? 0) : cell.padEnd(widths[col] ?? 0),
      )
      .join("  ")
      .trimEnd();
  const rule = widths.map((w) => "─".repeat(w)).join("  ");
  return [render(header), rule, ...lines.slice(1).map(render)].join("\n");
}
