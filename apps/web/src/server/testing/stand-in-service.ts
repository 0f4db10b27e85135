import { createLogger } from "@shop/service-kit/log";
import { type RunningService, type ServiceServerOptions, startServiceServer } from "@shop/service-kit/server";

type ServerOptions = ServiceServerOptions<object>;

/**
 * For tests: serves `router` as the named service on the real service server (internal-token checks,
 * request ids, error formatter), so a BFF test crosses the actual hop. It listens on a free port and
 * logs nothing; a short drain keeps tests that stop it quick.
 */
export function startStandInService(
  name: ServerOptions["name"],
  router: ServerOptions["router"],
  secret: string,
  { drainTimeoutMs = 500 }: { drainTimeoutMs?: number } = {},
): Promise<RunningService> {
  return startServiceServer({
    name,
    router,
    deps: {},
    secret,
    log: createLogger(`${name}-stand-in`, "silent"),
    port: 0,
    drainTimeoutMs,
  });
}
