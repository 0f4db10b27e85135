import { labelOf, stackPids } from "./memory.ts";
import { cpuTimeMs, processMemory } from "./proc.ts";
import type { StackTarget } from "./target.ts";

/** CPU milliseconds used so far, per kind of process (label), e.g. { "order-svc": 8123, postgres: … }. */
export type CpuSample = Map<string, number>;

export const LOAD_GENERATOR = "load generator (this script)";

/**
 * Samples the CPU time of every stack process, of extra processes (a baseline server), and of this
 * script itself (the load generator). Differences between two samples, divided by the requests made
 * in between, give CPU per request per process — a figure that, unlike throughput, hardly depends on
 * what else the machine is doing, and that says where a request's cost goes.
 */
export function cpuSampler(
  target: StackTarget,
  extra: { label: string; pid: number }[] = [],
): () => CpuSample {
  return () => {
    const sample: CpuSample = new Map();
    const add = (label: string, ms: number) => sample.set(label, (sample.get(label) ?? 0) + ms);
    for (const pid of stackPids(target)) {
      const info = processMemory(pid);
      if (info) add(labelOf(info), cpuTimeMs(pid));
    }
    for (const { label, pid } of extra) add(label, cpuTimeMs(pid));
    const self = process.cpuUsage();
    add(LOAD_GENERATOR, (self.user + self.system) / 1000);
    return sample;
  };
}

export function cpuDelta(before: CpuSample, after: CpuSample): CpuSample {
  const delta: CpuSample = new Map();
  for (const [label, ms] of after) delta.set(label, Math.max(0, ms - (before.get(label) ?? 0)));
  return delta;
}

/** "web 6.1 + order-svc 10.6 + … = 25.0 ms", largest first, parts under 0.05 ms left out. */
export function formatCpuPerRequest(perRequest: Record<string, number>): string {
  const parts = Object.entries(perRequest)
    .filter(([, ms]) => ms >= 0.05)
    .sort((a, b) => b[1] - a[1]);
  const total = parts.reduce((sum, [, ms]) => sum + ms, 0);
  return `${parts.map(([label, ms]) => `${label} ${ms.toFixed(1)}`).join(" + ")} = ${total.toFixed(1)} ms`;
}
