// Loading docker-compose.yml the way Compose does (YAML merge keys, then ${VAR} interpolation) and
// small readers for the compose syntax that has more than one form (environment, ports).
import { interpolate } from "./env-and-interpolation.mjs";

/** @typedef {import("./findings.mjs").Findings} Findings */
/** @typedef {import("./tools.mjs").Tools} Tools */

/**
 * A loaded compose file.
 * @typedef {object} LoadedCompose
 * @property {any} raw the file as written (merge keys applied, ${VAR} not yet interpolated); the
 *   literal-secret rule needs this, because interpolation would hide where a value came from
 * @property {any} model the file after interpolation: what Compose would run
 * @property {Map<string, boolean>} used every variable the file reads; true = required (`?` forms)
 */

/**
 * Applies `fn` to every string scalar of a parsed YAML value (keys stay as written, as in Compose).
 * @param {unknown} value
 * @param {(s: string, path: (string | number)[]) => unknown} fn gets the scalar and its path
 * @param {(string | number)[]} [path]
 * @returns {any}
 */
function mapStrings(value, fn, path = []) {
  if (typeof value === "string") return fn(value, path);
  if (Array.isArray(value)) return value.map((item, i) => mapStrings(item, fn, [...path, i]));
  if (value && typeof value === "object") {
    return Object.fromEntries(Object.entries(value).map(([k, v]) => [k, mapStrings(v, fn, [...path, k])]));
  }
  return value;
}

/**
 * Parses and interpolates a compose file, recording YAML and interpolation problems in `findings`.
 * @param {string} text
 * @param {Map<string, string>} env the variables to interpolate with
 * @param {Tools} tools
 * @param {Findings} findings
 * @param {string} [where]
 * @returns {LoadedCompose | undefined} undefined when the YAML does not parse (nothing to check)
 */
export function loadCompose(text, env, tools, findings, where = "docker-compose.yml") {
  const doc = tools.YAML.parseDocument(text, { merge: true, prettyErrors: true });
  for (const e of doc.errors) findings.error(where, `YAML: ${e.message}`);
  for (const w of doc.warnings) findings.warn(where, `YAML: ${w.message}`);
  if (doc.errors.length) return undefined;
  // The file uses anchors/aliases for shared blocks; lift yaml's alias-bomb limit for our own file.
  const raw = doc.toJS({ maxAliasCount: -1 });
  const used = new Map();
  const model = mapStrings(raw, (s, path) => {
    try {
      return interpolate(s, env, {
        used,
        onMissing: (name, message) => findings.error(where, `${path.join(".")}: ${name} unset: ${message}`),
      });
    } catch (error) {
      // Keep going with the text as written, so one bad value does not hide every other finding.
      findings.error(where, `${path.join(".")}: ${/** @type {Error} */ (error).message}`);
      return s;
    }
  });
  return { raw, model, used };
}

/**
 * `environment` or `build.args` as an object, from either the map or the `KEY=value` list form;
 * a null value (`KEY:` with nothing after it) becomes "".
 * @param {Record<string, unknown> | string[] | undefined} environment
 * @returns {Record<string, string>}
 */
export function asEnvMap(environment) {
  if (!environment) return {};
  if (Array.isArray(environment)) {
    return Object.fromEntries(environment.map((kv) => [kv.split("=")[0], kv.split("=").slice(1).join("=")]));
  }
  return Object.fromEntries(Object.entries(environment).map(([k, v]) => [k, v == null ? "" : String(v)]));
}

/**
 * Container and host sides of a `ports` entry (short or long syntax).
 * @param {string | number | { target: number | string, published?: number | string }} entry
 * @returns {{ container: number, host: string | undefined }} host is undefined when not published
 */
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
