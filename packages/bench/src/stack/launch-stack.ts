import { type ChildProcess, spawn } from "node:child_process";
import { randomBytes } from "node:crypto";
import { join } from "node:path";
import { ORCHESTRATOR_PORT_VARS, type PortName, type PortSet } from "./ports.ts";
import { repoRoot } from "./repo-root.ts";
import { databaseUrl, mapServices, SERVICE_DATABASES, type StackTarget } from "./target.ts";

export interface LaunchOptions {
  ports: PortSet;
  /** Extra variables for the orchestrator and, through it, every service (e.g. AWS_ENDPOINT_URL). */
  env?: NodeJS.ProcessEnv;
  /** Echo the orchestrator's console (warnings, errors, crash reports) as it comes. */
  echo?: boolean;
  readyTimeoutMs?: number;
}

const PG_PASSWORD = "bench-local";

/**
 * Starts `node packages/local-stack/dist/cli.js --ephemeral` on its own ports and waits for its
 * "Storefront is ready" line. The secrets are generated here and handed to it, so this script can
 * mint internal tokens and reach the databases without reading the stack's data directory.
 */
export async function launchStack(opts: LaunchOptions): Promise<StackTarget> {
  const secret = randomBytes(32).toString("base64url");
  const portEnv = Object.fromEntries(
    (Object.entries(opts.ports) as [PortName, number][]).map(([name, port]) => [
      ORCHESTRATOR_PORT_VARS[name],
      String(port),
    ]),
  );
  const child = spawn(
    process.execPath,
    [join(repoRoot(), "packages/local-stack/dist/cli.js"), "--ephemeral"],
    {
      cwd: repoRoot(),
      env: {
        ...process.env,
        ...portEnv,
        INTERNAL_JWT_SECRET: secret,
        NEXTAUTH_SECRET: randomBytes(32).toString("base64url"),
        ADMIN_PASSWORD: randomBytes(12).toString("base64url"),
        EMBEDDED_PG_PASSWORD: PG_PASSWORD,
        // A handful of benchmark shoppers place thousands of orders nobody confirms; the cap on one
        // shopper's PENDING orders is a guard against abuse, not a limit to measure.
        MAX_PENDING_ORDERS_PER_SHOPPER: "1000000",
        ...opts.env,
      },
      stdio: ["ignore", "pipe", "pipe"],
    },
  );
  const recent: string[] = [];
  let markReady = () => {};
  const ready = new Promise<void>((resolve) => {
    markReady = resolve;
  });
  lines(child, (line) => {
    recent.push(line);
    if (recent.length > 60) recent.shift();
    if (opts.echo) console.log(`  [stack] ${line}`);
    if (line.includes("Storefront is ready:")) markReady();
  });
  await waitForReady(child, ready, recent, opts.readyTimeoutMs ?? 120_000);

  const adminDatabaseUrl = `postgresql://postgres:${PG_PASSWORD}@127.0.0.1:${opts.ports.postgres}/postgres`;
  const awsEndpoint = opts.env?.AWS_ENDPOINT_URL ?? `http://127.0.0.1:${opts.ports.emulator}`;
  return {
    owned: true,
    webUrl: `http://localhost:${opts.ports.web}`,
    serviceUrls: mapServices((name) => `http://127.0.0.1:${opts.ports[name]}`),
    databaseUrls: mapServices((name) => databaseUrl(adminDatabaseUrl, SERVICE_DATABASES[name])),
    adminDatabaseUrl,
    internalSecret: secret,
    awsEndpoint,
    awsRegion: "us-east-1",
    mailViewerUrl: `http://127.0.0.1:${opts.ports.mailViewer}`,
    ports: Object.values(opts.ports),
    orchestratorPid: child.pid,
    stop: () => stopOrchestrator(child),
  };
}

function lines(child: ChildProcess, onLine: (line: string) => void): void {
  for (const stream of [child.stdout, child.stderr]) {
    let buffered = "";
    stream?.setEncoding("utf8");
    stream?.on("data", (chunk: string) => {
      buffered += chunk;
      const parts = buffered.split("\n");
      buffered = parts.pop() ?? "";
      for (const part of parts) if (part.trim()) onLine(part);
    });
  }
}

async function waitForReady(
  child: ChildProcess,
  ready: Promise<void>,
  recent: string[],
  timeoutMs: number,
): Promise<void> {
  let timer: NodeJS.Timeout | undefined;
  let onExit: ((code: number | null) => void) | undefined;
  const failed = new Promise<never>((_, reject) => {
    const fail = (why: string) => {
      child.kill("SIGTERM");
      reject(new Error(`${why}; its last output:\n${recent.slice(-25).join("\n")}`));
    };
    timer = setTimeout(() => fail(`the stack was not ready after ${timeoutMs / 1000} s`), timeoutMs);
    onExit = (code) => fail(`the stack exited during start-up (code ${code})`);
    child.once("exit", onExit);
  });
  try {
    await Promise.race([ready, failed]);
  } finally {
    clearTimeout(timer);
    if (onExit) child.off("exit", onExit);
  }
}

/** SIGTERM (the orchestrator stops web, services, then infrastructure), SIGKILL after 40 s. */
async function stopOrchestrator(child: ChildProcess): Promise<void> {
  if (child.exitCode !== null || child.signalCode !== null) return;
  const exited = new Promise<void>((resolve) => child.once("exit", () => resolve()));
  child.kill("SIGTERM");
  const timer = setTimeout(() => child.kill("SIGKILL"), 40_000);
  await exited;
  clearTimeout(timer);
}
