import "server-only";
import { userServiceAsBff } from "./user-service.ts";

type Role = "SHOPPER" | "ADMIN";

/** What a session says about its account: the role and session version it was issued with. */
export interface SessionClaims {
  role: Role;
  /** The account's session version at sign-in (sessions from before versions existed count as 1). */
  sessionVersion: number;
}

/** The account as user-svc currently has it, for a session that is still valid. */
export interface CurrentAccount {
  role: Role;
  emailVerified: boolean;
}

/**
 * A session cookie is what the account was at sign-in; sessions live for hours. user-svc holds the
 * truth, so the BFF re-reads it at most every ACCOUNT_TTL_MS per user:
 * - the role: a demoted admin loses admin rights within that window, not at their next sign-in;
 * - the session version: "sign out everywhere", a password change or reset, or a Google takeover raise
 *   it, and every session issued under an older version ends within the window (at once on the
 *   replica that made the change, which forgets its cached entry);
 * - whether the email is verified (the checkout page asks for a code until it is).
 * Fails closed for privileges: if user-svc cannot be asked and no recent answer is cached, an admin
 * session is treated as a shopper's until it answers again. A revoked session is ended only on
 * user-svc's word, so an outage does not sign everyone out (and their cookies are not deleted).
 */
const ACCOUNT_TTL_MS = 30_000;
const MAX_ENTRIES = 10_000;
interface Known {
  role: Role;
  sessionVersion: number;
  emailVerified: boolean;
}
type Cache = Map<string, { account: Known | null; at: number }>;
/**
 * One cache per process, kept on globalThis: Next.js may load this module once per route bundle (the
 * next-auth route, the BFF route, page renders), and forgetAccount() in one must reach the others.
 */
const CACHE_KEY = Symbol.for("storefront.web.accountCache");
const processGlobals = globalThis as Record<symbol, Cache | undefined>;
processGlobals[CACHE_KEY] ??= new Map();
const checked: Cache = processGlobals[CACHE_KEY];

/** The account behind a session, or null when the session no longer signs anyone in. */
export async function currentAccount(
  userId: string,
  session: SessionClaims,
  requestId?: string,
): Promise<CurrentAccount | null> {
  let known = await lookUp(userId, requestId);
  // A session newer than the cached answer (signed in again after a change): the cache is stale.
  if (known && known !== "unavailable" && known.sessionVersion < session.sessionVersion) {
    forgetAccount(userId);
    known = await lookUp(userId, requestId);
  }
  if (known === "unavailable") {
    return { role: session.role === "ADMIN" ? "SHOPPER" : session.role, emailVerified: false };
  }
  if (!known || known.sessionVersion !== session.sessionVersion) return null;
  return { role: known.role, emailVerified: known.emailVerified };
}

async function lookUp(userId: string, requestId?: string): Promise<Known | null | "unavailable"> {
  const hit = checked.get(userId);
  if (hit && Date.now() - hit.at < ACCOUNT_TTL_MS) return hit.account;
  try {
    const user = await userServiceAsBff(requestId).users.byId.query({ id: userId });
    const account = {
      role: user.role,
      sessionVersion: user.sessionVersion,
      emailVerified: user.emailVerified,
    };
    remember(userId, account);
    return account;
  } catch (error) {
    const code = (error as { data?: { code?: string } }).data?.code;
    if (code === "NOT_FOUND") {
      remember(userId, null); // the account is gone: the session no longer signs anyone in
      return null;
    }
    return "unavailable";
  }
}

function remember(userId: string, account: Known | null): void {
  if (checked.size >= MAX_ENTRIES) checked.delete(checked.keys().next().value as string);
  checked.set(userId, { account, at: Date.now() });
}

/** After this replica changed the account (sessions ended, email verified): ask user-svc next time. */
export function forgetAccount(userId: string): void {
  checked.delete(userId);
}

/** For tests. */
export function forgetAccounts(): void {
  checked.clear();
}
