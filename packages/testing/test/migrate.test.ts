import { mkdir, mkdtemp, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { runMigrations } from "@shop/service-kit/migrate";
import {
  migrationCommandFrom,
  pendingMigrations,
  runMigrationCommand,
} from "@shop/service-kit/migrate-command";
import pg from "pg";
import { afterEach, describe, expect, inject, it } from "vitest";
import { schemaDrift } from "../src/schema-drift.ts";

const created: string[] = [];
async function emptyDatabase(): Promise<string> {
  const admin = inject("pgAdminUrl");
  const name = `mig_${Math.random().toString(36).slice(2, 10)}`;
  const client = new pg.Client({ connectionString: admin });
  await client.connect();
  await client.query(`CREATE DATABASE "${name}"`);
  await client.end();
  created.push(name);
  const url = new URL(admin);
  url.pathname = `/${name}`;
  return url.toString();
}
afterEach(async () => {
  const client = new pg.Client({ connectionString: inject("pgAdminUrl") });
  await client.connect();
  for (const name of created.splice(0)) await client.query(`DROP DATABASE IF EXISTS "${name}" WITH (FORCE)`);
  await client.end();
});

async function migrationsDir(files: Record<string, string>): Promise<string> {
  const dir = await mkdtemp(join(tmpdir(), "migrations-"));
  for (const [name, sql] of Object.entries(files)) {
    await mkdir(join(dir, name));
    await writeFile(join(dir, name, "migration.sql"), sql);
  }
  return dir;
}

async function query<T extends pg.QueryResultRow>(url: string, sql: string) {
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  try {
    return (await client.query<T>(sql)).rows;
  } finally {
    await client.end();
  }
}

describe("runMigrations", () => {
  it("applies pending migrations in order, once, and records them like Prisma", async () => {
    const url = await emptyDatabase();
    const dir = await migrationsDir({
      "20260101000000_a": `CREATE TABLE t (id int PRIMARY KEY);`,
      "20260102000000_b": `ALTER TABLE t ADD COLUMN name text;`,
    });
    expect((await runMigrations({ connectionString: url, migrationsDir: dir })).applied).toEqual([
      "20260101000000_a",
      "20260102000000_b",
    ]);
    const second = await runMigrations({ connectionString: url, migrationsDir: dir });
    expect(second).toEqual({ applied: [], skipped: 2 });
    const rows = await query<{
      migration_name: string;
      checksum: string;
      finished_at: Date | null;
      applied_steps_count: number;
    }>(
      url,
      `SELECT migration_name, checksum, finished_at, applied_steps_count FROM _prisma_migrations ORDER BY migration_name`,
    );
    expect(rows.map((r) => r.migration_name)).toEqual(["20260101000000_a", "20260102000000_b"]);
    expect(
      rows.every(
        (r) => r.finished_at !== null && r.applied_steps_count === 1 && /^[0-9a-f]{64}$/.test(r.checksum),
      ),
    ).toBe(true);
  });

  it("rolls back a failing migration completely and reports it", async () => {
    const url = await emptyDatabase();
    const dir = await migrationsDir({
      "20260101000000_ok": `CREATE TABLE ok (id int);`,
      "20260102000000_bad": `CREATE TABLE half (id int); SELECT no_such_function();`,
    });
    await expect(runMigrations({ connectionString: url, migrationsDir: dir })).rejects.toThrow(
      /20260102000000_bad failed/,
    );
    const tables = await query<{ tablename: string }>(
      url,
      `SELECT tablename FROM pg_tables WHERE schemaname = 'public'`,
    );
    expect(tables.map((t) => t.tablename).sort()).toEqual(["_prisma_migrations", "ok"]);
  });

  it("refuses to run when an applied migration was edited", async () => {
    const url = await emptyDatabase();
    const dir = await migrationsDir({ "20260101000000_a": `CREATE TABLE t (id int);` });
    await runMigrations({ connectionString: url, migrationsDir: dir });
    await writeFile(join(dir, "20260101000000_a", "migration.sql"), `CREATE TABLE t (id bigint);`);
    await expect(runMigrations({ connectionString: url, migrationsDir: dir })).rejects.toThrow(
      /checksum mismatch/,
    );
  });

  it("serialises concurrent runs (replicas starting together) so each migration applies once", async () => {
    const url = await emptyDatabase();
    const dir = await migrationsDir({
      "20260101000000_a": `CREATE TABLE t (id int PRIMARY KEY); SELECT pg_sleep(0.2);`,
    });
    const results = await Promise.all(
      [1, 2, 3].map(() => runMigrations({ connectionString: url, migrationsDir: dir })),
    );
    expect(results.map((r) => r.applied.length).sort()).toEqual([0, 0, 1]);
  });
});

describe("schemaDrift", () => {
  it("notices a column the schema does not declare", async () => {
    const url = await emptyDatabase();
    const dir = await migrationsDir({
      "20260101000000_a": `CREATE TABLE "things" ("id" UUID NOT NULL PRIMARY KEY, "extra" TEXT);`,
    });
    await runMigrations({ connectionString: url, migrationsDir: dir });
    const schemaFile = join(await mkdtemp(join(tmpdir(), "schema-")), "schema.prisma");
    await writeFile(
      schemaFile,
      `datasource db {\n  provider = "postgresql"\n}\nmodel Thing {\n  id String @id @db.Uuid\n  name String\n  @@map("things")\n}\n`,
    );
    const drift = await schemaDrift(schemaFile, url);
    expect(drift).toContain("things.extra is not in the schema");
    expect(drift).toContain("things.name is missing");
  });
});

describe("migration commands (deploy/k8s: the migrate Job and the wait-for-migrations init container)", () => {
  const log = { info: () => {}, error: () => {} };
  const files = {
    "20260101000000_a": `CREATE TABLE t (id int PRIMARY KEY);`,
    "20260102000000_b": `ALTER TABLE t ADD COLUMN name text;`,
  };

  it("parses the two commands and leaves every other argv to the server", () => {
    expect(migrationCommandFrom(["migrate"])).toEqual({ kind: "migrate" });
    expect(migrationCommandFrom(["wait-for-migrations", "--timeout=30"])).toEqual({
      kind: "wait",
      timeoutSeconds: 30,
    });
    expect(migrationCommandFrom(["wait-for-migrations"])).toEqual({ kind: "wait", timeoutSeconds: 600 });
    expect(migrationCommandFrom([])).toBeUndefined();
    expect(() => migrationCommandFrom(["wait-for-migrations", "--timeout=soon"])).toThrow(/bad --timeout/);
  });

  it("waiting lists what is pending, never applies it, and returns once the Job has migrated", async () => {
    const url = await emptyDatabase();
    const dir = await migrationsDir(files);
    const opts = { connectionString: url, migrationsDir: dir, log, pollMs: 50 };
    expect(await pendingMigrations(opts)).toEqual(["20260101000000_a", "20260102000000_b"]);
    // A pod of the new version starts before the Job: it waits, and gives up at its timeout.
    expect(await runMigrationCommand({ kind: "wait", timeoutSeconds: 0.2 }, opts)).toBe(1);
    expect(await query(url, `SELECT to_regclass('t') AS t`)).toEqual([{ t: null }]);

    const waiting = runMigrationCommand({ kind: "wait", timeoutSeconds: 30 }, opts);
    expect(await runMigrationCommand({ kind: "migrate" }, opts)).toBe(0);
    expect(await waiting).toBe(0);
    expect(await pendingMigrations(opts)).toEqual([]);
  });

  it("waiting fails at once when a migration was applied with other contents", async () => {
    const url = await emptyDatabase();
    await runMigrations({ connectionString: url, migrationsDir: await migrationsDir(files) });
    const edited = await migrationsDir({
      ...files,
      "20260102000000_b": `ALTER TABLE t ADD COLUMN title text;`,
    });
    const started = Date.now();
    const status = await runMigrationCommand(
      { kind: "wait", timeoutSeconds: 30 },
      { connectionString: url, migrationsDir: edited, log, pollMs: 50 },
    );
    expect(status).toBe(1);
    expect(Date.now() - started).toBeLessThan(10_000);
  });
});
