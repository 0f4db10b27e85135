import { readFileSync } from "node:fs";
import { join } from "node:path";
import { SERVICE_NAMES, type ServiceName } from "@shop/service-kit/auth";
import { repoRoot } from "./repo-root.ts";

/** Everything the scripts need to know about the stack they measure. */
export interface StackTarget {
  /** True when this script started the stack (and stops it at the end). */
  owned: boolean;
  webUrl: string;
  serviceUrls: Record<ServiceName, string>;
  databaseUrls: Record<ServiceName, string>;
  /** The cluster's maintenance database: scratch databases, pg_stat_activity. */
  adminDatabaseUrl: string;
  internalSecret: string;
  awsEndpoint: string;
  awsRegion: string;
  mailViewerUrl: string | undefined;
  /** Ports the stack's processes listen on, to find those processes under /proc. */
  ports: number[];
  /** Set when this script started the orchestrator: the stack is it and all its descendants. */
  orchestratorPid: number | undefined;
  stop(): Promise<void>;
}

export const SERVICE_DATABASES: Record<ServiceName, string> = {
  "user-svc": "users",
  "product-svc": "products",
  "order-svc": "orders",
  "notify-svc": "notifications",
};

export function databaseUrl(adminUrl: string, database: string): string {
  const url = new URL(adminUrl);
  url.pathname = `/${database}`;
  return url.toString();
}

/** True when BENCH_WEB_URL names a running stack to measure instead of starting one. */
export const wantsRunningStack = () => Boolean(process.env.BENCH_WEB_URL?.trim());

/**
 * A stack that is already running (e.g. `npm start`), described by BENCH_* variables whose defaults
 * are `npm start`'s: BENCH_WEB_URL (required), BENCH_{USER,PRODUCT,ORDER,NOTIFY}_SVC_URL, BENCH_PG_URL,
 * BENCH_AWS_ENDPOINT, BENCH_MAIL_VIEWER_URL, and BENCH_INTERNAL_JWT_SECRET or the secrets.json of
 * BENCH_DATA_DIR (default <repo>/.data).
 */
export function runningStackFromEnv(env: NodeJS.ProcessEnv = process.env): StackTarget {
  const webUrl = (env.BENCH_WEB_URL ?? "").replace(/\/$/, "");
  const serviceUrls = Object.fromEntries(
    SERVICE_NAMES.map((name, i) => {
      const variable = `BENCH_${name.replace("-svc", "").toUpperCase()}_SVC_URL`;
      return [name, (env[variable] ?? `http://127.0.0.1:${4001 + i}`).replace(/\/$/, "")];
    }),
  ) as Record<ServiceName, string>;
  const adminDatabaseUrl =
    env.BENCH_PG_URL ?? "postgresql://postgres:storefront-local@127.0.0.1:5433/postgres";
  const awsEndpoint = env.BENCH_AWS_ENDPOINT ?? "http://127.0.0.1:4566";
  const mailViewerUrl = env.BENCH_MAIL_VIEWER_URL ?? "http://127.0.0.1:1080";
  const portOf = (url: string) => Number(new URL(url).port);
  return {
    owned: false,
    webUrl,
    serviceUrls,
    databaseUrls: mapServices((name) => databaseUrl(adminDatabaseUrl, SERVICE_DATABASES[name])),
    adminDatabaseUrl,
    internalSecret: env.BENCH_INTERNAL_JWT_SECRET ?? secretFromDataDir(env.BENCH_DATA_DIR),
    awsEndpoint,
    awsRegion: env.AWS_REGION ?? "us-east-1",
    mailViewerUrl,
    ports: [webUrl, ...Object.values(serviceUrls), adminDatabaseUrl, awsEndpoint, mailViewerUrl].map(portOf),
    orchestratorPid: undefined,
    stop: async () => {},
  };
}

export function mapServices<T>(fn: (name: ServiceName) => T): Record<ServiceName, T> {
  return Object.fromEntries(SERVICE_NAMES.map((name) => [name, fn(name)])) as Record<ServiceName, T>;
}

function secretFromDataDir(dataDir: string | undefined): string {
  const file = join(dataDir ?? join(repoRoot(), ".data"), "secrets.json");
  try {
    const secrets = JSON.parse(readFileSync(file, "utf8")) as { INTERNAL_JWT_SECRET?: string };
    if (secrets.INTERNAL_JWT_SECRET) return secrets.INTERNAL_JWT_SECRET;
  } catch {
    // reported below
  }
  throw new Error(`set BENCH_INTERNAL_JWT_SECRET, or BENCH_DATA_DIR to a folder with secrets.json (${file})`);
}
