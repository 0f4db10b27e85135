// The parsing tools the validator needs, installed pinned on first use.
//
// They are deliberately not project dependencies: only this script uses them, and keeping them out
// of package.json keeps them out of every workspace install and every Docker build. Pinning exact
// versions makes the schema and the Dockerfile diagnostics reproducible across machines.
import { spawnSync } from "node:child_process";
import { mkdirSync, readFileSync, writeFileSync } from "node:fs";
import { createRequire } from "node:module";
import { dirname, join, relative } from "node:path";
import { repoRoot } from "./repo-files.mjs";

/** Exact versions installed into the cache folder; the report prints them too. */
export const TOOLS = { yaml: "2.9.1", ajv: "8.20.0", dclint: "3.1.0", "dockerfile-utils": "0.16.3" };

/**
 * The loaded tools. Typed loosely: the packages are not project dependencies, so their own type
 * declarations are not available to editors.
 * @typedef {object} Tools
 * @property {any} YAML the `yaml` package (parseDocument with merge keys)
 * @property {any} Ajv the ajv constructor
 * @property {Record<string, unknown>} composeSchema the compose-spec JSON schema bundled with dclint
 * @property {any} dockerfileUtils the `dockerfile-utils` package (validate → diagnostics)
 */

/**
 * Loads the pinned parsing tools, installing them into the cache folder on first use.
 * @param {{ quiet?: boolean }} [options] quiet: no progress output (the tests use this)
 * @returns {Tools}
 * @throws {Error} when npm cannot install them (the CLI turns this into exit status 2)
 */
export function loadTools({ quiet = false } = {}) {
  const dir = join(repoRoot, "node_modules", ".cache", "validate-compose");
  const manifest = join(dir, "package.json");
  const wanted = JSON.stringify({ private: true, dependencies: TOOLS }, null, 2);
  const req = createRequire(manifest);
  // Installed means the manifest matches this file's pins and every package resolves at that
  // version: a changed pin or a half-finished install both trigger a fresh npm install.
  const installed = () => {
    try {
      return (
        readFileSync(manifest, "utf8") === wanted &&
        Object.entries(TOOLS).every(([name, version]) => req(`${name}/package.json`).version === version)
      );
    } catch {
      return false;
    }
  };
  if (!installed()) {
    mkdirSync(dir, { recursive: true });
    writeFileSync(manifest, wanted);
    if (!quiet) console.log(`installing ${Object.keys(TOOLS).join(", ")} into ${relative(repoRoot, dir)}`);
    const npm = spawnSync(
      "npm",
      ["install", "--prefix", dir, "--ignore-scripts", "--no-audit", "--no-fund", "--loglevel=error"],
      { stdio: quiet ? "pipe" : "inherit", encoding: "utf8" },
    );
    if (npm.status !== 0 || !installed()) {
      throw new Error(`could not install the validation tools (npm exit ${npm.status})\n${npm.stderr ?? ""}`);
    }
  }
  return {
    YAML: req("yaml"),
    Ajv: req("ajv").default,
    // dclint's package exports do not list its schemas folder; read the file next to package.json.
    composeSchema: JSON.parse(
      readFileSync(
        join(dirname(req.resolve("dclint/package.json")), "schemas", "compose.schema.json"),
        "utf8",
      ),
    ),
    dockerfileUtils: req("dockerfile-utils"),
  };
}
