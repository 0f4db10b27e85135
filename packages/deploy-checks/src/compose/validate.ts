// The whole compose check on in-memory files, so tests can feed edited copies of the repository's
// files. dclint reads from disk, so the compose text is written to a temporary folder first.
import { mkdtempSync, readdirSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join, posix } from "node:path";
import { Findings } from "../findings.ts";
import { unpinnedReason } from "../images.ts";
import { exportedMetricNames } from "../metrics-catalog.ts";
import { type FileReader, repoRoot } from "../repo.ts";
import { asEnvMap, loadCompose } from "./compose-file.ts";
import { dclintConfig, runDclint } from "./dclint.ts";
import { checkDockerfile, type FinalStage } from "./dockerfile.ts";
import { readEnvExample, validationEnv } from "./env.ts";
import { checkObservability, DASHBOARDS_DIR } from "./observability.ts";
import { checkProjectRules, readInitDatabases, readReadmePorts } from "./project-rules.ts";

export const COMPOSE_FILE = "docker-compose.yml";
export const ENV_EXAMPLE = "docker/.env.example";
export const INIT_SCRIPT = "deploy/k8s/overlays/local/postgres/init-databases.sh";

export interface ComposeCheckInput {
  readFile: FileReader;
  /** Variables that override docker/.env.example (an --env-file, or a test's edits). */
  envOverrides?: Record<string, string>;
  /** Dashboard file name → JSON; defaults to the files in docker/observability/grafana/dashboards. */
  dashboards?: Map<string, string>;
}

export const ranChecks = [
  "dclint (YAML, compose-spec schema, rules in .dclintrc.yaml)",
  "dockerfile-utils lint + dockerfile-ast analysis of each Dockerfile",
  "project rules (healthchecks, ports vs README, secrets, env example, database roles, OTel, Prometheus/Grafana wiring)",
];

export function readDashboards(readFile: FileReader): Map<string, string> {
  const files = readdirSync(join(repoRoot, DASHBOARDS_DIR)).filter((f) => f.endsWith(".json"));
  return new Map(files.map((f) => [f, readFile(`${DASHBOARDS_DIR}/${f}`) ?? ""]));
}

export function validateCompose({ readFile, envOverrides = {}, dashboards }: ComposeCheckInput): Findings {
  const findings = new Findings();
  const composeText = readFile(COMPOSE_FILE);
  const envExampleText = readFile(ENV_EXAMPLE);
  if (composeText === undefined || envExampleText === undefined) {
    findings.error(COMPOSE_FILE, `${COMPOSE_FILE} or ${ENV_EXAMPLE} is missing`);
    return findings;
  }

  const dir = mkdtempSync(join(tmpdir(), "compose-check-"));
  try {
    const copy = join(dir, "docker-compose.yml");
    writeFileSync(copy, composeText);
    runDclint(copy, COMPOSE_FILE, dclintConfig(readFile(".dclintrc.yaml")), findings);
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }

  const loaded = loadCompose(composeText, validationEnv(envExampleText, envOverrides), findings);
  if (!loaded) return findings;

  const images = new Map<string, FinalStage | undefined>();
  const linted = new Set<string>();
  for (const [name, svc] of Object.entries(loaded.model.services ?? {})) {
    const unpinned = svc.image ? unpinnedReason(svc.image) : undefined;
    if (unpinned) findings.error(`services.${name}`, unpinned);
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
    const args = Object.entries(buildArgs).map(([k, v]) => `${k}=${v}`);
    images.set(
      name,
      checkDockerfile({
        where: args.length ? `${dockerfile} (${args.join(" ")})` : dockerfile,
        text,
        buildArgs,
        context: join(repoRoot, context),
        dockerignoreText: readFile(posix.join(context, ".dockerignore")),
        lint: !linted.has(dockerfile),
        findings,
      }),
    );
    linted.add(dockerfile);
  }

  const initText = readFile(INIT_SCRIPT);
  checkProjectRules(loaded, {
    findings,
    images,
    initDatabases: initText === undefined ? undefined : readInitDatabases(initText),
    envExample: readEnvExample(envExampleText),
    readmePorts: readReadmePorts(readFile("README.md") ?? ""),
    dockerReadme: readFile("docker/README.md"),
  });
  checkObservability(loaded.model, {
    readFile,
    dashboards: dashboards ?? readDashboards(readFile),
    exported: exportedMetricNames(),
    findings,
  });
  return findings;
}
