import { mkdtemp, readFile, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { ManagedProcess, type ProcessSpec } from "../src/cli/managed-process.ts";
import { StartupError, waitUntilReady } from "../src/cli/readiness.ts";
import { freePort } from "../src/infra/free-port.ts";

const fakeService = fileURLToPath(new URL("./fixtures/fake-service.mjs", import.meta.url));

describe("ManagedProcess", () => {
  let logDir: string;
  beforeAll(async () => {
    logDir = await mkdtemp(join(tmpdir(), "local-stack-proc-test-"));
  });
  afterAll(() => rm(logDir, { recursive: true, force: true }));

  async function spec(name: string, env: Record<string, string> = {}): Promise<ProcessSpec> {
    const port = await freePort();
    return {
      name,
      args: [fakeService],
      cwd: logDir,
      env: { ...process.env, PORT: String(port), ...env },
      readyUrl: `http://127.0.0.1:${port}/ready`,
    };
  }

  it("waits for readiness, logs to its file, relays lines and stops on SIGTERM", async () => {
    const proc = new ManagedProcess(await spec("svc-a"), logDir);
    const relayed: string[] = [];
    proc.start((_source, line) => relayed.push(line));
    await waitUntilReady(proc, 10_000);
    expect(await proc.stop(5_000)).toEqual({ code: 0, signal: null });

    expect(relayed).toEqual([
      expect.stringContaining('"msg":"listening"'),
      expect.stringContaining('"msg":"something odd"'),
      "a last line without newline",
    ]);
    const file = await readFile(proc.logFile, "utf8");
    expect(file).toMatch(/^--- .* starting: node .*fake-service\.mjs\n/);
    expect(file).toContain('"msg":"listening"');
    expect(file).toMatch(/svc-a exited with code 0\n$/);
  });

  it("reports an early exit with the last output lines", async () => {
    const proc = new ManagedProcess(await spec("svc-crash", { CRASH_ON_START: "1" }), logDir);
    proc.start(() => {});
    const failure = await waitUntilReady(proc, 10_000).catch((error: unknown) => error);
    expect(failure).toBeInstanceOf(StartupError);
    expect((failure as StartupError).message).toMatch(/svc-crash exited with code 3 while starting/);
    expect((failure as StartupError).details).toContain("Error: cannot connect to the database");
  });

  it("kills a process that ignores SIGTERM once the grace period is over", async () => {
    const proc = new ManagedProcess(await spec("svc-stubborn", { IGNORE_SIGTERM: "1" }), logDir);
    proc.start(() => {});
    await waitUntilReady(proc, 10_000);
    const started = Date.now();
    expect(await proc.stop(300)).toEqual({ code: null, signal: "SIGKILL" });
    expect(Date.now() - started).toBeLessThan(3_000);
  });
});
