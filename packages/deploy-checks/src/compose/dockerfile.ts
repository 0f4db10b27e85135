// The Dockerfiles docker-compose.yml builds: dockerfile-utils' linter, and dockerfile-ast's parse for
// the checks that need the build args and the build context (which neither tool knows about).
import { existsSync, readdirSync } from "node:fs";
import { join, posix } from "node:path";
import dockerignore from "@balena/dockerignore";
import { Copy, DockerfileParser } from "dockerfile-ast";
import { validate as lintDockerfile } from "dockerfile-utils";
import type { Findings } from "../findings.ts";

export interface FinalStage {
  user: string | undefined;
  healthcheck: boolean;
  cmdExecForm: boolean;
  env: Map<string, string>;
}

/** $VAR / ${VAR} from `vars`, "" when unknown (as Docker does for an unset ARG). */
const substitute = (text: string, vars: Map<string, string>) =>
  text.replace(/\$\{([A-Za-z_]\w*)\}|\$([A-Za-z_]\w*)/g, (_, a, b) => vars.get(a ?? b) ?? "");

/** A COPY source exists in the context; wildcards only in the last path segment (`dir/*.json`). */
function sourceExists(context: string, src: string): boolean {
  if (!/[*?[]/.test(src)) return existsSync(join(context, src));
  const dir = join(context, posix.dirname(src));
  const glob = new RegExp(
    `^${posix
      .basename(src)
      .replace(/[.+^${}()|\\]/g, "\\$&")
      .replace(/\*/g, ".*")
      .replace(/\?/g, ".")}$`,
  );
  return existsSync(dir) && readdirSync(dir).some((f) => glob.test(f));
}

export interface DockerfileInput {
  /** Findings' location: the file, with the build args (one Dockerfile builds several services). */
  where: string;
  text: string;
  buildArgs: Record<string, string>;
  /** Absolute build-context folder. */
  context: string;
  /** The context's .dockerignore, if any. */
  dockerignoreText: string | undefined;
  /** False when this file was already linted for another service (same text, same diagnostics). */
  lint: boolean;
  findings: Findings;
}

/** Checks one Dockerfile as built for one service; returns what the compose rules need to know. */
export function checkDockerfile(input: DockerfileInput): FinalStage | undefined {
  const { where, text, buildArgs, context, findings } = input;
  if (input.lint) {
    for (const d of lintDockerfile(text)) {
      const msg = `line ${d.range.start.line + 1}: ${d.message}`;
      // LSP severities: 1 = error; warnings and hints stay warnings.
      if (d.severity === 1) findings.error(where, msg);
      else findings.warn(where, msg);
    }
  }
  const dockerfile = DockerfileParser.parse(text);
  const declared = new Set(dockerfile.getARGs().map((a) => a.getProperty()?.getName() ?? ""));
  for (const name of Object.keys(buildArgs)) {
    if (!declared.has(name)) findings.error(where, `build arg ${name} is not declared with ARG`);
  }
  // Build args override ARG defaults; the defaults resolve through dockerfile-ast.
  const varsAt = (line: number) => {
    const vars = new Map<string, string>();
    for (const name of declared) {
      const value = buildArgs[name] ?? dockerfile.resolveVariable(name, line);
      if (typeof value === "string") vars.set(name, value);
    }
    return vars;
  };

  const stages = dockerfile.getFROMs();
  const ignored =
    input.dockerignoreText === undefined ? undefined : dockerignore().add(input.dockerignoreText);
  const adds = dockerfile.getInstructions().filter((i) => i.getKeyword() === "ADD");
  for (const copy of [...dockerfile.getCOPYs(), ...adds]) {
    const line = copy.getRange().start.line;
    const from = copy instanceof Copy ? copy.getFromFlag()?.getValue() : undefined;
    if (from) {
      // A name with ":" or "/" is an image, not a stage; only stage names can be checked.
      const known = stages.some((s) => s.getBuildStage() === from && s.getRange().start.line < line);
      if (!known && !/[:/]/.test(from))
        findings.error(where, `line ${line + 1}: COPY --from=${from}: no such earlier stage`);
      continue;
    }
    // dockerfile-ast leaves the flags (--from, --chown, …) out of the arguments.
    const paths = copy.getArguments().map((a) => a.getValue());
    const vars = varsAt(line);
    // The last path is the destination; the others are sources in the build context.
    for (const src of paths.slice(0, -1).map((p) => substitute(p, vars).replace(/^\.\//, ""))) {
      if (src === "." || src === "") continue;
      if (!sourceExists(context, src))
        findings.error(where, `line ${line + 1}: COPY source ${src} does not exist`);
      else if (ignored?.ignores(src.replace(/\/+$/, "")))
        findings.error(where, `line ${line + 1}: COPY source ${src} is excluded by .dockerignore`);
    }
  }

  const last = stages.at(-1);
  if (!last) {
    findings.error(where, "no FROM");
    return undefined;
  }
  const image = dockerfile.getContainingImage(last.getRange().start);
  const instructions = image?.getInstructions() ?? [];
  const user =
    instructions
      .filter((i) => i.getKeyword() === "USER")
      .at(-1)
      ?.getArgumentsContent() ?? undefined;
  const healthcheck = instructions.filter((i) => i.getKeyword() === "HEALTHCHECK").at(-1);
  const cmd = image?.getCMDs().at(-1)?.getArgumentsContent();
  const vars = varsAt(last.getRange().start.line + 1);
  const env = new Map<string, string>();
  for (const e of image?.getENVs() ?? []) {
    for (const p of e.getProperties())
      env.set(p.getName(), substitute(p.getValue() ?? "", new Map([...vars, ...env])));
  }
  const stage: FinalStage = {
    user,
    healthcheck: healthcheck !== undefined && !/^NONE$/i.test(healthcheck.getArgumentsContent() ?? ""),
    cmdExecForm: cmd?.trim().startsWith("[") ?? false,
    env,
  };
  if (!user || /^(root|0)(:|$)/.test(user)) findings.error(where, "final stage runs as root (add USER)");
  if (!stage.healthcheck) findings.warn(where, "final stage has no HEALTHCHECK");
  // Shell form runs under /bin/sh -c, which does not pass SIGTERM on to the server.
  if (!stage.cmdExecForm) findings.warn(where, "CMD is not in exec form; the process will not get SIGTERM");
  return stage;
}
