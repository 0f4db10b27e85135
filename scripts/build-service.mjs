// Bundles one Node entry point of a workspace package into dist/ with esbuild.
// Workspace packages (@shop/*) ship TypeScript source, so they are bundled in; everything from
// node_modules stays external and is loaded by Node at run time (native addons, CJS packages, WASM).
import { basename } from "node:path";
import { build } from "esbuild";

const entries = process.argv.slice(2);
if (entries.length === 0) entries.push("src/main.ts");

const keepWorkspaceInBundle = {
  name: "externalize-node-modules",
  setup(b) {
    b.onResolve({ filter: /^[^./]/ }, (args) => {
      if (args.path.startsWith("@shop/")) return undefined;
      return { path: args.path, external: true };
    });
  },
};

const started = Date.now();
await build({
  entryPoints: entries,
  outdir: "dist",
  bundle: true,
  platform: "node",
  target: "node26",
  format: "esm",
  sourcemap: true,
  logLevel: "warning",
  plugins: [keepWorkspaceInBundle],
  entryNames: "[name]",
});
console.log(`built ${entries.map((e) => basename(e)).join(", ")} in ${Date.now() - started} ms`);
