import { TRPCClientError } from "@trpc/client";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { backoffDelayMs, createServiceClient } from "../src/client/index.ts";
import { type FixtureRouter, SECRET, startFixture } from "./fixture-service.ts";

let fixture: Awaited<ReturnType<typeof startFixture>>;
beforeAll(async () => {
  fixture = await startFixture();
});
afterAll(() => fixture.service.close());

const client = (
  overrides: {
    maxRetries?: number;
    role?: "GUEST" | "SHOPPER" | "ADMIN" | "SERVICE";
    timeoutMs?: number;
  } = {},
) =>
  createServiceClient<FixtureRouter>({
    audience: "product-svc",
    url: fixture.service.url,
    secret: SECRET,
    caller: { sub: "00000000-0000-4000-8000-00000000000a", role: overrides.role ?? "SHOPPER" },
    maxRetries: overrides.maxRetries ?? 2,
    retryBaseMs: 1,
    ...(overrides.timeoutMs ? { timeoutMs: overrides.timeoutMs } : {}),
  });

describe("retries", () => {
  it("retries a query that fails transiently", async () => {
    await expect(client().flakyQuery.query({ key: "q1", failures: 2 })).resolves.toBe(3);
    expect(fixture.calls.get("q1")).toBe(3);
  });

  it("gives up after maxRetries", async () => {
    await expect(client({ maxRetries: 1 }).flakyQuery.query({ key: "q2", failures: 5 })).rejects.toThrow();
    expect(fixture.calls.get("q2")).toBe(2);
  });

  it("never retries a mutation", async () => {
    await expect(client().flakyMutation.mutate({ key: "m1", failures: 1 })).rejects.toThrow();
    expect(fixture.calls.get("m1")).toBe(1);
  });

  it("does not retry a client error such as BAD_REQUEST", async () => {
    const error = await client()
      .echo.mutate({ name: "x", age: -1 })
      .catch((e: unknown) => e);
    expect(error).toBeInstanceOf(TRPCClientError);
  });

  it("backoff grows exponentially with full jitter and a cap", () => {
    for (let attempt = 0; attempt < 6; attempt++) {
      const d = backoffDelayMs(attempt, 100, 1_000);
      expect(d).toBeGreaterThanOrEqual(0);
      expect(d).toBeLessThan(Math.min(1_000, 100 * 2 ** attempt));
    }
  });

  it("times out a slow call", async () => {
    await expect(client({ maxRetries: 0, timeoutMs: 100 }).slow.query({ ms: 1_000 })).rejects.toThrow();
  });
});

describe("errors and roles", () => {
  it("BAD_REQUEST carries a message per field", async () => {
    const error = (await client()
      .echo.mutate({ name: "x", age: -1 })
      .catch((e: unknown) => e)) as TRPCClientError<FixtureRouter>;
    expect(error.data?.code).toBe("BAD_REQUEST");
    expect(error.data?.httpStatus).toBe(400);
    expect(error.data?.fieldErrors).toEqual({
      name: ["Name is too short"],
      age: [expect.stringMatching(/>=\s*0/)],
    });
  });

  it("keeps precise codes such as CONFLICT", async () => {
    const error = (await client()
      .conflict.mutate()
      .catch((e: unknown) => e)) as TRPCClientError<FixtureRouter>;
    expect(error.data?.code).toBe("CONFLICT");
    expect(error.message).toBe("Already exists");
  });

  const roleCases: [
    "GUEST" | "SHOPPER" | "ADMIN" | "SERVICE",
    "adminOnly" | "serviceOnly" | "mine",
    string,
  ][] = [
    ["GUEST", "mine", "UNAUTHORIZED"],
    ["GUEST", "adminOnly", "UNAUTHORIZED"],
    ["SHOPPER", "adminOnly", "FORBIDDEN"],
    ["SHOPPER", "serviceOnly", "FORBIDDEN"],
    ["ADMIN", "serviceOnly", "FORBIDDEN"],
    ["SERVICE", "adminOnly", "FORBIDDEN"],
    ["SHOPPER", "mine", "ok"],
    ["ADMIN", "adminOnly", "ok"],
    ["SERVICE", "serviceOnly", "ok"],
  ];
  for (const [role, procedure, expected] of roleCases) {
    it(`${role} → ${procedure}: ${expected}`, async () => {
      const outcome = await client({ role })
        [procedure].query()
        .then(() => "ok")
        .catch((e: TRPCClientError<FixtureRouter>) => e.data?.code);
      expect(outcome).toBe(expected);
    });
  }
});
