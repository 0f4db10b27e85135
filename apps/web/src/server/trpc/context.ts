import "server-only";
import type { Caller } from "@shop/service-kit/auth";
import type { Logger } from "@shop/service-kit/log";
import { bffLogger } from "../logger.ts";
import { createServiceClients, type ServiceClients } from "../services.ts";
import { callerFor, type SessionUser } from "../session.ts";

export interface BffContext {
  requestId: string;
  /** null for anonymous visitors. */
  user: SessionUser | null;
  /** The identity relayed to services in each internal token. */
  caller: Caller;
  services: ServiceClients;
  log: Logger;
}

export interface BffContextInput {
  requestId: string;
  user: SessionUser | null;
  /** The client's IP (see server/http/client-ip.ts); relayed so user-svc can rate-limit per client. */
  clientIp?: string | undefined;
}

/**
 * Builds the context for one BFF request, whether it arrives over HTTP (/api/trpc) or from a server
 * component through the server-side caller. Both resolve the session themselves and pass it in.
 */
export function createBffContext({ requestId, user, clientIp }: BffContextInput): BffContext {
  const caller = callerFor(user, clientIp);
  return {
    requestId,
    user,
    caller,
    services: createServiceClients(caller, requestId),
    log: bffLogger(),
  };
}
