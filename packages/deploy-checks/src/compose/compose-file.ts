// docker-compose.yml loaded the way Compose does (YAML merge keys, then ${VAR} interpolation), and
// readers for the compose syntax that has more than one form (environment, ports).
import { parseDocument } from "yaml";
import type { Findings } from "../findings.ts";
import { interpolate } from "./env.ts";

export interface ComposeService {
  image?: string;
  build?: string | { context?: string; dockerfile?: string; args?: Record<string, string> | string[] };
  environment?: Record<string, unknown> | string[];
  ports?: (string | number | { target: number | string; published?: number | string })[];
  expose?: (string | number)[];
  depends_on?: string[] | Record<string, { condition?: string }>;
  healthcheck?: { test?: unknown; disable?: boolean };
  volumes?: (string | { source?: string; target?: string })[];
  [key: string]: unknown;
}

export interface ComposeModel {
  services?: Record<string, ComposeService>;
  [key: string]: unknown;
}

export interface LoadedCompose {
  /** As written (merge keys applied, ${VAR} kept): the literal-secret rule needs to see the source. */
  raw: ComposeModel;
  /** After interpolation: what Compose would run. */
  model: ComposeModel;
  /** Every variable the file reads; true = required (`?` forms). */
  used: Map<string, boolean>;
}

function mapStrings(value: unknown, fn: (s: string, path: string) => string, path = ""): unknown {
  if (typeof value === "string") return fn(value, path);
  if (Array.isArray(value)) return value.map((v, i) => mapStrings(v, fn, `${path}.${i}`));
  if (value && typeof value === "object") {
    return Object.fromEntries(
      Object.entries(value).map(([k, v]) => [k, mapStrings(v, fn, path ? `${path}.${k}` : k)]),
    );
  }
  return value;
}

/** Parses and interpolates; YAML and interpolation problems become findings. */
export function loadCompose(
  text: string,
  env: Map<string, string>,
  findings: Findings,
  where = "docker-compose.yml",
): LoadedCompose | undefined {
  const doc = parseDocument(text, { merge: true, prettyErrors: true });
  for (const e of doc.errors) findings.error(where, `YAML: ${e.message}`);
  if (doc.errors.length) return undefined;
  const raw = doc.toJS({ maxAliasCount: -1 }) as ComposeModel;
  const used = new Map<string, boolean>();
  const model = mapStrings(raw, (s, path) => {
    try {
      return interpolate(s, env, {
        used,
        onMissing: (name, message) => findings.error(where, `${path}: ${name} unset: ${message}`),
      });
    } catch (error) {
      findings.error(where, `${path}: ${(error as Error).message}`);
      return s;
    }
  }) as ComposeModel;
  return { raw, model, used };
}

/** `environment` or `build.args` as an object, from the map or the `KEY=value` list form. */
export function asEnvMap(
  environment: Record<string, unknown> | string[] | undefined,
): Record<string, string> {
  if (!environment) return {};
  if (Array.isArray(environment)) {
    return Object.fromEntries(
      environment.map((kv) => [kv.split("=")[0] ?? "", kv.split("=").slice(1).join("=")]),
    );
  }
  return Object.fromEntries(Object.entries(environment).map(([k, v]) => [k, v == null ? "" : String(v)]));
}

/** Container and host sides of a `ports` entry; host is undefined when the port is not published. */
export function parsePort(entry: NonNullable<ComposeService["ports"]>[number]): {
  container: number;
  host: string | undefined;
} {
  if (typeof entry === "object") {
    return { container: Number(entry.target), host: entry.published ? String(entry.published) : undefined };
  }
  const parts = String(entry)
    .replace(/\/(tcp|udp)$/, "")
    .split(":");
  return { container: Number(parts.at(-1)), host: parts.length > 1 ? parts.at(-2) : undefined };
}

/** Ports a service's container listens on: the container side of `ports`, and `expose`. */
export const listeningPorts = (svc: ComposeService): Set<number> =>
  new Set([...(svc.ports ?? []).map((p) => parsePort(p).container), ...(svc.expose ?? []).map(Number)]);
