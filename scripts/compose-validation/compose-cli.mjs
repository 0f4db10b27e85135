// Compose's own parser, when one is installed: the authority on what Compose accepts. The in-process
// checks exist because it is often missing (no Docker engine in CI or in sandboxes), but when it is
// there its verdict is included.
import { spawnSync } from "node:child_process";
import { rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { dirname, join } from "node:path";

/** @typedef {import("./findings.mjs").Findings} Findings */

/**
 * Runs the real Compose parser if one is installed: Compose v2 (`docker compose`) first, else
 * Compose v1 (`docker-compose`, e.g. Debian's package).
 * @param {string} composeFile absolute path of docker-compose.yml
 * @param {string} envFile the variables to interpolate with
 * @param {Findings} findings gets Compose's error output when the file is rejected
 * @returns {string | undefined} a description of what ran, undefined when no Compose is installed
 */
export function runComposeCli(composeFile, envFile, findings) {
  // Only PATH and HOME: variables from the caller's shell must not change the result, the env file
  // is the single source of values (as it is for the in-process checks).
  const env = { PATH: process.env.PATH ?? "", HOME: process.env.HOME ?? tmpdir() };
  const candidates = [
    { label: "docker compose", cmd: "docker", pre: ["compose"] },
    { label: "docker-compose (v1)", cmd: "docker-compose", pre: [] },
  ];
  for (const { label, cmd, pre } of candidates) {
    const probe = spawnSync(cmd, [...pre, "version"], { env, encoding: "utf8" });
    if (probe.error || probe.status !== 0) continue;
    const version = (probe.stdout || probe.stderr).split("\n")[0].trim();
    const run = spawnSync(
      cmd,
      [
        ...pre,
        "--project-directory",
        dirname(composeFile),
        "--env-file",
        envFile,
        "-f",
        composeFile,
        "config",
        "-q",
      ],
      { env, encoding: "utf8" },
    );
    if (run.status !== 0)
      findings.error("docker-compose.yml", `${label} config: ${(run.stderr || run.stdout).trim()}`);
    return `${label} config -q (${version}): ${run.status === 0 ? "ok" : "failed"}`;
  }
  return undefined;
}

/**
 * Runs Compose with the same variables the in-process checks used, passed through a temporary env
 * file (readable by the owner only: with --env-file it can hold real secrets), removed afterwards.
 * @param {string} composeFile absolute path of docker-compose.yml
 * @param {Map<string, string>} vars from validationEnv
 * @param {Findings} findings
 * @returns {string} the report line: what ran, or why nothing did
 */
export function checkWithComposeCli(composeFile, vars, findings) {
  const envFile = join(tmpdir(), `validate-compose-${process.pid}.env`);
  writeFileSync(envFile, `${[...vars].map(([k, v]) => `${k}=${v}`).join("\n")}\n`, { mode: 0o600 });
  let cli;
  try {
    cli = runComposeCli(composeFile, envFile, findings);
  } finally {
    rmSync(envFile, { force: true });
  }
  return (
    cli ?? "compose CLI: not installed, skipped (apt-get install docker-compose, or Docker's compose plugin)"
  );
}
