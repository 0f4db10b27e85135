import type { Caller } from "@shop/service-kit/auth";
import { DetailedError } from "@shop/service-kit/errors";
import type { RunningService } from "@shop/service-kit/server";
import { initServiceTRPC } from "@shop/service-kit/trpc";
import { TRPCError, tracked } from "@trpc/server";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { z } from "zod";
import { startStandInService } from "../testing/stand-in-service.ts";
import { createBffContext } from "./context.ts";
import { createBffCaller } from "./router.ts";

/**
 * The BFF's cart, order and notification relays against stand-in order-svc and notify-svc running on
 * the real service server (internal tokens, error formatter, SSE), so the hops themselves are tested.
 */
const SECRET = "commerce-bff-test-secret-long-enough-0123456789";
const SHOPPER = {
  id: "7b0f5c2e-0000-4000-8000-0000000000aa",
  role: "SHOPPER" as const,
  email: "s@shop.test",
};

const seenCallers: Caller[] = [];
/** Subscriptions the stand-in notify-svc is serving right now, and the lastEventId each asked for. */
let openStreams = 0;
const requestedLastEventIds: (string | null | undefined)[] = [];

const order = initServiceTRPC();
const standInOrderRouter = order.router({
  cart: order.router({
    get: order.authedProcedure.query(({ ctx }) => {
      seenCallers.push(ctx.caller);
      return { items: [], itemCount: 0, subtotalCents: 0 };
    }),
  }),
  orders: order.router({
    place: order.authedProcedure.input(z.object({ idempotencyKey: z.string() })).mutation(() => {
      const outOfStock = [{ productId: "p1", name: "Headlamp", requested: 3, available: 1 }];
      throw new TRPCError({
        code: "CONFLICT",
        message: "Not enough stock: Headlamp (1 left, 3 requested).",
        cause: new DetailedError("Not enough stock", { outOfStock }),
      });
    }),
    updateStatus: order.adminProcedure
      .input(z.object({ orderId: z.string() }))
      .mutation(() => ({ ok: true })),
  }),
});

const notify = initServiceTRPC();
const standInNotifyRouter = notify.router({
  notifications: notify.router({
    onEvent: notify.authedProcedure
      .input(z.object({ lastEventId: z.string().nullish() }).optional())
      .subscription(async function* ({ input, signal }) {
        requestedLastEventIds.push(input?.lastEventId);
        openStreams += 1;
        try {
          const start = Number(input?.lastEventId ?? 0);
          for (let seq = start + 1; seq <= start + 2; seq += 1) {
            yield tracked(String(seq), { id: `n${seq}`, type: "order.status.updated", orderId: "o1" });
          }
          // Then stay open like a real stream, until the subscriber goes away.
          await new Promise<void>((resolve) => signal?.addEventListener("abort", () => resolve()));
        } finally {
          openStreams -= 1;
        }
      }),
  }),
});

let orderSvc: RunningService;
let notifySvc: RunningService;

beforeAll(async () => {
  orderSvc = await startStandInService("order-svc", standInOrderRouter, SECRET);
  notifySvc = await startStandInService("notify-svc", standInNotifyRouter, SECRET);
  // Read lazily by the BFF on first use (webEnv), so setting them before any call is enough.
  process.env.ORDER_SVC_URL = orderSvc.url;
  process.env.NOTIFY_SVC_URL = notifySvc.url;
  process.env.INTERNAL_JWT_SECRET = SECRET;
});

afterAll(async () => {
  await Promise.all([orderSvc?.close(), notifySvc?.close()]);
});

const bffFor = (user: Parameters<typeof createBffContext>[0]["user"]) =>
  createBffCaller(createBffContext({ requestId: "req-commerce", user }));

describe("BFF → order-svc", () => {
  it("refuses anonymous visitors before calling the service", async () => {
    seenCallers.length = 0;
    await expect(bffFor(null).cart.get()).rejects.toMatchObject({ code: "UNAUTHORIZED" });
    expect(seenCallers).toEqual([]);
  });

  it("relays the signed-in shopper as the caller", async () => {
    await bffFor(SHOPPER).cart.get();
    expect(seenCallers.at(-1)).toMatchObject({ sub: SHOPPER.id, role: "SHOPPER" });
  });

  it("keeps CONFLICT and its out-of-stock details", async () => {
    const failure = await bffFor(SHOPPER)
      .orders.place({ idempotencyKey: "checkout-key-1" })
      .catch((error: unknown) => error);
    expect(failure).toBeInstanceOf(TRPCError);
    expect((failure as TRPCError).code).toBe("CONFLICT");
    expect(((failure as TRPCError).cause as DetailedError).details).toEqual({
      outOfStock: [{ productId: "p1", name: "Headlamp", requested: 3, available: 1 }],
    });
  });

  it("passes the service's FORBIDDEN through for shoppers calling admin procedures", async () => {
    await expect(
      bffFor(SHOPPER).orders.updateStatus({ orderId: "o1", status: "SHIPPED" }),
    ).rejects.toMatchObject({ code: "FORBIDDEN" });
  });
});

describe("BFF → notify-svc live stream", () => {
  it("re-yields tracked items with their ids, forwards lastEventId, and closes upstream when the subscriber leaves", async () => {
    const stream = await bffFor(SHOPPER).notifications.onEvent({ lastEventId: "41" });
    const received: unknown[] = [];
    for await (const item of stream) {
      received.push(item);
      if (received.length === 2) break; // the browser goes away
    }
    // tracked(id, data) reaches the caller as [id, data, marker]: ids 42 and 43 continue from 41.
    expect(received.map((item) => (item as [string, unknown])[0])).toEqual(["42", "43"]);
    expect((received[0] as [string, { orderId: string }])[1].orderId).toBe("o1");
    expect(requestedLastEventIds.at(-1)).toBe("41");
    await expect.poll(() => openStreams, { timeout: 3_000 }).toBe(0);
  });

  it("refuses anonymous visitors", async () => {
    await expect(bffFor(null).notifications.onEvent({})).rejects.toMatchObject({ code: "UNAUTHORIZED" });
  });
});
