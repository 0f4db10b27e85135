import { join } from "node:path";
import type { CliOptions } from "./args.ts";

export const SERVICE_NAMES = ["user-svc", "product-svc", "order-svc", "notify-svc"] as const;
export type ServiceName = (typeof SERVICE_NAMES)[number];

/** What differs between the services as far as starting them goes. */
export const SERVICE_INFO: Record<ServiceName, { database: string; databaseUrlVar: string }> = {
  "user-svc": { database: "users", databaseUrlVar: "DATABASE_URL_USER" },
  "product-svc": { database: "products", databaseUrlVar: "DATABASE_URL_PRODUCT" },
  "order-svc": { database: "orders", databaseUrlVar: "DATABASE_URL_ORDER" },
  "notify-svc": { database: "notifications", databaseUrlVar: "DATABASE_URL_NOTIFY" },
};

export type PortName = ServiceName | "web" | "postgres" | "emulator" | "smtp" | "mailViewer";

export interface PortSetting {
  /** The environment variable that overrides it, named in error messages. */
  variable: string;
  port: number;
}

const PORT_DEFAULTS: Record<PortName, [variable: string, port: number]> = {
  web: ["WEB_PORT", 3000],
  "user-svc": ["USER_SVC_PORT", 4001],
  "product-svc": ["PRODUCT_SVC_PORT", 4002],
  "order-svc": ["ORDER_SVC_PORT", 4003],
  "notify-svc": ["NOTIFY_SVC_PORT", 4004],
  postgres: ["PG_PORT", 5433],
  emulator: ["AWS_EMULATOR_PORT", 4566],
  smtp: ["SMTP_PORT", 1025],
  mailViewer: ["MAIL_VIEWER_PORT", 1080],
};

const LOG_LEVELS = ["fatal", "error", "warn", "info", "debug", "trace", "silent"];

export interface StackConfig extends Omit<CliOptions, "help"> {
  repoRoot: string;
  /** Persistent data directory; --ephemeral replaces it with a temporary one at start-up. */
  dataDir: string;
  /** STACK_LOG_DIR when set; otherwise logs go to <data dir>/logs. */
  logDir: string | undefined;
  ports: Record<PortName, PortSetting>;
  logLevel: string;
  adminEmail: string;
  /** Databases given from outside, per service; the others live in the embedded cluster. */
  externalDatabaseUrls: Partial<Record<ServiceName, string>>;
  externalAwsEndpoint: string | undefined;
  externalSmtpUrl: string | undefined;
}

export class ConfigError extends Error {}

/** Reads the stack's settings from the environment; validates everything before anything starts. */
export function readConfig(env: NodeJS.ProcessEnv, options: CliOptions, repoRoot: string): StackConfig {
  const ports = Object.fromEntries(
    Object.entries(PORT_DEFAULTS).map(([name, [variable, fallback]]) => [
      name,
      { variable, port: parsePort(variable, env[variable], fallback) },
    ]),
  ) as Record<PortName, PortSetting>;

  const logLevel = nonEmpty(env.LOG_LEVEL) ?? "info";
  if (!LOG_LEVELS.includes(logLevel)) {
    throw new ConfigError(`LOG_LEVEL must be one of ${LOG_LEVELS.join(", ")}; got "${logLevel}"`);
  }

  const externalDatabaseUrls: Partial<Record<ServiceName, string>> = {};
  for (const name of SERVICE_NAMES) {
    const url = nonEmpty(env[SERVICE_INFO[name].databaseUrlVar]);
    if (url)
      externalDatabaseUrls[name] = requireUrl(SERVICE_INFO[name].databaseUrlVar, url, /^postgres(ql)?:$/);
  }

  const awsEndpoint = nonEmpty(env.AWS_ENDPOINT_URL);
  const smtpUrl = nonEmpty(env.SMTP_URL);
  return {
    verbose: options.verbose,
    ephemeral: options.ephemeral,
    exitOnCrash: options.exitOnCrash,
    repoRoot,
    dataDir: nonEmpty(env.STACK_DATA_DIR) ?? join(repoRoot, ".data"),
    logDir: nonEmpty(env.STACK_LOG_DIR),
    ports,
    logLevel,
    adminEmail: nonEmpty(env.ADMIN_EMAIL) ?? "admin@storefront.local",
    externalDatabaseUrls,
    externalAwsEndpoint: awsEndpoint && requireUrl("AWS_ENDPOINT_URL", awsEndpoint, /^https?:$/),
    externalSmtpUrl: smtpUrl && requireUrl("SMTP_URL", smtpUrl, /^smtps?:$/),
  };
}

/** The services whose database comes from the embedded cluster. */
export function embeddedDatabaseServices(config: StackConfig): ServiceName[] {
  return SERVICE_NAMES.filter((name) => !config.externalDatabaseUrls[name]);
}

function parsePort(variable: string, raw: string | undefined, fallback: number): number {
  const value = nonEmpty(raw);
  if (value === undefined) return fallback;
  const port = Number(value);
  if (!/^\d+$/.test(value) || port < 1 || port > 65535) {
    throw new ConfigError(`${variable} must be a port number between 1 and 65535; got "${value}"`);
  }
  return port;
}

function requireUrl(variable: string, value: string, protocol: RegExp): string {
  let url: URL;
  try {
    url = new URL(value);
  } catch {
    throw new ConfigError(`${variable} is not a URL: "${value}"`);
  }
  if (!protocol.test(url.protocol))
    throw new ConfigError(`${variable} has an unexpected scheme: ${url.protocol}`);
  return value;
}

function nonEmpty(value: string | undefined): string | undefined {
  const trimmed = value?.trim();
  return trimmed ? trimmed : undefined;
}
