import { readFileSync } from "node:fs";
import { TRPCError } from "@trpc/server";
import { beforeAll, describe, expect, it } from "vitest";
import { createBffContext } from "./context.ts";
import { bffRouter, createBffCaller } from "./router.ts";

/**
 * The BFF's access policy (e2e/bff-access-policy.json) is what e2e/bff-authorization.spec.ts checks,
 * caller by caller, against the running stack. That spec cannot see the router, so this test keeps the
 * policy complete: every procedure the BFF serves needs an entry, with the right type.
 */
type Caller = "anonymous" | "shopper" | "admin";
type Outcome = "OK" | "BAD_REQUEST" | "NOT_FOUND" | "UNAUTHORIZED" | "FORBIDDEN";
interface Expectation {
  type: "query" | "mutation" | "subscription";
  input?: unknown;
  expect: Record<Caller, Outcome>;
  variants?: { name: string; input?: unknown; expect: Record<Caller, Outcome> }[];
}
interface AccessPolicy {
  callers: Caller[];
  dummyId: string;
  procedures: Record<string, Expectation>;
  notExposed: Record<string, { type: Expectation["type"] }>;
}

const policy = JSON.parse(
  readFileSync(new URL("../../../../../e2e/bff-access-policy.json", import.meta.url), "utf8"),
) as AccessPolicy;

// At runtime `_def.procedures` is flat, keyed by the full dotted path ("products.create"); its declared
// type mirrors the nested router instead, hence the cast.
const served = bffRouter._def.procedures as unknown as Record<string, { _def: { type: string } }>;
const REFUSED: readonly Outcome[] = ["UNAUTHORIZED", "FORBIDDEN"];
const OUTCOMES: readonly Outcome[] = ["OK", "BAD_REQUEST", "NOT_FOUND", ...REFUSED];

describe("the BFF access policy (e2e/bff-access-policy.json)", () => {
  it("has an entry for exactly the BFF router's procedures", () => {
    expect(Object.keys(policy.procedures).sort()).toEqual(Object.keys(served).sort());
  });

  it("gives each procedure its type", () => {
    const servedTypes = Object.fromEntries(Object.entries(served).map(([path, p]) => [path, p._def.type]));
    const policyTypes = Object.fromEntries(
      Object.entries(policy.procedures).map(([path, entry]) => [path, entry.type]),
    );
    expect(policyTypes).toEqual(servedTypes);
  });

  it("names the service procedures the BFF must not relay, none of which it serves", () => {
    expect(Object.keys(policy.notExposed).length).toBeGreaterThan(0);
    expect(Object.keys(policy.notExposed).filter((path) => path in served)).toEqual([]);
  });

  const cases = Object.entries(policy.procedures).flatMap(([path, entry]) => [
    { label: path, expect: entry.expect },
    ...(entry.variants ?? []).map((v) => ({ label: `${path} (${v.name})`, expect: v.expect })),
  ]);

  it.each(cases)("$label: an outcome for every caller, and more rights never mean less access", (c) => {
    expect(Object.keys(c.expect).sort()).toEqual([...policy.callers].sort());
    for (const outcome of Object.values(c.expect)) expect(OUTCOMES).toContain(outcome);
    const allowed = (caller: Caller) => !REFUSED.includes(c.expect[caller]);
    if (allowed("anonymous")) expect(allowed("shopper")).toBe(true);
    if (allowed("shopper")) expect(allowed("admin")).toBe(true);
  });
});

describe("procedures the policy closes to anonymous visitors", () => {
  beforeAll(() => {
    // Nothing listens here: a procedure that reached a service instead of refusing would fail loudly.
    for (const name of ["USER_SVC_URL", "PRODUCT_SVC_URL", "ORDER_SVC_URL", "NOTIFY_SVC_URL"]) {
      process.env[name] = "http://127.0.0.1:9";
    }
    process.env.INTERNAL_JWT_SECRET = "router-coverage-test-secret-long-enough-0123456789";
  });

  const closed = Object.entries(policy.procedures).filter(
    ([, entry]) => entry.expect.anonymous === "UNAUTHORIZED",
  );

  it.each(closed)("%s is refused by the BFF itself, before any service call", async (path) => {
    const caller = createBffCaller(createBffContext({ requestId: "req-coverage", user: null }));
    const procedure = path
      .split(".")
      .reduce<unknown>((node, key) => (node as Record<string, unknown>)[key], caller);
    const failure = await Promise.resolve()
      .then(() => (procedure as (input: unknown) => Promise<unknown>)(undefined))
      .catch((error: unknown) => error);
    expect(failure).toBeInstanceOf(TRPCError);
    expect((failure as TRPCError).code).toBe("UNAUTHORIZED");
  });
});
