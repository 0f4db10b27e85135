import { mkdtemp, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import pg from "pg";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { freePort } from "../src/infra/free-port.ts";
import { type EmbeddedPostgresHandle, startEmbeddedPostgres } from "../src/infra/postgres.ts";

describe("embedded PostgreSQL", () => {
  let dataDir: string;
  let cluster: EmbeddedPostgresHandle;

  beforeAll(async () => {
    dataDir = await mkdtemp(join(tmpdir(), "local-stack-pg-test-"));
    cluster = await startEmbeddedPostgres({
      dataDir,
      port: await freePort(),
      persistent: false,
      unsafeFast: true,
    });
  });
  afterAll(async () => {
    await cluster?.stop();
    await rm(dataDir, { recursive: true, force: true });
  });

  it("creates a database once and tolerates being asked again", async () => {
    await cluster.ensureDatabase("orders");
    await cluster.ensureDatabase("orders");
    const client = new pg.Client({ connectionString: cluster.url("orders") });
    await client.connect();
    try {
      const { rows } = await client.query<{ db: string }>("SELECT current_database() AS db");
      expect(rows).toEqual([{ db: "orders" }]);
    } finally {
      await client.end();
    }
  });

  it("refuses database names that would need quoting", async () => {
    await expect(cluster.ensureDatabase('x"; DROP DATABASE postgres; --')).rejects.toThrow(
      /odd database name/,
    );
  });
});
