// Dockerfile checks: a small reader for the instructions the rules need (not a full parser; the
// syntax itself is dockerfile-utils' job), then checks that a build would succeed and that the
// image behaves in compose (non-root, healthcheck, signals reach the process).
import { existsSync, readdirSync } from "node:fs";
import { join, posix } from "node:path";

/** @typedef {import("./findings.mjs").Findings} Findings */
/** @typedef {import("./tools.mjs").Tools} Tools */

/**
 * @typedef {object} Stage
 * @property {string | undefined} name the `AS` name
 * @property {string} image the base image or stage, with global ARGs substituted
 * @property {Map<string, string>} vars ARGs declared in the stage
 * @property {Map<string, string>} env ENV, inherited from a parent stage
 * @property {string | undefined} user USER, inherited from a parent stage
 * @property {string | undefined} healthcheck HEALTHCHECK (undefined for NONE), inherited
 * @property {string | undefined} cmd CMD as written, inherited
 */

/**
 * @typedef {object} DockerfileInfo
 * @property {Stage[]} stages
 * @property {Stage | undefined} finalStage the stage the image is built from
 * @property {{ line: number, src: string }[]} contextCopies COPY/ADD sources from the build context
 * @property {{ line: number, from: string }[]} badFrom `COPY --from` naming no earlier stage
 * @property {Set<string>} declaredArgs every ARG name, global or in a stage
 */

/**
 * Instructions of a Dockerfile with continuation lines joined.
 * @param {string} text
 * @returns {{ line: number, keyword: string, args: string }[]} line = where the instruction starts
 */
export function dockerfileInstructions(text) {
  const out = [];
  const lines = text.split(/\r?\n/);
  for (let i = 0; i < lines.length; i += 1) {
    const start = i;
    let line = lines[i];
    if (/^\s*(#|$)/.test(line)) continue;
    while (/\\\s*$/.test(line) && i + 1 < lines.length) {
      i += 1;
      // Docker drops comment lines inside a continued instruction.
      if (/^\s*#/.test(lines[i])) continue;
      line = line.replace(/\\\s*$/, " ") + lines[i];
    }
    const m = /^\s*([A-Za-z]+)\s*(.*)$/.exec(line);
    if (m) out.push({ line: start + 1, keyword: m[1].toUpperCase(), args: m[2].trim() });
  }
  return out;
}

/** $VAR / ${VAR} from `vars`, "" when unknown (as Docker does for an unset ARG). */
const substitute = (text, vars) =>
  text.replace(
    /\$\{([A-Za-z_][A-Za-z0-9_]*)\}|\$([A-Za-z_][A-Za-z0-9_]*)/g,
    (_, a, b) => vars.get(a ?? b) ?? "",
  );

/**
 * Walks a Dockerfile with the given build args: stages, their ENV, USER, HEALTHCHECK and CMD, and
 * every COPY/ADD from the build context (with ARGs substituted).
 * @param {string} text
 * @param {Record<string, string>} [buildArgs] the service's build.args
 * @returns {DockerfileInfo}
 */
export function analyseDockerfile(text, buildArgs = {}) {
  const globalArgs = new Map();
  const declared = new Set();
  /** @type {Stage[]} */
  const stages = [];
  const contextCopies = [];
  const badFrom = [];
  /** @type {Stage | undefined} */
  let stage;
  const argValue = (name, dflt) => (name in buildArgs ? String(buildArgs[name]) : dflt);
  for (const ins of dockerfileInstructions(text)) {
    if (ins.keyword === "ARG") {
      for (const decl of ins.args.split(/\s+/)) {
        const [name, ...rest] = decl.split("=");
        declared.add(name);
        const dflt = rest.length ? substitute(rest.join("="), stage ? stage.vars : globalArgs) : undefined;
        // An ARG in a stage without a default takes the global ARG's value, as in Docker.
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
      // FROM an earlier stage inherits its image config; ARGs are not inherited.
      const { image } = stage;
      const parent = stages.find((s) => s.name && s.name === image);
      if (parent) {
        stage.env = new Map(parent.env);
        stage.user = parent.user;
        stage.healthcheck = parent.healthcheck;
        stage.cmd = parent.cmd;
      }
      stages.push(stage);
    } else if (!stage) {
      // Only ARG may come before the first FROM; dockerfile-utils reports anything else.
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
      const scope = new Map([...stage.vars, ...stage.env]);
      const paths = words.filter((w) => !w.startsWith("--")).map((w) => substitute(w, scope));
      const from = flags.find((f) => f.startsWith("--from="))?.slice(7);
      if (from) {
        // A name with ":" or "/" is an image reference, not a stage; only stage names can be checked.
        const known = stages.slice(0, -1).some((s) => s.name === from);
        if (!known && !/[:/]/.test(from)) badFrom.push({ line: ins.line, from });
        continue;
      }
      // The last word is the destination; the others are sources in the build context.
      for (const src of paths.slice(0, -1)) contextCopies.push({ line: ins.line, src });
    }
  }
  return { stages, finalStage: stages.at(-1), contextCopies, badFrom, declaredArgs: declared };
}

/**
 * Whether a COPY source exists in the build context. Wildcards are only expanded in the last path
 * segment (`dir/*.json`), not in folder names.
 * @param {string} context absolute build-context folder
 * @param {string} src context-relative source
 */
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

/**
 * Checks one Dockerfile as built for one service.
 * @param {object} input
 * @param {string} input.where the findings' location (file, with the build args)
 * @param {string} input.text the Dockerfile
 * @param {Record<string, string>} input.buildArgs the service's build.args
 * @param {string} input.context absolute build-context folder
 * @param {((path: string) => boolean) | undefined} input.ignored from dockerignoreMatcher
 * @param {Tools | undefined} input.tools undefined skips dockerfile-utils (already run on this file)
 * @param {Findings} input.findings
 * @returns {DockerfileInfo} for the project rules (healthcheck, HOST)
 */
export function checkDockerfile({ where, text, buildArgs, context, ignored, tools, findings }) {
  if (tools) {
    for (const d of tools.dockerfileUtils.validate(text)) {
      const msg = `line ${d.range.start.line + 1}: ${d.message}`;
      // LSP severities: 1 = error; hints and warnings stay warnings.
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
  // Shell form runs under /bin/sh -c, which does not forward SIGTERM to the server.
  if (!last.cmd?.startsWith("["))
    findings.warn(where, "CMD is not in exec form; the process will not get SIGTERM");
  return info;
}
