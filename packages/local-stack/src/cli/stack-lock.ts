import { readFile, rm, writeFile } from "node:fs/promises";
import { join } from "node:path";
import { isProcessAlive, processCommandLine } from "../infra/process-probe.ts";
import { ConfigError } from "./config.ts";

export interface StackLock {
  release(): Promise<void>;
}

/**
 * Claims a persistent data directory for this process. A second `npm start` on the same directory
 * fails with a clear message instead of fighting over PostgreSQL; a lock left by a killed run is
 * taken over (the caller then clears what that run left behind).
 */
export async function acquireStackLock(dataDir: string): Promise<StackLock> {
  const file = join(dataDir, "stack.pid");
  const holder = await readHolder(file);
  if (holder && holder !== process.pid && isProcessAlive(holder) && isLocalStack(holder)) {
    throw new ConfigError(
      `another local stack (pid ${holder}) is running on ${dataDir}.\n` +
        "  Stop it first, or run this one with --ephemeral or another STACK_DATA_DIR (and other ports).",
    );
  }
  await writeFile(file, `${process.pid}\n`);
  return {
    async release() {
      if ((await readHolder(file)) === process.pid) await rm(file, { force: true });
    },
  };
}

async function readHolder(file: string): Promise<number | undefined> {
  try {
    const pid = Number((await readFile(file, "utf8")).trim());
    return Number.isInteger(pid) && pid > 0 ? pid : undefined;
  } catch {
    return undefined;
  }
}

function isLocalStack(pid: number): boolean {
  const commandLine = processCommandLine(pid);
  // Without /proc we cannot tell; assume the worst and keep the other run safe.
  return commandLine === undefined || commandLine.includes("local-stack");
}
