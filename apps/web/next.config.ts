import { dirname, resolve } from "node:path";
import { fileURLToPath } from "node:url";
import type { NextConfig } from "next";
import { staticSecurityHeaders } from "./src/server/http/security-headers.ts";

// The monorepo root: workspace packages (@shop/*) live outside apps/web, so both the bundler and
// the output file tracing must look from there.
const monorepoRoot = resolve(dirname(fileURLToPath(import.meta.url)), "../..");

const nextConfig: NextConfig = {
  // Workspace packages ship TypeScript source (no build step), so Next compiles them with the app.
  // @shop/user-svc is here for its `schemas` subpath only (pure zod, shared with the forms).
  transpilePackages: ["@shop/service-kit", "@shop/user-svc"],
  turbopack: { root: monorepoRoot },
  outputFileTracingRoot: monorepoRoot,
  poweredByHeader: false,
  reactStrictMode: true,
  // Static security headers on every response, static assets included; the per-request CSP with its
  // script nonce is set by src/proxy.ts.
  async headers() {
    return [
      {
        source: "/:path*",
        headers: staticSecurityHeaders({ production: process.env.NODE_ENV === "production" }),
      },
    ];
  },
};

export default nextConfig;
