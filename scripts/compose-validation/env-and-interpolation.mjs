// Env files and Compose's ${VAR} interpolation, reimplemented so the schema and the project rules
// see the same values Compose would, without a Docker engine.

/**
 * Stands in for every variable docker/.env.example leaves empty (the secrets), so that required
 * `${VAR:?}` references resolve and the file can be checked without real secrets. Long enough to
 * satisfy any "32+ characters" rule.
 */
export const PLACEHOLDER = "validate-placeholder-0123456789abcdef0123456789abcdef";

/**
 * KEY=value lines of an env file; `# KEY=value` lines too when withCommented (documented options).
 * Trailing ` # comments` and one pair of surrounding quotes are removed from values.
 * @param {string} text
 * @param {{ withCommented?: boolean }} [options]
 * @returns {Map<string, string>}
 */
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
 * @typedef {Map<string, string> & { requiredKeys: Set<string> }} EnvExample
 *   every documented variable (commented-out ones included); requiredKeys = the uncommented ones
 */

/**
 * Reads docker/.env.example for the "documents exactly the variables the file uses" rule: a
 * commented-out line documents an optional variable, an uncommented one a variable users must set.
 * @param {string} text
 * @returns {EnvExample}
 */
export function readEnvExample(text) {
  const all = /** @type {EnvExample} */ (parseEnvFile(text, { withCommented: true }));
  const uncommented = parseEnvFile(text);
  all.requiredKeys = new Set(uncommented.keys());
  return all;
}

/**
 * The variables the checks interpolate with: docker/.env.example with every empty value replaced by
 * PLACEHOLDER, then the overrides (--env-file). The in-process checks and the Compose CLI both get
 * this, so they judge the same configuration.
 * @param {string} envExampleText
 * @param {Map<string, string>} [overrides]
 * @returns {Map<string, string>}
 */
export function validationEnv(envExampleText, overrides = new Map()) {
  const env = new Map();
  for (const [k, v] of parseEnvFile(envExampleText)) env.set(k, v === "" ? PLACEHOLDER : v);
  for (const [k, v] of overrides) env.set(k, v);
  return env;
}

/**
 * @typedef {object} InterpolationContext
 * @property {(name: string, message: string) => void} [onMissing] called for a `?` form whose
 *   variable is unset (or empty, for `:?`), with the form's message
 * @property {Map<string, boolean>} [used] collects every variable name met; true = required
 */

/**
 * Compose's interpolation: $$ → $, $VAR, ${VAR}, ${VAR:-default}, ${VAR-default}, ${VAR:?message},
 * ${VAR?message}, ${VAR:+replacement}, ${VAR+replacement}; defaults may nest ${...}.
 * Records each variable name it meets in `used` (with `required` = true for the ? forms).
 * @param {string} text
 * @param {Map<string, string>} env
 * @param {InterpolationContext} [ctx]
 * @returns {string}
 * @throws {Error} on syntax Compose rejects (an unclosed ${, a lone $)
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
      // Find the matching brace by depth, since defaults may contain ${...} themselves.
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

/**
 * One `${...}` body (without the braces): the variable, its operator and the operator's argument.
 * @param {string} body
 * @param {Map<string, string>} env
 * @param {InterpolationContext} ctx
 * @returns {string}
 */
function expand(body, env, ctx) {
  const m = /^([A-Za-z_][A-Za-z0-9_]*)(?:(:?[-?+])([\s\S]*))?$/.exec(body);
  if (!m) throw new Error(`invalid interpolation "\${${body}}"`);
  const [, name, op, arg = ""] = m;
  const required = op === ":?" || op === "?";
  // Once required anywhere, a variable stays required (.env.example must list it uncommented).
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
      return value ?? "";
    case ":+":
      return empty ? "" : nested();
    case "+":
      return unset ? "" : nested();
    default:
      throw new Error(`unsupported interpolation "\${${body}}"`);
  }
}
