import { readdirSync, readFileSync, readlinkSync } from "node:fs";

/** Linux /proc readers: which process listens on a port, process trees, memory, launch settings. */

const pids = (): number[] =>
  readdirSync("/proc")
    .filter((entry) => /^\d+$/.test(entry))
    .map(Number);

function readOr(path: string, fallback = ""): string {
  try {
    return readFileSync(path, "utf8");
  } catch {
    return fallback; // the process exited meanwhile, or is not ours to read
  }
}

/** Socket inodes of listening TCP sockets, by local port (IPv4 and IPv6). */
function listeningInodes(): Map<string, number> {
  const byInode = new Map<string, number>();
  for (const table of ["/proc/net/tcp", "/proc/net/tcp6"]) {
    for (const line of readOr(table).split("\n").slice(1)) {
      const fields = line.trim().split(/\s+/);
      const [local, state, inode] = [fields[1], fields[3], fields[9]];
      if (state !== "0A" || !local || !inode) continue; // 0A = LISTEN
      byInode.set(inode, Number.parseInt(local.split(":").pop() ?? "0", 16));
    }
  }
  return byInode;
}

/** port → pid of the process listening on it, for the given ports. */
export function listenersOf(ports: readonly number[]): Map<number, number> {
  const wanted = new Set(ports);
  const inodes = listeningInodes();
  const found = new Map<number, number>();
  for (const pid of pids()) {
    let fds: string[];
    try {
      fds = readdirSync(`/proc/${pid}/fd`);
    } catch {
      continue;
    }
    for (const fd of fds) {
      let target: string;
      try {
        target = readlinkSync(`/proc/${pid}/fd/${fd}`);
      } catch {
        continue;
      }
      const inode = /^socket:\[(\d+)\]$/.exec(target)?.[1];
      const port = inode ? inodes.get(inode) : undefined;
      if (port !== undefined && wanted.has(port) && !found.has(port)) found.set(port, pid);
    }
  }
  return found;
}

/** The process and all its descendants. */
export function processTree(root: number): number[] {
  const children = new Map<number, number[]>();
  for (const pid of pids()) {
    // comm may contain spaces and parentheses; the fields after its closing ")" are fixed.
    const stat = readOr(`/proc/${pid}/stat`);
    const ppid = Number(stat.slice(stat.lastIndexOf(")") + 2).split(" ")[1]);
    const list = children.get(ppid) ?? [];
    list.push(pid);
    children.set(ppid, list);
  }
  const tree: number[] = [];
  const visit = (pid: number) => {
    tree.push(pid);
    for (const child of children.get(pid) ?? []) visit(child);
  };
  visit(root);
  return tree;
}

export interface ProcessMemory {
  pid: number;
  /** comm, e.g. "node", "postgres", "next-server (v1". */
  name: string;
  cmdline: string;
  cwd: string;
  /** Resident set (VmRSS), kB: what the process has in RAM, shared pages included. */
  rssKb: number;
  /**
   * Proportional set size, kB: shared pages divided among the processes sharing them, so summing it
   * over PostgreSQL's backends does not count its shared buffers once per backend.
   */
  pssKb: number;
}

export function processMemory(pid: number): ProcessMemory | undefined {
  const status = readOr(`/proc/${pid}/status`);
  if (!status) return undefined;
  const kb = (text: string, field: string) =>
    Number(new RegExp(`^${field}:\\s+(\\d+)`, "m").exec(text)?.[1] ?? 0);
  let cwd = "";
  try {
    cwd = readlinkSync(`/proc/${pid}/cwd`);
  } catch {
    // not readable: leave it empty
  }
  return {
    pid,
    name: readOr(`/proc/${pid}/comm`).trim(),
    cmdline: readOr(`/proc/${pid}/cmdline`).split("\0").filter(Boolean).join(" "),
    cwd,
    rssKb: kb(status, "VmRSS"),
    pssKb: kb(readOr(`/proc/${pid}/smaps_rollup`), "Pss") || kb(status, "VmRSS"),
  };
}

/**
 * CPU time used by a process, ms: its own (utime + stime) plus that of children it has already
 * reaped (cutime + cstime) — PostgreSQL backends that ended are counted through the postmaster.
 */
export function cpuTimeMs(pid: number): number {
  const stat = readOr(`/proc/${pid}/stat`);
  if (!stat) return 0;
  const fields = stat.slice(stat.lastIndexOf(")") + 2).split(" ");
  // Fields 14-17 of stat(5); the slice starts at field 3. Units are clock ticks, 100 per second on Linux.
  const ticks = [11, 12, 13, 14].reduce((sum, i) => sum + Number(fields[i] ?? 0), 0);
  return ticks * 10;
}

/** How a process was started: enough to start an identical one after killing it. */
export interface LaunchSnapshot {
  argv: string[];
  cwd: string;
  env: Record<string, string>;
}

export function launchSnapshot(pid: number): LaunchSnapshot {
  const argv = readOr(`/proc/${pid}/cmdline`).split("\0").filter(Boolean);
  const env: Record<string, string> = {};
  for (const entry of readOr(`/proc/${pid}/environ`).split("\0")) {
    const at = entry.indexOf("=");
    if (at > 0) env[entry.slice(0, at)] = entry.slice(at + 1);
  }
  if (argv.length === 0) throw new Error(`process ${pid} is gone; cannot read how it was started`);
  return { argv, cwd: readlinkSync(`/proc/${pid}/cwd`), env };
}
