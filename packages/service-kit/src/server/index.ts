import http from "node:http";
import type { AddressInfo } from "node:net";
import type { AnyRouter } from "@trpc/server";
import { TRPCError } from "@trpc/server";
import { createHTTPHandler } from "@trpc/server/adapters/standalone";
import {
  bearerToken,
  InvalidInternalTokenError,
  type ServiceName,
  verifyInternalToken,
} from "../auth/internal-token.ts";
import { type Logger, requestIdFrom, withRequestScope } from "../log.ts";
import { httpRequests, renderMetrics } from "../metrics.ts";
import type { BaseContext } from "../trpc/index.ts";

export interface ServiceServerOptions<TDeps extends object> {
  name: ServiceName;
  router: AnyRouter;
  /** Service-specific context (database client, other service clients, …) shared by all requests. */
  deps: TDeps;
  secret: string;
  log: Logger;
  port: number;
  host?: string;
  /** Throws when the service cannot serve traffic (e.g. its database is unreachable). */
  readiness?: () => Promise<void>;
  /**
   * Runs first on shutdown, while the HTTP server still serves: stop taking background work (queue
   * pollers) and wait for what is in flight, which may still need the pools onShutdown closes.
   */
  stopIntake?: () => Promise<void>;
  /** Closes pools and background work after the HTTP server has drained. */
  onShutdown?: () => Promise<void>;
  /** How long in-flight requests get to finish on shutdown before connections are cut. */
  drainTimeoutMs?: number;
  /** Extra plain-HTTP routes (e.g. /metrics); return true when handled. */
  extraRoutes?: (req: http.IncomingMessage, res: http.ServerResponse) => boolean | Promise<boolean>;
}

export interface RunningService {
  url: string;
  port: number;
  server: http.Server;
  /**
   * Turns /ready to 503, runs stopIntake, stops accepting, lets in-flight requests finish (bounded),
   * then runs onShutdown. Idempotent.
   */
  close(): Promise<void>;
}

const TRPC_PREFIX = "/trpc/";
const MAX_BODY_BYTES = 1024 * 1024;

function sendJson(res: http.ServerResponse, status: number, body: unknown): void {
  const text = JSON.stringify(body);
  res.writeHead(status, { "content-type": "application/json", "content-length": Buffer.byteLength(text) });
  res.end(text);
}

export async function startServiceServer<TDeps extends object>(
  opts: ServiceServerOptions<TDeps>,
): Promise<RunningService> {
  const { log, name } = opts;
  let shuttingDown = false;

  const trpcHandler = createHTTPHandler({
    router: opts.router,
    basePath: TRPC_PREFIX,
    maxBodySize: MAX_BODY_BYTES,
    async createContext({ req }): Promise<BaseContext & TDeps> {
      const requestId = requestIdFrom(req.headers["x-request-id"]);
      const token = bearerToken(req.headers.authorization);
      if (!token) throw new TRPCError({ code: "UNAUTHORIZED", message: "Missing internal token" });
      try {
        const caller = await verifyInternalToken({ token, secret: opts.secret, audience: name });
        return { ...opts.deps, requestId, caller, log };
      } catch (error) {
        if (error instanceof InvalidInternalTokenError) {
          log.warn({ reason: error.message }, "rejected internal token");
          throw new TRPCError({ code: "UNAUTHORIZED", message: "Invalid internal token" });
        }
        throw error;
      }
    },
  });

  async function route(req: http.IncomingMessage, res: http.ServerResponse): Promise<void> {
    const path = (req.url ?? "/").split("?")[0] ?? "/";
    if (path === "/health") return sendJson(res, 200, { status: "ok", service: name });
    if (path === "/metrics") {
      // Plain Prometheus text for scrapers, like /health unauthenticated: keep it on the private network.
      const { contentType, body } = await renderMetrics();
      res.writeHead(200, { "content-type": contentType });
      res.end(body);
      return;
    }
    if (path === "/ready") {
      if (shuttingDown) return sendJson(res, 503, { status: "shutting-down", service: name });
      try {
        await opts.readiness?.();
        return sendJson(res, 200, { status: "ready", service: name });
      } catch (error) {
        log.warn({ err: error }, "readiness check failed");
        return sendJson(res, 503, { status: "not-ready", service: name });
      }
    }
    if (path.startsWith(TRPC_PREFIX)) return trpcHandler(req, res);
    if (opts.extraRoutes && (await opts.extraRoutes(req, res))) return;
    sendJson(res, 404, { error: "not found" });
  }

  const server = http.createServer((req, res) => {
    const requestId = requestIdFrom(req.headers["x-request-id"]);
    res.setHeader("x-request-id", requestId);
    res.once("finish", () => {
      const route = (req.url ?? "").startsWith(TRPC_PREFIX) ? "trpc" : (req.url ?? "/").split("?")[0];
      httpRequests.inc({
        service: name,
        route:
          route === "trpc" || route === "/health" || route === "/ready" || route === "/metrics"
            ? route
            : "other",
        status: String(res.statusCode),
      });
    });
    withRequestScope({ requestId }, () => {
      route(req, res).catch((error: unknown) => {
        log.error({ err: error }, "unhandled error in request");
        if (!res.headersSent) sendJson(res, 500, { error: "internal error" });
        else res.destroy();
      });
    });
  });
  // Bounded timeouts so a slow or stalled client cannot pin a connection forever.
  server.requestTimeout = 30_000;
  server.headersTimeout = 10_000;
  server.keepAliveTimeout = 5_000;

  await new Promise<void>((resolve, reject) => {
    server.once("error", reject);
    server.listen(opts.port, opts.host ?? "127.0.0.1", () => {
      server.off("error", reject);
      resolve();
    });
  });
  const { port, address } = server.address() as AddressInfo;
  const host = address.includes(":") ? `[${address}]` : address;
  const url = `http://${host === "0.0.0.0" || host === "[::]" ? "127.0.0.1" : host}:${port}`;

  let closing: Promise<void> | undefined;
  const close = () => {
    closing ??= (async () => {
      shuttingDown = true;
      await opts.stopIntake?.();
      const drained = new Promise<void>((resolve) => server.close(() => resolve()));
      server.closeIdleConnections();
      const cutoff = setTimeout(() => {
        log.warn("drain timeout reached; closing remaining connections");
        server.closeAllConnections();
      }, opts.drainTimeoutMs ?? 10_000);
      cutoff.unref();
      await drained;
      clearTimeout(cutoff);
      await opts.onShutdown?.();
    })();
    return closing;
  };

  return { url, port, server, close };
}

/** Closes the service on SIGTERM/SIGINT and exits once drained; a second signal exits at once. */
export function exitOnSignals(service: RunningService, log: Logger): void {
  let received = false;
  const onSignal = (signal: NodeJS.Signals) => {
    if (received) process.exit(1);
    received = true;
    log.info({ signal }, "shutting down: draining in-flight requests");
    service.close().then(
      () => {
        log.info("shutdown complete");
        process.exit(0);
      },
      (error: unknown) => {
        log.error({ err: error }, "shutdown failed");
        process.exit(1);
      },
    );
  };
  process.on("SIGTERM", onSignal);
  process.on("SIGINT", onSignal);
}
