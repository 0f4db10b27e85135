import "server-only";
import { requestIdFrom } from "@shop/service-kit/log";
import { headers } from "next/headers";
import { cache } from "react";
import { clientIpFromHeaders } from "./http/client-ip.ts";
import { currentSessionUser } from "./session.ts";
import { createBffContext } from "./trpc/context.ts";
import { createBffCaller } from "./trpc/router.ts";

/**
 * The BFF router called in-process from server components: same procedures, same error mapping, no
 * HTTP round-trip to ourselves. cache() gives one caller (one request id) per server render.
 */
export const bffServerCaller = cache(async () => {
  const requestHeaders = await headers();
  const requestId = requestIdFrom(requestHeaders.get("x-request-id"));
  const user = await currentSessionUser();
  const clientIp = clientIpFromHeaders(requestHeaders);
  return createBffCaller(createBffContext({ requestId, user, clientIp }));
});
