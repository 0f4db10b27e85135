import "server-only";
import { toUpstreamError } from "@shop/service-kit/errors";
import { withRequestScope } from "@shop/service-kit/log";
import { initTRPC } from "@trpc/server";
import superjson from "superjson";
import type { BffContext } from "./context.ts";
import { formatBffError } from "./error-shape.ts";

const t = initTRPC.context<BffContext>().create({
  transformer: superjson,
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
export const createCallerFactory = t.createCallerFactory;
/** Open to anonymous visitors; the service behind it decides what a GUEST may do. */
export const publicProcedure = logged;

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
