import {
  createTRPCClient,
  type HTTPBatchLinkOptions,
  httpBatchLink,
  httpSubscriptionLink,
  retryLink,
  splitLink,
  type TRPCClientError,
} from "@trpc/client";
import type { AnyRouter } from "@trpc/server";
import { EventSource } from "eventsource";
import superjson from "superjson";
import { type Caller, mintInternalToken, type ServiceName } from "../auth/internal-token.ts";
import { currentRequestId } from "../log.ts";

export interface ServiceClientOptions {
  /** The service being called; tokens are minted for exactly this audience. */
  audience: ServiceName;
  /** Base URL of the service, e.g. http://127.0.0.1:4002 */
  url: string;
  secret: string;
  /** Who the call is made for: a user relayed by the BFF, or the calling service itself. */
  caller: Caller | (() => Caller);
  /** Defaults to the request id of the request being served (AsyncLocalStorage). */
  requestId?: () => string | undefined;
  /** Per HTTP attempt. */
  timeoutMs?: number;
  /** Extra attempts for queries on transient failures. Mutations are never retried. */
  maxRetries?: number;
  /** Base of the exponential backoff; each delay is a random value up to base·2^attempt (full jitter). */
  retryBaseMs?: number;
  fetch?: typeof fetch;
}

const TRANSIENT_CODES = new Set([
  "INTERNAL_SERVER_ERROR",
  "TIMEOUT",
  "BAD_GATEWAY",
  "SERVICE_UNAVAILABLE",
  "GATEWAY_TIMEOUT",
]);

const TOKEN_LIFETIME_SECONDS = 30;
/** Reuse a minted token for at most half its life, so the service never receives a nearly expired one. */
const TOKEN_REUSE_MS = (TOKEN_LIFETIME_SECONDS / 2) * 1000;
const TOKEN_CACHE_MAX = 5_000;
const tokenCache = new Map<string, { token: string; reuseUntil: number }>();

/**
 * Minting (and verifying) an HS256 token costs ~0.15 ms each; a caller making several calls to the
 * same service within seconds reuses one token, which the service has then already verified.
 */
async function tokenFor(secret: string, audience: ServiceName, caller: Caller): Promise<string> {
  // The secret is part of the key: a token is only reused with the secret that signed it.
  const key = JSON.stringify([
    secret,
    audience,
    caller.sub,
    caller.role,
    caller.email ?? "",
    caller.ip ?? "",
  ]);
  const cached = tokenCache.get(key);
  const now = Date.now();
  if (cached && cached.reuseUntil > now) return cached.token;
  const token = await mintInternalToken({
    secret,
    audience,
    caller,
    lifetimeSeconds: TOKEN_LIFETIME_SECONDS,
  });
  if (tokenCache.size >= TOKEN_CACHE_MAX) tokenCache.delete(tokenCache.keys().next().value as string);
  tokenCache.set(key, { token, reuseUntil: now + TOKEN_REUSE_MS });
  return token;
}

/** True for failures where trying the same query again can help: network errors, timeouts, 5xx. */
export function isTransient(error: TRPCClientError<AnyRouter>): boolean {
  const code = (error.data as { code?: string } | undefined)?.code;
  if (!code) return true; // no tRPC response at all: connection refused/reset, timeout
  return TRANSIENT_CODES.has(code);
}

export function backoffDelayMs(attempt: number, baseMs: number, capMs = 2_000): number {
  return Math.floor(Math.random() * Math.min(capMs, baseMs * 2 ** attempt));
}

/**
 * The one way anything calls a service: typed by the service's router (import type only), with a
 * fresh internal token and the current request id on every request, a per-attempt timeout, and
 * retries with exponential backoff and jitter for queries only — a retried mutation could run twice.
 */
export function createServiceClient<TRouter extends AnyRouter>(opts: ServiceClientOptions) {
  const timeoutMs = opts.timeoutMs ?? 5_000;
  const maxRetries = opts.maxRetries ?? 2;
  const baseMs = opts.retryBaseMs ?? 50;
  const resolveCaller = typeof opts.caller === "function" ? opts.caller : () => opts.caller as Caller;
  const requestId = opts.requestId ?? currentRequestId;
  const baseFetch = opts.fetch ?? fetch;
  const baseUrl = `${opts.url.replace(/\/$/, "")}/trpc`;
  const authHeaders = async () => {
    const token = await tokenFor(opts.secret, opts.audience, resolveCaller());
    const headers: Record<string, string> = { authorization: `Bearer ${token}` };
    const id = requestId();
    if (id) headers["x-request-id"] = id;
    return headers;
  };

  // Subscriptions (SSE) need EventSource, which Node has only behind a flag; the ponyfill's fetch
  // hook carries a fresh token on every (re)connect, so a resumed stream never presents an expired one.
  const subscriptionLink = httpSubscriptionLink({
    url: baseUrl,
    transformer: superjson,
    EventSource,
    eventSourceOptions: () => ({
      fetch: async (url: string | URL, init: { headers: Record<string, string> } & Record<string, unknown>) =>
        baseFetch(url, { ...(init as RequestInit), headers: { ...init.headers, ...(await authHeaders()) } }),
    }),
  } as unknown as Parameters<typeof httpSubscriptionLink>[0]);

  const requestLinks = [
    retryLink({
      retry: ({ op, error, attempts }) => op.type === "query" && attempts <= maxRetries && isTransient(error),
      retryDelayMs: (attemptIndex) => backoffDelayMs(attemptIndex, baseMs),
    }),
    httpBatchLink({
      url: baseUrl,
      transformer: superjson,
      maxItems: 20,
      headers: authHeaders,
      fetch: (input: Parameters<typeof fetch>[0], init?: RequestInit) => {
        const timeout = AbortSignal.timeout(timeoutMs);
        const signal = init?.signal ? AbortSignal.any([init.signal, timeout]) : timeout;
        return baseFetch(input, { ...init, signal });
      },
      // Every service uses superjson (one tRPC init), but a generic TRouter cannot prove that to the compiler.
    } as unknown as HTTPBatchLinkOptions<TRouter["_def"]["_config"]["$types"]>),
  ];

  return createTRPCClient<TRouter>({
    links: [
      splitLink({
        condition: (op) => op.type === "subscription",
        true: subscriptionLink,
        false: requestLinks,
      }),
    ],
  });
}

export type ServiceClient<TRouter extends AnyRouter> = ReturnType<typeof createServiceClient<TRouter>>;
