import { describeExit, type ManagedProcess } from "./managed-process.ts";

export class StartupError extends Error {
  /** Output lines worth showing with the error (a crashed process's last log lines). */
  readonly details: string[];
  constructor(message: string, details: string[] = []) {
    super(message);
    this.details = details;
  }
}

const POLL_INTERVAL_MS = 250;

/**
 * Waits until the process's readiness URL answers 200. Fails early when the process exits (with its
 * last output lines) and after timeoutMs (leaving the process running; the caller stops everything).
 */
export async function waitUntilReady(proc: ManagedProcess, timeoutMs: number): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  let exitedEarly = false;
  void proc.exited.then(() => {
    exitedEarly = true;
  });
  let lastProblem = "no answer yet";
  while (Date.now() < deadline) {
    if (exitedEarly) break;
    const answer = await probe(proc.spec.readyUrl);
    if (answer === 200) return;
    lastProblem = typeof answer === "number" ? `HTTP ${answer}` : answer;
    await Promise.race([proc.exited, sleep(POLL_INTERVAL_MS)]);
  }
  if (exitedEarly || !proc.running) {
    const exit = await proc.exited;
    throw new StartupError(
      `${proc.spec.name} ${describeExit(exit)} while starting (full log: ${proc.logFile})`,
      proc.recentLines(),
    );
  }
  throw new StartupError(
    `${proc.spec.name} was not ready after ${timeoutMs / 1000} s: ${proc.spec.readyUrl} → ${lastProblem} (log: ${proc.logFile})`,
    proc.recentLines(),
  );
}

/** GET once; a status code, or why there was none. */
async function probe(url: string): Promise<number | string> {
  try {
    const response = await fetch(url, { signal: AbortSignal.timeout(2_000), redirect: "manual" });
    await response.body?.cancel();
    return response.status;
  } catch (error) {
    const cause = (error as { cause?: { code?: string } }).cause;
    return cause?.code ?? (error instanceof Error ? error.message : String(error));
  }
}

function sleep(ms: number): Promise<void> {
  return new Promise((resolve) => setTimeout(resolve, ms));
}
