import type { TRPCDefaultErrorShape, TRPCError } from "@trpc/server";
import { DetailedError, fieldErrorsOf, RetryAfterError } from "../errors.ts";

/**
 * The one error shape of every tier (services and the BFF): precise code, field errors for
 * BAD_REQUEST, retry-after for TOO_MANY_REQUESTS, structured details (e.g. out-of-stock lines).
 * INTERNAL_SERVER_ERROR messages and stacks are hidden unless `exposeInternalErrors`.
 */
export function formatErrorShape(
  shape: TRPCDefaultErrorShape,
  error: TRPCError,
  exposeInternalErrors: boolean,
) {
  const internal = error.code === "INTERNAL_SERVER_ERROR" && !exposeInternalErrors;
  return {
    ...shape,
    message: internal ? "Internal server error" : shape.message,
    data: {
      code: shape.data.code,
      httpStatus: shape.data.httpStatus,
      path: shape.data.path,
      fieldErrors: fieldErrorsOf(error),
      retryAfterSeconds: error.cause instanceof RetryAfterError ? error.cause.retryAfterSeconds : undefined,
      details: error.cause instanceof DetailedError ? error.cause.details : undefined,
      ...(exposeInternalErrors ? { stack: shape.data.stack } : {}),
    },
  };
}

export type ErrorShape = ReturnType<typeof formatErrorShape>;
