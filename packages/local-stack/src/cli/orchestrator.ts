import { join } from "node:path";
import { stopOrphanedPostmaster } from "../infra/postgres.ts";
import { type LaunchContext, serviceSpec, serviceUrl, webSpec, webUrl } from "./apps.ts";
import { ConfigError, SERVICE_NAMES, type StackConfig } from "./config.ts";
import { color, excerpt, failure, info, step } from "./console-ui.ts";
import { prepareDataDir } from "./data-dir.ts";
import { startInfrastructure } from "./infra.ts";
import { BootAborted, StackLifecycle } from "./lifecycle.ts";
import { compactLine, formatLogLine, type LogLine, parseLogLine, shouldEcho } from "./log-lines.ts";
import { ManagedProcess, type OutputListener, type ProcessSpec } from "./managed-process.ts";
import { checkBuildOutputs, checkPortsFree } from "./preflight.ts";
import { StartupError, waitUntilReady } from "./readiness.ts";
import { loadOrCreateSecrets } from "./secrets.ts";
import { acquireStackLock } from "./stack-lock.ts";
import { printSummary } from "./summary.ts";

/** Per process: migrations and seeding run before /ready answers, so allow for a cold first start. */
const READY_TIMEOUT_MS = 60_000;

/** Boots the whole stack, then keeps running until a signal (or a crash with --exit-on-crash). */
export async function runStack(config: StackConfig, childGuard: string | undefined): Promise<void> {
  const lifecycle = new StackLifecycle(config.exitOnCrash);
  handleSignals(lifecycle);
  try {
    await boot(config, lifecycle, childGuard);
  } catch (error) {
    if (lifecycle.stopping || error instanceof BootAborted) return; // a signal interrupted start-up
    reportBootFailure(error);
    await lifecycle.stop(1, "start-up failed");
  }
}

async function boot(config: StackConfig, lifecycle: StackLifecycle, childGuard: string | undefined) {
  const started = performance.now();
  const mode = config.ephemeral ? color.dim(" (ephemeral: throw-away data)") : "";
  console.log(`${color.bold("Starting the Storefront local stack")}${mode}`);
  checkBuildOutputs(config);
  const { dataDir, logDir, dispose } = await prepareDataDir(config);
  lifecycle.onFinally(dispose);
  if (!config.ephemeral) {
    const lock = await acquireStackLock(dataDir);
    lifecycle.onFinally(lock.release);
    const orphan = await stopOrphanedPostmaster(join(dataDir, "postgres"));
    if (orphan) info(`stopped PostgreSQL (pid ${orphan}) left running by an earlier run that was killed`);
  }
  await checkPortsFree(config);

  const { secrets, generated, file } = await loadOrCreateSecrets(dataDir, process.env);
  if (generated.length) info(`generated ${generated.join(", ")} → ${file} (kept for later runs)`);

  const echo = consoleEcho(config.verbose, () => lifecycle.stopping);
  const infra = await startInfrastructure(config, {
    dataDir,
    logDir,
    // Mails are shown always: seeing a notification go out is part of trying the shop.
    onMail: (mail) => printLine("mail", "info", `✉ ${mail.to.join(", ")}: ${mail.subject}`),
    onPostgresLine: (line) => {
      if (config.verbose || isAlarmingPostgresLine(line)) printLine("postgres", "warn", line.trim());
    },
  });
  await lifecycle.adoptInfra(infra);

  const ctx: LaunchContext = { config, secrets, infra, childGuard };
  const launch = (spec: ProcessSpec, url: string) => launchApp(spec, url, { lifecycle, logDir, echo });
  info(`starting ${SERVICE_NAMES.join(", ")} (migrations and seed data on first start)`);
  await Promise.all(SERVICE_NAMES.map((name) => launch(serviceSpec(name, ctx), serviceUrl(config, name))));
  await launch(webSpec(ctx), webUrl(config));

  lifecycle.markRunning();
  printSummary({ config, infra, secrets, dataDir, logDir, bootMs: performance.now() - started });
}

interface LaunchDeps {
  lifecycle: StackLifecycle;
  logDir: string;
  echo: OutputListener;
}

async function launchApp(spec: ProcessSpec, url: string, { lifecycle, logDir, echo }: LaunchDeps) {
  const proc = new ManagedProcess(spec, logDir);
  lifecycle.adoptApp(proc);
  proc.start(echo);
  await step(
    spec.name,
    () => waitUntilReady(proc, READY_TIMEOUT_MS),
    () => url,
    () => lifecycle.stopping,
  );
  lifecycle.watch(proc);
}

function printLine(source: string, level: LogLine["level"], message: string): void {
  console.log(formatLogLine(source, { level, message, fields: [], stack: undefined }));
}

/** FATAL/PANIC lines, except the ones every shutdown produces for each open connection. */
function isAlarmingPostgresLine(line: string): boolean {
  return (
    /\b(FATAL|PANIC):/.test(line) && !line.includes("terminating connection due to administrator command")
  );
}

/**
 * Writes child output to the console in compact form: warnings and errors, or all with --verbose.
 * While stopping, only errors: lost connections and the like are expected then (the files keep all).
 */
function consoleEcho(verbose: boolean, stopping: () => boolean): OutputListener {
  return (source, raw) => {
    const line = parseLogLine(raw);
    if (stopping() && !verbose && line.level !== "error" && line.level !== "fatal") return;
    if (shouldEcho(line, verbose)) console.log(formatLogLine(source, line));
  };
}

function reportBootFailure(error: unknown): void {
  if (error instanceof ConfigError) {
    failure(error.message);
    return;
  }
  failure(`start-up failed: ${error instanceof Error ? error.message : String(error)}`);
  if (error instanceof StartupError) excerpt("last log lines:", error.details.slice(-25).map(compactLine));
  else if (error instanceof Error && error.stack) excerpt("stack:", error.stack.split("\n").slice(1, 8));
}

/**
 * The first SIGINT/SIGTERM/SIGHUP stops the stack. Later ones are expected — a terminal's Ctrl-C
 * reaches this process and `npm start`'s wrapper, which forwards it too — and only acknowledged:
 * shutdown is bounded anyway (SIGKILL after 10 s per process).
 */
function handleSignals(lifecycle: StackLifecycle): void {
  let received = 0;
  const onSignal = (signal: NodeJS.Signals) => {
    received += 1;
    if (received === 1) void lifecycle.stop(0, `received ${signal}`);
    else if (received === 3) info("still stopping: each process gets at most 10 s before it is killed");
  };
  for (const signal of ["SIGINT", "SIGTERM", "SIGHUP"] as const) process.on(signal, onSignal);
  process.on("uncaughtException", (error) => {
    failure(`local stack bug: ${error.stack ?? error.message}`);
    void lifecycle.stop(1, "internal error");
  });
  process.on("unhandledRejection", (reason) => {
    failure(`local stack bug (unhandled rejection): ${String(reason)}`);
    void lifecycle.stop(1, "internal error");
  });
}
