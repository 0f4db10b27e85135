import { TRPCClientError } from "@trpc/client";
import type { z } from "zod";
import type { BffErrorShape } from "../../server/trpc/error-shape.ts";

/** What the BFF's error shape tells the browser about a failed call (see server/trpc/error-shape.ts). */
export interface BffErrorFacts {
  /** The tRPC code (BAD_REQUEST, CONFLICT, …); undefined when the call never got an answer. */
  code: string | undefined;
  message: string;
  /** Field name → first message, for inline display. */
  fieldErrors: Record<string, string>;
  retryAfterSeconds: number | undefined;
}

export function bffErrorFacts(error: unknown): BffErrorFacts {
  if (!(error instanceof TRPCClientError)) {
    return {
      code: undefined,
      message: "Something went wrong",
      fieldErrors: {},
      retryAfterSeconds: undefined,
    };
  }
  const data = error.data as Partial<BffErrorShape["data"]> | undefined;
  const fieldErrors: Record<string, string> = {};
  for (const [field, messages] of Object.entries(data?.fieldErrors ?? {})) {
    const first = messages[0];
    if (first) fieldErrors[field] = first;
  }
  return {
    code: data?.code,
    message: error.message,
    fieldErrors,
    retryAfterSeconds: data?.retryAfterSeconds,
  };
}

/**
 * Checks form values in the browser with the service's own zod schema (imported from the service's
 * `schemas` subpath), so the form says exactly what the service would: field name → first message.
 */
export function schemaCheck<T extends z.ZodType>(
  schema: T,
  values: unknown,
): { ok: true; data: z.output<T> } | { ok: false; fieldErrors: Record<string, string> } {
  const result = schema.safeParse(values);
  if (result.success) return { ok: true, data: result.data };
  const fieldErrors: Record<string, string> = {};
  for (const issue of result.error.issues) {
    const field = String(issue.path[0] ?? "");
    fieldErrors[field] ??= issue.message;
  }
  return { ok: false, fieldErrors };
}
