import "server-only";
import { toUpstreamError } from "@shop/service-kit/errors";
import { withRequestScope } from "@shop/service-kit/log";
import { initTRPC, TRPCError } from "@trpc/server";
import superjson from "superjson";
import type { BffContext } from "./context.ts";
import { formatBffError } from "./error-shape.ts";

const t = initTRPC.context<BffContext>().create({
  transformer: superjson,
  // Live notifications reach the browser over SSE (httpSubscriptionLink). Pings keep idle streams
  // open through proxies; the browser reconnects (resuming from the last tracked id) when pings stop;
  // streams end after 10 minutes so a reconnect re-reads the session (a signed-out user stops receiving).
  sse: {
    maxDurationMs: 10 * 60_000,
    ping: { enabled: true, intervalMs: 10_000 },
    client: { reconnectAfterInactivityMs: 25_000 },
  },
  errorFormatter: ({ shape, error }) => formatBffError(shape, error),
});

/**
 * Every procedure runs inside the request's scope, so log lines and outgoing service calls carry its
 * request id even when called from a server component (where no HTTP handler set up the scope).
 */
const scoped = t.procedure.use(({ ctx, next }) => withRequestScope({ requestId: ctx.requestId }, next));

const logged = scoped.use(async ({ ctx, path, type, next }) => {
  const started = performance.now();
  const result = await next();
  const durationMs = Math.round((performance.now() - started) * 10) / 10;
  if (result.ok) {
    ctx.log.debug({ path, type, durationMs }, "bff procedure ok");
  } else if (result.error.code === "INTERNAL_SERVER_ERROR") {
    ctx.log.error(
      { path, type, durationMs, err: result.error.cause ?? result.error },
      "bff procedure failed",
    );
  } else {
    ctx.log.info({ path, type, durationMs, code: result.error.code }, "bff procedure refused");
  }
  return result;
});

export const router = t.router;
/** Joins routers under one name, e.g. the storefront's and the admin's `products` procedures. */
export const mergeRouters = t.mergeRouters;
export const createCallerFactory = t.createCallerFactory;
/** Open to anonymous visitors; the service behind it decides what a GUEST may do. */
export const publicProcedure = logged;

/**
 * For signed-in people only. The services enforce this too (GUEST → UNAUTHORIZED); refusing here
 * spares anonymous visitors' requests (e.g. the header's cart probe) a round-trip to a service.
 */
export const signedInProcedure = logged.use(({ ctx, next }) => {
  if (!ctx.user) throw new TRPCError({ code: "UNAUTHORIZED", message: "Sign in first" });
  return next({ ctx: { user: ctx.user } });
});

/**
 * For admins only. The owning services are the authority (they refuse non-admins themselves); this
 * second check refuses a shopper at the BFF too, so one forgotten check is not an open door.
 */
export const adminProcedure = signedInProcedure.use(({ ctx, next }) => {
  if (ctx.user.role !== "ADMIN") throw new TRPCError({ code: "FORBIDDEN", message: "Admins only" });
  return next();
});

/**
 * Awaits a service call and turns its failure into the BFF's own TRPCError (same code, message and
 * field errors) — so a service's BAD_REQUEST reaches the browser as BAD_REQUEST, not as a 500.
 */
export async function fromService<T>(call: Promise<T>): Promise<T> {
  try {
    return await call;
  } catch (error) {
    throw toUpstreamError(error);
  }
}
