import type { BenchmarkResult } from "../measure/results.ts";
import type { MemorySnapshot } from "../stack/memory.ts";

const LIMIT_MB = 1024;

/**
 * (g) Memory of the whole stack, idle (after start-up and sign-in, before any benchmark) and after all
 * the load of the run. Two sums over every process are shown: RSS, which counts a shared page once per
 * process that maps it — PostgreSQL's shared buffers once per backend, so it overstates the stack —
 * and PSS, which splits shared pages among their users and so adds up to what the stack really takes.
 * The verdict is on PSS; the RSS sum is in the table beside it.
 */
export function memoryResult(idle: MemorySnapshot, loaded: MemorySnapshot): BenchmarkResult {
  const row = (variant: string, s: MemorySnapshot) => ({
    variant,
    result: `${s.totalPssMb.toFixed(0)} MB PSS / ${s.totalRssMb.toFixed(0)} MB RSS`,
    raw: s,
  });
  const perProcess = loaded.rows.map((r) => `${r.label} ${r.rssMb.toFixed(0)} MB`).join(", ");
  return {
    id: "g",
    title: "Stack memory",
    rows: [row("idle, sum over all processes", idle), row("after the load, sum over all processes", loaded)],
    target: "< 1 GB in all (PSS sum)",
    pass: idle.totalPssMb < LIMIT_MB && loaded.totalPssMb < LIMIT_MB,
    notes: [
      `RSS sum ${idle.totalRssMb < LIMIT_MB && loaded.totalRssMb < LIMIT_MB ? "is under" : "is OVER"} 1 GB too: idle ${idle.totalRssMb.toFixed(0)} MB, after load ${loaded.totalRssMb.toFixed(0)} MB`,
      `after load, RSS per process: ${perProcess}`,
    ],
  };
}
