import { createHash, randomUUID } from "node:crypto";
import { readdir, readFile } from "node:fs/promises";
import { join } from "node:path";
import pg from "pg";

/**
 * Applies Prisma-format migrations (<dir>/<timestamp>_<name>/migration.sql) without Prisma's native
 * schema engine, which cannot be downloaded on every machine. It records each migration in
 * `_prisma_migrations` exactly as `prisma migrate deploy` does (same table, sha256 checksum), so the
 * two are interchangeable on any database. A migration that was applied and then edited is refused.
 */
export interface MigrationResult {
  applied: string[];
  skipped: number;
}

interface Logish {
  info(obj: object, msg?: string): void;
}

// Any constant works; it only has to be the same in every replica that migrates this database.
const MIGRATION_LOCK_KEY = 72_707_369;

const CREATE_TABLE = `
CREATE TABLE IF NOT EXISTS "_prisma_migrations" (
    "id"                    VARCHAR(36) PRIMARY KEY NOT NULL,
    "checksum"              VARCHAR(64) NOT NULL,
    "finished_at"           TIMESTAMPTZ,
    "migration_name"        VARCHAR(255) NOT NULL,
    "logs"                  TEXT,
    "rolled_back_at"        TIMESTAMPTZ,
    "started_at"            TIMESTAMPTZ NOT NULL DEFAULT now(),
    "applied_steps_count"   INTEGER NOT NULL DEFAULT 0
)`;

export async function listMigrations(
  dir: string,
): Promise<{ name: string; sql: string; checksum: string }[]> {
  const entries = await readdir(dir, { withFileTypes: true });
  const names = entries
    .filter((e) => e.isDirectory())
    .map((e) => e.name)
    .sort();
  return Promise.all(
    names.map(async (name) => {
      const sql = await readFile(join(dir, name, "migration.sql"), "utf8");
      return { name, sql, checksum: createHash("sha256").update(sql).digest("hex") };
    }),
  );
}

export async function runMigrations(opts: {
  connectionString: string;
  migrationsDir: string;
  log?: Logish;
}): Promise<MigrationResult> {
  const migrations = await listMigrations(opts.migrationsDir);
  const client = new pg.Client({ connectionString: opts.connectionString, connectionTimeoutMillis: 10_000 });
  await client.connect();
  try {
    // Serialises concurrent replicas starting at once; the lock is released when the session ends.
    await client.query("SELECT pg_advisory_lock($1)", [MIGRATION_LOCK_KEY]);
    await client.query(CREATE_TABLE);
    const { rows } = await client.query<{
      migration_name: string;
      checksum: string;
      finished_at: Date | null;
    }>(`SELECT migration_name, checksum, finished_at FROM "_prisma_migrations" WHERE rolled_back_at IS NULL`);
    const done = new Map(rows.map((r) => [r.migration_name, r]));
    const applied: string[] = [];
    for (const m of migrations) {
      const previous = done.get(m.name);
      if (previous) {
        if (!previous.finished_at) throw new Error(`migration ${m.name} failed earlier; resolve it by hand`);
        if (previous.checksum !== m.checksum) {
          throw new Error(`migration ${m.name} was edited after it was applied (checksum mismatch)`);
        }
        continue;
      }
      const id = randomUUID();
      await client.query("BEGIN");
      try {
        await client.query(
          `INSERT INTO "_prisma_migrations" (id, checksum, migration_name, started_at) VALUES ($1, $2, $3, now())`,
          [id, m.checksum, m.name],
        );
        await client.query(m.sql);
        await client.query(
          `UPDATE "_prisma_migrations" SET finished_at = now(), applied_steps_count = 1 WHERE id = $1`,
          [id],
        );
        await client.query("COMMIT");
      } catch (error) {
        await client.query("ROLLBACK");
        throw new Error(`migration ${m.name} failed: ${(error as Error).message}`, { cause: error });
      }
      applied.push(m.name);
      opts.log?.info({ migration: m.name }, "applied migration");
    }
    return { applied, skipped: migrations.length - applied.length };
  } finally {
    await client.end();
  }
}
