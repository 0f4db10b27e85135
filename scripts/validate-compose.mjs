#!/usr/bin/env node
// Checks docker-compose.yml and the Dockerfiles it builds on a machine without a Docker engine.
//
//   node scripts/validate-compose.mjs [--env-file FILE] [--no-cli] [--quiet]
//
// 1. Compose itself, when installed: `docker compose config -q`, else Compose v1 (`docker-compose`,
//    e.g. Debian's package) `config -q`. Skipped with a note when neither exists, or with --no-cli.
// 2. The compose-spec JSON schema (the copy bundled with dclint) checked with ajv against the file
//    after YAML merge keys and ${VAR} interpolation are applied, as Compose applies them.
// 3. Project rules Compose cannot know: depends_on targets and their healthchecks, build args the
//    Dockerfile declares, host-port clashes, PORT/ports agreement, service URLs that point at a
//    real service port, DATABASE_URLs matching docker/postgres/init-databases.sh, no literal
//    secrets, and docker/.env.example listing exactly the variables the file uses.
// 4. Each Dockerfile: dockerfile-utils diagnostics, COPY sources that exist and are not excluded by
//    .dockerignore, `COPY --from` stages that exist, and a final stage with USER, HEALTHCHECK and an
//    exec-form CMD.
//
// Variables come from docker/.env.example with every empty value replaced by a placeholder, then
// from --env-file. The parsing tools are not project dependencies: they are installed, pinned, on
// first use into node_modules/.cache/validate-compose with npm.
// Exit status: 0 = no errors (warnings are printed), 1 = errors, 2 = the check itself could not run.
//
// This file is the CLI only; the checks live in scripts/compose-validation/:
//   tools.mjs                  pinned tool install/loading
//   env-and-interpolation.mjs  env files, the placeholder environment, ${VAR} interpolation
//   compose-file.mjs           YAML + interpolation → model; environment/ports readers
//   schema.mjs                 compose-spec schema via ajv           (step 2)
//   project-rules.mjs          rules Compose cannot know              (step 3)
//   dockerfiles.mjs            Dockerfile analysis and checks         (step 4)
//   dockerignore.mjs           .dockerignore matching                 (step 4)
//   compose-cli.mjs            the real Compose parser, if installed  (step 1)
//   validate.mjs               steps 2–4 on in-memory files (what the tests call)
//   findings.mjs, report.mjs   collecting and printing the results
//   repo-files.mjs             the repository root and reading its files
import { readFileSync } from "node:fs";
import { join, resolve } from "node:path";
import { pathToFileURL } from "node:url";
import { checkWithComposeCli } from "./compose-validation/compose-cli.mjs";
import { parseEnvFile, validationEnv } from "./compose-validation/env-and-interpolation.mjs";
import { readRepoFile, repoRoot } from "./compose-validation/repo-files.mjs";
import { checksRan, printReport } from "./compose-validation/report.mjs";
import { loadTools } from "./compose-validation/tools.mjs";
import { validate } from "./compose-validation/validate.mjs";

// The API this script exported before it was split into modules, kept so importers (the tests) need
// not know the module layout.
export { runComposeCli } from "./compose-validation/compose-cli.mjs";
export { loadCompose, parsePort } from "./compose-validation/compose-file.mjs";
export {
  analyseDockerfile,
  checkDockerfile,
  dockerfileInstructions,
} from "./compose-validation/dockerfiles.mjs";
export { dockerignoreMatcher } from "./compose-validation/dockerignore.mjs";
export { interpolate, parseEnvFile, readEnvExample } from "./compose-validation/env-and-interpolation.mjs";
export { Findings } from "./compose-validation/findings.mjs";
export { checkProjectRules, readInitDatabases } from "./compose-validation/project-rules.mjs";
export { repoRoot } from "./compose-validation/repo-files.mjs";
export { checkSchema } from "./compose-validation/schema.mjs";
export { loadTools } from "./compose-validation/tools.mjs";
export { validate } from "./compose-validation/validate.mjs";

const USAGE = "usage: node scripts/validate-compose.mjs [--env-file FILE] [--no-cli] [--quiet]";

/**
 * @param {string[]} argv the arguments after the script name
 * @returns {0 | 1 | 2} the exit status
 */
function main(argv) {
  /** @type {{ envFile: string | undefined, cli: boolean, quiet: boolean }} */
  const args = { envFile: undefined, cli: true, quiet: false };
  for (let i = 0; i < argv.length; i += 1) {
    if (argv[i] === "--env-file") args.envFile = argv[++i];
    else if (argv[i] === "--no-cli") args.cli = false;
    else if (argv[i] === "--quiet") args.quiet = true;
    else {
      console.error(`unknown argument ${argv[i]}\n${USAGE}`);
      return 2;
    }
  }
  const composeText = readRepoFile("docker-compose.yml");
  const envExampleText = readRepoFile("docker/.env.example");
  if (composeText === undefined || envExampleText === undefined) {
    console.error("docker-compose.yml or docker/.env.example is missing");
    return 2;
  }
  let tools;
  try {
    tools = loadTools({ quiet: args.quiet });
  } catch (error) {
    console.error(/** @type {Error} */ (error).message);
    return 2;
  }
  const envOverrides = args.envFile ? parseEnvFile(readFileSync(args.envFile, "utf8")) : new Map();
  const findings = validate({
    composeText,
    envExampleText,
    initText: readRepoFile("docker/postgres/init-databases.sh"),
    envOverrides,
    readFile: readRepoFile,
    tools,
  });
  // After the in-process checks, so Compose's findings are listed after theirs. The CLI gets the
  // same variables: the example with placeholders, then --env-file.
  const cliLine = args.cli
    ? checkWithComposeCli(
        join(repoRoot, "docker-compose.yml"),
        validationEnv(envExampleText, envOverrides),
        findings,
      )
    : undefined;
  return printReport(checksRan(cliLine), findings);
}

if (process.argv[1] && import.meta.url === pathToFileURL(resolve(process.argv[1])).href) {
  process.exitCode = main(process.argv.slice(2));
}
