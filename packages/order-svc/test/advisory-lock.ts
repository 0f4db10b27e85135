import pg from "pg";

/**
 * Holds one of order-svc's checkout locks from outside (see src/orders/checkout-locks.ts), so a test
 * can stop checkouts at the moment they write the order and release them when it chooses.
 */
export async function holdAdvisoryLock(databaseUrl: string, key: string) {
  const client = new pg.Client({ connectionString: databaseUrl });
  await client.connect();
  await client.query("SELECT pg_advisory_lock(hashtextextended($1, 0))", [key]);
  return {
    /** Resolves once `count` sessions are queued behind advisory locks (a deadline makes it fail). */
    async waitForWaiters(count: number, timeoutMs = 10_000) {
      const deadline = Date.now() + timeoutMs;
      for (;;) {
        const { rows } = await client.query<{ n: number }>(
          `SELECT count(*)::int AS n FROM pg_locks
           WHERE locktype = 'advisory' AND NOT granted
             AND database = (SELECT oid FROM pg_database WHERE datname = current_database())`,
        );
        if ((rows[0]?.n ?? 0) >= count) return;
        if (Date.now() > deadline)
          throw new Error(`only ${rows[0]?.n} of ${count} checkouts reached the lock`);
        await new Promise((resolve) => setTimeout(resolve, 20));
      }
    },
    async release() {
      await client.query("SELECT pg_advisory_unlock(hashtextextended($1, 0))", [key]);
      await client.end();
    },
  };
}
