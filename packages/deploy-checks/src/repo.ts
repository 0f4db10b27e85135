import { existsSync, readFileSync, statSync } from "node:fs";
import { dirname, join, resolve } from "node:path";
import { fileURLToPath } from "node:url";

/** The repository root (this file is packages/deploy-checks/src/repo.ts, or dist/cli.js once bundled). */
export const repoRoot = (() => {
  let dir = dirname(fileURLToPath(import.meta.url));
  while (!existsSync(join(dir, "docker-compose.yml")) && dirname(dir) !== dir) dir = dirname(dir);
  return resolve(dir);
})();

/** A repo-relative file's text, or undefined when it is missing (callers report that as a finding). */
export function readRepoFile(rel: string): string | undefined {
  const file = join(repoRoot, rel);
  return existsSync(file) && statSync(file).isFile() ? readFileSync(file, "utf8") : undefined;
}

/** Reads repo-relative files; tests pass one that serves edited copies. */
export type FileReader = (rel: string) => string | undefined;
