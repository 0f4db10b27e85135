import type { Metadata } from "next";
import Link from "next/link";
import { redirect } from "next/navigation";
import { signInErrorMessage } from "../../../lib/auth-errors.ts";
import { safeCallbackPath } from "../../../lib/callback-url.ts";
import { googleConfigured } from "../../../server/auth/google-provider.ts";
import { authEnv } from "../../../server/env.ts";
import { currentSessionUser } from "../../../server/session.ts";
import styles from "../auth.module.css";
import { SignInForm } from "./SignInForm.tsx";

export const metadata: Metadata = { title: "Sign in" };

interface SignInPageProps {
  searchParams: Promise<Record<string, string | string[] | undefined>>;
}

const first = (value: string | string[] | undefined) => (Array.isArray(value) ? value[0] : value);

/**
 * Email/password sign-in, plus Google when it is configured. next-auth also sends its errors here
 * (`?error=<code>`, e.g. after a failed Google callback); the code is translated, never echoed.
 */
export default async function SignInPage({ searchParams }: SignInPageProps) {
  const params = await searchParams;
  const callbackPath = safeCallbackPath(first(params.callbackUrl), authEnv().NEXTAUTH_URL);
  if (await currentSessionUser()) redirect(callbackPath);

  const signUpHref =
    callbackPath === "/" ? "/signup" : `/signup?callbackUrl=${encodeURIComponent(callbackPath)}`;
  return (
    <div className={styles.page}>
      <section className={styles.card} aria-labelledby="signin-title">
        <h1 id="signin-title" className={styles.title}>
          Sign in
        </h1>
        <p className={styles.lead}>Welcome back. Sign in to check out and follow your orders.</p>
        <SignInForm
          callbackPath={callbackPath}
          initialError={signInErrorMessage(first(params.error))}
          googleEnabled={googleConfigured(authEnv())}
        />
        <p className={styles.switch}>
          New here? <Link href={signUpHref}>Create an account</Link>
        </p>
      </section>
    </div>
  );
}
