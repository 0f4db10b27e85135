import { readFileSync } from "node:fs";

/** True when a process with this pid exists (and we may signal it). */
export function isProcessAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    // EPERM: it exists but belongs to another user (e.g. postgres run as the 'postgres' user).
    return (error as NodeJS.ErrnoException).code === "EPERM";
  }
}

/**
 * The command line of a live process, or undefined where /proc is unavailable (macOS) or the process
 * is gone. Used to make sure a pid from a stale pid file still belongs to the program we expect
 * before we signal it: pids get reused.
 */
export function processCommandLine(pid: number): string | undefined {
  try {
    return readFileSync(`/proc/${pid}/cmdline`, "utf8").split("\0").join(" ").trim();
  } catch {
    return undefined;
  }
}
