import { dirname, resolve } from "node:path";
import { fileURLToPath } from "node:url";
import type { NextConfig } from "next";

// The monorepo root: workspace packages (@shop/*) live outside apps/web, so both the bundler and
// the output file tracing must look from there.
const monorepoRoot = resolve(dirname(fileURLToPath(import.meta.url)), "../..");

const nextConfig: NextConfig = {
  // Workspace packages ship TypeScript source (no build step), so Next compiles them with the app.
  transpilePackages: ["@shop/service-kit"],
  turbopack: { root: monorepoRoot },
  outputFileTracingRoot: monorepoRoot,
  poweredByHeader: false,
  reactStrictMode: true,
};

export default nextConfig;
