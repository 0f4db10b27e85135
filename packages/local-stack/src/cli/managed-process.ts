import { type ChildProcess, spawn } from "node:child_process";
import { appendFileSync, closeSync, openSync, statSync } from "node:fs";
import { join } from "node:path";
import { LogTail } from "./log-tail.ts";

export interface ProcessSpec {
  /** Short name used in logs and messages, also the log file's name. */
  name: string;
  args: string[];
  cwd: string;
  env: NodeJS.ProcessEnv;
  /** Polled until it answers 200; the process counts as started then. */
  readyUrl: string;
}

export interface ExitInfo {
  code: number | null;
  signal: NodeJS.Signals | null;
}

export type OutputListener = (source: string, line: string) => void;

const RECENT_LINES = 40;

/**
 * One child Node process. Its stdout and stderr are the log file <logDir>/<name>.log itself (opened
 * for append), not pipes: a child must never depend on the orchestrator being alive to write a log
 * line — with a pipe, a killed orchestrator leaves pino retrying a failed write forever and the child
 * can no longer shut down. The orchestrator tails the file for the console and keeps the last lines
 * for crash reports. stop() escalates from SIGTERM to SIGKILL.
 */
export class ManagedProcess {
  readonly spec: ProcessSpec;
  readonly logFile: string;
  /** Resolves once the process has exited and its last output has been read. */
  readonly exited: Promise<ExitInfo>;
  #child: ChildProcess | undefined;
  #exit: ExitInfo | undefined;
  #resolveExit!: (info: ExitInfo) => void;
  readonly #recent: string[] = [];

  constructor(spec: ProcessSpec, logDir: string) {
    this.spec = spec;
    this.logFile = join(logDir, `${spec.name}.log`);
    this.exited = new Promise((resolve) => {
      this.#resolveExit = resolve;
    });
  }

  get running(): boolean {
    return this.#child !== undefined && this.#exit === undefined;
  }

  /** The last lines of output, for an error report. */
  recentLines(): string[] {
    return [...this.#recent];
  }

  start(onOutput: OutputListener): void {
    appendFileSync(
      this.logFile,
      `--- ${new Date().toISOString()} starting: node ${this.spec.args.join(" ")}\n`,
    );
    const tail = new LogTail(this.logFile, statSync(this.logFile).size, (line) => {
      this.#recent.push(line);
      if (this.#recent.length > RECENT_LINES) this.#recent.shift();
      onOutput(this.spec.name, line);
    });
    const output = openSync(this.logFile, "a");
    try {
      this.#child = spawn(process.execPath, this.spec.args, {
        cwd: this.spec.cwd,
        env: this.spec.env,
        stdio: ["ignore", output, output],
      });
    } finally {
      closeSync(output); // the child has its own copy
    }
    tail.start();
    const finish = async (info: ExitInfo, how: string) => {
      if (this.#exit) return;
      this.#exit = info;
      await tail.stop().catch(() => {});
      appendFileSync(this.logFile, `--- ${new Date().toISOString()} ${this.spec.name} ${how}\n`);
      this.#resolveExit(info);
    };
    this.#child.once(
      "error",
      (error) => void finish({ code: null, signal: null }, `failed: ${error.message}`),
    );
    this.#child.once("exit", (code, signal) => void finish({ code, signal }, describeExit({ code, signal })));
  }

  /** SIGTERM, then SIGKILL if it has not exited within graceMs. Resolves once it is gone. */
  async stop(graceMs = 10_000): Promise<ExitInfo | undefined> {
    if (!this.#child || this.#exit) return this.#exit;
    this.#child.kill("SIGTERM");
    let timer: NodeJS.Timeout | undefined;
    const timedOut = new Promise<"timeout">((resolve) => {
      timer = setTimeout(() => resolve("timeout"), graceMs);
    });
    const outcome = await Promise.race([this.exited, timedOut]);
    clearTimeout(timer);
    if (outcome !== "timeout") return outcome;
    this.#child.kill("SIGKILL");
    return this.exited;
  }
}

export function describeExit(info: ExitInfo): string {
  return info.signal ? `was killed by ${info.signal}` : `exited with code ${info.code}`;
}
