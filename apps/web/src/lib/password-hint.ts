import { PASSWORD_MIN_LENGTH } from "@shop/user-svc/schemas";

/** The hint under a new-password field, from user-svc's own minimum. */
export function passwordHint(length: number): string {
  if (length === 0) return `At least ${PASSWORD_MIN_LENGTH} characters. A few unrelated words work well.`;
  const missing = PASSWORD_MIN_LENGTH - length;
  return missing > 0
    ? `At least ${PASSWORD_MIN_LENGTH} characters — ${missing} more to go.`
    : `Long enough (${length} characters).`;
}
