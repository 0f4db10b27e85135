import { AsyncLocalStorage } from "node:async_hooks";
import { randomUUID } from "node:crypto";
import { type Logger, type LoggerOptions, pino } from "pino";

export type { Logger } from "pino";

/** What is known about the request being served; carried implicitly through every await. */
export interface RequestScope {
  requestId: string;
}

const requestScope = new AsyncLocalStorage<RequestScope>();

/** Runs `fn` with `requestId` attached to every log line and every outgoing service call inside it. */
export function withRequestScope<T>(scope: RequestScope, fn: () => T): T {
  return requestScope.run(scope, fn);
}

export function currentRequestId(): string | undefined {
  return requestScope.getStore()?.requestId;
}

const REQUEST_ID = /^[\w.:-]{1,128}$/;

/** Accepts a caller's x-request-id only when it is a sane token; otherwise mints a new one. */
export function requestIdFrom(header: string | string[] | null | undefined): string {
  const value = Array.isArray(header) ? header[0] : header;
  return value && REQUEST_ID.test(value) ? value : randomUUID();
}

/**
 * One logger per process. The mixin stamps the current request id on every line, so code deep in a
 * call chain logs correlated lines without passing a child logger around.
 */
export function createLogger(service: string, level: LoggerOptions["level"] = "info"): Logger {
  return pino({
    name: service,
    level,
    base: { service },
    mixin: () => {
      const requestId = currentRequestId();
      return requestId ? { requestId } : {};
    },
    redact: {
      paths: [
        "password",
        "*.password",
        "token",
        "*.token",
        "authorization",
        "*.authorization",
        "headers.cookie",
      ],
      censor: "[redacted]",
    },
  });
}
