/**
 * Checks run in the browser before anything is sent, mirroring user-svc's rules (which stay the
 * authority: its field errors are shown the same way when they differ).
 */
export const MIN_PASSWORD_LENGTH = 10;

export interface SignUpValues {
  name: string;
  email: string;
  password: string;
}

export type SignUpErrors = Partial<Record<keyof SignUpValues, string>>;

// Deliberately loose: one "@" with something on both sides and a dot in the domain. The service
// validates properly; this only catches typos before a round-trip.
const EMAIL_SHAPE = /^[^\s@]+@[^\s@]+\.[^\s@]+$/;

export function validateSignUp(values: SignUpValues): SignUpErrors {
  const errors: SignUpErrors = {};
  if (!values.name.trim()) errors.name = "Enter your name";
  else if (values.name.trim().length > 80) errors.name = "Name must be at most 80 characters";
  if (!values.email.trim()) errors.email = "Enter your email address";
  else if (!EMAIL_SHAPE.test(values.email.trim())) errors.email = "Enter a valid email address";
  if (values.password.length < MIN_PASSWORD_LENGTH) {
    errors.password = `Password must be at least ${MIN_PASSWORD_LENGTH} characters`;
  } else if (values.password.length > 200) {
    errors.password = "Password must be at most 200 characters";
  }
  return errors;
}

export function passwordHint(length: number): string {
  if (length === 0) return `At least ${MIN_PASSWORD_LENGTH} characters. A few unrelated words work well.`;
  const missing = MIN_PASSWORD_LENGTH - length;
  return missing > 0
    ? `At least ${MIN_PASSWORD_LENGTH} characters — ${missing} more to go.`
    : `Long enough (${length} characters).`;
}
