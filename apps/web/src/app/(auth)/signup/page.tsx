import type { Metadata } from "next";
import Link from "next/link";
import { redirect } from "next/navigation";
import { safeCallbackPath } from "../../../lib/callback-url.ts";
import { authEnv } from "../../../server/env.ts";
import { currentSessionUser } from "../../../server/session.ts";
import styles from "../auth.module.css";
import { SignUpForm } from "./SignUpForm.tsx";

export const metadata: Metadata = { title: "Create an account" };

interface SignUpPageProps {
  searchParams: Promise<Record<string, string | string[] | undefined>>;
}

export default async function SignUpPage({ searchParams }: SignUpPageProps) {
  const raw = (await searchParams).callbackUrl;
  const callbackPath = safeCallbackPath(Array.isArray(raw) ? raw[0] : raw, authEnv().NEXTAUTH_URL);
  if (await currentSessionUser()) redirect(callbackPath);

  const signInHref =
    callbackPath === "/" ? "/signin" : `/signin?callbackUrl=${encodeURIComponent(callbackPath)}`;
  return (
    <div className={styles.page}>
      <section className={styles.card} aria-labelledby="signup-title">
        <h1 id="signup-title" className={styles.title}>
          Create an account
        </h1>
        <p className={styles.lead}>One account for checkout, order history and delivery updates.</p>
        <SignUpForm callbackPath={callbackPath} signInHref={signInHref} />
        <p className={styles.switch}>
          Already have an account? <Link href={signInHref}>Sign in</Link>
        </p>
      </section>
    </div>
  );
}
