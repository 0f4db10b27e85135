import { TRPCClientError } from "@trpc/client";
import { TRPCError } from "@trpc/server";
import type { TRPC_ERROR_CODE_KEY } from "@trpc/server/rpc";
import { z } from "zod";

/** Field path ("items.0.quantity", "" for the input as a whole) → messages. */
export type FieldErrors = Record<string, string[]>;

/** Carries field errors across a hop, so a BAD_REQUEST from a service reaches the browser intact. */
export class FieldValidationError extends Error {
  override readonly name = "FieldValidationError";
  constructor(
    message: string,
    readonly fieldErrors: FieldErrors,
  ) {
    super(message);
  }
}

export function fieldErrorsFromZod(error: z.ZodError): FieldErrors {
  const out: FieldErrors = {};
  for (const issue of error.issues) {
    const key = issue.path.map(String).join(".");
    const list = out[key] ?? [];
    list.push(issue.message);
    out[key] = list;
  }
  return out;
}

/** The field errors a TRPCError carries, whichever layer produced them. */
export function fieldErrorsOf(error: TRPCError): FieldErrors | undefined {
  const cause = error.cause;
  if (cause instanceof z.ZodError) return fieldErrorsFromZod(cause);
  if (cause instanceof FieldValidationError) return cause.fieldErrors;
  return undefined;
}

const KNOWN_CODES = new Set<string>([
  "BAD_REQUEST",
  "UNAUTHORIZED",
  "FORBIDDEN",
  "NOT_FOUND",
  "CONFLICT",
  "PRECONDITION_FAILED",
  "TOO_MANY_REQUESTS",
  "PAYLOAD_TOO_LARGE",
  "TIMEOUT",
]);

interface DownstreamErrorData {
  code?: string;
  fieldErrors?: FieldErrors;
  retryAfterSeconds?: number;
  details?: Record<string, unknown>;
}

/**
 * The one error mapping between tiers: a TRPCClientError from a downstream service becomes a TRPCError
 * with the same code, message and field errors. Anything else (network failure, timeout, a 5xx
 * downstream) becomes a generic error that does not leak internals to the caller.
 */
export function toUpstreamError(error: unknown): TRPCError {
  if (error instanceof TRPCError) return error;
  if (error instanceof TRPCClientError) {
    const data = (error.data ?? {}) as DownstreamErrorData;
    const code = data.code;
    if (code && KNOWN_CODES.has(code)) {
      const cause = data.fieldErrors
        ? new FieldValidationError(error.message, data.fieldErrors)
        : data.retryAfterSeconds !== undefined
          ? new RetryAfterError(error.message, data.retryAfterSeconds)
          : data.details
            ? new DetailedError(error.message, data.details)
            : undefined;
      return new TRPCError({ code: code as TRPC_ERROR_CODE_KEY, message: error.message, cause });
    }
  }
  return new TRPCError({
    code: "INTERNAL_SERVER_ERROR",
    message: "A backing service failed. Please try again.",
    cause: error instanceof Error ? error : undefined,
  });
}

/**
 * Structured, JSON-safe facts about a refusal that a client can act on (e.g. which products are out of
 * stock and how many are left). Passed through every tier like field errors.
 */
export class DetailedError extends Error {
  override readonly name = "DetailedError";
  constructor(
    message: string,
    readonly details: Record<string, unknown>,
  ) {
    super(message);
  }
}

/** A TOO_MANY_REQUESTS cause that tells the client how long to wait. */
export class RetryAfterError extends Error {
  override readonly name = "RetryAfterError";
  constructor(
    message: string,
    readonly retryAfterSeconds: number,
  ) {
    super(message);
  }
}
