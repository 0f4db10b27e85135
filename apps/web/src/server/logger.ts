import "server-only";
import { createLogger, type Logger } from "@shop/service-kit/log";
import { webEnv } from "./env.ts";

let logger: Logger | undefined;

/** The BFF's one pino logger; every line carries the request id of the request being served. */
export function bffLogger(): Logger {
  logger ??= createLogger("web-bff", webEnv().LOG_LEVEL);
  return logger;
}
