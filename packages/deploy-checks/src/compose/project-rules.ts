// Rules about this project's compose setup that Compose, the schema and dclint cannot know: they need
// the Dockerfiles, the Postgres init script, docker/.env.example and the READMEs beside the file.
// Each catches a mistake that would otherwise show up only as a stack that does not start.
import type { Findings } from "../findings.ts";
import {
  asEnvMap,
  type ComposeService,
  type LoadedCompose,
  listeningPorts,
  parsePort,
} from "./compose-file.ts";
import type { FinalStage } from "./dockerfile.ts";
import type { EnvExample } from "./env.ts";

export interface RuleInputs {
  findings: Findings;
  /** Service name → final stage of the image it builds. */
  images: Map<string, FinalStage | undefined>;
  /** database → owning role, from the init script; undefined skips the DATABASE_URL rule. */
  initDatabases: Map<string, string> | undefined;
  envExample: EnvExample | undefined;
  /** App name → default port, from README.md's "Ports and environment" table. */
  readmePorts: Map<string, number>;
  /** docker/README.md, which lists every published port. */
  dockerReadme: string | undefined;
}

/** Values allowed for secret-looking keys: LocalStack's dummy credentials. */
const NON_SECRETS = new Set(["test"]);
const SECRET_KEY = /(SECRET|PASSWORD|TOKEN)/;

/** The role → database pairs the init script creates (`create_service_database <role> <db> …`). */
export function readInitDatabases(text: string): Map<string, string> {
  const map = new Map<string, string>();
  for (const m of text.matchAll(/^create_service_database\s+(\S+)\s+(\S+)/gm))
    map.set(m[2] ?? "", m[1] ?? "");
  return map;
}

/**
 * App → default port from README.md's ports table: rows like `| web app | 3000 | …` and
 * `| user-svc / product-svc / … | 4001 / 4002 / … | …`.
 */
export function readReadmePorts(readme: string): Map<string, number> {
  const ports = new Map<string, number>();
  for (const row of readme.matchAll(/^\|([^|]+)\|([^|]+)\|/gm)) {
    const names = (row[1] ?? "").split("/").map((n) => n.trim().replace(/ app$/, ""));
    const numbers = (row[2] ?? "").split("/").map((n) => Number(n.trim()));
    if (names.length !== numbers.length || numbers.some((n) => !Number.isInteger(n))) continue;
    names.forEach((name, i) => {
      ports.set(name, numbers[i] as number);
    });
  }
  return ports;
}

export function checkProjectRules({ raw, model, used }: LoadedCompose, inputs: RuleInputs): void {
  const { findings } = inputs;
  const services = model.services ?? {};
  const names = new Set(Object.keys(services));
  const hostPorts = new Map<string, string>();
  for (const [name, svc] of Object.entries(services)) {
    const where = `services.${name}`;
    const env = asEnvMap(svc.environment);
    const image = inputs.images.get(name);
    const hasHealthcheck = (svc.healthcheck && !svc.healthcheck.disable) || image?.healthcheck;
    if (!hasHealthcheck) findings.error(where, "no healthcheck (in the compose file or the image)");
    if (!svc.restart) findings.warn(where, "no restart policy");
    checkDependsOn(where, svc, services, inputs);
    checkPorts(name, where, svc, hostPorts, inputs);
    if (svc.build) checkBuiltService(name, where, svc, env, inputs);
    checkServiceUrls(where, env, services, names, findings);
    if (env.DATABASE_URL && inputs.initDatabases)
      checkDatabaseUrl(where, env.DATABASE_URL, inputs.initDatabases, findings);
    // On the file as written: after interpolation a ${VAR} and a literal look the same.
    checkLiteralSecrets(where, asEnvMap(raw.services?.[name]?.environment), findings);
  }
  if (inputs.envExample) checkEnvExample(used, inputs.envExample, findings);
}

function checkDependsOn(
  where: string,
  svc: ComposeService,
  services: Record<string, ComposeService>,
  { findings, images }: RuleInputs,
) {
  const deps = Array.isArray(svc.depends_on)
    ? Object.fromEntries(svc.depends_on.map((d) => [d, {}]))
    : (svc.depends_on ?? {});
  for (const [dep, spec] of Object.entries(deps) as [string, { condition?: string }][]) {
    const target = Object.hasOwn(services, dep) ? services[dep] : undefined;
    if (!target) {
      findings.error(where, `depends_on "${dep}", which is not a service`);
    } else if (spec.condition === "service_healthy") {
      const healthy = (target.healthcheck && !target.healthcheck.disable) || images.get(dep)?.healthcheck;
      if (!healthy)
        findings.error(where, `waits for "${dep}" to be healthy, but "${dep}" has no healthcheck`);
    }
  }
}

/**
 * Published ports: a container port each, no host port twice, 127.0.0.1 only, the app ports README.md
 * names, and every default host port listed in docker/README.md.
 */
