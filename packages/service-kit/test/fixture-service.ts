import { EventEmitter } from "node:events";
import { TRPCError } from "@trpc/server";
import { z } from "zod";
import { createLogger } from "../src/log.ts";
import { startServiceServer } from "../src/server/index.ts";
import { initServiceTRPC } from "../src/trpc/index.ts";

export const SECRET = "kit-test-secret-kit-test-secret-0123456789";

/** A tiny service built only from the kit, to test the kit's HTTP behaviour in isolation. */
export function buildFixtureRouter() {
  const t = initServiceTRPC<{ calls: Map<string, number>; events: EventEmitter }>();
  const bump = (calls: Map<string, number>, key: string) => {
    const n = (calls.get(key) ?? 0) + 1;
    calls.set(key, n);
    return n;
  };
  return t.router({
    whoami: t.publicProcedure.query(({ ctx }) => ({ caller: ctx.caller, requestId: ctx.requestId })),
    adminOnly: t.adminProcedure.query(() => "secret"),
    serviceOnly: t.serviceProcedure.query(() => "internal"),
    mine: t.authedProcedure.query(({ ctx }) => ctx.user.id),
    echo: t.publicProcedure
      .input(z.object({ name: z.string().min(2, "Name is too short"), age: z.number().int().min(0) }))
      .mutation(({ input }) => input),
    /** Fails with a 500 the first `failures` times it is called for `key`. */
    flakyQuery: t.publicProcedure
      .input(z.object({ key: z.string(), failures: z.number() }))
      .query(({ ctx, input }) => {
        const n = bump(ctx.calls, input.key);
        if (n <= input.failures) throw new Error("transient failure");
        return n;
      }),
    flakyMutation: t.publicProcedure
      .input(z.object({ key: z.string(), failures: z.number() }))
      .mutation(({ ctx, input }) => {
        const n = bump(ctx.calls, input.key);
        if (n <= input.failures) throw new Error("transient failure");
        return n;
      }),
    conflict: t.publicProcedure.mutation(() => {
      throw new TRPCError({ code: "CONFLICT", message: "Already exists" });
    }),
    slow: t.publicProcedure.input(z.object({ ms: z.number() })).query(async ({ ctx, input }) => {
      ctx.events.emit("slow-started");
      await new Promise((r) => setTimeout(r, input.ms));
      return "done";
    }),
  });
}
export type FixtureRouter = ReturnType<typeof buildFixtureRouter>;

export async function startFixture(
  opts: {
    readiness?: () => Promise<void>;
    stopIntake?: () => Promise<void>;
    onShutdown?: () => Promise<void>;
  } = {},
) {
  const calls = new Map<string, number>();
  const events = new EventEmitter();
  const service = await startServiceServer({
    name: "product-svc",
    router: buildFixtureRouter(),
    deps: { calls, events },
    secret: SECRET,
    log: createLogger("kit-test", "silent"),
    port: 0,
    drainTimeoutMs: 2_000,
    ...(opts.readiness ? { readiness: opts.readiness } : {}),
    ...(opts.stopIntake ? { stopIntake: opts.stopIntake } : {}),
    ...(opts.onShutdown ? { onShutdown: opts.onShutdown } : {}),
  });
  return { service, calls, events };
}
