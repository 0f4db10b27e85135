import { SignJWT } from "jose";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import {
  InvalidInternalTokenError,
  mintInternalToken,
  verifyInternalToken,
} from "../src/auth/internal-token.ts";
import { SECRET, startFixture } from "./fixture-service.ts";

let fixture: Awaited<ReturnType<typeof startFixture>>;
beforeAll(async () => {
  fixture = await startFixture();
});
afterAll(() => fixture.service.close());

const key = (s: string) => new TextEncoder().encode(s);
const shopper = { sub: "7f3c2b8e-0000-4000-8000-000000000001", role: "SHOPPER" as const };

/** A raw tRPC GET as any HTTP client would send it, so the test sees status codes (body is superjson). */
async function callWhoami(token?: string) {
  const headers: Record<string, string> = {};
  if (token !== undefined) headers.authorization = `Bearer ${token}`;
  const res = await fetch(`${fixture.service.url}/trpc/whoami`, { headers });
  return {
    status: res.status,
    body: (await res.json()) as { error?: { json?: { data?: { code?: string } } } },
  };
}

function craft(opts: { audience?: string; secret?: string; iat?: number; exp?: number; issuer?: string }) {
  const now = Math.floor(Date.now() / 1000);
  return new SignJWT({ role: "SHOPPER" })
    .setProtectedHeader({ alg: "HS256" })
    .setIssuer(opts.issuer ?? "storefront-internal")
    .setAudience(opts.audience ?? "product-svc")
    .setSubject(shopper.sub)
    .setIssuedAt(opts.iat ?? now)
    .setExpirationTime(opts.exp ?? now + 30)
    .sign(key(opts.secret ?? SECRET));
}

describe("a service without a valid internal token answers 401", () => {
  const now = Math.floor(Date.now() / 1000);
  const cases: [string, () => Promise<string | undefined>][] = [
    ["missing", async () => undefined],
    ["empty", async () => ""],
    ["garbage", async () => "not.a.jwt"],
    ["expired", () => craft({ iat: now - 120, exp: now - 60 })],
    ["wrong audience", () => craft({ audience: "order-svc" })],
    ["bad signature", () => craft({ secret: "another-secret-another-secret-0123456789" })],
    ["foreign issuer", () => craft({ issuer: "someone-else" })],
    ["lifetime over 60 s", () => craft({ iat: now, exp: now + 3600 })],
    [
      "alg none",
      async () => {
        const enc = (o: object) => Buffer.from(JSON.stringify(o)).toString("base64url");
        return `${enc({ alg: "none", typ: "JWT" })}.${enc({ sub: shopper.sub, role: "ADMIN", aud: "product-svc", iss: "storefront-internal", iat: now, exp: now + 30 })}.`;
      },
    ],
  ];
  for (const [name, makeToken] of cases) {
    it(name, async () => {
      const { status, body } = await callWhoami(await makeToken());
      expect(status).toBe(401);
      expect(body.error?.json?.data?.code).toBe("UNAUTHORIZED");
    });
  }
});

describe("a valid internal token", () => {
  it("is accepted and identifies the caller", async () => {
    const token = await mintInternalToken({ secret: SECRET, audience: "product-svc", caller: shopper });
    const res = await fetch(`${fixture.service.url}/trpc/whoami`, {
      headers: { authorization: `Bearer ${token}`, "x-request-id": "req-abc-123" },
    });
    expect(res.status).toBe(200);
    expect(res.headers.get("x-request-id")).toBe("req-abc-123");
    const body = (await res.json()) as {
      result: { data: { json: { caller: { sub: string }; requestId: string } } };
    };
    expect(body.result.data.json.caller.sub).toBe(shopper.sub);
    expect(body.result.data.json.requestId).toBe("req-abc-123");
  });

  it("a token verified once is still refused under another secret or another audience", async () => {
    const token = await mintInternalToken({ secret: SECRET, audience: "product-svc", caller: shopper });
    await expect(
      verifyInternalToken({ token, secret: SECRET, audience: "product-svc" }),
    ).resolves.toMatchObject({
      sub: shopper.sub,
    });
    await expect(
      verifyInternalToken({
        token,
        secret: "another-secret-another-secret-0123456789",
        audience: "product-svc",
      }),
    ).rejects.toThrow(InvalidInternalTokenError);
    await expect(verifyInternalToken({ token, secret: SECRET, audience: "order-svc" })).rejects.toThrow(
      InvalidInternalTokenError,
    );
  });

  it("never lives longer than 60 s even when asked to", async () => {
    const token = await mintInternalToken({
      secret: SECRET,
      audience: "product-svc",
      caller: shopper,
      lifetimeSeconds: 3600,
    });
    const payload = JSON.parse(Buffer.from(token.split(".")[1] ?? "", "base64url").toString()) as {
      iat: number;
      exp: number;
    };
    expect(payload.exp - payload.iat).toBeLessThanOrEqual(60);
  });
});

describe("open endpoints", () => {
  it("/health answers without a token", async () => {
    const res = await fetch(`${fixture.service.url}/health`);
    expect(res.status).toBe(200);
    expect(await res.json()).toEqual({ status: "ok", service: "product-svc" });
  });

  it("/metrics serves Prometheus text with per-procedure latency", async () => {
    const token = await mintInternalToken({ secret: SECRET, audience: "product-svc", caller: shopper });
    await fetch(`${fixture.service.url}/trpc/whoami`, { headers: { authorization: `Bearer ${token}` } });
    const res = await fetch(`${fixture.service.url}/metrics`);
    expect(res.status).toBe(200);
    const text = await res.text();
    expect(text).toMatch(
      /trpc_procedure_duration_seconds_count\{[^}]*path="whoami"[^}]*code="OK"[^}]*\} [1-9]/,
    );
    expect(text).toContain("process_resident_memory_bytes");
    expect(text).toMatch(/http_requests_total\{[^}]*route="trpc"[^}]*status="200"[^}]*\}/);
  });

  it("an unknown path is a 404, not the tRPC handler", async () => {
    const res = await fetch(`${fixture.service.url}/admin`);
    expect(res.status).toBe(404);
  });

  it("replaces a malformed x-request-id with a fresh one", async () => {
    const res = await fetch(`${fixture.service.url}/health`, {
      headers: { "x-request-id": "bad id with spaces" },
    });
    expect(res.headers.get("x-request-id")).toMatch(/^[0-9a-f-]{36}$/);
  });
});
