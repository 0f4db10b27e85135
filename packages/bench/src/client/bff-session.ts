import type { Shopper } from "../fixtures/shoppers.ts";
import { sleep } from "../measure/open-loop.ts";
import type { HttpClient, HttpResponse } from "./http.ts";
import type { TrpcEndpoint } from "./trpc-wire.ts";

const SESSION_COOKIE = /^(__Secure-)?next-auth\.session-token$/;

export class SignInError extends Error {
  override readonly name = "SignInError";
}

/** The BFF's tRPC endpoint, anonymous or with a session cookie. */
export function bffEndpoint(http: HttpClient, webUrl: string, cookie?: string): TrpcEndpoint {
  const headers: Record<string, string> = cookie ? { cookie } : {};
  return { http, baseUrl: `${webUrl}/api/trpc`, headers: () => headers };
}

/**
 * Signs in through next-auth the way the sign-in form does: GET /api/auth/csrf (token + its cookie),
 * POST /api/auth/callback/credentials with csrfToken, email, password and json=true, then keep the
 * session cookie it sets. Returns the Cookie header value for later requests.
 */
export async function signIn(http: HttpClient, webUrl: string, shopper: Shopper): Promise<string> {
  const csrf = await http.request(`${webUrl}/api/auth/csrf`);
  const { csrfToken } = JSON.parse(csrf.body) as { csrfToken: string };
  const form = new URLSearchParams({
    csrfToken,
    email: shopper.email,
    password: shopper.password,
    json: "true",
    callbackUrl: webUrl,
  });
  const res = await http.request(`${webUrl}/api/auth/callback/credentials`, {
    method: "POST",
    headers: { "content-type": "application/x-www-form-urlencoded", cookie: cookieHeader(csrf) },
    body: form.toString(),
  });
  const session = cookiesOf(res).find(([name]) => SESSION_COOKIE.test(name));
  if (!session) {
    // next-auth answers {url: ".../api/auth/error?error=<code>"} (or signin?error=) on failure.
    const url = (JSON.parse(res.body || "{}") as { url?: string }).url ?? "";
    const code = new URL(url || webUrl).searchParams.get("error") ?? `HTTP ${res.status}`;
    throw new SignInError(`sign-in of ${shopper.email} failed: ${code}`);
  }
  return `${session[0]}=${session[1]}`;
}

/**
 * Signs in every shopper, one after the other. user-svc allows 20 sign-ins per client IP per minute
 * and every request from this script comes from 127.0.0.1, so a refusal waits and tries again.
 */
export async function signInAll(http: HttpClient, webUrl: string, shoppers: Shopper[]): Promise<string[]> {
  const cookies: string[] = [];
  for (const shopper of shoppers) {
    for (let attempt = 1; ; attempt++) {
      try {
        cookies.push(await signIn(http, webUrl, shopper));
        break;
      } catch (error) {
        if (!(error instanceof SignInError) || attempt >= 8) throw error;
        console.log(`  sign-in refused (${error.message}); waiting 10 s (rate limit per IP)`);
        await sleep(10_000);
      }
    }
  }
  return cookies;
}

function cookiesOf(res: HttpResponse): [string, string][] {
  const raw = res.headers["set-cookie"] ?? [];
  return raw.map((line) => {
    const pair = line.split(";")[0] ?? "";
    const at = pair.indexOf("=");
    return [pair.slice(0, at).trim(), pair.slice(at + 1).trim()];
  });
}

function cookieHeader(res: HttpResponse): string {
  return cookiesOf(res)
    .map(([name, value]) => `${name}=${value}`)
    .join("; ");
}
