import type { PoolConfig } from "pg";

/**
 * pg's defaults are a pool of 10 that waits forever for a free connection; under load that turns a
 * slow database into hung requests. Every service sets these explicitly.
 */
export function poolConfig(connectionString: string, max: number): PoolConfig {
  return {
    connectionString,
    max,
    connectionTimeoutMillis: 5_000,
    idleTimeoutMillis: 30_000,
    // Bounds a runaway query; real queries here take milliseconds.
    statement_timeout: 15_000,
    application_name: process.env.SERVICE_NAME ?? "storefront",
  };
}
