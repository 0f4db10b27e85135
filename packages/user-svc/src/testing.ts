/** For other packages' integration tests only: run the real user-svc in-process over HTTP. */
import pg from "pg";
import { createDb } from "./db.ts";
import { createAccountMailer } from "./mail/account-mail.ts";
import { createAuthLimits } from "./rate-limit/auth-limits.ts";

export { createDb } from "./db.ts";
export { createAccountMailer } from "./mail/account-mail.ts";
export { createAuthLimits } from "./rate-limit/auth-limits.ts";
export { appRouter } from "./router/index.ts";

/**
 * user-svc's dependencies on a migrated database: its Prisma client, rate limits kept in the same
 * database, and account mail sent to notify-svc at `notifyUrl` — by default to nowhere, for tests that
 * create accounts directly and mail nothing (a send there fails in the background and is only logged).
 */
export function createUserDeps(databaseUrl: string, opts: { secret: string; notifyUrl?: string }) {
  const db = createDb(databaseUrl, 4);
  const limitsPool = new pg.Pool({ connectionString: databaseUrl, max: 2 });
  return {
    deps: {
      db,
      limits: createAuthLimits({ kind: "postgres", pool: limitsPool }),
      mailer: createAccountMailer({ notifyUrl: opts.notifyUrl ?? "http://127.0.0.1:9", secret: opts.secret }),
    },
    async close() {
      await limitsPool.end();
      await db.$disconnect();
    },
  };
}
