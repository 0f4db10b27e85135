import "server-only";
import { RetryAfterError, toUpstreamError } from "@shop/service-kit/errors";
import type { User } from "next-auth";
import CredentialsProvider from "next-auth/providers/credentials";
import { rateLimitedCode, SERVICE_UNAVAILABLE_CODE } from "../../lib/auth-errors.ts";
import { clientIpFromHeaders } from "../http/client-ip.ts";
import { bffLogger } from "../logger.ts";
import { deviceTokensFrom, rememberDevice } from "./device-cookie.ts";
import { userServiceAsGuest } from "./user-service.ts";

type RequestHeaders = Record<string, string | string[] | undefined>;

/**
 * Email + password sign-in, checked by user-svc (argon2id, throttles per IP, per (email, client) and
 * per email for strangers). The client's IP travels in the internal token so user-svc counts attempts
 * per real client, and the browser's device cookie (device-cookie.ts) tells user-svc it is no stranger.
 *
 * next-auth reports a thrown error's message to the sign-in page as `?error=<message>`, so failures
 * are thrown as short codes that the page turns into words (lib/auth-errors.ts); returning null means
 * "wrong email or password" (CredentialsSignin).
 */
export function credentialsProvider() {
  return CredentialsProvider({
    id: "credentials",
    name: "Email and password",
    credentials: {
      email: { label: "Email", type: "email" },
      password: { label: "Password", type: "password" },
    },
    async authorize(credentials, req): Promise<User | null> {
      const email = credentials?.email ?? "";
      const password = credentials?.password ?? "";
      if (!email || !password) return null;
      const headers = (req.headers ?? {}) as RequestHeaders;
      const requestId = headers["x-request-id"];
      const userSvc = userServiceAsGuest(
        clientIpFromHeaders(headers),
        Array.isArray(requestId) ? requestId[0] : requestId,
      );
      const cookieHeader = headers.cookie;
      const deviceTokens = deviceTokensFrom(
        Array.isArray(cookieHeader) ? cookieHeader.join("; ") : cookieHeader,
      );
      try {
        const user = await userSvc.auth.verifyCredentials.mutate({ email, password, deviceTokens });
        if (user.deviceToken) await rememberDevice(deviceTokens, user.deviceToken);
        return {
          id: user.id,
          email: user.email,
          name: user.name,
          role: user.role,
          sessionVersion: user.sessionVersion,
          verifiedEmail: user.emailVerified,
        };
      } catch (error) {
        const failure = toUpstreamError(error);
        // BAD_REQUEST: not even an email address; same answer as a wrong password.
        if (failure.code === "UNAUTHORIZED" || failure.code === "BAD_REQUEST") return null;
        if (failure.code === "TOO_MANY_REQUESTS" && failure.cause instanceof RetryAfterError) {
          throw new Error(rateLimitedCode(failure.cause.retryAfterSeconds));
        }
        bffLogger().error({ err: failure.cause ?? failure }, "sign-in check failed");
        throw new Error(SERVICE_UNAVAILABLE_CODE);
      }
    },
  });
}
