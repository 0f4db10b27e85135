// npm run validate:deploy — the checks `npm test` runs, as a report:
//   node packages/deploy-checks/dist/cli.js [compose|k8s] [--env-file FILE]
// Exit status: 0 = no errors (warnings are printed), 1 = errors, 2 = bad arguments.
import { readFileSync } from "node:fs";
import { parse } from "dotenv";
import { runComposeConfig } from "./compose/compose-cli.ts";
import { validationEnv } from "./compose/env.ts";
import { ENV_EXAMPLE, ranChecks, validateCompose } from "./compose/validate.ts";
import { kubectlVersion, RenderError } from "./k8s/render.ts";
import { OVERLAYS, validateOverlay } from "./k8s/validate.ts";
import { readRepoFile } from "./repo.ts";

const USAGE = "usage: validate [compose|k8s] [--env-file FILE]";

async function main(argv: string[]): Promise<number> {
  let only: string | undefined;
  let envOverrides: Record<string, string> = {};
  for (let i = 0; i < argv.length; i += 1) {
    const arg = argv[i];
    if (arg === "compose" || arg === "k8s") only = arg;
    else if (arg === "--env-file" && argv[i + 1])
      envOverrides = parse(readFileSync(argv[++i] as string, "utf8"));
    else {
      console.error(`unknown argument ${arg}\n${USAGE}`);
      return 2;
    }
  }
  let ok = true;
  if (only !== "k8s") {
    const findings = validateCompose({ readFile: readRepoFile, envOverrides });
    const cli = runComposeConfig(validationEnv(readRepoFile(ENV_EXAMPLE) ?? "", envOverrides), findings);
    const report = findings.report("docker-compose.yml", [...ranChecks, cli]);
    process.stdout.write(`${report.text}\n\n`);
    ok &&= report.ok;
  }
  if (only !== "compose") {
    let version: string;
    try {
      version = kubectlVersion();
    } catch (error) {
      if (!(error instanceof RenderError)) throw error;
      console.error(error.message);
      return 1;
    }
    for (const overlay of OVERLAYS) {
      const findings = await validateOverlay(overlay.dir, overlay.name, overlay.expect);
      const report = findings.report(`deploy/k8s overlay ${overlay.name}`, [
        `kubectl kustomize (${version})`,
        "Kubernetes schemas (kubernetes-models), unknown fields included",
        "project rules (probes, limits, non-root, references, migrations, OTel, AWS)",
      ]);
      process.stdout.write(`${report.text}\n\n`);
      ok &&= report.ok;
    }
  }
  return ok ? 0 : 1;
}

process.exitCode = await main(process.argv.slice(2));
