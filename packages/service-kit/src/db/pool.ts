import pg, { type PoolConfig } from "pg";

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

/**
 * A pool (poolConfig's settings) in which every connection always has an 'error' listener. pg emits
 * 'error' on a client whose connection dies while it is checked out but between queries (the server
 * terminating it, say); without a listener Node turns that into a crash of the whole service. The
 * query or transaction that was using the client fails on its own, and the pool drops the client.
 */
export function createPool(
  connectionString: string,
  max: number,
  onConnectionError: (error: Error) => void,
): pg.Pool {
  const pool = new pg.Pool(poolConfig(connectionString, max));
  pool.on("connect", (client) => client.on("error", onConnectionError));
  return pool;
}
