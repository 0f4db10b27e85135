import { loadavg } from "node:os";
import { launchStack } from "./launch-stack.ts";
import type { PortSet } from "./ports.ts";
import { runningStackFromEnv, type StackTarget, wantsRunningStack } from "./target.ts";

/**
 * The stack to measure: the running one named by BENCH_WEB_URL, or a fresh ephemeral one started
 * here on `ports` (stopped by `target.stop()`, also on Ctrl-C).
 */
export async function acquireStack(
  ports: PortSet,
  opts: { echo: boolean; env?: NodeJS.ProcessEnv },
): Promise<StackTarget> {
  if (wantsRunningStack()) {
    const target = runningStackFromEnv();
    console.log(`Using the running stack at ${target.webUrl}`);
    return target;
  }
  console.log(
    `Starting an ephemeral stack (web ${ports.web}, services ${ports["user-svc"]}-${ports["notify-svc"]}, PostgreSQL ${ports.postgres})…`,
  );
  const started = performance.now();
  const target = await launchStack({ ports, echo: opts.echo, env: opts.env });
  console.log(`  ready in ${((performance.now() - started) / 1000).toFixed(1)} s at ${target.webUrl}`);
  stopOnSignal(target);
  return target;
}

function stopOnSignal(target: StackTarget): void {
  let stopping = false;
  const onSignal = (signal: NodeJS.Signals) => {
    if (stopping) return;
    stopping = true;
    console.log(`\n${signal}: stopping the stack…`);
    void target.stop().finally(() => process.exit(130));
  };
  process.once("SIGINT", onSignal);
  process.once("SIGTERM", onSignal);
}

/** Load average of the last minute, with a warning when the machine is busy with other work. */
export function reportMachineLoad(cores: number): void {
  const [one = 0] = loadavg();
  const busy = one > cores * 0.5;
  console.log(
    `Load average (1 min): ${one.toFixed(2)} on ${cores} cores${busy ? " — BUSY: figures will be low; rerun when the machine is quiet" : ""}`,
  );
}
