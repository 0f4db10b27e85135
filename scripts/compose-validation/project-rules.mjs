// Rules about this project's compose setup that Compose and the schema cannot know: they need the
// Dockerfiles, the Postgres init script and docker/.env.example next to docker-compose.yml.
// Each rule catches a mistake that would otherwise only show up as a stack that does not start.
import { asEnvMap, parsePort } from "./compose-file.mjs";

/** @typedef {import("./compose-file.mjs").LoadedCompose} LoadedCompose */
/** @typedef {import("./dockerfiles.mjs").DockerfileInfo} DockerfileInfo */
/** @typedef {import("./env-and-interpolation.mjs").EnvExample} EnvExample */
/** @typedef {import("./findings.mjs").Findings} Findings */

/**
 * What the per-service rules look at.
 * @typedef {object} ServiceContext
 * @property {string} name the service
 * @property {string} where "services.<name>", the findings' location
 * @property {any} svc the interpolated service
 * @property {Record<string, string>} env its interpolated environment
 * @property {Record<string, any>} services all interpolated services
 * @property {Set<string>} names their names (a Set, so "constructor" and the like are not services)
 * @property {Map<string, DockerfileInfo>} dockerfiles service name → its analysed Dockerfile
 * @property {Findings} findings
 */

/** Literal values allowed for secret-looking keys: LocalStack's dummy credentials. */
const NON_SECRETS = new Set(["test"]);

/**
 * The role → database pairs docker/postgres/init-databases.sh creates.
 * @param {string} text the init script
 * @returns {Map<string, string>} database → owning role
 */
export function readInitDatabases(text) {
  const map = new Map();
  for (const m of text.matchAll(/^create_service_database\s+(\S+)\s+(\S+)/gm)) map.set(m[2], m[1]);
  return map;
}

/** Container ports a service listens on: the container side of `ports`, and `expose`. */
const listeningPorts = (svc) =>
  new Set([...(svc.ports ?? []).map((p) => parsePort(p).container), ...(svc.expose ?? []).map(Number)]);

/**
 * Project rules on the interpolated model.
 * @param {LoadedCompose} loaded
 * @param {object} inputs
 * @param {Findings} inputs.findings
 * @param {Map<string, DockerfileInfo>} inputs.dockerfiles service name → analysed Dockerfile
 * @param {Map<string, string> | undefined} inputs.initDatabases from readInitDatabases; undefined
 *   skips the DATABASE_URL rule (no init script)
 * @param {EnvExample | undefined} inputs.envExample undefined skips the .env.example rule
 */
export function checkProjectRules(
  { raw, model, used },
  { findings, dockerfiles, initDatabases, envExample },
) {
  const services = model.services ?? {};
  const names = new Set(Object.keys(services));
  /** Host port → the service that publishes it, to find clashes across services. */
  const hostPorts = new Map();

  for (const [name, svc] of Object.entries(services)) {
    const where = `services.${name}`;
    /** @type {ServiceContext} */
    const ctx = { name, where, svc, env: asEnvMap(svc.environment), services, names, dockerfiles, findings };

    if (!svc.restart && !svc.deploy?.restart_policy) findings.warn(where, "no restart policy");
    checkDependsOn(ctx);
    checkPublishedPorts(ctx, hostPorts);
    if (svc.build) checkBuiltImage(ctx);
    checkServiceUrls(ctx);
    if (ctx.env.DATABASE_URL && initDatabases) checkDatabaseUrl(ctx, initDatabases);
    // Checked on the file as written: after interpolation a ${VAR} and a literal look the same.
    checkLiteralSecrets(ctx, asEnvMap(raw.services?.[name]?.environment));
  }

  if (envExample) checkEnvExample(used, envExample, findings);
}

/**
 * depends_on targets exist, and a service waited on as healthy has a healthcheck (in the compose
 * file or its image); otherwise Compose waits forever or refuses to start.
 * @param {ServiceContext} ctx
 */
function checkDependsOn({ where, svc, services, names, dockerfiles, findings }) {
  const deps = Array.isArray(svc.depends_on)
    ? Object.fromEntries(svc.depends_on.map((d) => [d, {}]))
    : (svc.depends_on ?? {});
  for (const [dep, spec] of Object.entries(deps)) {
    if (!names.has(dep)) {
      findings.error(where, `depends_on "${dep}", which is not a service`);
      continue;
    }
    if (spec?.condition === "service_healthy") {
      const target = services[dep];
      const inCompose = target.healthcheck && !target.healthcheck.disable;
      const inImage = dockerfiles.get(dep)?.finalStage?.healthcheck;
      if (!inCompose && !inImage) {
        findings.error(where, `waits for "${dep}" to be healthy, but "${dep}" has no healthcheck`);
      }
    }
  }
}

/**
 * Every published port names a container port, and no two services publish the same host port.
 * @param {ServiceContext} ctx
 * @param {Map<string, string>} hostPorts host port → service, shared across services
 */
