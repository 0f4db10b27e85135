import type { Caller, ServiceName } from "@shop/service-kit/auth";
import { createServiceClient } from "@shop/service-kit/client";
import { createLogger } from "@shop/service-kit/log";
import { type RunningService, startServiceServer } from "@shop/service-kit/server";
import type { AnyRouter } from "@trpc/server";

/** The internal-token secret every test service and client shares. */
export const TEST_SECRET = "test-internal-secret-that-is-at-least-32-chars";

export const callers = {
  guest: { sub: "web-bff", role: "GUEST" },
  shopper: { sub: "00000000-0000-4000-8000-000000000001", role: "SHOPPER", email: "shopper@example.test" },
  otherShopper: { sub: "00000000-0000-4000-8000-000000000002", role: "SHOPPER", email: "other@example.test" },
  admin: { sub: "00000000-0000-4000-8000-0000000000ad", role: "ADMIN", email: "admin@example.test" },
  service: { sub: "order-svc", role: "SERVICE" },
} satisfies Record<string, Caller>;

export interface TestService<TRouter extends AnyRouter> {
  url: string;
  service: RunningService;
  /** A typed client calling the real HTTP server as `caller`. */
  as(caller: Caller): ReturnType<typeof createServiceClient<TRouter>>;
  close(): Promise<void>;
}

/** Starts a service's real HTTP server on a free port, exactly as production does, minus the process. */
export async function startTestService<TRouter extends AnyRouter, TDeps extends object>(opts: {
  name: ServiceName;
  router: TRouter;
  deps: TDeps;
  onShutdown?: () => Promise<void>;
}): Promise<TestService<TRouter>> {
  const log = createLogger(opts.name, process.env.TEST_LOG_LEVEL ?? "silent");
  const service = await startServiceServer({
    name: opts.name,
    router: opts.router,
    deps: opts.deps,
    secret: TEST_SECRET,
    log,
    port: 0,
    drainTimeoutMs: 1_000,
    ...(opts.onShutdown ? { onShutdown: opts.onShutdown } : {}),
  });
  return {
    url: service.url,
    service,
    as: (caller) =>
      createServiceClient<TRouter>({
        audience: opts.name,
        url: service.url,
        secret: TEST_SECRET,
        caller,
        maxRetries: 0,
      }),
    close: () => service.close(),
  };
}
