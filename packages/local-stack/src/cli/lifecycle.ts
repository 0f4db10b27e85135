import { color, excerpt, failure, info, seconds, warn } from "./console-ui.ts";
import type { RunningInfra } from "./infra.ts";
import { compactLine } from "./log-lines.ts";
import { describeExit, type ExitInfo, type ManagedProcess } from "./managed-process.ts";

/** Thrown into the boot sequence when shutdown began while it was still starting things. */
export class BootAborted extends Error {
  constructor() {
    super("start-up aborted: the stack is stopping");
  }
}

/**
 * Owns everything the stack started and tears it down once, in dependency order: the web app (it
 * calls the services), the services, the infrastructure, then files. Whatever triggers shutdown —
 * a signal, a failed boot step, a crash with --exit-on-crash — ends up in stop(), which never returns.
 */
export class StackLifecycle {
  #stopping: Promise<never> | undefined;
  #running = false;
  readonly #apps: ManagedProcess[] = [];
  #infra: RunningInfra | undefined;
  readonly #finalizers: Array<(exitCode: number) => Promise<void>> = [];
  readonly #exitOnCrash: boolean;

  constructor(exitOnCrash: boolean) {
    this.#exitOnCrash = exitOnCrash;
  }

  get stopping(): boolean {
    return this.#stopping !== undefined;
  }

  /** Called once everything is ready: from then on a dying process is a crash, not a boot failure. */
  markRunning(): void {
    this.#running = true;
  }

  /** Registers an app process before it is started; refuses once shutdown has begun. */
  adoptApp(proc: ManagedProcess): void {
    if (this.#stopping) throw new BootAborted();
    this.#apps.push(proc);
  }

  /** Infrastructure that came up while shutdown was already under way is stopped at once. */
  async adoptInfra(infra: RunningInfra): Promise<void> {
    if (this.#stopping) {
      await infra.stop();
      throw new BootAborted();
    }
    this.#infra = infra;
  }

  /** Runs last, in reverse order of registration (e.g. release the lock, remove a temp dir). */
  onFinally(finalizer: (exitCode: number) => Promise<void>): void {
    this.#finalizers.push(finalizer);
  }

  /** Watches a ready process: reports an unexpected exit, and stops the stack if that is the policy. */
  watch(proc: ManagedProcess): void {
    void proc.exited.then((exit) => this.#onUnexpectedExit(proc, exit));
  }

  #onUnexpectedExit(proc: ManagedProcess, exit: ExitInfo): void {
    if (this.#stopping) return;
    failure(`${proc.spec.name} ${describeExit(exit)} (full log: ${proc.logFile})`);
    excerpt("last lines:", proc.recentLines().slice(-15).map(compactLine));
    if (!this.#running || this.#exitOnCrash) {
      void this.stop(1, `${proc.spec.name} died`);
      return;
    }
    console.error(
      `  The rest keeps running, without ${proc.spec.name}. Ctrl-C and \`npm start\` restart everything ` +
        "(--exit-on-crash stops the whole stack instead).",
    );
  }

  stop(exitCode: number, reason: string): Promise<never> {
    this.#stopping ??= this.#teardown(exitCode, reason);
    return this.#stopping;
  }

  async #teardown(exitCode: number, reason: string): Promise<never> {
    const started = performance.now();
    // Nothing to announce when start-up failed before anything ran (e.g. a port was taken).
    const anythingStarted = this.#apps.length > 0 || this.#infra !== undefined;
    if (anythingStarted) console.log(`\n${color.bold("Stopping")} ${color.dim(`(${reason})`)}`);
    const web = this.#apps.filter((proc) => proc.spec.name === "web");
    const services = this.#apps.filter((proc) => proc.spec.name !== "web");
    await this.#stopGroup("web app", web);
    await this.#stopGroup("services", services);
    if (this.#infra) {
      const infra = this.#infra;
      await this.#timed("infrastructure", () => infra.stop());
    }
    for (const finalize of this.#finalizers.reverse()) {
      await finalize(exitCode).catch((error: unknown) => warn(`clean-up failed: ${String(error)}`));
    }
    if (anythingStarted)
      console.log(`${color.bold("Stopped")} ${color.dim(`(${seconds(performance.now() - started)})`)}`);
    process.exit(exitCode);
  }

  async #stopGroup(label: string, procs: ManagedProcess[]): Promise<void> {
    const running = procs.filter((proc) => proc.running);
    if (!running.length) return;
    await this.#timed(label, async () => {
      const exits = await Promise.all(running.map(async (proc) => [proc, await proc.stop()] as const));
      for (const [proc, exit] of exits) {
        if (exit?.signal === "SIGKILL") warn(`${proc.spec.name} ignored SIGTERM for 10 s and was killed`);
      }
    });
  }

  async #timed(label: string, run: () => Promise<void>): Promise<void> {
    const started = performance.now();
    try {
      await run();
      info(`${label} stopped ${color.dim(`(${seconds(performance.now() - started)})`)}`);
    } catch (error) {
      warn(`stopping ${label} failed: ${error instanceof Error ? error.message : String(error)}`);
    }
  }
}
