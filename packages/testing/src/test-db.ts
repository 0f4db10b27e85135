import "vitest";
import { createHash, randomBytes } from "node:crypto";
import { listMigrations, runMigrations } from "@shop/service-kit/migrate";
import pg from "pg";

declare module "vitest" {
  export interface ProvidedContext {
    /** postgres:// URL of the maintenance database of the test cluster (set by global-setup.ts). */
    pgAdminUrl: string;
  }
}

/**
 * A fresh, fully migrated database for one test file. The migrations run once into a template
 * database (keyed by their checksums); each test database is then a cheap file-level copy of it.
 */
export interface TestDatabase {
  url: string;
  name: string;
  drop(): Promise<void>;
}

function withDatabase(url: string, database: string): string {
  const u = new URL(url);
  u.pathname = `/${database}`;
  return u.toString();
}

async function adminQuery<T extends pg.QueryResultRow>(
  adminUrl: string,
  sql: string,
  params: unknown[] = [],
) {
  const client = new pg.Client({ connectionString: adminUrl });
  await client.connect();
  try {
    return await client.query<T>(sql, params);
  } finally {
    await client.end();
  }
}

async function ensureTemplate(adminUrl: string, migrationsDir: string): Promise<string> {
  const migrations = await listMigrations(migrationsDir);
  const digest = createHash("sha256")
    .update(migrations.map((m) => `${m.name}:${m.checksum}`).join("\n"))
    .digest("hex")
    .slice(0, 16);
  const template = `tmpl_${digest}`;
  const client = new pg.Client({ connectionString: adminUrl });
  await client.connect();
  try {
    // Parallel test files race to build the same template; the advisory lock lets one build it.
    await client.query("SELECT pg_advisory_lock(hashtext($1))", [template]);
    const exists = await client.query("SELECT 1 FROM pg_database WHERE datname = $1", [template]);
    if (!exists.rowCount) {
      const building = `${template}_build`;
      await client.query(`DROP DATABASE IF EXISTS "${building}"`);
      await client.query(`CREATE DATABASE "${building}"`);
      await runMigrations({ connectionString: withDatabase(adminUrl, building), migrationsDir });
      await client.query(`ALTER DATABASE "${building}" RENAME TO "${template}"`);
    }
    await client.query("SELECT pg_advisory_unlock(hashtext($1))", [template]);
  } finally {
    await client.end();
  }
  return template;
}

export async function createTestDatabase(adminUrl: string, migrationsDir: string): Promise<TestDatabase> {
  const template = await ensureTemplate(adminUrl, migrationsDir);
  const name = `test_${randomBytes(6).toString("hex")}`;
  await adminQuery(adminUrl, `CREATE DATABASE "${name}" TEMPLATE "${template}"`);
  return {
    name,
    url: withDatabase(adminUrl, name),
    drop: async () => {
      await adminQuery(adminUrl, `DROP DATABASE IF EXISTS "${name}" WITH (FORCE)`);
    },
  };
}
