import { ROLES, type Role } from "@shop/service-kit/auth";
import { createServiceClient } from "@shop/service-kit/client";
import { TEST_SECRET } from "@shop/testing/service";
import type { TRPCClientError } from "@trpc/client";
import type { AnyRouter } from "@trpc/server";
import { afterAll, beforeAll, describe, expect, inject, it } from "vitest";
import { ACCESS_POLICY, expectedOutcome, type Outcome } from "../src/access-policy.ts";
import { type RunningService, startAllServices } from "../src/all-services.ts";

let stack: Awaited<ReturnType<typeof startAllServices>>;
beforeAll(async () => {
  stack = await startAllServices(inject("pgAdminUrl"));
}, 120_000);
afterAll(() => stack?.close());

type ProcedureType = "query" | "mutation" | "subscription";
const proceduresOf = (router: AnyRouter) =>
  Object.entries(router._def.procedures as Record<string, { _def: { type: ProcedureType } }>).map(
    ([path, p]) => ({
      path,
      type: p._def.type,
    }),
  );

const CALLER_IDS: Record<Role, string> = {
  GUEST: "web-bff",
  SHOPPER: "00000000-0000-4000-8000-0000000000c1",
  ADMIN: "00000000-0000-4000-8000-0000000000a1",
  SERVICE: "order-svc",
};

/** Calls any procedure by path through the real HTTP API and classifies the answer. */
async function attempt(
  service: RunningService,
  path: string,
  type: ProcedureType,
  role: Role,
): Promise<Outcome | string> {
  const client = createServiceClient<AnyRouter>({
    audience: service.name,
    url: service.svc.url,
    secret: TEST_SECRET,
    caller: { sub: CALLER_IDS[role], role, email: "matrix@example.test" },
    maxRetries: 0,
  });
  const classify = (code: string | undefined): Outcome | string =>
    code === "UNAUTHORIZED" || code === "FORBIDDEN" ? code : "allowed";
  // biome-ignore lint/suspicious/noExplicitAny: walking an untyped client by a runtime path
  let target: any = client;
  for (const part of path.split(".")) target = target[part];
  if (type === "subscription") {
    return new Promise((resolve) => {
      const sub = target.subscribe(undefined, {
        onError: (e: TRPCClientError<AnyRouter>) => {
          sub.unsubscribe();
          resolve(classify((e.data as { code?: string } | undefined)?.code));
        },
      });
      // An allowed subscription simply stays open.
      setTimeout(() => {
        sub.unsubscribe();
        resolve("allowed");
      }, 700);
    });
  }
  const call = type === "query" ? target.query({}) : target.mutate({});
  return call.then(
    () => "allowed",
    (e: TRPCClientError<AnyRouter>) => {
      const code = (e.data as { code?: string } | undefined)?.code;
      // Anything but an auth refusal means the request got past authorization (often BAD_REQUEST here).
      if (!code) return `no tRPC error code: ${e.message}`;
      return classify(code);
    },
  );
}

describe("access policy covers every procedure", () => {
  it("lists exactly the procedures the routers have", async () => {
    for (const service of stack.services) {
      const actual = proceduresOf(service.router)
        .map((p) => p.path)
        .sort();
      expect(actual, service.name).toEqual(Object.keys(ACCESS_POLICY[service.name]).sort());
    }
  });
});

describe("authorization matrix: every procedure × every role over HTTP", () => {
  it("matches the access policy everywhere", async () => {
    const mismatches: string[] = [];
    let checked = 0;
    for (const service of stack.services) {
      for (const { path, type } of proceduresOf(service.router)) {
        const access = ACCESS_POLICY[service.name][path];
        if (!access) continue; // reported by the coverage test above
        for (const role of ROLES) {
          const got = await attempt(service, path, type, role);
          const want = expectedOutcome(access, role);
          checked += 1;
          if (got !== want) mismatches.push(`${service.name} ${path} as ${role}: got ${got}, want ${want}`);
        }
      }
    }
    expect(mismatches).toEqual([]);
    expect(checked).toBe(
      Object.values(ACCESS_POLICY).reduce((n, p) => n + Object.keys(p).length, 0) * ROLES.length,
    );
  }, 120_000);
});

describe("no token at all", () => {
  it("every query and mutation answers 401; every subscription stream carries UNAUTHORIZED and ends", async () => {
    const notRefused: string[] = [];
    for (const service of stack.services) {
      for (const { path, type } of proceduresOf(service.router)) {
        const url = `${service.svc.url}/trpc/${path}${type === "mutation" ? "" : "?input=%7B%7D"}`;
        const init: RequestInit =
          type === "mutation"
            ? { method: "POST", body: "{}", headers: { "content-type": "application/json" } }
            : { signal: AbortSignal.timeout(5_000) };
        const res = await fetch(url, init);
        if (type === "subscription") {
          // SSE answers 200 and reports the error inside the stream, then closes it: no data flows.
          const body = await res.text();
          if (!body.includes("UNAUTHORIZED"))
            notRefused.push(`${service.name} ${path}: stream without UNAUTHORIZED`);
        } else {
          if (res.status !== 401) notRefused.push(`${service.name} ${path}: ${res.status}`);
          await res.body?.cancel();
        }
      }
    }
    expect(notRefused).toEqual([]);
  });
});
