import { initTRPC, TRPCError } from "@trpc/server";
import superjson from "superjson";
import type { Caller, Role } from "../auth/internal-token.ts";
import type { Logger } from "../log.ts";
import { procedureDuration } from "../metrics.ts";
import { formatErrorShape } from "./error-shape.ts";

export { type ErrorShape, formatErrorShape } from "./error-shape.ts";

/** What every procedure of every service can rely on. Services add their own dependencies (db, …). */
export interface BaseContext {
  requestId: string;
  caller: Caller;
  log: Logger;
}

export interface ServiceTRPCOptions {
  /** Label for metrics; defaults to the SERVICE_NAME env or "service". */
  service?: string;
  /** When false, INTERNAL_SERVER_ERROR messages and stacks are hidden from callers. */
  exposeInternalErrors?: boolean;
}

/**
 * The one tRPC init every service uses: superjson, an error shape that carries zod field errors, and
 * role-checked procedure builders. Call it once per service with that service's extra context type.
 */
export function initServiceTRPC<TDeps extends object = object>(options: ServiceTRPCOptions = {}) {
  const serviceLabel = options.service ?? process.env.SERVICE_NAME ?? "service";
  const t = initTRPC.context<BaseContext & TDeps>().create({
    transformer: superjson,
    // Subscriptions over SSE: pings keep proxies from closing idle streams, the client reconnects
    // (resuming from the last tracked id) if pings stop, and streams end after 10 minutes so a
    // reconnect re-authenticates with a fresh internal token.
    sse: {
      maxDurationMs: 10 * 60_000,
      ping: { enabled: true, intervalMs: 10_000 },
      client: { reconnectAfterInactivityMs: 25_000 },
    },
    errorFormatter: ({ shape, error }) =>
      formatErrorShape(shape, error, options.exposeInternalErrors ?? false),
  });

  const logged = t.procedure.use(async ({ ctx, path, type, next }) => {
    const started = performance.now();
    const result = await next();
    const elapsed = performance.now() - started;
    const durationMs = Math.round(elapsed * 10) / 10;
    procedureDuration.observe(
      { service: serviceLabel, path, type, code: result.ok ? "OK" : result.error.code },
      elapsed / 1000,
    );
    if (result.ok) {
      ctx.log.debug({ path, type, durationMs }, "procedure ok");
    } else if (result.error.code === "INTERNAL_SERVER_ERROR") {
      ctx.log.error({ path, type, durationMs, err: result.error.cause ?? result.error }, "procedure failed");
    } else {
      ctx.log.info({ path, type, durationMs, code: result.error.code }, "procedure refused");
    }
    return result;
  });

  const requireRole = (caller: Caller, roles: readonly Role[]) => {
    if (roles.includes(caller.role)) return;
    if (caller.role === "GUEST") throw new TRPCError({ code: "UNAUTHORIZED", message: "Sign in first" });
    throw new TRPCError({ code: "FORBIDDEN", message: "Not allowed for this account" });
  };

  /** A signed-in person (shopper or admin); `ctx.user` is their identity. */
  const authedProcedure = logged.use(({ ctx, next }) => {
    requireRole(ctx.caller, ["SHOPPER", "ADMIN"]);
    const user = {
      id: ctx.caller.sub,
      role: ctx.caller.role as "SHOPPER" | "ADMIN",
      email: ctx.caller.email,
    };
    return next({ ctx: { user } });
  });

  return {
    router: t.router,
    mergeRouters: t.mergeRouters,
    middleware: t.middleware,
    createCallerFactory: t.createCallerFactory,
    /** Any holder of a valid internal token, including anonymous visitors relayed by the BFF. */
    publicProcedure: logged,
    authedProcedure,
    adminProcedure: authedProcedure.use(({ ctx, next }) => {
      requireRole(ctx.caller, ["ADMIN"]);
      return next();
    }),
    /** Service-to-service only (e.g. inventory.reserve). */
    serviceProcedure: logged.use(({ ctx, next }) => {
      requireRole(ctx.caller, ["SERVICE"]);
      return next();
    }),
  };
}
