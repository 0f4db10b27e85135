import { TRPCError } from "@trpc/server";
import type { z } from "zod";
import type { Db } from "../db.ts";
import type { AuthLimits } from "../rate-limit/auth-limits.ts";
import type { credentialsInput } from "../router/auth.schema.ts";
import { trustDevice, trustedDeviceOf } from "./devices.ts";
import { verifyPassword } from "./password.ts";
import { sessionUserSelect } from "./selects.ts";

/**
 * Email + password sign-in (see rate-limit/auth-limits.ts for the throttling model). Order matters:
 * the attempt is reserved in the throttles BEFORE the password is checked, so parallel guesses are
 * counted before any of them is verified. Unknown emails take the same path (dummy hash, same
 * throttles), so the answer and its timing do not reveal whether an account exists.
 */
export async function signInWithPassword(
  deps: { db: Db; limits: AuthLimits },
  input: z.output<typeof credentialsInput>,
  ip: string,
) {
  const { db, limits } = deps;
  await limits.beforeSignIn(ip);
  const user = await db.user.findUnique({
    where: { email: input.email },
    select: { ...sessionUserSelect, passwordHash: true },
  });
  const device = await trustedDeviceOf(db, user?.id, input.deviceTokens);
  const reservation = await limits.reserveSignIn(
    input.email,
    device ? { kind: "device", id: device } : { kind: "ip", ip },
  );
  const ok = await verifyPassword(user?.passwordHash, input.password);
  if (!user || !ok) throw new TRPCError({ code: "UNAUTHORIZED", message: "Invalid email or password" });
  await reservation.succeeded();
  // A browser that signed in with the password becomes a trusted device of the account.
  const deviceToken = device ? null : await trustDevice(db, user.id);
  const { passwordHash: _omit, ...sessionUser } = user;
  return { ...sessionUser, deviceToken };
}
