import { type ChildProcess, spawn } from "node:child_process";
import { closeSync, openSync } from "node:fs";
import { join } from "node:path";
import { sleep } from "../measure/open-loop.ts";
import { type LaunchSnapshot, launchSnapshot, listenersOf } from "../stack/proc.ts";

/**
 * One service of the chaos stack that can be killed with SIGKILL and started again. The orchestrator
 * does not restart crashed services, so the first kill reads how the orchestrator started it —
 * command line, working directory and environment, from /proc — and every later start runs exactly
 * that (plus any overrides, e.g. OUTBOX_RELAY_ENABLED=false) as a child of this script.
 */
export class ServiceProcess {
  #launch: LaunchSnapshot | undefined;
  #child: ChildProcess | undefined;
  starts = 0;
  kills = 0;

  constructor(
    readonly name: string,
    readonly port: number,
    private readonly logDir: string,
  ) {}

  /** kill -9 whatever serves the port now (the orchestrator's process or one of ours). */
  killHard(): void {
    const pid = listenersOf([this.port]).get(this.port);
    if (pid === undefined) throw new Error(`nothing listens on ${this.name}'s port ${this.port}`);
    this.#launch ??= launchSnapshot(pid);
    process.kill(pid, "SIGKILL");
    this.kills += 1;
  }

  /**
   * Starts the service again and waits until it serves HTTP (/health). Not /ready: right after a
   * restart the retried requests of the stream arrive all at once and can hold every pool connection
   * for a while, so the readiness probe's own query may time out although the service is working.
   */
  async start(overrides: Record<string, string> = {}): Promise<void> {
    const launch = this.#launch;
    if (!launch) throw new Error(`${this.name} was never killed; the orchestrator still runs it`);
    const [command, ...args] = launch.argv;
    const log = openSync(join(this.logDir, `${this.name}.log`), "a");
    try {
      this.#child = spawn(command ?? process.execPath, args, {
        cwd: launch.cwd,
        env: { ...launch.env, ...overrides },
        stdio: ["ignore", log, log],
      });
    } finally {
      closeSync(log);
    }
    this.starts += 1;
    await this.#waitReady(30_000);
  }

  /** SIGTERM to the process this script started, if any (the orchestrator stops its own). */
  async stop(): Promise<void> {
    const child = this.#child;
    if (!child || child.exitCode !== null || child.signalCode !== null) return;
    const exited = new Promise<void>((resolve) => child.once("exit", () => resolve()));
    child.kill("SIGTERM");
    const timer = setTimeout(() => child.kill("SIGKILL"), 12_000);
    await exited;
    clearTimeout(timer);
  }

  async #waitReady(timeoutMs: number): Promise<void> {
    const deadline = Date.now() + timeoutMs;
    while (Date.now() < deadline) {
      if (this.#child?.exitCode !== null && this.#child?.exitCode !== undefined) {
        throw new Error(
          `${this.name} exited with code ${this.#child.exitCode} while starting (see ${this.logDir})`,
        );
      }
      try {
        const res = await fetch(`http://127.0.0.1:${this.port}/health`, {
          signal: AbortSignal.timeout(1_000),
        });
        if (res.ok) return;
      } catch {
        // not listening yet
      }
      await sleep(100);
    }
    throw new Error(`${this.name} was not ready within ${timeoutMs / 1000} s`);
  }
}
