// dclint (Docker Compose Linter): YAML validity, the compose-spec JSON schema bundled with it (which
// it checks before any rule and cannot be turned off) and its best-practice rules, configured by the
// repository's .dclintrc.yaml, the file `npx dclint` reads too.
import { DCLinter } from "dclint";
import { parse } from "yaml";
import type { Findings } from "../findings.ts";

type DclintConfig = ConstructorParameters<typeof DCLinter>[0];

/** .dclintrc.yaml as dclint's config object (its defaults for anything the file leaves out). */
export function dclintConfig(text: string | undefined): DclintConfig {
  const file = (text ? parse(text) : {}) as Partial<DclintConfig>;
  return {
    rules: file.rules ?? {},
    quiet: file.quiet ?? false,
    debug: file.debug ?? false,
    exclude: file.exclude ?? [],
  };
}

/** Lints one compose file on disk; dclint's errors are errors, its warnings warnings. */
export function runDclint(path: string, where: string, config: DclintConfig, findings: Findings): void {
  const linter = new DCLinter(config);
  for (const result of linter.lintFiles([path], false)) {
    for (const m of result.messages) {
      const text = `line ${m.line}: ${m.message} (${m.rule})`;
      if (m.type === "error") findings.error(where, text);
      else findings.warn(where, text);
    }
  }
}
