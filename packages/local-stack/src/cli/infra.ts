import { createWriteStream } from "node:fs";
import { join } from "node:path";
import { startMessagingEmulator } from "../infra/messaging.ts";
import { startEmbeddedPostgres } from "../infra/postgres.ts";
import { type CaughtMail, startSmtpCatcher } from "../infra/smtp-catcher.ts";
import type { InfraEndpoints } from "./apps.ts";
import {
  embeddedDatabaseServices,
  SERVICE_INFO,
  SERVICE_NAMES,
  type ServiceName,
  type StackConfig,
} from "./config.ts";
import { color, info, step } from "./console-ui.ts";

export interface RunningInfra extends InfraEndpoints {
  /** Shown in the summary: the embedded cluster's admin URL with the password masked. */
  postgresDisplayUrl: string | undefined;
  mailViewerUrl: string | undefined;
  stop(): Promise<void>;
}

export interface InfraOptions {
  dataDir: string;
  logDir: string;
  /** Prints a line when a mail arrives, so people see notifications go out. */
  onMail: (mail: CaughtMail) => void;
  /** Postgres lines worth showing on the console (FATAL/PANIC, or all with --verbose). */
  onPostgresLine: (line: string) => void;
}

type Stopper = () => Promise<void>;

/**
 * Starts the embedded PostgreSQL, SNS/SQS emulator and SMTP catcher in parallel, each unless the
 * environment points at a real one. If any fails, the ones already up are stopped again.
 */
export async function startInfrastructure(config: StackConfig, opts: InfraOptions): Promise<RunningInfra> {
  const stoppers: Stopper[] = [];
  const stopAll = async () => {
    // Reverse start order; one failing stop must not keep the others running.
    await Promise.allSettled(stoppers.reverse().map((stop) => stop()));
  };

  const [postgres, messaging, smtp] = await Promise.allSettled([
    startDatabases(config, opts, stoppers),
    config.externalAwsEndpoint
      ? Promise.resolve({ endpoint: config.externalAwsEndpoint, emulated: false })
      : step(
          "SNS/SQS emulator",
          async () => {
            const emulator = await startMessagingEmulator({ port: config.ports.emulator.port });
            stoppers.push(emulator.stop);
            return { endpoint: emulator.endpoint, emulated: true };
          },
          (value) => value.endpoint,
        ),
    config.externalSmtpUrl
      ? Promise.resolve({ smtpUrl: config.externalSmtpUrl, viewerUrl: undefined })
      : step(
          "SMTP catcher",
          async () => {
            const catcher = await startSmtpCatcher({
              smtpPort: config.ports.smtp.port,
              viewerPort: config.ports.mailViewer.port,
              onMail: opts.onMail,
            });
            stoppers.push(catcher.stop);
            return { smtpUrl: catcher.smtpUrl, viewerUrl: catcher.viewerUrl as string | undefined };
          },
          (value) => `${value.smtpUrl}, viewer ${value.viewerUrl}`,
        ),
  ]);
  if (postgres.status === "rejected" || messaging.status === "rejected" || smtp.status === "rejected") {
    await stopAll();
    const failed = [postgres, messaging, smtp].find((result) => result.status === "rejected");
    throw (failed as PromiseRejectedResult).reason;
  }
  if (config.externalAwsEndpoint) info(`SNS/SQS: using AWS_ENDPOINT_URL ${config.externalAwsEndpoint}`);
  if (config.externalSmtpUrl) info(`SMTP: using SMTP_URL ${config.externalSmtpUrl} (no mail viewer)`);

  return {
    databaseUrls: postgres.value.databaseUrls,
    postgresDisplayUrl: postgres.value.displayUrl,
    awsEndpoint: messaging.value.endpoint,
    awsEmulated: messaging.value.emulated,
    smtpUrl: smtp.value.smtpUrl,
    mailViewerUrl: smtp.value.viewerUrl,
    stop: stopAll,
  };
}

async function startDatabases(config: StackConfig, opts: InfraOptions, stoppers: Stopper[]) {
  const databaseUrls = { ...config.externalDatabaseUrls } as Record<ServiceName, string>;
  const embedded = embeddedDatabaseServices(config);
  for (const name of SERVICE_NAMES.filter((service) => !embedded.includes(service))) {
    info(`${name}: using ${SERVICE_INFO[name].databaseUrlVar}`);
  }
  if (!embedded.length) return { databaseUrls, displayUrl: undefined };

  const dataDir = join(opts.dataDir, "postgres");
  const log = createWriteStream(join(opts.logDir, "postgres.log"), { flags: "a" });
  log.on("error", () => {});
  const cluster = await step(
    "PostgreSQL",
    () =>
      startEmbeddedPostgres({
        dataDir,
        port: config.ports.postgres.port,
        persistent: !config.ephemeral,
        unsafeFast: config.ephemeral,
        onLog: (chunk) => {
          log.write(chunk.endsWith("\n") ? chunk : `${chunk}\n`);
          for (const line of chunk.split("\n")) if (line.trim()) opts.onPostgresLine(line);
        },
      }),
    (value) => `127.0.0.1:${value.port} ${color.dim(config.ephemeral ? "(throw-away data)" : dataDir)}`,
  );
  stoppers.push(async () => {
    await cluster.stop();
    log.end();
  });

  const names = embedded.map((name) => SERVICE_INFO[name].database);
  await step(`Databases ${names.join(", ")}`, async () => {
    for (const name of names) await cluster.ensureDatabase(name);
  });
  for (const name of embedded) databaseUrls[name] = cluster.url(SERVICE_INFO[name].database);
  return { databaseUrls, displayUrl: cluster.url("postgres").replace(/:[^:@/]+@/, ":****@") };
}
