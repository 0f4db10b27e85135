import { fileURLToPath } from "node:url";
import type { AnyRouter } from "@trpc/server";
import type { ServiceName } from "../auth/internal-token.ts";
import { runMigrations } from "../db/migrate.ts";
import { migrationCommandFrom, runMigrationCommand } from "../db/migrate-command.ts";
import { createLogger, type Logger } from "../log.ts";
import { exitOnSignals, type RunningService, startServiceServer } from "./index.ts";

export interface ServiceRuntime<TDeps extends object> {
  deps: TDeps;
  readiness: () => Promise<unknown>;
  /** Runs first on shutdown, before the HTTP drain: stop pollers and wait for their work in flight. */
  stopIntake?: () => Promise<void>;
  /** Runs after the HTTP server has drained: stop background loops, close pools. */
  onShutdown: () => Promise<void>;
}

export interface RunServiceOptions<TDeps extends object> {
  name: ServiceName;
  env: {
    HOST: string;
    PORT: number;
    LOG_LEVEL: string;
    INTERNAL_JWT_SECRET: string;
    MIGRATE_ON_START: boolean;
    DATABASE_URL: string;
  };
  router: AnyRouter;
  /** prisma/<service>/migrations, resolved against the repository root. */
  migrationsDir: string;
  /** Builds the service's dependencies once migrations are applied (db client, seed, background work). */
  init: (log: Logger) => Promise<ServiceRuntime<TDeps>>;
}

/** Resolves prisma/<folder>/migrations from a file two levels below the repo root (src/ or dist/). */
export function migrationsDirFrom(moduleUrl: string, folder: string): string {
  return (
    process.env.MIGRATIONS_DIR ?? fileURLToPath(new URL(`../../../prisma/${folder}/migrations`, moduleUrl))
  );
}

/** The whole life of a service process: migrate, init, serve, drain on SIGTERM. Exits 1 if boot fails. */
export async function runService<TDeps extends object>(
  opts: RunServiceOptions<TDeps>,
): Promise<RunningService> {
  const log = createLogger(opts.name, opts.env.LOG_LEVEL);
  // `main.js migrate` / `main.js wait-for-migrations`: one-shot commands, no server (deploy/k8s).
  const command = migrationCommandFrom(process.argv.slice(2));
  if (command) {
    const connection = { connectionString: opts.env.DATABASE_URL, migrationsDir: opts.migrationsDir, log };
    process.exit(await runMigrationCommand(command, connection));
  }
  try {
    if (opts.env.MIGRATE_ON_START) {
      const result = await runMigrations({
        connectionString: opts.env.DATABASE_URL,
        migrationsDir: opts.migrationsDir,
        log,
      });
      log.info({ applied: result.applied.length, upToDate: result.skipped }, "migrations checked");
    }
    const runtime = await opts.init(log);
    const service = await startServiceServer({
      name: opts.name,
      router: opts.router,
      deps: runtime.deps,
      secret: opts.env.INTERNAL_JWT_SECRET,
      log,
      host: opts.env.HOST,
      port: opts.env.PORT,
      readiness: async () => {
        await runtime.readiness();
      },
      ...(runtime.stopIntake ? { stopIntake: runtime.stopIntake } : {}),
      onShutdown: runtime.onShutdown,
    });
    exitOnSignals(service, log);
    log.info({ url: service.url }, `${opts.name} listening`);
    return service;
  } catch (error) {
    log.fatal({ err: error }, `${opts.name} failed to start`);
    process.exit(1);
  }
}
