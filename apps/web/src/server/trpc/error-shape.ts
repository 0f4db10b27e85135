import { fieldErrorsOf, RetryAfterError } from "@shop/service-kit/errors";
import type { TRPCDefaultErrorShape, TRPCError } from "@trpc/server";

/**
 * The BFF's error shape, identical to what the services send (see initServiceTRPC in service-kit), so
 * the browser reads `data.fieldErrors` / `data.retryAfterSeconds` the same way whichever tier failed.
 * Internal error messages and stacks are only shown outside production.
 */
export function formatBffError(shape: TRPCDefaultErrorShape, error: TRPCError) {
  const exposeInternals = process.env.NODE_ENV !== "production";
  const hideMessage = error.code === "INTERNAL_SERVER_ERROR" && !exposeInternals;
  const retryAfterSeconds =
    error.cause instanceof RetryAfterError ? error.cause.retryAfterSeconds : undefined;
  return {
    ...shape,
    message: hideMessage ? "Internal server error" : shape.message,
    data: {
      code: shape.data.code,
      httpStatus: shape.data.httpStatus,
      path: shape.data.path,
      fieldErrors: fieldErrorsOf(error),
      retryAfterSeconds,
      ...(exposeInternals ? { stack: shape.data.stack } : {}),
    },
  };
}

export type BffErrorShape = ReturnType<typeof formatBffError>;
