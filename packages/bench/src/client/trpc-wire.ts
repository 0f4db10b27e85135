import superjson, { type SuperJSONResult } from "superjson";
import type { HttpClient } from "./http.ts";

/** A tRPC error as the server reported it: `code` is the tRPC code (CONFLICT, UNAUTHORIZED, …). */
export class TrpcCallError extends Error {
  override readonly name = "TrpcCallError";
  constructor(
    readonly code: string,
    readonly httpStatus: number,
    message: string,
  ) {
    super(message);
  }
}

export interface TrpcEndpoint {
  http: HttpClient;
  /** e.g. http://localhost:3200/api/trpc (BFF) or http://127.0.0.1:4202/trpc (a service). */
  baseUrl: string;
  /** Per call: a session cookie, an Authorization header, … */
  headers?: () => Record<string, string> | Promise<Record<string, string>>;
}

/**
 * tRPC's HTTP wire format (non-batched, superjson), written out rather than going through
 * @trpc/client: the measured loops then cost the same on the client side for the tRPC servers and
 * for the raw baselines, and one request is exactly one HTTP exchange.
 */
export async function trpcQuery<T>(endpoint: TrpcEndpoint, path: string, input?: unknown): Promise<T> {
  const query =
    input === undefined ? "" : `?input=${encodeURIComponent(JSON.stringify(superjson.serialize(input)))}`;
  const res = await endpoint.http.request(`${endpoint.baseUrl}/${path}${query}`, {
    headers: { ...(await endpoint.headers?.()) },
  });
  return decode<T>(res.status, res.body);
}

export async function trpcMutation<T>(endpoint: TrpcEndpoint, path: string, input?: unknown): Promise<T> {
  const res = await endpoint.http.request(`${endpoint.baseUrl}/${path}`, {
    method: "POST",
    headers: { "content-type": "application/json", ...(await endpoint.headers?.()) },
    body: JSON.stringify(superjson.serialize(input)),
  });
  return decode<T>(res.status, res.body);
}

interface WireError {
  message?: string;
  data?: { code?: string; httpStatus?: number };
}

function decode<T>(status: number, body: string): T {
  // Both the result and the error are superjson documents ({ json, meta? }).
  let parsed: { result?: { data?: SuperJSONResult }; error?: SuperJSONResult };
  try {
    parsed = JSON.parse(body) as typeof parsed;
  } catch {
    throw new TrpcCallError(`HTTP_${status}`, status, `not a tRPC response (HTTP ${status})`);
  }
  if (parsed.error !== undefined) {
    const error = superjson.deserialize<WireError>(parsed.error);
    throw new TrpcCallError(
      error.data?.code ?? `HTTP_${status}`,
      error.data?.httpStatus ?? status,
      error.message ?? "tRPC error",
    );
  }
  return superjson.deserialize<T>(parsed.result?.data ?? { json: undefined });
}
