import "server-only";
import { userServiceAsBff } from "./user-service.ts";

type Role = "SHOPPER" | "ADMIN";

/**
 * The role in a session cookie is what it was at sign-in; sessions live for hours. user-svc holds the
 * truth, so the BFF re-reads it at most every ROLE_TTL_MS per user: a demoted admin loses admin rights
 * within that window, not at their next sign-in. Fails closed: if the role cannot be read and no recent
 * answer is cached, an admin session is treated as a shopper's until user-svc answers again.
 */
const ROLE_TTL_MS = 30_000;
const MAX_ENTRIES = 10_000;
const checked = new Map<string, { role: Role | null; at: number }>();

export async function currentRole(
  userId: string,
  sessionRole: Role,
  requestId?: string,
): Promise<Role | null> {
  const hit = checked.get(userId);
  if (hit && Date.now() - hit.at < ROLE_TTL_MS) return hit.role;
  try {
    const user = await userServiceAsBff(requestId).users.byId.query({ id: userId });
    remember(userId, user.role);
    return user.role;
  } catch (error) {
    const code = (error as { data?: { code?: string } }).data?.code;
    if (code === "NOT_FOUND") {
      remember(userId, null); // the account is gone: the session no longer signs anyone in
      return null;
    }
    return sessionRole === "ADMIN" ? "SHOPPER" : sessionRole;
  }
}

function remember(userId: string, role: Role | null): void {
  if (checked.size >= MAX_ENTRIES) checked.delete(checked.keys().next().value as string);
  checked.set(userId, { role, at: Date.now() });
}

/** For tests. */
export function forgetRoles(): void {
  checked.clear();
}
