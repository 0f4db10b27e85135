import type { Caller } from "@shop/service-kit/auth";
import { fieldErrorsOf } from "@shop/service-kit/errors";
import type { RunningService } from "@shop/service-kit/server";
import { initServiceTRPC } from "@shop/service-kit/trpc";
import { TRPCError } from "@trpc/server";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { z } from "zod";
import { GET as trpcRoute } from "../../app/api/trpc/[trpc]/route.ts";
import { startStandInService } from "../testing/stand-in-service.ts";
import { createBffContext } from "./context.ts";
import { createBffCaller } from "./router.ts";

/**
 * The BFF against a stand-in product service running on the real service server (internal-token
 * verification, request-id handling, error formatter), so what is checked here is the actual hop.
 */
const SECRET = "bff-test-secret-that-is-long-enough-0123456789";

interface SeenCall {
  requestId: string;
  caller: Caller;
}
const seen: SeenCall[] = [];

const { router, publicProcedure } = initServiceTRPC();
const standInProductRouter = router({
  products: router({
    list: publicProcedure
      .input(z.object({ q: z.string().max(5, "Search text is too long").optional() }))
      .query(({ ctx }) => {
        seen.push({ requestId: ctx.requestId, caller: ctx.caller });
        return { items: [], total: 0, sort: "newest" as const, nextCursor: null };
      }),
    bySlug: publicProcedure.input(z.object({ slug: z.string() })).query(() => {
      throw new TRPCError({ code: "NOT_FOUND", message: "No such product" });
    }),
  }),
  categories: router({
    list: publicProcedure.query(() => [{ slug: "kitchen", name: "Kitchen", productCount: 5 }]),
  }),
});

let productSvc: RunningService;

beforeAll(async () => {
  productSvc = await startStandInService("product-svc", standInProductRouter, SECRET);
  // Read lazily by the BFF on first use (webEnv), so setting it here, before any call, is enough.
  process.env.PRODUCT_SVC_URL = productSvc.url;
  process.env.INTERNAL_JWT_SECRET = SECRET;
});

afterAll(async () => {
  await productSvc?.close();
});

const serverCaller = (requestId: string, user: Parameters<typeof createBffContext>[0]["user"] = null) =>
  createBffCaller(createBffContext({ requestId, user }));

describe("BFF → product-svc", () => {
  it("relays calls for anonymous visitors as GUEST, with the request id", async () => {
    await expect(serverCaller("req-anon-1").categories.list()).resolves.toEqual([
      { slug: "kitchen", name: "Kitchen", productCount: 5 },
    ]);
    await serverCaller("req-anon-2").products.list({});
    expect(seen.at(-1)).toEqual({ requestId: "req-anon-2", caller: { sub: "web-bff", role: "GUEST" } });
  });

  it("relays a signed-in shopper as that shopper", async () => {
    const user = { id: "7b0f5c2e-0000-4000-8000-000000000001", role: "SHOPPER" as const, email: "a@b.test" };
    await serverCaller("req-shopper", user).products.list({});
    expect(seen.at(-1)?.caller).toEqual({ sub: user.id, role: "SHOPPER", email: "a@b.test" });
  });

  it("keeps the service's error code (NOT_FOUND stays NOT_FOUND)", async () => {
    const failure = await serverCaller("req-404")
      .products.bySlug({ slug: "nope" })
      .catch((e: unknown) => e);
    expect(failure).toBeInstanceOf(TRPCError);
    expect((failure as TRPCError).code).toBe("NOT_FOUND");
  });

  it("keeps field errors on server-side calls", async () => {
    const failure = await serverCaller("req-400")
      .products.list({ q: "far too long" })
      .catch((e: unknown) => e);
    expect((failure as TRPCError).code).toBe("BAD_REQUEST");
    expect(fieldErrorsOf(failure as TRPCError)).toEqual({ q: ["Search text is too long"] });
  });

  it("answers the browser with BAD_REQUEST, field errors and the request id, in the services' shape", async () => {
    const input = encodeURIComponent(JSON.stringify({ 0: { json: { q: "far too long" } } }));
    const response = await trpcRoute(
      new Request(`http://web.test/api/trpc/products.list?batch=1&input=${input}`, {
        headers: { "x-request-id": "req-browser-1" },
      }),
    );
    expect(response.status).toBe(400);
    expect(response.headers.get("x-request-id")).toBe("req-browser-1");
    const [body] = (await response.json()) as [{ error: { json: { data: Record<string, unknown> } } }];
    expect(body.error.json.data).toMatchObject({
      code: "BAD_REQUEST",
      httpStatus: 400,
      path: "products.list",
      fieldErrors: { q: ["Search text is too long"] },
    });
  });

  it("turns an unreachable service into a generic error that leaks nothing", async () => {
    await productSvc.close();
    const failure = await serverCaller("req-down")
      .categories.list()
      .catch((e: unknown) => e);
    expect((failure as TRPCError).code).toBe("INTERNAL_SERVER_ERROR");
    expect((failure as TRPCError).message).toBe("A backing service failed. Please try again.");
  });
});
