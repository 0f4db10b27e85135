import { existsSync, readFileSync } from "node:fs";
import { join } from "node:path";
import { pathToFileURL } from "node:url";
import type { ServiceName, StackConfig } from "./config.ts";
import type { ProcessSpec } from "./managed-process.ts";
import type { StackSecrets } from "./secrets.ts";

/** Where the running infrastructure is, as the services need to know it. */
export interface InfraEndpoints {
  databaseUrls: Record<ServiceName, string>;
  awsEndpoint: string;
  /** True for the in-process emulator: it accepts any credentials, so fixed test ones are used. */
  awsEmulated: boolean;
  smtpUrl: string;
}

export interface LaunchContext {
  config: StackConfig;
  secrets: StackSecrets;
  infra: InfraEndpoints;
  /** dist/child-guard.js: makes children exit when the orchestrator dies without stopping them. */
  childGuard: string | undefined;
}

export const serviceDir = (repoRoot: string, name: ServiceName) => join(repoRoot, "packages", name);
export const webDir = (repoRoot: string) => join(repoRoot, "apps", "web");
export const nextBin = (repoRoot: string) => join(repoRoot, "node_modules", "next", "dist", "bin", "next");

export const serviceUrl = (config: StackConfig, name: ServiceName) =>
  `http://127.0.0.1:${config.ports[name].port}`;
// localhost rather than 127.0.0.1: it is what people type, and auth callback URLs must match it.
export const webUrl = (config: StackConfig) => `http://localhost:${config.ports.web.port}`;

export function serviceSpec(name: ServiceName, ctx: LaunchContext): ProcessSpec {
  const { config, secrets, infra } = ctx;
  const env: NodeJS.ProcessEnv = {
    ...process.env,
    NODE_ENV: "development",
    PORT: String(config.ports[name].port),
    HOST: "127.0.0.1",
    DATABASE_URL: infra.databaseUrls[name],
    INTERNAL_JWT_SECRET: secrets.INTERNAL_JWT_SECRET,
    LOG_LEVEL: config.logLevel,
    SEED_ON_START: "true",
  };
  if (name === "user-svc") {
    env.ADMIN_EMAIL = config.adminEmail;
    env.ADMIN_PASSWORD = secrets.ADMIN_PASSWORD;
    env.NOTIFY_SVC_URL = serviceUrl(config, "notify-svc"); // account mail (codes, reset links)
  }
  if (name === "order-svc") {
    env.PRODUCT_SVC_URL = serviceUrl(config, "product-svc");
    env.USER_SVC_URL = serviceUrl(config, "user-svc");
  }
  if (name === "order-svc" || name === "notify-svc") Object.assign(env, awsEnv(infra));
  if (name === "notify-svc") {
    env.SMTP_URL = infra.smtpUrl;
    env.PUBLIC_WEB_URL = webUrl(config);
  }
  return {
    name,
    args: ["--enable-source-maps", ...guardArgs(ctx), "dist/main.js"],
    cwd: serviceDir(config.repoRoot, name),
    env,
    readyUrl: `${serviceUrl(config, name)}/ready`,
  };
}

export function webSpec(ctx: LaunchContext): ProcessSpec {
  const { config, secrets } = ctx;
  const port = String(config.ports.web.port);
  const env: NodeJS.ProcessEnv = {
    ...process.env,
    // `next start` serves a production build; any other NODE_ENV makes Next warn and misbehave.
    NODE_ENV: "production",
    PORT: port,
    LOG_LEVEL: config.logLevel,
    USER_SVC_URL: serviceUrl(config, "user-svc"),
    PRODUCT_SVC_URL: serviceUrl(config, "product-svc"),
    ORDER_SVC_URL: serviceUrl(config, "order-svc"),
    NOTIFY_SVC_URL: serviceUrl(config, "notify-svc"),
    INTERNAL_JWT_SECRET: secrets.INTERNAL_JWT_SECRET,
    NEXTAUTH_SECRET: secrets.NEXTAUTH_SECRET,
    NEXTAUTH_URL: webUrl(config),
  };
  const dir = webDir(config.repoRoot);
  return {
    name: "web",
    args: [...guardArgs(ctx), nextBin(config.repoRoot), "start", "-p", port, "-H", "127.0.0.1"],
    cwd: dir,
    env,
    readyUrl: `http://127.0.0.1:${port}${hasHealthRoute(dir) ? "/api/health" : "/"}`,
  };
}

function awsEnv(infra: InfraEndpoints): NodeJS.ProcessEnv {
  const fromEnv = (name: string, fallback: string) =>
    infra.awsEmulated ? fallback : (process.env[name] ?? fallback);
  return {
    AWS_ENDPOINT_URL: infra.awsEndpoint,
    AWS_REGION: fromEnv("AWS_REGION", "us-east-1"),
    AWS_ACCESS_KEY_ID: fromEnv("AWS_ACCESS_KEY_ID", "test"),
    AWS_SECRET_ACCESS_KEY: fromEnv("AWS_SECRET_ACCESS_KEY", "test"),
  };
}

function guardArgs(ctx: LaunchContext): string[] {
  return ctx.childGuard ? ["--import", pathToFileURL(ctx.childGuard).href] : [];
}

/** Readiness uses /api/health when the build has that route, else the home page. */
function hasHealthRoute(dir: string): boolean {
  const manifest = join(dir, ".next", "app-path-routes-manifest.json");
  if (!existsSync(manifest)) return false;
  try {
    const routes = Object.values(JSON.parse(readFileSync(manifest, "utf8")) as Record<string, string>);
    return routes.includes("/api/health");
  } catch {
    return false;
  }
}
