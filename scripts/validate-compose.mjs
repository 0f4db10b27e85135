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
import { spawnSync } from "node:child_process";
import { existsSync, mkdirSync, readdirSync, readFileSync, rmSync, statSync, writeFileSync } from "node:fs";
import { createRequire } from "node:module";
import { tmpdir } from "node:os";
import { dirname, join, posix, relative, resolve } from "node:path";
import { fileURLToPath, pathToFileURL } from "node:url";

export const repoRoot = resolve(dirname(fileURLToPath(import.meta.url)), "..");

const TOOLS = { yaml: "2.9.1", ajv: "8.20.0", dclint: "3.1.0", "dockerfile-utils": "0.16.3" };
const PLACEHOLDER = "validate-placeholder-0123456789abcdef0123456789abcdef";
// Literal values allowed for secret-looking keys: LocalStack's dummy credentials.
const NON_SECRETS = new Set(["test"]);

// ---- tools ---------------------------------------------------------------------------------------

/** Loads the pinned parsing tools, installing them into the cache folder on first use. */
export function loadTools({ quiet = false } = {}) {
  const dir = join(repoRoot, "node_modules", ".cache", "validate-compose");
  const manifest = join(dir, "package.json");
  const wanted = JSON.stringify({ private: true, dependencies: TOOLS }, null, 2);
  const req = createRequire(manifest);
  const installed = () => {
    try {
      return (
        readFileSync(manifest, "utf8") === wanted &&
        Object.entries(TOOLS).every(([name, version]) => req(`${name}/package.json`).version === version)
      );
    } catch {
      return false;
    }
  };
  if (!installed()) {
    mkdirSync(dir, { recursive: true });
    writeFileSync(manifest, wanted);
    if (!quiet) console.log(`installing ${Object.keys(TOOLS).join(", ")} into ${relative(repoRoot, dir)}`);
    const npm = spawnSync(
      "npm",
      ["install", "--prefix", dir, "--ignore-scripts", "--no-audit", "--no-fund", "--loglevel=error"],
      { stdio: quiet ? "pipe" : "inherit", encoding: "utf8" },
    );
    if (npm.status !== 0 || !installed()) {
      throw new Error(`could not install the validation tools (npm exit ${npm.status})\n${npm.stderr ?? ""}`);
    }
  }
  return {
    YAML: req("yaml"),
    Ajv: req("ajv").default,
    // dclint's package exports do not list its schemas folder; read the file next to package.json.
    composeSchema: JSON.parse(
      readFileSync(
        join(dirname(req.resolve("dclint/package.json")), "schemas", "compose.schema.json"),
        "utf8",
      ),
    ),
    dockerfileUtils: req("dockerfile-utils"),
  };
}

// ---- findings ------------------------------------------------------------------------------------

