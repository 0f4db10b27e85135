// Build-time guard for the service images: every package that the esbuild bundle leaves external
// must be found from where the bundle runs. Workspace code (@shop/*) is inlined into dist/main.js,
// so a dependency that npm placed under another workspace's own folder
// (packages/service-kit/node_modules/x) is invisible to the bundle, and the container would only
// fail when it starts (ERR_MODULE_NOT_FOUND). This turns that into a failed build.
//
//   node check-bundle.mjs dist/main.js
import { existsSync, readFileSync } from "node:fs";
import { builtinModules } from "node:module";
import { dirname, join, resolve } from "node:path";

const bundle = resolve(process.argv[2] ?? "dist/main.js");
const code = readFileSync(bundle, "utf8");

// The forms esbuild emits for externals in an ESM bundle: static imports at the start of a line,
// dynamic import(), and __require() for CommonJS code that requires a package.
const patterns = [
  /^import\s[^;]*?\bfrom\s*"([^"]+)";/gm,
  /^import\s*"([^"]+)";/gm,
  /\bimport\(\s*"([^"]+)"\s*\)/g,
  /\b__require\(\s*"([^"]+)"\s*\)/g,
];
const builtins = new Set(builtinModules);
const packages = new Set();
for (const pattern of patterns) {
  for (const [, spec] of code.matchAll(pattern)) {
    if (spec.startsWith(".") || spec.startsWith("/") || spec.startsWith("node:")) continue;
    const name = spec.startsWith("@") ? spec.split("/").slice(0, 2).join("/") : spec.split("/")[0];
    if (!builtins.has(name)) packages.add(name);
  }
}

// Node's lookup for a bare specifier: node_modules/<name> in the bundle's folder and every parent.
const findPackage = (name) => {
  for (let dir = dirname(bundle); ; dir = dirname(dir)) {
    if (existsSync(join(dir, "node_modules", name, "package.json"))) return true;
    if (dirname(dir) === dir) return false;
  }
};

const missing = [...packages].filter((name) => !findPackage(name)).sort();
if (missing.length > 0) {
  console.error(
    `${bundle} imports packages that cannot be found from its folder: ${missing.join(", ")}\n` +
      "Declare them in the service's own package.json or make sure npm hoists them to the root node_modules.",
  );
  process.exit(1);
}
process.stdout.write(`${bundle}: all ${packages.size} external packages resolve\n`);
