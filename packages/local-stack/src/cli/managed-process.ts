import { type ChildProcess, spawn } from "node:child_process";
import { createWriteStream, type WriteStream } from "node:fs";
import { join } from "node:path";
import { createInterface } from "node:readline";

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

export type OutputListener = (source: string, line: string, stream: "stdout" | "stderr") => void;

const RECENT_LINES = 40;

/**
 * One child Node process: its output goes to <logDir>/<name>.log (appended) and to a listener line by
 * line, the last lines are kept for crash reports, and stop() escalates from SIGTERM to SIGKILL.
 */
export class ManagedProcess {
  readonly spec: ProcessSpec;
  readonly logFile: string;
  readonly exited: Promise<ExitInfo>;
  #child: ChildProcess | undefined;
  #exit: ExitInfo | undefined;
  #resolveExit!: (info: ExitInfo) => void;
  #log: WriteStream | undefined;
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

  get pid(): number | undefined {
    return this.#child?.pid;
  }

  /** The last lines of output, for an error report. */
  recentLines(): string[] {
    return [...this.#recent];
  }

  start(onOutput: OutputListener): void {
    const log = createWriteStream(this.logFile, { flags: "a" });
    this.#log = log;
    log.on("error", () => {}); // a full disk must not take the stack down; the console still shows output
    log.write(
      `--- ${new Date().toISOString()} starting ${this.spec.name}: node ${this.spec.args.join(" ")}\n`,
    );

    const child = spawn(process.execPath, this.spec.args, {
      cwd: this.spec.cwd,
      env: this.spec.env,
      stdio: ["ignore", "pipe", "pipe"],
    });
    this.#child = child;
    for (const stream of ["stdout", "stderr"] as const) {
      const lines = createInterface({ input: child[stream], crlfDelay: Number.POSITIVE_INFINITY });
      lines.on("line", (line) => {
        log.write(`${line}\n`);
        this.#recent.push(line);
        if (this.#recent.length > RECENT_LINES) this.#recent.shift();
        onOutput(this.spec.name, line, stream);
      });
    }
    child.once("error", (error) =>
      this.#finish({ code: null, signal: null }, `spawn failed: ${error.message}`),
    );
    // 'close' (not 'exit') fires after stdout/stderr are drained, so the last lines are in the log.
    child.once("close", (code, signal) => this.#finish({ code, signal }));
  }

  #finish(info: ExitInfo, note?: string): void {
    if (this.#exit) return;
    this.#exit = info;
    const how = note ?? (info.signal ? `killed by ${info.signal}` : `exited with code ${info.code}`);
    this.#log?.end(`--- ${new Date().toISOString()} ${this.spec.name} ${how}\n`);
    this.#resolveExit(info);
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
