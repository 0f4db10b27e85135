import { formatErrorShape } from "@shop/service-kit/trpc";
import type { TRPCDefaultErrorShape, TRPCError } from "@trpc/server";

/**
 * The BFF uses the services' own error shape (service-kit), so the browser reads `data.fieldErrors`,
 * `data.retryAfterSeconds` and `data.details` the same way whichever tier failed.
 */
export function formatBffError(shape: TRPCDefaultErrorShape, error: TRPCError) {
  return formatErrorShape(shape, error, process.env.NODE_ENV !== "production");
}

export type BffErrorShape = ReturnType<typeof formatBffError>;
