import { readFileSync } from "node:fs";
import { type APIRequestContext, type BrowserContext, expect, type Page } from "@playwright/test";
import { E2E_ADMIN, newShopper, signIn, signUp, uniqueClientIp } from "./support/accounts.ts";
import { test } from "./support/commerce.ts";

/*
 * The BFF's authorization matrix: every procedure of the BFF router, called over HTTP the way the
 * browser's tRPC client calls it, by an anonymous visitor, a freshly registered shopper and the seeded
 * admin. The expected answers live in bff-access-policy.json; apps/web's router-coverage.test.ts fails
 * `npm test` when the router has a procedure the policy does not list, so nothing goes unchecked here.
 *
 * Inputs never change shared data: ids point at no row and creations fail validation (see the policy's
 * notes), so this file runs alongside the others.
 */

type Caller = "anonymous" | "shopper" | "admin";
type ProcedureType = "query" | "mutation" | "subscription";
interface Case {
  type: ProcedureType;
  input?: unknown;
  expect: Record<Caller, string>;
}
interface AccessPolicy {
  callers: Caller[];
  dummyId: string;
  procedures: Record<string, Case & { variants?: (Case & { name: string })[] }>;
  notExposed: Record<string, { type: ProcedureType; input?: unknown }>;
}

const policy = JSON.parse(
  readFileSync(new URL("./bff-access-policy.json", import.meta.url), "utf8"),
) as AccessPolicy;

/** The policy's "$dummyId" placeholders, replaced by its id that matches no row. */
function resolve(input: unknown): unknown {
  if (input === "$dummyId") return policy.dummyId;
  if (Array.isArray(input)) return input.map(resolve);
  if (input && typeof input === "object") {
    return Object.fromEntries(Object.entries(input).map(([key, value]) => [key, resolve(value)]));
  }
  return input;
}

/** Every row of the matrix: each procedure, plus its input variants (e.g. products.list includeArchived). */
const matrix = Object.entries(policy.procedures).flatMap(([path, entry]) => [
  { label: path, path, type: entry.type, input: resolve(entry.input), expect: entry.expect },
  ...(entry.variants ?? []).map((variant) => ({
    label: `${path} (${variant.name})`,
    path,
    type: entry.type,
    input: resolve(variant.input),
    expect: variant.expect,
  })),
]);

/** superjson's wire form of a plain-JSON value. */
const wire = (input: unknown) => JSON.stringify({ json: input });
const queryString = (input: unknown) =>
  input === undefined ? "" : `?input=${encodeURIComponent(wire(input))}`;

interface TrpcAnswer {
  outcome: string;
  message?: string;
}

/** A query (GET) or mutation (POST) as the browser's tRPC client sends it; OK or the error's code. */
async function call(
  request: APIRequestContext,
  type: "query" | "mutation",
  path: string,
  input: unknown,
): Promise<TrpcAnswer> {
  const response =
    type === "query"
      ? await request.get(`/api/trpc/${path}${queryString(input)}`)
      : await request.post(`/api/trpc/${path}`, {
          headers: { "content-type": "application/json" },
          data: wire(input),
        });
  const text = await response.text();
  let body: { result?: unknown; error?: { json?: { message?: string; data?: { code?: string } } } };
  try {
    body = JSON.parse(text) as typeof body;
  } catch {
    return { outcome: `HTTP ${response.status()} (not JSON)` };
  }
  if (body.result !== undefined && response.ok()) return { outcome: "OK" };
  const error = body.error?.json;
  return { outcome: error?.data?.code ?? `HTTP ${response.status()}`, message: error?.message };
}

/** How long an open stream must stay free of errors to count as allowed (the refusal arrives at once). */
const STREAM_GRACE_MS = 2_000;

/**
 * A subscription over SSE, as the browser's EventSource opens it: tRPC sends `connected` first, then
 * either items or a `serialized-error` event (for anonymous visitors, straight away) that ends the stream.
 * Playwright's APIRequestContext only returns whole bodies, and an allowed stream never ends, so this one
 * is read with fetch, carrying the same cookies as the browser context.
 */
