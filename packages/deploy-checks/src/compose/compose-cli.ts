// Docker's own Compose v2 parser, when the plugin is installed (not on CI machines, which have no
// Docker engine): `docker compose config -q` on the same variables the in-process checks used.
import { spawnSync } from "node:child_process";
import { rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import type { Findings } from "../findings.ts";
import { repoRoot } from "../repo.ts";

/** The report line: what ran, or why nothing did. */
export function runComposeConfig(vars: Map<string, string>, findings: Findings): string {
  // Only PATH and HOME: the caller's shell variables must not change the verdict.
  const env = { PATH: process.env.PATH ?? "", HOME: process.env.HOME ?? tmpdir() };
  const probe = spawnSync("docker", ["compose", "version"], { env, encoding: "utf8" });
  if (probe.error || probe.status !== 0) return "docker compose config: Compose v2 not installed, skipped";
  const envFile = join(tmpdir(), `compose-check-${process.pid}.env`);
  // Readable by the owner only: with --env-file it can hold real secrets.
  writeFileSync(envFile, `${[...vars].map(([k, v]) => `${k}=${v}`).join("\n")}\n`, { mode: 0o600 });
  try {
    const run = spawnSync(
      "docker",
      [
        "compose",
        "--project-directory",
        repoRoot,
        "--env-file",
        envFile,
        "-f",
        join(repoRoot, "docker-compose.yml"),
        "config",
        "-q",
      ],
      { env, encoding: "utf8" },
    );
    if (run.status !== 0)
      findings.error("docker-compose.yml", `docker compose config: ${(run.stderr || run.stdout).trim()}`);
    return `docker compose config -q (${probe.stdout.trim()}): ${run.status === 0 ? "ok" : "failed"}`;
  } finally {
    rmSync(envFile, { force: true });
  }
}
