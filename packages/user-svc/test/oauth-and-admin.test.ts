import { fileURLToPath } from "node:url";
import { callers, startTestService, type TestService } from "@shop/testing/service";
import { createTestDatabase, type TestDatabase } from "@shop/testing/test-db";
import type { TRPCClientError } from "@trpc/client";
import pg from "pg";
import { afterAll, beforeAll, describe, expect, inject, it } from "vitest";
import { hashPassword } from "../src/accounts/password.ts";
import { createDb, type Db } from "../src/db.ts";
import { createAuthLimits } from "../src/rate-limit/auth-limits.ts";
import { type AppRouter, appRouter } from "../src/router/index.ts";

const migrationsDir = fileURLToPath(new URL("../../../prisma/user/migrations", import.meta.url));
let database: TestDatabase;
let db: Db;
let pool: pg.Pool;
let svc: TestService<AppRouter>;

beforeAll(async () => {
  database = await createTestDatabase(inject("pgAdminUrl"), migrationsDir);
  db = createDb(database.url, 4);
  pool = new pg.Pool({ connectionString: database.url, max: 2 });
  svc = await startTestService({
    name: "user-svc",
    router: appRouter,
    deps: { db, limits: createAuthLimits({ kind: "postgres", pool }) },
  });
  await db.user.create({
    data: { email: "pat@example.test", name: "Pat", passwordHash: await hashPassword("pat's password") },
  });
  await db.user.create({
    data: { id: callers.admin.sub, email: callers.admin.email, name: "Admin", role: "ADMIN" },
  });
});
afterAll(async () => {
  await svc?.close();
  await pool?.end();
  await db?.$disconnect();
  await database?.drop();
});

const google = (
  over: Partial<{ providerAccountId: string; email: string; emailVerified: boolean; name: string }>,
) => ({
  provider: "google" as const,
  providerAccountId: "google-1",
  email: "someone@gmail.test",
  emailVerified: true,
  name: "Someone",
  ...over,
});
const codeOf = (e: unknown) => (e as TRPCClientError<AppRouter>).data?.code;

describe("auth.upsertOAuthUser", () => {
  it("creates a new account on first Google sign-in and finds it again after", async () => {
    const first = await svc.as(callers.service).auth.upsertOAuthUser.mutate(google({}));
    const again = await svc
      .as(callers.service)
      .auth.upsertOAuthUser.mutate(google({ email: "renamed@gmail.test" }));
    expect(again.id).toBe(first.id);
    expect(first.emailVerified).toBe(true);
  });

  it("refuses to link an existing account when Google has not verified the email", async () => {
    const error = await svc
      .as(callers.service)
      .auth.upsertOAuthUser.mutate(
        google({ providerAccountId: "google-evil", email: "PAT@example.test", emailVerified: false }),
      )
      .catch((e: unknown) => e);
    expect(codeOf(error)).toBe("CONFLICT");
    expect((await db.user.findUniqueOrThrow({ where: { email: "pat@example.test" } })).googleSub).toBeNull();
  });

  it("links an existing account when Google verified the email", async () => {
    const linked = await svc
      .as(callers.service)
      .auth.upsertOAuthUser.mutate(google({ providerAccountId: "google-pat", email: "pat@example.test" }));
    const pat = await db.user.findUniqueOrThrow({ where: { email: "pat@example.test" } });
    expect(linked.id).toBe(pat.id);
    expect(pat.googleSub).toBe("google-pat");
  });

  it("is for the BFF's service identity only", async () => {
    for (const caller of [callers.guest, callers.shopper, callers.admin]) {
      const error = await svc
        .as(caller)
        .auth.upsertOAuthUser.mutate(google({ providerAccountId: "x" }))
        .catch((e: unknown) => e);
      expect(["UNAUTHORIZED", "FORBIDDEN"]).toContain(codeOf(error));
    }
  });
});

describe("admin user management", () => {
  it("lists and searches users for admins only", async () => {
    const all = await svc.as(callers.admin).users.list.query({});
    expect(all.total).toBe(await db.user.count());
    const pats = await svc.as(callers.admin).users.list.query({ q: "PAT" });
    expect(pats.items.map((u) => u.email)).toEqual(["pat@example.test"]);
    expect(pats.items[0]).not.toHaveProperty("passwordHash");
    expect(
      codeOf(
        await svc
          .as(callers.shopper)
          .users.list.query({})
          .catch((e: unknown) => e),
      ),
    ).toBe("FORBIDDEN");
  });

  it("changes another user's role but never the admin's own", async () => {
    const pat = await db.user.findUniqueOrThrow({ where: { email: "pat@example.test" } });
    expect((await svc.as(callers.admin).users.setRole.mutate({ userId: pat.id, role: "ADMIN" })).role).toBe(
      "ADMIN",
    );
    const self = await svc
      .as(callers.admin)
      .users.setRole.mutate({ userId: callers.admin.sub, role: "SHOPPER" })
      .catch((e: unknown) => e);
    expect(codeOf(self)).toBe("PRECONDITION_FAILED");
    const missing = await svc
      .as(callers.admin)
      .users.setRole.mutate({ userId: "00000000-0000-4000-8000-00000000dead", role: "ADMIN" })
      .catch((e: unknown) => e);
    expect(codeOf(missing)).toBe("NOT_FOUND");
  });
});
