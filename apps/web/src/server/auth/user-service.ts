import "server-only";
import type { Caller } from "@shop/service-kit/auth";
import { requestIdFrom } from "@shop/service-kit/log";
import { createServiceClients } from "../services.ts";

/** user-svc as the BFF itself, outside any tRPC request: anonymous (GUEST) with the client's IP. */
export function userServiceAsGuest(ip: string | undefined, requestId: string | undefined) {
  const caller: Caller = { sub: "web-bff", role: "GUEST", ip };
  return createServiceClients(caller, requestIdFrom(requestId)).user;
}

/**
 * user-svc as a trusted service: only for `auth.upsertOAuthUser`, where the BFF itself vouches for
 * an identity it has verified with Google (state, PKCE and ID-token checks done by next-auth).
 */
export function userServiceAsBff(requestId: string | undefined) {
  const caller: Caller = { sub: "web-bff", role: "SERVICE" };
  return createServiceClients(caller, requestIdFrom(requestId)).user;
}
