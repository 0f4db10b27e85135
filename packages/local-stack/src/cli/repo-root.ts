import { existsSync, readFileSync } from "node:fs";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";

/**
 * The monorepo root: the nearest ancestor whose package.json declares workspaces. Searching (rather
 * than a fixed "../..") works both from src/ under tests and from the bundled dist/cli.js.
 */
export function findRepoRoot(fromUrl: string): string {
  let dir = dirname(fileURLToPath(fromUrl));
  for (;;) {
    const manifest = join(dir, "package.json");
    if (existsSync(manifest) && "workspaces" in JSON.parse(readFileSync(manifest, "utf8"))) return dir;
    const parent = dirname(dir);
    if (parent === dir) throw new Error(`no workspace root above ${fileURLToPath(fromUrl)}`);
    dir = parent;
  }
}
