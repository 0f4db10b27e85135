import type { RunningService } from "@shop/service-kit/server";
import { initServiceTRPC } from "@shop/service-kit/trpc";
import { TRPCError } from "@trpc/server";
import { afterAll, beforeAll, beforeEach, describe, expect, it } from "vitest";
import { z } from "zod";
import { startStandInService } from "../testing/stand-in-service.ts";
import { currentAccount, forgetAccount, forgetAccounts } from "./role-freshness.ts";

const SECRET = "role-freshness-test-secret-0123456789-abcdef";
const ADMIN_ID = "5d1c1a1e-0000-4000-8000-0000000000a1";
/** What the stand-in user-svc currently says each user is, and each account's session version. */
const roles = new Map<string, "SHOPPER" | "ADMIN">();
const versions = new Map<string, number>();
let lookups = 0;

const t = initServiceTRPC();
const standInUserRouter = t.router({
  users: t.router({
    byId: t.serviceProcedure.input(z.object({ id: z.string() })).query(({ input }) => {
      lookups += 1;
      const role = roles.get(input.id);
      if (!role) throw new TRPCError({ code: "NOT_FOUND", message: "No such user" });
      return {
        id: input.id,
        email: "x@example.test",
        name: "X",
        role,
        emailVerified: true,
        sessionVersion: versions.get(input.id) ?? 1,
        createdAt: new Date(),
      };
    }),
  }),
});

let userSvc: RunningService;
beforeAll(async () => {
  userSvc = await startStandInService("user-svc", standInUserRouter, SECRET, { drainTimeoutMs: 200 });
  process.env.USER_SVC_URL = userSvc.url;
  process.env.INTERNAL_JWT_SECRET = SECRET;
});
afterAll(() => userSvc?.close());
beforeEach(() => {
  forgetAccounts();
  lookups = 0;
});
const currentRole = async (id: string, role: "SHOPPER" | "ADMIN", sessionVersion = 1) =>
  (await currentAccount(id, { role, sessionVersion }))?.role ?? null;

describe("session role freshness", () => {
  it("uses user-svc's current role, not the one in the session cookie", async () => {
    roles.set(ADMIN_ID, "SHOPPER"); // demoted after signing in as an admin
    expect(await currentRole(ADMIN_ID, "ADMIN")).toBe("SHOPPER");
  });

  it("asks user-svc at most once per user within the cache window", async () => {
    roles.set(ADMIN_ID, "ADMIN");
    await currentRole(ADMIN_ID, "ADMIN");
    await currentRole(ADMIN_ID, "ADMIN");
    expect(lookups).toBe(1);
  });

  it("signs nobody in for a deleted account", async () => {
    expect(await currentRole("5d1c1a1e-0000-4000-8000-00000000dead", "SHOPPER")).toBeNull();
  });

  it("ends a session issued under an older session version (signed out everywhere)", async () => {
    const id = "5d1c1a1e-0000-4000-8000-0000000000b2";
    roles.set(id, "SHOPPER");
    versions.set(id, 3);
    expect(await currentAccount(id, { role: "SHOPPER", sessionVersion: 3 })).toEqual({
      role: "SHOPPER",
      emailVerified: true,
    });
    versions.set(id, 4); // e.g. another replica ended every session of the account
    // Within the cache window this replica still has version 3 …
    expect(await currentRole(id, "SHOPPER", 3)).toBe("SHOPPER");
    // … and after it (or at once, where this replica made the change) the old session is over.
    forgetAccount(id);
    expect(await currentRole(id, "SHOPPER", 3)).toBeNull();
    expect(await currentRole(id, "SHOPPER", 4)).toBe("SHOPPER");
  });

  it("fails closed for admins when user-svc cannot be asked (runs last: stops the stand-in)", async () => {
    roles.set(ADMIN_ID, "ADMIN");
    await userSvc.close();
    expect(await currentRole(ADMIN_ID, "ADMIN")).toBe("SHOPPER");
    expect(await currentRole("5d1c1a1e-0000-4000-8000-0000000000c1", "SHOPPER")).toBe("SHOPPER");
  });
});
