// docker/.env.example and Compose's ${VAR} interpolation. The env files are read with dotenv (the
// format Compose's .env follows); interpolation is written here because no maintained npm package
// implements Compose's rules (compose-go is Go, and dclint lints the file as written, before
// interpolation). It is the smallest version the checks need: the forms docker-compose.yml uses.
import { parse } from "dotenv";

/**
 * Stands in for every variable docker/.env.example leaves empty (the secrets), so required `${VAR:?}`
 * references resolve without real secrets. Long enough for any "32+ characters" rule.
 */
export const PLACEHOLDER = "validate-placeholder-0123456789abcdef0123456789abcdef";

/** docker/.env.example: every documented variable, and which ones are uncommented (users must set them). */
export interface EnvExample {
  documented: Map<string, string>;
  required: Set<string>;
}

export function readEnvExample(text: string): EnvExample {
  // `# KEY=value` lines document optional variables; uncomment them to let dotenv read them too.
  const uncommented = text.replace(/^#\s?(?=[A-Z_][A-Z0-9_]*=)/gm, "");
  return {
    documented: new Map(Object.entries(parse(uncommented))),
    required: new Set(Object.keys(parse(text))),
  };
}

/**
 * The variables the checks interpolate with: docker/.env.example with every empty value replaced by
 * PLACEHOLDER, then the overrides (an --env-file, or a test's edits).
 */
export function validationEnv(envExampleText: string, overrides: Record<string, string> = {}) {
  const env = new Map<string, string>();
  for (const [k, v] of Object.entries(parse(envExampleText))) env.set(k, v === "" ? PLACEHOLDER : v);
  for (const [k, v] of Object.entries(overrides)) env.set(k, v);
  return env;
}

export interface Interpolation {
  /** Called for a `?` form whose variable is unset (or empty, for `:?`), with the form's message. */
  onMissing?: (name: string, message: string) => void;
  /** Collects every variable met; true = required somewhere (a `?` form). */
  used?: Map<string, boolean>;
}

const NAME = /^[A-Za-z_][A-Za-z0-9_]*/;

/**
 * Compose's interpolation: $$ → $, $VAR, ${VAR}, ${VAR:-default}, ${VAR-default}, ${VAR:?message},
 * ${VAR?message}, ${VAR:+alt}, ${VAR+alt}; defaults may nest ${...}.
 * @throws on syntax Compose rejects (an unclosed ${, a lone $)
 */
export function interpolate(text: string, env: Map<string, string>, ctx: Interpolation = {}): string {
  let out = "";
  let i = 0;
  while (i < text.length) {
    const at = text.indexOf("$", i);
    if (at < 0) return out + text.slice(i);
    out += text.slice(i, at);
    const next = text[at + 1];
    if (next === "$") {
      out += "$";
      i = at + 2;
    } else if (next === "{") {
      let depth = 1;
      let j = at + 2;
      for (; j < text.length && depth > 0; j += 1) {
        if (text[j] === "{") depth += 1;
        else if (text[j] === "}") depth -= 1;
      }
      if (depth !== 0) throw new Error(`unclosed \${ in "${text}"`);
      out += expand(text.slice(at + 2, j - 1), env, ctx);
      i = j;
    } else {
      const bare = NAME.exec(text.slice(at + 1))?.[0];
      if (!bare)
        throw new Error(`invalid interpolation "$${next ?? ""}" in "${text}" (write $$ for a literal $)`);
      ctx.used?.set(bare, ctx.used.get(bare) ?? false);
      out += env.get(bare) ?? "";
      i = at + 1 + bare.length;
    }
  }
  return out;
}

function expand(body: string, env: Map<string, string>, ctx: Interpolation): string {
  const m = /^([A-Za-z_][A-Za-z0-9_]*)(?:(:?[-?+])([\s\S]*))?$/.exec(body);
  if (!m?.[1]) throw new Error(`invalid interpolation "\${${body}}"`);
  const [, name, op, arg = ""] = m;
  const value = env.get(name);
  const unset = value === undefined;
  const empty = unset || value === "";
  ctx.used?.set(name, Boolean(ctx.used.get(name)) || op === ":?" || op === "?");
  const nested = () => interpolate(arg, env, ctx);
  switch (op) {
    case undefined:
      return value ?? "";
    case ":-":
      return empty ? nested() : (value as string);
    case "-":
      return unset ? nested() : value;
    case ":+":
      return empty ? "" : nested();
    case "+":
      return unset ? "" : nested();
    default: {
      if (op === ":?" ? empty : unset) {
        ctx.onMissing?.(name, nested() || `${name} is required`);
        return "";
      }
      return value as string;
    }
  }
}
