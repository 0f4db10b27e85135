// `npm start`: build what the stack runs with Turborepo (`npm run build:stack`: the local-stack CLI, the
// four services and the web app — not the benchmarks; cached after the first time), then run the
// local-stack orchestrator, passing on its arguments, the signals we receive and its exit code.
//   npm start -- --verbose        options after `--` go to the orchestrator (see --help)
//   npm start -- --skip-build     start what is already built
import { spawn } from "node:child_process";
import { existsSync, readFileSync } from "node:fs";
import { constants } from "node:os";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";

const repoRoot = join(dirname(fileURLToPath(import.meta.url)), "..");

// npm itself refuses an older Node (devEngines in package.json); this covers `node scripts/start.mjs`.
const { engines } = JSON.parse(readFileSync(join(repoRoot, "package.json"), "utf8"));
const minimum = engines.node.replace(/^>=/, "");
const olderThan = (version, floor) => {
  const [a, b] = [version, floor].map((v) => v.split(".").map(Number));
  const differing = a.findIndex((part, i) => part !== b[i]);
  return differing !== -1 && a[differing] < b[differing];
};
if (olderThan(process.versions.node, minimum)) {
  console.error(
    `✖ Storefront needs Node.js ${minimum} or newer; this is ${process.version}.\n` +
      "  Get it with a version manager (e.g. `nvm install 26`) or from nodejs.org: README.md, Requirements.",
  );
  process.exit(1);
}

const cli = join(repoRoot, "packages", "local-stack", "dist", "cli.js");
const args = process.argv.slice(2);
const skipBuild = args.includes("--skip-build");
const cliArgs = args.filter((arg) => arg !== "--skip-build");
const helpOnly = cliArgs.some((arg) => arg === "--help" || arg === "-h");
let interrupted = false;

/** Runs a command with our terminal; resolves with its exit code (128 + n when killed by a signal). */
function run(command, commandArgs, env = process.env) {
  return new Promise((resolve) => {
    const child = spawn(command, commandArgs, { cwd: repoRoot, env, stdio: "inherit" });
    // A Ctrl-C in a terminal reaches the child directly (same process group); a signal sent only to
    // this process (kill, a CI runner, Playwright) must be passed on. The orchestrator ignores repeats.
    const forward = (signal) => {
      interrupted = true;
      child.kill(signal);
    };
    const signals = ["SIGINT", "SIGTERM", "SIGHUP"];
    for (const signal of signals) process.on(signal, forward);
    child.once("error", (error) => {
      console.error(`✖ could not run ${command}: ${error.message}`);
      resolve(1);
    });
    child.once("exit", (code, signal) => {
      for (const s of signals) process.off(s, forward);
      resolve(code ?? 128 + (signal ? constants.signals[signal] : 0));
    });
  });
}

if (!skipBuild && !(helpOnly && existsSync(cli))) {
  const turbo = join(repoRoot, "node_modules", ".bin", process.platform === "win32" ? "turbo.cmd" : "turbo");
  if (!existsSync(turbo)) {
    console.error("✖ Turborepo is not installed. Run `npm install` at the repository root first.");
    process.exit(1);
  }
  console.log("Building (npm run build:stack; unchanged packages come from turbo's cache)…");
  const started = Date.now();
  // Under `npm start`, npm_execpath is npm's own CLI script: run it with this node (no npm.cmd shim).
  const npmCli = process.env.npm_execpath;
  const [command, npmArgs] = npmCli ? [process.execPath, [npmCli]] : ["npm", []];
  const code = await run(command, [...npmArgs, "run", "--silent", "build:stack"], {
    ...process.env,
    TURBO_TELEMETRY_DISABLED: "1",
  });
  if (code !== 0) {
    const what = interrupted
      ? "The build was interrupted"
      : `The build failed (exit code ${code}); see above`;
    console.error(`\n✖ ${what}. Nothing was started.`);
    process.exit(code);
  }
  console.log(`Build done in ${((Date.now() - started) / 1000).toFixed(1)} s.\n`);
}

if (!existsSync(cli)) {
  console.error(`✖ ${cli} is missing. Run \`npm start\` without --skip-build to build it.`);
  process.exit(1);
}
process.exitCode = await run(process.execPath, [cli, ...cliArgs]);
