import { callers, type TestService } from "@shop/testing/service";
import type { TRPCClientError } from "@trpc/client";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { Db } from "../src/db.ts";
import type { AppRouter } from "../src/router/index.ts";
import { seedAdmin } from "../src/seed/seed-admin.ts";
import { startUserStack, type UserStack } from "./user-stack.ts";

let stack: UserStack;
let db: Db;
let svc: TestService<AppRouter>;

beforeAll(async () => {
  stack = await startUserStack();
  ({ db, svc } = stack);
});
afterAll(() => stack?.close());

const codeOf = (e: unknown) => (e as TRPCClientError<AppRouter>).data?.code;

describe("registration", () => {
  it("creates a shopper with a normalised email and never returns the hash", async () => {
    const user = await svc.as(callers.guest).auth.register.mutate({
      email: "  Ann.Lee@Example.COM ",
      name: "Ann Lee",
      password: "correct horse battery",
    });
    expect(user.email).toBe("ann.lee@example.com");
    expect(user.role).toBe("SHOPPER");
    expect(user).not.toHaveProperty("passwordHash");
    const stored = await db.user.findUniqueOrThrow({ where: { id: user.id } });
    expect(stored.passwordHash).toMatch(/^\$argon2id\$/);
  });

  it("refuses the same email in another case with CONFLICT", async () => {
    const error = await svc
      .as(callers.guest)
      .auth.register.mutate({ email: "ANN.LEE@example.com", name: "Imposter", password: "another long pass" })
      .catch((e: unknown) => e);
    expect(codeOf(error)).toBe("CONFLICT");
  });

  it("explains every invalid field", async () => {
    const error = (await svc
      .as(callers.guest)
      .auth.register.mutate({ email: "not-an-email", name: " ", password: "short" })
      .catch((e: unknown) => e)) as TRPCClientError<AppRouter>;
    expect(error.data?.code).toBe("BAD_REQUEST");
    expect(error.data?.fieldErrors).toEqual({
      email: ["Enter a valid email address"],
      name: ["Enter your name"],
      password: ["Password must be at least 10 characters"],
    });
  });
});

describe("credentials", () => {
  it("accepts the right password whatever the email's case", async () => {
    const user = await svc
      .as(callers.guest)
      .auth.verifyCredentials.mutate({ email: "Ann.Lee@example.com", password: "correct horse battery" });
    expect(user.email).toBe("ann.lee@example.com");
  });

  it("gives one answer for a wrong password and an unknown email", async () => {
    const wrong = await svc
      .as(callers.guest)
      .auth.verifyCredentials.mutate({ email: "ann.lee@example.com", password: "wrong password!" })
      .catch((e: unknown) => e as TRPCClientError<AppRouter>);
    const unknown = await svc
      .as(callers.guest)
      .auth.verifyCredentials.mutate({ email: "nobody@example.com", password: "wrong password!" })
      .catch((e: unknown) => e as TRPCClientError<AppRouter>);
    expect(codeOf(wrong)).toBe("UNAUTHORIZED");
    expect(codeOf(unknown)).toBe("UNAUTHORIZED");
    expect((wrong as Error).message).toBe((unknown as Error).message);
  });
});

describe("users", () => {
  it("me returns the caller's own account", async () => {
    const ann = await db.user.findUniqueOrThrow({ where: { email: "ann.lee@example.com" } });
    const me = await svc.as({ sub: ann.id, role: "SHOPPER", email: ann.email }).users.me.query();
    expect(me.id).toBe(ann.id);
  });

  it("me needs a signed-in user", async () => {
    expect(
      codeOf(
        await svc
          .as(callers.guest)
          .users.me.query()
          .catch((e: unknown) => e),
      ),
    ).toBe("UNAUTHORIZED");
  });

  it("byId is for services only", async () => {
    const ann = await db.user.findUniqueOrThrow({ where: { email: "ann.lee@example.com" } });
    expect((await svc.as(callers.service).users.byId.query({ id: ann.id })).email).toBe(
      "ann.lee@example.com",
    );
    for (const caller of [callers.guest, callers.shopper, callers.admin]) {
      const error = await svc
        .as(caller)
        .users.byId.query({ id: ann.id })
        .catch((e: unknown) => e);
      expect(["UNAUTHORIZED", "FORBIDDEN"]).toContain(codeOf(error));
    }
  });
});

describe("admin seed", () => {
  it("creates the admin once and keeps a changed password on re-run", async () => {
    await seedAdmin(db, "Admin@Shop.test", "first admin password");
    const first = await db.user.findUniqueOrThrow({ where: { email: "admin@shop.test" } });
    expect(first.role).toBe("ADMIN");
    await seedAdmin(db, "admin@shop.test", "a different password");
    const again = await db.user.findUniqueOrThrow({ where: { email: "admin@shop.test" } });
    expect(again.passwordHash).toBe(first.passwordHash);
    expect(await db.user.count({ where: { role: "ADMIN" } })).toBe(1);
  });
});
