import { basename } from "node:path";
import { listenersOf, type ProcessMemory, processMemory, processTree } from "./proc.ts";
import type { StackTarget } from "./target.ts";

export interface MemoryRow {
  /** e.g. "order-svc", "web (next-server)", "postgres (12 processes)". */
  label: string;
  pids: number[];
  rssMb: number;
  pssMb: number;
}

export interface MemorySnapshot {
  rows: MemoryRow[];
  /** Sum of PSS over every process: RSS would count PostgreSQL's shared memory once per backend. */
  totalPssMb: number;
  totalRssMb: number;
}

/**
 * RSS of every process of the stack. A stack this script started is the orchestrator and all its
 * descendants; a given one is whatever listens on its ports, and their descendants.
 */
export function stackMemory(target: StackTarget): MemorySnapshot {
  const processes = stackPids(target)
    .map(processMemory)
    .filter((memory): memory is ProcessMemory => memory !== undefined && memory.rssKb > 0);
  const groups = new Map<string, ProcessMemory[]>();
  for (const p of processes) {
    const label = labelOf(p);
    groups.set(label, [...(groups.get(label) ?? []), p]);
  }
  const rows = [...groups].map(([label, members]) => ({
    label: members.length > 1 ? `${label} (${members.length} processes)` : label,
    pids: members.map((m) => m.pid),
    rssMb: sum(members.map((m) => m.rssKb)) / 1024,
    pssMb: sum(members.map((m) => m.pssKb)) / 1024,
  }));
  rows.sort((a, b) => b.rssMb - a.rssMb);
  return {
    rows,
    totalPssMb: sum(rows.map((r) => r.pssMb)),
    totalRssMb: sum(rows.map((r) => r.rssMb)),
  };
}

/** Every process of the stack: the orchestrator's tree, or the trees of what listens on its ports. */
export function stackPids(target: StackTarget): number[] {
  const roots = target.orchestratorPid
    ? [target.orchestratorPid]
    : [...new Set(listenersOf(target.ports).values())];
  return [...new Set(roots.flatMap((root) => processTree(root)))];
}

/** A name for what a process is, from its command line and working directory. */
export function labelOf(p: Pick<ProcessMemory, "name" | "cmdline" | "cwd">): string {
  if (p.name.startsWith("postgres") || p.cmdline.startsWith("postgres")) return "postgres";
  if (p.name.startsWith("next-server") || p.cmdline.includes("next")) return "web (next-server)";
  if (p.cmdline.includes("local-stack/dist/cli.js")) return "orchestrator (+ SNS/SQS emulator, SMTP catcher)";
  if (p.cmdline.includes("emulator-process.js")) return "SNS/SQS emulator (chaos)";
  const dir = basename(p.cwd);
  if (dir.endsWith("-svc")) return dir;
  return `${p.name} (${p.cmdline.slice(0, 40)})`;
}

const sum = (values: number[]) => values.reduce((a, b) => a + b, 0);
