import { existsSync } from "node:fs";
import { mkdir, writeFile } from "node:fs/promises";
import { join } from "node:path";
import { repoRoot } from "../stack/repo-root.ts";

/**
 * Writes a run's results to <repo>/bench-results/<timestamp>-<kind>.json. The folder carries its own
 * .gitignore ("*"), so results never end up in a commit whatever the root .gitignore says.
 */
export async function writeResults(kind: string, data: unknown): Promise<string> {
  const dir = join(repoRoot(), "bench-results");
  await mkdir(dir, { recursive: true });
  const ignore = join(dir, ".gitignore");
  if (!existsSync(ignore)) await writeFile(ignore, "*\n");
  const file = join(dir, `${new Date().toISOString().replace(/[:.]/g, "-")}-${kind}.json`);
  await writeFile(file, `${JSON.stringify(data, null, 2)}\n`);
  return file;
}
