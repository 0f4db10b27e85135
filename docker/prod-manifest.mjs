// Trims a `turbo prune --docker` json/ tree down to what one workspace needs at run time.
//
// turbo prune keeps every workspace the target reaches through *any* dependency, dev ones included
// (a service's @shop/testing devDependency drags in @shop/local-stack with embedded PostgreSQL and
// the SNS/SQS emulator). `npm ci --omit=dev` cannot help: workspaces are always installed with their
// own production dependencies, and `-w` does not narrow what `npm ci` installs. So this script
// rewrites the manifests before `npm install --omit=dev`:
//   - the root workspaces list keeps only the workspaces reachable from the target through
//     `dependencies` / `optionalDependencies`;
//   - devDependencies are dropped from the root and from the kept workspaces;
//   - folders of the other workspaces are deleted (they hold only package.json at this point).
// The lockfile stays, so npm keeps every remaining package at its locked version.
//
// Usage (in the directory holding the pruned json/ tree): node prod-manifest.mjs @shop/product-svc
import { readFileSync, rmSync, writeFileSync } from "node:fs";
import { join } from "node:path";

const target = process.argv[2];
if (!target) {
  console.error("usage: node prod-manifest.mjs <workspace package name>");
  process.exit(2);
}

const readJson = (file) => JSON.parse(readFileSync(file, "utf8"));
const writeJson = (file, value) => writeFileSync(file, `${JSON.stringify(value, null, 2)}\n`);

const root = readJson("package.json");
if (!Array.isArray(root.workspaces)) {
  console.error("package.json has no workspaces array; run this in a `turbo prune --docker` json/ tree");
  process.exit(2);
}

// After `turbo prune` the workspaces list holds literal folders, not globs.
const byName = new Map();
for (const dir of root.workspaces) {
  const manifest = readJson(join(dir, "package.json"));
  byName.set(manifest.name, { dir, manifest });
}
if (!byName.has(target)) {
  console.error(`${target} is not one of the workspaces: ${[...byName.keys()].join(", ")}`);
  process.exit(2);
}

const keep = new Set();
const visit = (name) => {
  if (keep.has(name)) return;
  keep.add(name);
  const { manifest } = byName.get(name);
  for (const dep of Object.keys({ ...manifest.dependencies, ...manifest.optionalDependencies })) {
    if (byName.has(dep)) visit(dep);
  }
};
visit(target);

for (const [name, { dir, manifest }] of byName) {
  if (keep.has(name)) {
    delete manifest.devDependencies;
    writeJson(join(dir, "package.json"), manifest);
  } else {
    rmSync(dir, { recursive: true, force: true });
  }
}
root.workspaces = [...keep].map((name) => byName.get(name).dir).sort();
delete root.devDependencies;
writeJson("package.json", root);
process.stdout.write(`production workspaces for ${target}: ${[...keep].join(", ")}\n`);
