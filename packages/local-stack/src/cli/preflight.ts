import { existsSync } from "node:fs";
import { join, relative } from "node:path";
import { isPortInUse } from "../infra/free-port.ts";
import { nextBin, serviceDir, webDir } from "./apps.ts";
import {
  ConfigError,
  embeddedDatabaseServices,
  type PortName,
  SERVICE_NAMES,
  type StackConfig,
} from "./config.ts";

const PURPOSE: Record<PortName, string> = {
  web: "web app",
  "user-svc": "user-svc",
  "product-svc": "product-svc",
  "order-svc": "order-svc",
  "notify-svc": "notify-svc",
  postgres: "embedded PostgreSQL",
  emulator: "SNS/SQS emulator",
  smtp: "SMTP catcher",
  mailViewer: "mail viewer",
};

/** Fails with one message listing every missing build output, before anything is started. */
export function checkBuildOutputs(config: StackConfig): void {
  const required = [
    ...SERVICE_NAMES.map((name) => join(serviceDir(config.repoRoot, name), "dist", "main.js")),
    join(webDir(config.repoRoot), ".next", "BUILD_ID"),
    nextBin(config.repoRoot),
  ];
  const missing = required.filter((file) => !existsSync(file));
  if (missing.length) {
    throw new ConfigError(
      `not built yet: ${missing.map((file) => relative(config.repoRoot, file)).join(", ")}\n` +
        "  Run `npm start` (it builds first) or `npm run build:stack`, then try again.",
    );
  }
}

/** The ports this run will listen on: external infrastructure needs none of ours. */
export function portsToOpen(config: StackConfig): PortName[] {
  const names: PortName[] = ["web", ...SERVICE_NAMES];
  if (embeddedDatabaseServices(config).length) names.push("postgres");
  if (!config.externalAwsEndpoint) names.push("emulator");
  if (!config.externalSmtpUrl) names.push("smtp", "mailViewer");
  return names;
}

/** Fails fast, naming the variable to change for each port something else already listens on. */
export async function checkPortsFree(config: StackConfig): Promise<void> {
  const names = portsToOpen(config);
  const busy = await Promise.all(
    names.map(async (name) => ((await isPortInUse(config.ports[name].port)) ? name : null)),
  );
  const problems = busy
    .filter((name): name is PortName => name !== null)
    .map((name) => {
      const { port, variable } = config.ports[name];
      return `  port ${port} (${PURPOSE[name]}) is in use: stop whatever listens there, or set ${variable}=<another port>`;
    });
  if (problems.length) {
    throw new ConfigError(
      `cannot start, ports taken:\n${problems.join("\n")}\n  (A stack already running? Ctrl-C it first.)`,
    );
  }
}