async function subscribe(
  context: BrowserContext,
  baseURL: string,
  path: string,
  input: unknown,
): Promise<TrpcAnswer> {
  const cookies = await context.cookies(baseURL);
  const abort = new AbortController();
  const response = await fetch(`${baseURL}/api/trpc/${path}${queryString(input)}`, {
    headers: {
      accept: "text/event-stream",
      cookie: cookies.map((cookie) => `${cookie.name}=${cookie.value}`).join("; "),
      "x-forwarded-for": uniqueClientIp(),
    },
    signal: abort.signal,
  });
  if (!response.ok || !response.body) return { outcome: `HTTP ${response.status}` };
  expect(response.headers.get("content-type")).toContain("text/event-stream");

  const reader = response.body.pipeThrough(new TextDecoderStream()).getReader();
  let buffered = "";
  let connected = false;
  let graceOver: Promise<"grace over"> | undefined;
  let graceTimer: NodeJS.Timeout | undefined;
  try {
    // A stream that never says `connected` is left to the test's own timeout.
    for (;;) {
      const next = await Promise.race([reader.read(), ...(graceOver ? [graceOver] : [])]);
      if (next === "grace over") return { outcome: "OK" };
      if (next.done) return { outcome: connected ? "stream ended without an error" : "stream ended at once" };
      buffered += next.value;
      const events = buffered.split("\n\n");
      buffered = events.pop() ?? "";
      for (const raw of events) {
        const event = /^event: (.*)$/m.exec(raw)?.[1];
        const data = /^data: (.*)$/m.exec(raw)?.[1];
        if (event === "connected" && !connected) {
          connected = true;
          graceOver = new Promise((resolve) => {
            graceTimer = setTimeout(() => resolve("grace over"), STREAM_GRACE_MS);
          });
        } else if (event === "serialized-error") {
          const error = (
            JSON.parse(data ?? "null") as { json?: { message?: string; data?: { code?: string } } }
          )?.json;
          return { outcome: error?.data?.code ?? "serialized-error without a code", message: error?.message };
        }
      }
    }
  } finally {
    clearTimeout(graceTimer);
    abort.abort();
    await reader.cancel().catch(() => undefined);
  }
}

/** A browser context acting as `caller`: nobody, a shopper who has just signed up, or the seeded admin. */
async function actAs(caller: Caller, page: Page): Promise<void> {
  if (caller === "shopper") await signUp(page, newShopper("Matrix Shopper"));
  if (caller === "admin") await signIn(page, E2E_ADMIN.email, E2E_ADMIN.password);
}

// Sign-up or sign-in through the UI, then some 30 calls and a stream's grace period, on 2 busy cores.
test.describe.configure({ timeout: 60_000 });

for (const caller of policy.callers) {
  test(`${caller}: every BFF procedure answers as bff-access-policy.json says`, async ({
    newClient,
    baseURL,
  }) => {
    const page = await newClient();
    await actAs(caller, page);

    const expected: Record<string, string> = {};
    const actual: Record<string, string> = {};
    const messages: string[] = [];
    for (const row of matrix) {
      const answer =
        row.type === "subscription"
          ? await subscribe(page.context(), baseURL ?? "", row.path, row.input)
          : await call(page.request, row.type, row.path, row.input);
      expected[row.label] = row.expect[caller];
      actual[row.label] = answer.outcome;
      if (answer.outcome !== row.expect[caller]) messages.push(`${row.label}: ${answer.message ?? "-"}`);
    }

    const refused = Object.values(actual).filter((o) => o === "UNAUTHORIZED" || o === "FORBIDDEN").length;
    test.info().annotations.push({
      type: "matrix",
      description: `${caller}: ${matrix.length - refused} allowed, ${refused} refused`,
    });
    // One comparison, so a failure shows every row that differs (and the messages explain why).
    expect(actual, messages.join("\n")).toEqual(expected);
  });
}

test("service procedures the BFF does not relay are not found there, even by the admin", async ({
  newClient,
}) => {
  const admin = await newClient();
  await actAs("admin", admin);
  for (const [path, entry] of Object.entries(policy.notExposed)) {
    const type = entry.type === "subscription" ? "query" : entry.type;
    const answer = await call(admin.request, type, path, resolve(entry.input));
    expect(answer, path).toEqual({ outcome: "NOT_FOUND", message: `No procedure found on path "${path}"` });
  }
});
