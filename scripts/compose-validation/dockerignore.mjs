// .dockerignore matching, so a COPY of a path the build context will not contain is caught before a
// `docker build` fails on it.
import { posix } from "node:path";

/**
 * Docker's .dockerignore semantics: patterns from the context root, `!` re-includes, last match wins.
 * @param {string} text the .dockerignore file
 * @returns {(path: string) => boolean} true when a context-relative path is excluded
 */
export function dockerignoreMatcher(text) {
  const rules = [];
  for (const rawLine of text.split(/\r?\n/)) {
    const line = rawLine.trim();
    if (!line || line.startsWith("#")) continue;
    const negate = line.startsWith("!");
    const pattern = posix.normalize(line.slice(negate ? 1 : 0).replace(/^\/+/, "")).replace(/\/+$/, "");
    // Glob → regex by hand: `**` crosses folders, `*` and `?` do not (Go's filepath.Match rules).
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
