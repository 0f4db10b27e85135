import { requestIdFrom, withRequestScope } from "@shop/service-kit/log";
import { fetchRequestHandler } from "@trpc/server/adapters/fetch";
import { clientIpFromHeaders } from "../../../../server/http/client-ip.ts";
import { bffLogger } from "../../../../server/logger.ts";
import { currentSessionUser } from "../../../../server/session.ts";
import { createBffContext } from "../../../../server/trpc/context.ts";
import { bffRouter } from "../../../../server/trpc/router.ts";

/** The browser's only API: the BFF tRPC router over HTTP batching. */
function handleTrpc(request: Request): Promise<Response> {
  const requestId = requestIdFrom(request.headers.get("x-request-id"));
  return withRequestScope({ requestId }, () =>
    fetchRequestHandler({
      endpoint: "/api/trpc",
      req: request,
      router: bffRouter,
      createContext: async () =>
        createBffContext({
          requestId,
          user: await currentSessionUser(request),
          clientIp: clientIpFromHeaders(request.headers),
        }),
      // Echo the id so a browser-side report can be matched with the server's log lines.
      responseMeta: () => ({ headers: new Headers({ "x-request-id": requestId }) }),
      onError: ({ error, path }) => {
        // Procedure failures are logged by the procedure middleware; this catches what happens
        // before a procedure runs (unknown path, unparseable batch, context creation).
        if (error.code === "INTERNAL_SERVER_ERROR" && !path) {
          bffLogger().error({ err: error.cause ?? error }, "trpc request failed");
        }
      },
    }),
  );
}

export { handleTrpc as GET, handleTrpc as POST };
