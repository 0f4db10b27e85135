// The whole in-process validation of in-memory files: everything but the Compose CLI, so the tests
// can feed it edited copies of the repository's files without touching the disk.
import { join, posix } from "node:path";
import { asEnvMap, loadCompose } from "./compose-file.mjs";
import { checkDockerfile } from "./dockerfiles.mjs";
import { dockerignoreMatcher } from "./dockerignore.mjs";
import { readEnvExample, validationEnv } from "./env-and-interpolation.mjs";
import { Findings } from "./findings.mjs";
import { checkProjectRules, readInitDatabases } from "./project-rules.mjs";
import { repoRoot } from "./repo-files.mjs";
import { checkSchema } from "./schema.mjs";

/** @typedef {import("./dockerfiles.mjs").DockerfileInfo} DockerfileInfo */
/** @typedef {import("./tools.mjs").Tools} Tools */

/**
 * Everything but the CLI run; returns the findings. Used by the tests with in-memory files.
 * @param {object} input
 * @param {string} input.composeText docker-compose.yml
 * @param {string} input.envExampleText docker/.env.example
 * @param {string | undefined} input.initText docker/postgres/init-databases.sh, if present
 * @param {Map<string, string>} [input.envOverrides] variables from --env-file
 * @param {(rel: string) => string | undefined} input.readFile repo-relative file → text (Dockerfiles,
 *   .dockerignore); COPY sources are still looked up on disk under the repository root
 * @param {Tools} input.tools
 * @returns {Findings}
 */
export function validate({
  composeText,
  envExampleText,
  initText,
  envOverrides = new Map(),
  readFile,
  tools,
}) {
  const findings = new Findings();
  const envExample = readEnvExample(envExampleText);
  const env = validationEnv(envExampleText, envOverrides);

  const loaded = loadCompose(composeText, env, tools, findings);
  if (!loaded) return findings;
  checkSchema(loaded.model, tools, findings);

  /** @type {Map<string, DockerfileInfo>} */
  const dockerfiles = new Map();
  const ignoreText = readFile(".dockerignore");
  const linted = new Set();
  for (const [name, svc] of Object.entries(loaded.model.services ?? {})) {
    if (!svc.build) continue;
    const build = typeof svc.build === "string" ? { context: svc.build } : svc.build;
    const context = build.context ?? ".";
    const dockerfile = posix.join(context, build.dockerfile ?? "Dockerfile");
    const text = readFile(dockerfile);
    if (text === undefined) {
      findings.error(`services.${name}`, `Dockerfile ${dockerfile} not found`);
      continue;
    }
    const buildArgs = asEnvMap(build.args);
    const argList = Object.entries(buildArgs).map(([k, v]) => `${k}=${v}`);
    const info = checkDockerfile({
      // The args are part of the location: one Dockerfile builds several services, and a finding
      // may hold for one set of args only.
      where: argList.length ? `${dockerfile} (${argList.join(" ")})` : dockerfile,
      text,
      buildArgs,
      context: join(repoRoot, context),
      ignored: ignoreText === undefined ? undefined : dockerignoreMatcher(ignoreText),
      // dockerfile-utils looks at the file alone, so once per file is enough.
      tools: linted.has(dockerfile) ? undefined : tools,
      findings,
    });
    linted.add(dockerfile);
    dockerfiles.set(name, info);
  }

  // Last: the rules use the Dockerfile analyses (image healthchecks, HOST from ENV).
  checkProjectRules(loaded, {
    findings,
    dockerfiles,
    initDatabases: initText === undefined ? undefined : readInitDatabases(initText),
    envExample,
  });
  return findings;
}