/** Errors and warnings, each reported once (a Dockerfile built for several services is checked per service). */
export class Findings {
  #errors = new Set();
  #warnings = new Set();
  get errors() {
    return [...this.#errors];
  }
  get warnings() {
    return [...this.#warnings];
  }
  error(where, message) {
    this.#errors.add(`${where}: ${message}`);
  }
  warn(where, message) {
    this.#warnings.add(`${where}: ${message}`);
  }
}

// ---- environment and interpolation ---------------------------------------------------------------

/** KEY=value lines of an env file; `# KEY=value` lines too when withCommented (documented options). */
export function parseEnvFile(text, { withCommented = false } = {}) {
  const vars = new Map();
  for (const raw of text.split(/\r?\n/)) {
    const line = withCommented ? raw.replace(/^#\s?(?=[A-Z_][A-Z0-9_]*=)/, "") : raw;
    const match = /^([A-Z_][A-Z0-9_]*)=(.*)$/.exec(line.trim());
    if (!match) continue;
    const value = match[2].replace(/\s+#.*$/, "").trim();
    vars.set(match[1], value.replace(/^(["'])(.*)\1$/, "$2"));
  }
  return vars;
}

/**
 * Compose's interpolation: $$ → $, $VAR, ${VAR}, ${VAR:-default}, ${VAR-default}, ${VAR:?message},
 * ${VAR?message}, ${VAR:+replacement}, ${VAR+replacement}; defaults may nest ${...}.
 * Records each variable name it meets in `used` (with `required` = true for the ? forms).
 */
export function interpolate(text, env, { onMissing, used } = {}) {
  let out = "";
  let i = 0;
  while (i < text.length) {
    const ch = text[i];
    if (ch !== "$") {
      out += ch;
      i += 1;
      continue;
    }
    const next = text[i + 1];
    if (next === "$") {
      out += "$";
      i += 2;
      continue;
    }
    if (next === "{") {
      let depth = 1;
      let j = i + 2;
      while (j < text.length && depth > 0) {
        if (text[j] === "$" && text[j + 1] === "$") j += 1;
        else if (text[j] === "{") depth += 1;
        else if (text[j] === "}") depth -= 1;
        j += 1;
      }
      if (depth !== 0) throw new Error(`unclosed \${ in "${text}"`);
      out += expand(text.slice(i + 2, j - 1), env, { onMissing, used });
      i = j;
      continue;
    }
    const bare = /^[A-Za-z_][A-Za-z0-9_]*/.exec(text.slice(i + 1));
    if (bare) {
      used?.set(bare[0], used.get(bare[0]) ?? false);
      out += env.get(bare[0]) ?? "";
      i += 1 + bare[0].length;
      continue;
    }
    throw new Error(`invalid interpolation "$${next ?? ""}" in "${text}" (write $$ for a literal $)`);
  }
  return out;
}

function expand(body, env, ctx) {
  const m = /^([A-Za-z_][A-Za-z0-9_]*)(?:(:?[-?+])([\s\S]*))?$/.exec(body);
  if (!m) throw new Error(`invalid interpolation "\${${body}}"`);
  const [, name, op, arg = ""] = m;
  const required = op === ":?" || op === "?";
  ctx.used?.set(name, Boolean(ctx.used.get(name)) || required);
  const value = env.get(name);
  const unset = value === undefined;
  const empty = unset || value === "";
  const nested = () => interpolate(arg, env, ctx);
  switch (op) {
    case undefined:
      return value ?? "";
    case ":-":
      return empty ? nested() : value;
    case "-":
      return unset ? nested() : value;
    case ":?":
    case "?":
      if (op === ":?" ? empty : unset) {
        ctx.onMissing?.(name, nested() || `${name} is required`);
        return "";
      }
      return value;
    case ":+":
      return empty ? "" : nested();
    case "+":
      return unset ? "" : nested();
    default:
      throw new Error(`unsupported interpolation "\${${body}}"`);
  }
}

/** Applies `fn` to every string scalar of a parsed YAML value (keys stay as written). */
function mapStrings(value, fn, path = []) {
  if (typeof value === "string") return fn(value, path);
  if (Array.isArray(value)) return value.map((item, i) => mapStrings(item, fn, [...path, i]));
  if (value && typeof value === "object") {
    return Object.fromEntries(Object.entries(value).map(([k, v]) => [k, mapStrings(v, fn, [...path, k])]));
  }
  return value;
}

// ---- compose file --------------------------------------------------------------------------------

/** Parses and interpolates a compose file: returns { raw, model, used } or records errors. */
export function loadCompose(text, env, tools, findings, where = "docker-compose.yml") {
  const doc = tools.YAML.parseDocument(text, { merge: true, prettyErrors: true });
  for (const e of doc.errors) findings.error(where, `YAML: ${e.message}`);
  for (const w of doc.warnings) findings.warn(where, `YAML: ${w.message}`);
  if (doc.errors.length) return undefined;
  const raw = doc.toJS({ maxAliasCount: -1 });
  const used = new Map();
  const model = mapStrings(raw, (s, path) => {
    try {
      return interpolate(s, env, {
        used,
        onMissing: (name, message) => findings.error(where, `${path.join(".")}: ${name} unset: ${message}`),
      });
    } catch (error) {
      findings.error(where, `${path.join(".")}: ${error.message}`);
      return s;
    }
  });
  return { raw, model, used };
}

export function checkSchema(model, tools, findings, where = "docker-compose.yml") {
  // The schema declares draft-07 under an https URL ajv does not know by that name; it is plain
  // draft-07, which is ajv's default dialect.
  const { $schema: _dialect, ...schema } = tools.composeSchema;
  const ajv = new tools.Ajv({ allErrors: true, strict: false, validateFormats: false });
  const validate = ajv.compile(schema);
  if (validate(model)) return;
  for (const e of validate.errors) {
    // oneOf/anyOf parents repeat their children's errors; the leaf messages are the useful ones.
    if (e.keyword === "oneOf" || e.keyword === "anyOf") continue;
    const extra = e.params?.additionalProperty ? ` ("${e.params.additionalProperty}")` : "";
    findings.error(where, `schema: ${e.instancePath || "/"} ${e.message}${extra}`);
  }
}

const asEnvMap = (environment) => {
  if (!environment) return {};
  if (Array.isArray(environment)) {
    return Object.fromEntries(environment.map((kv) => [kv.split("=")[0], kv.split("=").slice(1).join("=")]));
  }
  return Object.fromEntries(Object.entries(environment).map(([k, v]) => [k, v == null ? "" : String(v)]));
};

/** Container and host sides of a `ports` entry (short or long syntax). */
export function parsePort(entry) {
  if (typeof entry === "object" && entry !== null) {
    return { container: Number(entry.target), host: entry.published ? String(entry.published) : undefined };
  }
  const spec = String(entry).replace(/\/(tcp|udp)$/, "");
  const parts = spec.split(":");
  const container = Number(parts.at(-1));
  if (parts.length === 1) return { container, host: undefined };
  return { container, host: parts.at(-2) };
}

/** Project rules on the interpolated model. `dockerfiles` maps service name → parsed Dockerfile. */
export function checkProjectRules(
  { raw, model, used },
  { findings, dockerfiles, initDatabases, envExample },
) {
  const services = model.services ?? {};
  const names = new Set(Object.keys(services));
  const hostPorts = new Map();

  for (const [name, svc] of Object.entries(services)) {
    const where = `services.${name}`;
    const env = asEnvMap(svc.environment);
    const containerPorts = new Set([
      ...(svc.ports ?? []).map((p) => parsePort(p).container),
      ...(svc.expose ?? []).map(Number),
    ]);
    const df = dockerfiles.get(name);

    if (!svc.restart && !svc.deploy?.restart_policy) findings.warn(where, "no restart policy");

    // depends_on
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
        const inImage = dockerfiles.get(dep)?.finalStage.healthcheck;
        if (!inCompose && !inImage) {
          findings.error(where, `waits for "${dep}" to be healthy, but "${dep}" has no healthcheck`);
        }
      }
    }

    // published ports
    for (const entry of svc.ports ?? []) {
      const { host, container } = parsePort(entry);
      if (!Number.isInteger(container)) findings.error(where, `port "${entry}" has no container port`);
      if (!host) continue;
      // Keyed by port alone: a 0.0.0.0 binding clashes with any address, and so do equal ones.
      if (hostPorts.has(host))
        findings.error(where, `host port ${host} is also published by ${hostPorts.get(host)}`);
      hostPorts.set(host, name);
    }

    // built images
    if (svc.build) {
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
      const host = env.HOST ?? df?.finalStage.env.get("HOST");
      if (df && host !== undefined && host !== "0.0.0.0" && host !== "::") {
        findings.error(where, `HOST=${host}: the server would not be reachable from other containers`);
      }
      if (env.NODE_ENV && env.NODE_ENV !== "production") findings.warn(where, `NODE_ENV=${env.NODE_ENV}`);
    }

    // URLs that name another service must use a port that service listens on
    for (const [key, value] of Object.entries(env)) {
      const m = /^[a-z][a-z0-9+.-]*:\/\/(?:[^@/]*@)?([A-Za-z0-9_.-]+):(\d+)/.exec(value);
      if (!m || !names.has(m[1])) continue;
      const target = services[m[1]];
      const ports = new Set([
        ...(target.ports ?? []).map((p) => parsePort(p).container),
        ...(target.expose ?? []).map(Number),
      ]);
      if (!ports.has(Number(m[2]))) {
        findings.error(
          where,
          `${key} points at ${m[1]}:${m[2]}, but ${m[1]} exposes ${[...ports].join(", ") || "no port"}`,
        );
      }
    }

    // DATABASE_URL: the role and database that the init script creates
    if (env.DATABASE_URL && initDatabases) {
      try {
        const url = new URL(env.DATABASE_URL);
        const db = url.pathname.replace(/^\//, "");
        const owner = initDatabases.get(db);
        if (!owner)
          findings.error(where, `DATABASE_URL names database "${db}", which the init script does not create`);
        else if (owner !== decodeURIComponent(url.username)) {
          findings.error(
            where,
            `DATABASE_URL logs in as "${url.username}", but "${db}" belongs to "${owner}"`,
          );
        }
      } catch {
        findings.error(where, "DATABASE_URL is not a URL");
      }
    }

    // literal secrets (checked on the file as written, before interpolation)
    const rawEnv = asEnvMap(raw.services?.[name]?.environment);
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

  // .env.example documents exactly the variables the file reads
  if (envExample) {
    const documented = new Set(envExample.keys());
    for (const [name, required] of used) {
      if (!documented.has(name)) {
        findings.error("docker/.env.example", `${name} is used by docker-compose.yml but not documented`);
      } else if (required && !envExample.requiredKeys.has(name)) {
        findings.error(
          "docker/.env.example",
          `${name} is required by docker-compose.yml; list it uncommented`,
        );
      }
    }
    for (const name of documented) {
      if (!used.has(name) && !name.startsWith("COMPOSE_")) {
        findings.warn("docker/.env.example", `${name} is documented but docker-compose.yml does not use it`);
      }
    }
  }
}

// ---- Dockerfiles ---------------------------------------------------------------------------------

/** Instructions of a Dockerfile with continuation lines joined: [{ line, keyword, args }]. */
export function dockerfileInstructions(text) {
  const out = [];
  const lines = text.split(/\r?\n/);
  for (let i = 0; i < lines.length; i += 1) {
    const start = i;
    let line = lines[i];
    if (/^\s*(#|$)/.test(line)) continue;
    while (/\\\s*$/.test(line) && i + 1 < lines.length) {
      i += 1;
      if (/^\s*#/.test(lines[i])) continue;
      line = line.replace(/\\\s*$/, " ") + lines[i];
    }
    const m = /^\s*([A-Za-z]+)\s*(.*)$/.exec(line);
    if (m) out.push({ line: start + 1, keyword: m[1].toUpperCase(), args: m[2].trim() });
  }
  return out;
}

const substitute = (text, vars) =>
  text.replace(
    /\$\{([A-Za-z_][A-Za-z0-9_]*)\}|\$([A-Za-z_][A-Za-z0-9_]*)/g,
    (_, a, b) => vars.get(a ?? b) ?? "",
  );

/**
 * Walks a Dockerfile with the given build args: stages, their ENV, USER, HEALTHCHECK and CMD, and
 * every COPY/ADD from the build context (with ARGs substituted).
 */
export function analyseDockerfile(text, buildArgs = {}) {
  const globalArgs = new Map();
  const declared = new Set();
  const stages = [];
  const contextCopies = [];
  const badFrom = [];
  let stage;
  const argValue = (name, dflt) => (name in buildArgs ? String(buildArgs[name]) : dflt);
  for (const ins of dockerfileInstructions(text)) {
    if (ins.keyword === "ARG") {
      for (const decl of ins.args.split(/\s+/)) {
        const [name, ...rest] = decl.split("=");
        declared.add(name);
        const dflt = rest.length ? substitute(rest.join("="), stage ? stage.vars : globalArgs) : undefined;
        const value = argValue(name, dflt ?? (stage ? globalArgs.get(name) : undefined));
        (stage ? stage.vars : globalArgs).set(name, value ?? "");
      }
    } else if (ins.keyword === "FROM") {
      const m = /^(?:--platform=\S+\s+)?(\S+)(?:\s+AS\s+(\S+))?$/i.exec(ins.args);
      stage = {
        name: m?.[2],
        image: substitute(m?.[1] ?? "", globalArgs),
        vars: new Map(),
        env: new Map(),
        user: undefined,
        healthcheck: undefined,
        cmd: undefined,
      };
      const parent = stages.find((s) => s.name && s.name === stage.image);
      if (parent) {
        stage.env = new Map(parent.env);
        stage.user = parent.user;
        stage.healthcheck = parent.healthcheck;
        stage.cmd = parent.cmd;
      }
      stages.push(stage);
    } else if (!stage) {
    } else if (ins.keyword === "ENV") {
      const scope = new Map([...stage.vars, ...stage.env]);
      for (const m of ins.args.matchAll(/([A-Za-z_][A-Za-z0-9_]*)=("[^"]*"|\S*)/g)) {
        const value = substitute(m[2].replace(/^"(.*)"$/, "$1"), scope);
        stage.env.set(m[1], value);
        scope.set(m[1], value);
      }
    } else if (ins.keyword === "USER") {
      stage.user = ins.args;
    } else if (ins.keyword === "HEALTHCHECK") {
      stage.healthcheck = /^NONE$/i.test(ins.args) ? undefined : ins.args;
    } else if (ins.keyword === "CMD") {
      stage.cmd = ins.args;
    } else if (ins.keyword === "COPY" || ins.keyword === "ADD") {
      const words = ins.args.split(/\s+/);
      const flags = words.filter((w) => w.startsWith("--"));
      const paths = words
        .filter((w) => !w.startsWith("--"))
        .map((w) => substitute(w, new Map([...stage.vars, ...stage.env])));
      const from = flags.find((f) => f.startsWith("--from="))?.slice(7);
      if (from) {
        const known = stages.slice(0, -1).some((s) => s.name === from);
        if (!known && !/[:/]/.test(from)) badFrom.push({ line: ins.line, from });
        continue;
      }
      for (const src of paths.slice(0, -1)) contextCopies.push({ line: ins.line, src });
    }
  }
  return { stages, finalStage: stages.at(-1), contextCopies, badFrom, declaredArgs: declared };
}

/** Docker's .dockerignore semantics: patterns from the context root, `!` re-includes, last match wins. */
export function dockerignoreMatcher(text) {
  const rules = [];
  for (const rawLine of text.split(/\r?\n/)) {
    const line = rawLine.trim();
    if (!line || line.startsWith("#")) continue;
    const negate = line.startsWith("!");
    const pattern = posix.normalize(line.slice(negate ? 1 : 0).replace(/^\/+/, "")).replace(/\/+$/, "");
    let re = "";
    for (let i = 0; i < pattern.length; i += 1) {
      const c = pattern[i];
      if (c === "*" && pattern[i + 1] === "*") {
        const slash = pattern[i + 2] === "/";
        re += slash ? "(?:.*/)?" : ".*";
        i += slash ? 2 : 1;
      } else if (c === "*") re += "[^/]*";
      else if (c === "?") re += "[^/]";
      else re += c.replace(/[.+^${}()|[\]\\]/g, "\\$&");
    }
    rules.push({ negate, re: new RegExp(`^${re}$`) });
  }
  return (path) => {
    const parts = posix.normalize(path).replace(/^\.\//, "").replace(/\/+$/, "").split("/");
    let excluded = false;
    for (const rule of rules) {
      // A pattern that matches a parent folder covers everything below it.
      const hit = parts.some((_, i) => rule.re.test(parts.slice(0, i + 1).join("/")));
      if (hit) excluded = !rule.negate;
    }
    return excluded;
  };
}

function globExists(context, src) {
  if (!/[*?[]/.test(src)) return existsSync(join(context, src));
  const dir = join(context, posix.dirname(src));
  if (!existsSync(dir)) return false;
  const re = new RegExp(
    `^${posix
      .basename(src)
      .replace(/[.+^${}()|\\]/g, "\\$&")
      .replace(/\*/g, ".*")
      .replace(/\?/g, ".")}$`,
  );
  return readdirSync(dir).some((f) => re.test(f));
}

export function checkDockerfile({ where, text, buildArgs, context, ignored, tools, findings }) {
  if (tools) {
    for (const d of tools.dockerfileUtils.validate(text)) {
      const msg = `line ${d.range.start.line + 1}: ${d.message}`;
      if (d.severity === 1) findings.error(where, msg);
      else findings.warn(where, msg);
    }
  }
  const info = analyseDockerfile(text, buildArgs);
  for (const name of Object.keys(buildArgs)) {
    if (!info.declaredArgs.has(name)) findings.error(where, `build arg ${name} is not declared with ARG`);
  }
  for (const { line, from } of info.badFrom)
    findings.error(where, `line ${line}: COPY --from=${from}: no such earlier stage`);
  for (const { line, src } of info.contextCopies) {
    if (src === "." || src === "./") continue;
    const rel = src.replace(/^\.\//, "");
    if (!globExists(context, rel)) findings.error(where, `line ${line}: COPY source ${src} does not exist`);
    else if (ignored?.(rel))
      findings.error(where, `line ${line}: COPY source ${src} is excluded by .dockerignore`);
  }
  const last = info.finalStage;
  if (!last) {
    findings.error(where, "no FROM");
    return info;
  }
  if (!last.user || /^(root|0)(:|$)/.test(last.user))
    findings.error(where, "final stage runs as root (add USER)");
  if (!last.healthcheck) findings.warn(where, "final stage has no HEALTHCHECK");
  if (!last.cmd?.startsWith("["))
    findings.warn(where, "CMD is not in exec form; the process will not get SIGTERM");
  return info;
}

// ---- compose CLI ---------------------------------------------------------------------------------

/** Runs the real Compose parser if one is installed. Returns a description of what ran. */
export function runComposeCli(composeFile, envFile, findings) {
  const env = { PATH: process.env.PATH ?? "", HOME: process.env.HOME ?? tmpdir() };
  const candidates = [
    { label: "docker compose", cmd: "docker", pre: ["compose"] },
    { label: "docker-compose (v1)", cmd: "docker-compose", pre: [] },
  ];
  for (const { label, cmd, pre } of candidates) {
    const probe = spawnSync(cmd, [...pre, "version"], { env, encoding: "utf8" });
    if (probe.error || probe.status !== 0) continue;
    const version = (probe.stdout || probe.stderr).split("\n")[0].trim();
    const run = spawnSync(
      cmd,
      [
        ...pre,
        "--project-directory",
        dirname(composeFile),
        "--env-file",
        envFile,
        "-f",
        composeFile,
        "config",
        "-q",
      ],
      { env, encoding: "utf8" },
    );
    if (run.status !== 0)
      findings.error("docker-compose.yml", `${label} config: ${(run.stderr || run.stdout).trim()}`);
    return `${label} config -q (${version}): ${run.status === 0 ? "ok" : "failed"}`;
  }
  return undefined;
}

// ---- main ----------------------------------------------------------------------------------------

/** The role → database pairs docker/postgres/init-databases.sh creates (database → role). */
export function readInitDatabases(text) {
  const map = new Map();
  for (const m of text.matchAll(/^create_service_database\s+(\S+)\s+(\S+)/gm)) map.set(m[2], m[1]);
  return map;
}

export function readEnvExample(text) {
  const all = parseEnvFile(text, { withCommented: true });
  const uncommented = parseEnvFile(text);
  all.requiredKeys = new Set(uncommented.keys());
  return all;
}

/** Everything but the CLI run; returns the findings. Used by the tests with in-memory files. */
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
  const env = new Map();
  for (const [k, v] of parseEnvFile(envExampleText)) env.set(k, v === "" ? PLACEHOLDER : v);
  for (const [k, v] of envOverrides) env.set(k, v);

  const loaded = loadCompose(composeText, env, tools, findings);
  if (!loaded) return findings;
  checkSchema(loaded.model, tools, findings);

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

  checkProjectRules(loaded, {
    findings,
    dockerfiles,
    initDatabases: initText === undefined ? undefined : readInitDatabases(initText),
    envExample,
  });
  return findings;
}

function main(argv) {
  const args = { envFile: undefined, cli: true, quiet: false };
  for (let i = 0; i < argv.length; i += 1) {
    if (argv[i] === "--env-file") args.envFile = argv[++i];
    else if (argv[i] === "--no-cli") args.cli = false;
    else if (argv[i] === "--quiet") args.quiet = true;
    else {
      console.error(
        `unknown argument ${argv[i]}\nusage: node scripts/validate-compose.mjs [--env-file FILE] [--no-cli] [--quiet]`,
      );
      return 2;
    }
  }
  const readFile = (rel) => {
    const file = join(repoRoot, rel);
    return existsSync(file) && statSync(file).isFile() ? readFileSync(file, "utf8") : undefined;
  };
  const composeText = readFile("docker-compose.yml");
  const envExampleText = readFile("docker/.env.example");
  if (composeText === undefined || envExampleText === undefined) {
    console.error("docker-compose.yml or docker/.env.example is missing");
    return 2;
  }
  let tools;
  try {
    tools = loadTools({ quiet: args.quiet });
  } catch (error) {
    console.error(error.message);
    return 2;
  }
  const envOverrides = args.envFile ? parseEnvFile(readFileSync(args.envFile, "utf8")) : new Map();
  const findings = validate({
    composeText,
    envExampleText,
    initText: readFile("docker/postgres/init-databases.sh"),
    envOverrides,
    readFile,
    tools,
  });

  const ran = [
    `compose-spec schema (dclint ${TOOLS.dclint} copy) with ajv ${TOOLS.ajv}`,
    `dockerfile-utils ${TOOLS["dockerfile-utils"]}`,
    "project rules",
  ];
  if (args.cli) {
    // The CLI gets the same variables: the example with placeholders, then --env-file.
    const envFile = join(tmpdir(), `validate-compose-${process.pid}.env`);
    const merged = new Map(
      [...parseEnvFile(envExampleText)].map(([k, v]) => [k, v === "" ? PLACEHOLDER : v]),
    );
    for (const [k, v] of envOverrides) merged.set(k, v);
    writeFileSync(envFile, `${[...merged].map(([k, v]) => `${k}=${v}`).join("\n")}\n`, { mode: 0o600 });
    let cli;
    try {
      cli = runComposeCli(join(repoRoot, "docker-compose.yml"), envFile, findings);
    } finally {
      rmSync(envFile, { force: true });
    }
    ran.unshift(
      cli ??
        "compose CLI: not installed, skipped (apt-get install docker-compose, or Docker's compose plugin)",
    );
  }

  for (const line of ran) console.log(`• ${line}`);
  for (const w of findings.warnings) console.log(`warning  ${w}`);
  for (const e of findings.errors) console.log(`error    ${e}`);
  console.log(`${findings.errors.length} errors, ${findings.warnings.length} warnings`);
  return findings.errors.length ? 1 : 0;
}

if (process.argv[1] && import.meta.url === pathToFileURL(resolve(process.argv[1])).href) {
  process.exitCode = main(process.argv.slice(2));
}