function checkPorts(
  name: string,
  where: string,
  svc: ComposeService,
  hostPorts: Map<string, string>,
  inputs: RuleInputs,
) {
  const { findings } = inputs;
  for (const entry of svc.ports ?? []) {
    const { host, container } = parsePort(entry);
    if (!Number.isInteger(container)) findings.error(where, `port "${String(entry)}" has no container port`);
    if (!host) continue;
    if (hostPorts.has(host))
      findings.error(where, `host port ${host} is also published by ${hostPorts.get(host)}`);
    hostPorts.set(host, name);
    if (typeof entry !== "string" || !entry.startsWith("127.0.0.1:"))
      findings.error(where, `port "${String(entry)}" is not bound to 127.0.0.1`);
    if (inputs.dockerReadme !== undefined && !inputs.dockerReadme.includes(`localhost:${host}`))
      findings.error("docker/README.md", `does not list localhost:${host} (${name})`);
  }
  const documented = inputs.readmePorts.get(name);
  if (documented !== undefined && !listeningPorts(svc).has(documented))
    findings.error(
      where,
      `README.md gives ${name} port ${documented}, but the service listens on ${[...listeningPorts(svc)].join(", ")}`,
    );
}

/** Services built here: listen where compose maps, on every interface; the image runs as non-root. */
function checkBuiltService(
  name: string,
  where: string,
  svc: ComposeService,
  env: Record<string, string>,
  inputs: RuleInputs,
) {
  const { findings } = inputs;
  const ports = listeningPorts(svc);
  if (env.PORT && !ports.has(Number(env.PORT)))
    findings.error(where, `PORT=${env.PORT} but the service publishes ${[...ports].join(", ") || "no port"}`);
  const build = typeof svc.build === "object" ? svc.build : {};
  const argPort = asEnvMap(build.args).PORT;
  if (argPort && env.PORT && argPort !== env.PORT)
    findings.error(where, `build arg PORT=${argPort} differs from environment PORT=${env.PORT}`);
  const host = env.HOST ?? inputs.images.get(name)?.env.get("HOST");
  if (host !== undefined && host !== "0.0.0.0" && host !== "::")
    findings.error(where, `HOST=${host}: the server would not be reachable from other containers`);
  if (env.OTEL_SERVICE_NAME !== name)
    findings.error(where, `OTEL_SERVICE_NAME should be "${name}" (got ${env.OTEL_SERVICE_NAME ?? "none"})`);
  if (!env.OTEL_EXPORTER_OTLP_ENDPOINT) findings.error(where, "no OTEL_EXPORTER_OTLP_ENDPOINT");
}

/** URLs that name another service use a port that service listens on. */
function checkServiceUrls(
  where: string,
  env: Record<string, string>,
  services: Record<string, ComposeService>,
  names: Set<string>,
  findings: Findings,
) {
  for (const [key, value] of Object.entries(env)) {
    const m = /^[a-z][a-z0-9+.-]*:\/\/(?:[^@/]*@)?([A-Za-z0-9_.-]+):(\d+)/.exec(value);
    const target = m?.[1];
    if (!target || !names.has(target)) continue;
    const ports = listeningPorts(services[target] as ComposeService);
    if (!ports.has(Number(m[2])))
      findings.error(
        where,
        `${key} points at ${target}:${m[2]}, but ${target} listens on ${[...ports].join(", ") || "no port"}`,
      );
  }
}

function checkDatabaseUrl(
  where: string,
  databaseUrl: string,
  initDatabases: Map<string, string>,
  findings: Findings,
) {
  let url: URL;
  try {
    url = new URL(databaseUrl);
  } catch {
    findings.error(where, "DATABASE_URL is not a URL");
    return;
  }
  const db = url.pathname.replace(/^\//, "");
  const owner = initDatabases.get(db);
  if (!owner)
    findings.error(where, `DATABASE_URL names database "${db}", which the init script does not create`);
  else if (owner !== decodeURIComponent(url.username))
    findings.error(where, `DATABASE_URL logs in as "${url.username}", but "${db}" belongs to "${owner}"`);
}

/** No secret in the file: secret-looking keys and URL passwords come from ${VAR} (.env is not committed). */
function checkLiteralSecrets(where: string, rawEnv: Record<string, string>, findings: Findings) {
  for (const [key, value] of Object.entries(rawEnv)) {
    const literal = value.replace(/\$\{[^}]*\}/g, "");
    if (SECRET_KEY.test(key) && literal && !NON_SECRETS.has(literal))
      findings.error(where, `${key} holds a literal secret; use \${VAR:?message} and .env`);
    const password = /^[a-z][a-z0-9+.-]*:\/\/[^/@:]*:([^@/]*)@/.exec(value)?.[1];
    if (password !== undefined && !/^\$\{[^}]*\}$/.test(password))
      findings.error(where, `${key} holds a literal password in its URL; use \${VAR:?message}`);
  }
}

/** docker/.env.example documents exactly the variables the file reads, required ones uncommented. */
function checkEnvExample(
  used: Map<string, boolean>,
  { documented, required }: EnvExample,
  findings: Findings,
) {
  for (const [name, isRequired] of used) {
    if (!documented.has(name))
      findings.error("docker/.env.example", `${name} is used by docker-compose.yml but not documented`);
    else if (isRequired && !required.has(name))
      findings.error("docker/.env.example", `${name} is required by docker-compose.yml; list it uncommented`);
  }
  for (const name of documented.keys()) {
    if (!used.has(name))
      findings.warn("docker/.env.example", `${name} is documented but docker-compose.yml does not use it`);
  }
}