function checkPublishedPorts({ name, where, svc, findings }, hostPorts) {
  for (const entry of svc.ports ?? []) {
    const { host, container } = parsePort(entry);
    if (!Number.isInteger(container)) findings.error(where, `port "${entry}" has no container port`);
    if (!host) continue;
    // Keyed by port alone: a 0.0.0.0 binding clashes with any address, and so do equal ones.
    if (hostPorts.has(host))
      findings.error(where, `host port ${host} is also published by ${hostPorts.get(host)}`);
    hostPorts.set(host, name);
  }
}

/**
 * Services built from this repo: the server listens on the port compose maps, on all interfaces.
 * @param {ServiceContext} ctx
 */
function checkBuiltImage({ name, where, svc, env, dockerfiles, findings }) {
  const containerPorts = listeningPorts(svc);
  if (env.PORT && !containerPorts.has(Number(env.PORT))) {
    findings.error(
      where,
      `PORT=${env.PORT} but the service publishes ${[...containerPorts].join(", ") || "no port"}`,
    );
  }
  const argPort = svc.build.args && asEnvMap(svc.build.args).PORT;
  if (argPort && env.PORT && argPort !== env.PORT) {
    findings.error(where, `build arg PORT=${argPort} differs from environment PORT=${env.PORT}`);
  }
  const df = dockerfiles.get(name);
  const host = env.HOST ?? df?.finalStage?.env.get("HOST");
  if (df && host !== undefined && host !== "0.0.0.0" && host !== "::") {
    findings.error(where, `HOST=${host}: the server would not be reachable from other containers`);
  }
  if (env.NODE_ENV && env.NODE_ENV !== "production") findings.warn(where, `NODE_ENV=${env.NODE_ENV}`);
}

/**
 * URLs that name another service must use a port that service listens on.
 * @param {ServiceContext} ctx
 */
function checkServiceUrls({ where, env, services, names, findings }) {
  for (const [key, value] of Object.entries(env)) {
    const m = /^[a-z][a-z0-9+.-]*:\/\/(?:[^@/]*@)?([A-Za-z0-9_.-]+):(\d+)/.exec(value);
    if (!m || !names.has(m[1])) continue;
    const ports = listeningPorts(services[m[1]]);
    if (!ports.has(Number(m[2]))) {
      findings.error(
        where,
        `${key} points at ${m[1]}:${m[2]}, but ${m[1]} exposes ${[...ports].join(", ") || "no port"}`,
      );
    }
  }
}

/**
 * DATABASE_URL names a database the init script creates, and logs in as the role that owns it.
 * @param {ServiceContext} ctx
 * @param {Map<string, string>} initDatabases database → owning role
 */
function checkDatabaseUrl({ where, env, findings }, initDatabases) {
  try {
    const url = new URL(env.DATABASE_URL);
    const db = url.pathname.replace(/^\//, "");
    const owner = initDatabases.get(db);
    if (!owner)
      findings.error(where, `DATABASE_URL names database "${db}", which the init script does not create`);
    else if (owner !== decodeURIComponent(url.username)) {
      findings.error(where, `DATABASE_URL logs in as "${url.username}", but "${db}" belongs to "${owner}"`);
    }
  } catch {
    findings.error(where, "DATABASE_URL is not a URL");
  }
}

/**
 * No secret written into the compose file: secret-looking keys and URL passwords must come from
 * ${VAR} (i.e. from .env, which is not committed).
 * @param {ServiceContext} ctx
 * @param {Record<string, string>} rawEnv the service's environment as written
 */
function checkLiteralSecrets({ where, findings }, rawEnv) {
  for (const [key, value] of Object.entries(rawEnv)) {
    const literal = value.replace(/\$\{[^}]*\}/g, "");
    if (/(SECRET|PASSWORD|TOKEN)/.test(key) && literal && !NON_SECRETS.has(literal)) {
      findings.error(where, `${key} holds a literal secret; use \${VAR:?message} and .env`);
    }
    const userinfo = /^[a-z][a-z0-9+.-]*:\/\/[^/@:]*:([^@/]*)@/.exec(value);
    if (userinfo && !/^\$\{[^}]*\}$/.test(userinfo[1])) {
      findings.error(where, `${key} holds a literal password in its URL; use \${VAR:?message}`);
    }
  }
}

/**
 * docker/.env.example documents exactly the variables the compose file reads, and lists required
 * ones uncommented, so copying it to .env is a complete starting point.
 * @param {Map<string, boolean>} used variable → required, from loadCompose
 * @param {EnvExample} envExample
 * @param {Findings} findings
 */
function checkEnvExample(used, envExample, findings) {
  const documented = new Set(envExample.keys());
  for (const [name, required] of used) {
    if (!documented.has(name)) {
      findings.error("docker/.env.example", `${name} is used by docker-compose.yml but not documented`);
    } else if (required && !envExample.requiredKeys.has(name)) {
      findings.error("docker/.env.example", `${name} is required by docker-compose.yml; list it uncommented`);
    }
  }
  for (const name of documented) {
    // COMPOSE_* variables configure Compose itself (e.g. COMPOSE_PROJECT_NAME), not the file.
    if (!used.has(name) && !name.startsWith("COMPOSE_")) {
      findings.warn("docker/.env.example", `${name} is documented but docker-compose.yml does not use it`);
    }
  }
}
