import { createServiceClient } from "@shop/service-kit/client";
import type { AppRouter as UserRouter } from "@shop/user-svc/router";

/** order-svc's typed client for user-svc, calling as the SERVICE role (users.byId at checkout). */
export function createUserClient(opts: { url: string; secret: string }) {
  return createServiceClient<UserRouter>({
    audience: "user-svc",
    url: opts.url,
    secret: opts.secret,
    caller: { sub: "order-svc", role: "SERVICE" },
  });
}
export type UserClient = ReturnType<typeof createUserClient>;
