import type { HttpClient } from "../client/http.ts";
import type { StackTarget } from "./target.ts";

/** Prints why a scripted run failed and returns the exit code to end with. */
export function reportRunFailure(what: string, error: unknown): number {
  console.error(
    `✖ ${what} failed: ${error instanceof Error ? (error.stack ?? error.message) : String(error)}`,
  );
  return 1;
}

/**
 * Leaves the stack as the run found it: stock levels put back, connections closed, and a stack this
 * run started stopped again. Runs whether the run succeeded or not.
 */
export async function releaseRun(opts: {
  restoreStock: () => Promise<void>;
  http: HttpClient;
  target: StackTarget;
}): Promise<void> {
  await opts
    .restoreStock()
    .catch((error: unknown) => console.error(`could not restore stock levels: ${String(error)}`));
  opts.http.close();
  if (opts.target.owned) {
    console.log("Stopping the stack…");
    await opts.target.stop();
  }
}
