import type { BenchmarkResult } from "../measure/results.ts";
import { type MemorySnapshot, stackMemory } from "../stack/memory.ts";
import type { StackTarget } from "../stack/target.ts";

const LIMIT_MB = 1024;

export const memorySnapshot = (target: StackTarget): MemorySnapshot => stackMemory(target);

/**
 * (g) Memory of the whole stack, idle (right after start-up) and after all the load of the run. The
 * verdict is on the sum of RSS over every process, which overstates PostgreSQL (its shared buffers
 * count once per backend); the PSS sum, which does not, is shown beside it.
 */
export function memoryResult(idle: MemorySnapshot, loaded: MemorySnapshot): BenchmarkResult {
  const row = (variant: string, s: MemorySnapshot) => ({
    variant,
    result: `${s.totalRssMb.toFixed(0)} MB RSS`,
    raw: s,
  });
  const perProcess = loaded.rows.map((r) => `${r.label} ${r.rssMb.toFixed(0)} MB`).join(", ");
  return {
    id: "g",
    title: "Stack memory",
    rows: [row("idle, sum over all processes", idle), row("after the load, sum over all processes", loaded)],
    target: "< 1 GB in all",
    pass: idle.totalRssMb < LIMIT_MB && loaded.totalRssMb < LIMIT_MB,
    notes: [
      `PSS sum (shared pages split): idle ${idle.totalPssMb.toFixed(0)} MB, after load ${loaded.totalPssMb.toFixed(0)} MB`,
      `after load, per process: ${perProcess}`,
    ],
  };
}
