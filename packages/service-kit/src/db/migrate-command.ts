import { setTimeout as sleep } from "node:timers/promises";
import pg from "pg";
import { listMigrations, runMigrations } from "./migrate.ts";

/**
 * One-shot migration commands of a service binary, for deployments that migrate before rolling out
 * (deploy/k8s: a Job runs `migrate`, each new pod's init container runs `wait-for-migrations`):
 *
 *   node dist/main.js migrate                          apply pending migrations, exit 0 (1 on failure)
 *   node dist/main.js wait-for-migrations [--timeout=S] exit 0 once every migration this build
 *                                                      carries is applied; 1 after S seconds (600)
 *
 * Waiting only reads `_prisma_migrations`, so the serving pods need no DDL rights and never race
 * the Job. A migration applied with a different checksum fails at once: waiting cannot fix it.
 */
export type MigrationCommand = { kind: "migrate" } | { kind: "wait"; timeoutSeconds: number };

export function migrationCommandFrom(argv: readonly string[]): MigrationCommand | undefined {
  if (argv[0] === "migrate") return { kind: "migrate" };
  if (argv[0] !== "wait-for-migrations") return undefined;
  const timeout = argv.find((a) => a.startsWith("--timeout="))?.slice("--timeout=".length);
  const timeoutSeconds = timeout === undefined ? 600 : Number(timeout);
  if (!Number.isFinite(timeoutSeconds) || timeoutSeconds < 0) throw new Error(`bad --timeout: ${timeout}`);
  return { kind: "wait", timeoutSeconds };
}

/** Migrations this build carries that the database has not finished applying. */
export async function pendingMigrations(opts: { connectionString: string; migrationsDir: string }) {
  const migrations = await listMigrations(opts.migrationsDir);
  const client = new pg.Client({ connectionString: opts.connectionString, connectionTimeoutMillis: 10_000 });
  await client.connect();
  try {
    const { rows } = await client.query<{ migration_name: string; checksum: string }>(
      `SELECT migration_name, checksum FROM "_prisma_migrations"
        WHERE finished_at IS NOT NULL AND rolled_back_at IS NULL`,
    );
    const applied = new Map(rows.map((r) => [r.migration_name, r.checksum]));
    for (const m of migrations) {
      const checksum = applied.get(m.name);
      if (checksum !== undefined && checksum !== m.checksum)
        throw new Error(`migration ${m.name} was applied with a different checksum`);
    }
    return migrations.filter((m) => !applied.has(m.name)).map((m) => m.name);
  } catch (error) {
    // No table yet: nothing has been migrated.
    if ((error as { code?: string }).code === "42P01")
      return (await listMigrations(opts.migrationsDir)).map((m) => m.name);
    throw error;
  } finally {
    await client.end();
  }
}

interface Logish {
  info(obj: object, msg?: string): void;
  error(obj: object, msg?: string): void;
}

/** Runs a command; resolves to the process exit status. */
export async function runMigrationCommand(
  command: MigrationCommand,
  opts: { connectionString: string; migrationsDir: string; log: Logish; pollMs?: number },
): Promise<0 | 1> {
  try {
    if (command.kind === "migrate") {
      const result = await runMigrations(opts);
      opts.log.info({ applied: result.applied, upToDate: result.skipped }, "migrations applied");
      return 0;
    }
    const deadline = Date.now() + command.timeoutSeconds * 1000;
    for (;;) {
      let pending: string[];
      try {
        pending = await pendingMigrations(opts);
      } catch (error) {
        // The database may still be starting; a checksum mismatch is final.
        if ((error as Error).message.includes("checksum")) throw error;
        pending = [`(database not reachable: ${(error as Error).message})`];
      }
      if (pending.length === 0) {
        opts.log.info({}, "every migration of this build is applied");
        return 0;
      }
      if (Date.now() >= deadline) {
        opts.log.error({ pending }, "gave up waiting for migrations");
        return 1;
      }
      opts.log.info({ pending }, "waiting for migrations");
      await sleep(opts.pollMs ?? 2000);
    }
  } catch (error) {
    opts.log.error(
      { err: error },
      `${command.kind === "migrate" ? "migration" : "waiting for migrations"} failed`,
    );
    return 1;
  }
}
