/**
 * Sign-in failures travel from the server to the page as short codes in next-auth's `error` query
 * parameter (the only channel it offers); the wording lives here, next to the page that shows it.
 */

const RATE_LIMITED_PREFIX = "TooManyAttempts:";

/** The error code for a rate-limited sign-in, carrying how long to wait. */
export function rateLimitedCode(retryAfterSeconds: number): string {
  return `${RATE_LIMITED_PREFIX}${Math.max(1, Math.ceil(retryAfterSeconds))}`;
}

export const SERVICE_UNAVAILABLE_CODE = "ServiceUnavailable";

export function waitText(seconds: number): string {
  if (seconds < 90) return `${seconds} second${seconds === 1 ? "" : "s"}`;
  const minutes = Math.ceil(seconds / 60);
  return `${minutes} minutes`;
}

/** The message the sign-in page shows for an `error` code, or null when there is none. */
export function signInErrorMessage(code: string | null | undefined): string | null {
  if (!code) return null;
  if (code.startsWith(RATE_LIMITED_PREFIX)) {
    const seconds = Number(code.slice(RATE_LIMITED_PREFIX.length));
    if (Number.isInteger(seconds) && seconds > 0) {
      return `Too many attempts — try again in ${waitText(seconds)}.`;
    }
    return "Too many attempts — please wait a while and try again.";
  }
  switch (code) {
    case "CredentialsSignin":
      return "Invalid email or password.";
    case "OAuthAccountNotLinked":
      return "An account with this email already exists. Sign in with your password instead.";
    case "OAuthSignin":
    case "OAuthCallback":
    case "Callback":
    case "OAuthCreateAccount":
      return "Google sign-in did not complete. Please try again.";
    case "AccessDenied":
      return "Sign-in was cancelled or refused.";
    case "SessionRequired":
      return "Please sign in to continue.";
    case SERVICE_UNAVAILABLE_CODE:
      return "Sign-in is unavailable right now. Please try again in a moment.";
    default:
      return "Sign-in failed. Please try again.";
  }
}
