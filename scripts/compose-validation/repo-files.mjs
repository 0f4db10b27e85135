// The repository root and reading files from it by repo-relative path. Every other module names
// files the way docker-compose.yml and the Dockerfiles do (relative to the root), so this is the one
// place that knows where the root is.
import { existsSync, readFileSync, statSync } from "node:fs";
import { dirname, join, resolve } from "node:path";
import { fileURLToPath } from "node:url";

/** Absolute path of the repository root (this file is scripts/compose-validation/repo-files.mjs). */
export const repoRoot = resolve(dirname(fileURLToPath(import.meta.url)), "..", "..");

/**
 * Reads a repo-relative file.
 * @param {string} rel path relative to the repository root
 * @returns {string | undefined} the text, or undefined when it is missing or not a regular file
 *   (callers report a missing file as a finding rather than crashing)
 */
export function readRepoFile(rel) {
  const file = join(repoRoot, rel);
  return existsSync(file) && statSync(file).isFile() ? readFileSync(file, "utf8") : undefined;
}
