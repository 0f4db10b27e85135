import { isAbsolute, relative } from "node:path";
import { serviceUrl, webUrl } from "./apps.ts";
import { SERVICE_NAMES, type StackConfig } from "./config.ts";
import { box, color, seconds } from "./console-ui.ts";
import type { RunningInfra } from "./infra.ts";
import type { StackSecrets } from "./secrets.ts";

export interface SummaryInput {
  config: StackConfig;
  infra: RunningInfra;
  secrets: StackSecrets;
  dataDir: string;
  logDir: string;
  bootMs: number;
}

/** The box people read after start-up, then the line scripts and tests wait for. */
export function printSummary({ config, infra, secrets, dataDir, logDir, bootMs }: SummaryInput): void {
  const shortPath = (path: string) => {
    const fromHere = relative(process.cwd(), path);
    return fromHere.startsWith("..") || isAbsolute(fromHere) ? path : fromHere || ".";
  };
  // user-svc sets the password only when it creates the account; a shared database may have another.
  const passwordNote = config.externalDatabaseUrls["user-svc"]
    ? color.dim(" (if the account is new)")
    : process.env.ADMIN_PASSWORD?.trim()
      ? color.dim(" (ADMIN_PASSWORD)")
      : "";
  box(
    `Storefront local stack, up in ${seconds(bootMs)}`,
    [
      ["Storefront", color.cyan(webUrl(config))],
      ["Admin login", `${config.adminEmail} / ${color.bold(secrets.ADMIN_PASSWORD)}${passwordNote}`],
      infra.mailViewerUrl
        ? ["Mail viewer", `${infra.mailViewerUrl} ${color.dim(`(SMTP ${infra.smtpUrl})`)}`]
        : ["SMTP", `${infra.smtpUrl} ${color.dim("(SMTP_URL)")}`],
      "",
      ...SERVICE_NAMES.map((name) => [name, serviceUrl(config, name)] as [string, string]),
      [
        "SNS/SQS",
        `${infra.awsEndpoint} ${color.dim(infra.awsEmulated ? "(in-process emulator)" : "(AWS_ENDPOINT_URL)")}`,
      ],
      ["PostgreSQL", infra.postgresDisplayUrl ?? color.dim("external (DATABASE_URL_*)")],
      // Every process inherits this environment, so the standard OTEL_* variables reach them all.
      [
        "OpenTelemetry",
        process.env.OTEL_EXPORTER_OTLP_ENDPOINT
          ? `OTLP endpoint ${process.env.OTEL_EXPORTER_OTLP_ENDPOINT} ${color.dim("(passed to every process)")}`
          : color.dim(
              "OTEL_EXPORTER_OTLP_ENDPOINT unset (http://localhost:4318 = docker-compose.yml's Jaeger)",
            ),
      ],
      "",
      ["Data", config.ephemeral ? `${dataDir} ${color.dim("(removed on exit)")}` : shortPath(dataDir)],
      ["Logs", `${shortPath(logDir)}/<name>.log`],
    ],
    [color.dim("Ctrl-C stops everything. --verbose echoes every log line.")],
  );
  console.log(`\nStorefront is ready: ${webUrl(config)}\n`);
}
