import { createSecretKey, type KeyObject } from "node:crypto";
import { errors, jwtVerify, SignJWT } from "jose";
import { z } from "zod";

/**
 * Internal tokens are how a service knows who is calling. The BFF mints one per call from the
 * signed-in session (or as GUEST for anonymous visitors); services mint SERVICE tokens for each other.
 * They are short-lived, audience-bound and HMAC-signed with a secret every service shares.
 */
export const ROLES = ["GUEST", "SHOPPER", "ADMIN", "SERVICE"] as const;
export type Role = (typeof ROLES)[number];

export const SERVICE_NAMES = ["user-svc", "product-svc", "order-svc", "notify-svc"] as const;
export type ServiceName = (typeof SERVICE_NAMES)[number];

export const MAX_TOKEN_LIFETIME_SECONDS = 60;
const DEFAULT_LIFETIME_SECONDS = 30;
const ISSUER = "storefront-internal";
const ALG = "HS256";

export interface Caller {
  /** User id for SHOPPER/ADMIN, the calling component's name for SERVICE and GUEST. */
  sub: string;
  role: Role;
  email?: string | undefined;
  /**
   * The end user's IP as the BFF saw it. Signed into the token, so services can rate-limit by client
   * IP without trusting a forwardable header.
   */
  ip?: string | undefined;
}

const claimsSchema = z.object({
  sub: z.string().min(1),
  role: z.enum(ROLES),
  email: z.string().optional(),
  ip: z.string().max(64).optional(),
  iat: z.number(),
  exp: z.number(),
});

// A KeyObject made once per secret: handing jose the raw bytes makes it import the key on every call.
const keyCache = new Map<string, KeyObject>();
function keyFor(secret: string): KeyObject {
  let key = keyCache.get(secret);
  if (!key) {
    key = createSecretKey(Buffer.from(secret, "utf8"));
    keyCache.set(secret, key);
  }
  return key;
}

/**
 * Tokens already verified, until they expire. A client may reuse one token for many calls within its
 * short life, and re-checking an HMAC already checked buys nothing. One cache per secret (a token is
 * only ever trusted under the secret that verified it), keyed by audience and the whole token, bounded.
 */
const VERIFIED_MAX = 10_000;
const verifiedBySecret = new Map<string, Map<string, { caller: Caller; exp: number }>>();
function verifiedCache(secret: string) {
  let cache = verifiedBySecret.get(secret);
  if (!cache) {
    cache = new Map();
    verifiedBySecret.set(secret, cache);
  }
  return cache;
}

export async function mintInternalToken(opts: {
  secret: string;
  audience: ServiceName;
  caller: Caller;
  lifetimeSeconds?: number;
}): Promise<string> {
  const lifetime = Math.min(opts.lifetimeSeconds ?? DEFAULT_LIFETIME_SECONDS, MAX_TOKEN_LIFETIME_SECONDS);
  const payload: Record<string, string> = { role: opts.caller.role };
  if (opts.caller.email) payload.email = opts.caller.email;
  if (opts.caller.ip) payload.ip = opts.caller.ip;
  return new SignJWT(payload)
    .setProtectedHeader({ alg: ALG, typ: "JWT" })
    .setIssuer(ISSUER)
    .setAudience(opts.audience)
    .setSubject(opts.caller.sub)
    .setIssuedAt()
    .setExpirationTime(`${lifetime}s`)
    .sign(keyFor(opts.secret));
}

export class InvalidInternalTokenError extends Error {
  override readonly name = "InvalidInternalTokenError";
}

/** Verifies signature, issuer, audience, expiry and that the token was not minted to live longer than allowed. */
export async function verifyInternalToken(opts: {
  token: string;
  secret: string;
  audience: ServiceName;
}): Promise<Caller> {
  const cache = verifiedCache(opts.secret);
  const cacheKey = `${opts.audience} ${opts.token}`;
  const hit = cache.get(cacheKey);
  if (hit && hit.exp > Date.now() / 1000) return hit.caller;
  try {
    const { payload } = await jwtVerify(opts.token, keyFor(opts.secret), {
      algorithms: [ALG],
      issuer: ISSUER,
      audience: opts.audience,
      requiredClaims: ["sub", "iat", "exp"],
      clockTolerance: 5,
    });
    const claims = claimsSchema.parse(payload);
    if (claims.exp - claims.iat > MAX_TOKEN_LIFETIME_SECONDS) {
      throw new InvalidInternalTokenError("token lifetime exceeds the allowed maximum");
    }
    const caller: Caller = { sub: claims.sub, role: claims.role, email: claims.email, ip: claims.ip };
    if (cache.size >= VERIFIED_MAX) cache.delete(cache.keys().next().value as string);
    cache.set(cacheKey, { caller, exp: claims.exp });
    return caller;
  } catch (error) {
    if (error instanceof InvalidInternalTokenError) throw error;
    if (error instanceof errors.JOSEError || error instanceof z.ZodError) {
      throw new InvalidInternalTokenError(
        error instanceof errors.JOSEError ? error.code : "malformed claims",
      );
    }
    throw error;
  }
}

/** Extracts the bearer token from an Authorization header value. */
export function bearerToken(header: string | null | undefined): string | undefined {
  if (!header) return undefined;
  const match = /^Bearer\s+(\S+)$/i.exec(header);
  return match?.[1];
}
