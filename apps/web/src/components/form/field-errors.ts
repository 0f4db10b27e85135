import { TRPCClientError } from "@trpc/client";
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
