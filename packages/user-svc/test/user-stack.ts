import { fileURLToPath } from "node:url";
import { type SmtpCatcherHandle, startSmtpCatcher } from "@shop/local-stack/smtp";
import * as notify from "@shop/notify-svc/testing";
import { startTestService, TEST_SECRET, type TestService } from "@shop/testing/service";
import { createTestDatabase, type TestDatabase } from "@shop/testing/test-db";
import pg from "pg";
import { inject } from "vitest";
import { createDb, type Db } from "../src/db.ts";
import { createAccountMailer } from "../src/mail/account-mail.ts";
import { type AuthLimitPolicy, createAuthLimits, type LimitStore } from "../src/rate-limit/auth-limits.ts";
import { type AppRouter, appRouter } from "../src/router/index.ts";

const migrationsDir = fileURLToPath(new URL("../../../prisma/user/migrations", import.meta.url));
export const WEB_URL = "http://shop.test";

export interface UserStack {
  db: Db;
  databaseUrl: string;
  /** user-svc replicas sharing the database (one unless asked for more), each with its own limit store. */
  replicas: TestService<AppRouter>[];
  svc: TestService<AppRouter>;
  /** The SMTP catcher behind notify-svc: every account mail lands here. */
  mail: SmtpCatcherHandle;
  /** The mails caught so far: pass it to codeFor/resetTokenFor to wait for a newer mail. */
  mark(): ReadonlySet<string>;
  /** The newest verification code mailed to `email` and not in `before` (waits for it). */
  codeFor(email: string, before?: ReadonlySet<string>): Promise<string>;
  /** The reset token from the newest reset link mailed to `email` and not in `before` (waits for it). */
  resetTokenFor(email: string, before?: ReadonlySet<string>): Promise<string>;
  close(): Promise<void>;
}

/**
 * Real user-svc over HTTP on a fresh database, with its account mail going through a real notify-svc
 * (the accountMail router; it needs only the mailer and the web URL) to a real SMTP catcher.
 */
export async function startUserStack(
  opts: { policy?: AuthLimitPolicy; replicas?: number; stores?: (url: string) => LimitStore[] } = {},
): Promise<UserStack> {
  const database: TestDatabase = await createTestDatabase(inject("pgAdminUrl"), migrationsDir);
  const db = createDb(database.url, 6);
  const mail = await startSmtpCatcher();
  const mailer = notify.createMailer(mail.smtpUrl, "Storefront <accounts@shop.test>");
  const notifySvc = await startTestService({
    name: "notify-svc",
    router: notify.appRouter,
    deps: { mailer, webUrl: WEB_URL },
  });
  const accountMailer = createAccountMailer({ notifyUrl: notifySvc.url, secret: TEST_SECRET });
  const stores =
    opts.stores?.(database.url) ??
    Array.from(
      { length: opts.replicas ?? 1 },
      (): LimitStore => ({
        kind: "postgres",
        pool: new pg.Pool({ connectionString: database.url, max: 3 }),
      }),
    );
  const replicas = await Promise.all(
    stores.map((store) =>
      startTestService({
        name: "user-svc",
        router: appRouter,
        deps: { db, mailer: accountMailer, limits: createAuthLimits(store, opts.policy) },
      }),
    ),
  );
  const mailTo = (email: string, subject: RegExp, before?: ReadonlySet<string>) =>
    mail.waitFor((m) => m.to.includes(email) && subject.test(m.subject) && !before?.has(m.id));
  return {
    db,
    databaseUrl: database.url,
    replicas,
    svc: replicas[0] as TestService<AppRouter>,
    mail,
    mark: () => new Set(mail.messages().map((m) => m.id)),
    async codeFor(email, before) {
      const m = await mailTo(email, /verification code/, before);
      const code = /code is (\d{6})/.exec(m.text)?.[1];
      if (!code) throw new Error(`no code in mail: ${m.subject}`);
      return code;
    },
    async resetTokenFor(email, before) {
      const m = await mailTo(email, /Reset your/, before);
      const token = /#token=([\w-]+)/.exec(m.text)?.[1];
      if (!token) throw new Error("no reset link in mail");
      return token;
    },
    async close() {
      for (const r of replicas) await r.close();
      await notifySvc.close();
      mailer.close();
      await mail.stop();
      for (const store of stores) {
        if (store.kind === "postgres") await store.pool.end();
        else store.client.disconnect();
      }
      await db.$disconnect();
      await database.drop();
    },
  };
}
