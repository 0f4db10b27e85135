"use client";

import Link from "next/link";
import { signIn } from "next-auth/react";
import { type FormEvent, useEffect, useRef, useState } from "react";
import { FormAlert, formStyles, TextField } from "../../../components/form/FormField.tsx";
import { SERVICE_UNAVAILABLE_CODE, signInErrorMessage } from "../../../lib/auth-errors.ts";
import styles from "../auth.module.css";
import { GoogleMark } from "./GoogleMark.tsx";

interface SignInFormProps {
  /** Already checked to be a path on this site. */
  callbackPath: string;
  initialError: string | null;
  googleEnabled: boolean;
}

type Pending = "credentials" | "google" | null;

export function SignInForm({ callbackPath, initialError, googleEnabled }: SignInFormProps) {
  const [error, setError] = useState<string | null>(initialError);
  const [pending, setPending] = useState<Pending>(null);
  // Before hydration a submit would be a plain POST to this page; wait for the script instead.
  const [ready, setReady] = useState(false);
  const passwordRef = useRef<HTMLInputElement>(null);
  useEffect(() => setReady(true), []);

  async function signInWithPassword(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    const form = new FormData(event.currentTarget);
    const email = String(form.get("email") ?? "").trim();
    const password = String(form.get("password") ?? "");
    if (!email || !password) {
      setError("Enter your email and password.");
      return;
    }
    setPending("credentials");
    setError(null);
    try {
      // redirect: false — we navigate ourselves, to a path we checked, with a full page load so the
      // header and every cached query start over as the signed-in person.
      const result = await signIn("credentials", { email, password, redirect: false });
      if (result?.ok && !result.error) {
        window.location.assign(callbackPath);
        return;
      }
      setError(signInErrorMessage(result?.error ?? "CredentialsSignin"));
    } catch {
      setError(signInErrorMessage(SERVICE_UNAVAILABLE_CODE));
    }
    setPending(null);
    passwordRef.current?.select();
  }

  async function signInWithGoogle() {
    setPending("google");
    setError(null);
    try {
      // Leaves for Google (next-auth sets the state and PKCE cookies first) and comes back signed in.
      await signIn("google", { callbackUrl: callbackPath });
    } catch {
      setError(signInErrorMessage(SERVICE_UNAVAILABLE_CODE));
      setPending(null);
    }
  }

  return (
    <>
      <form className={formStyles.form} method="post" onSubmit={signInWithPassword} noValidate>
        {error && <FormAlert>{error}</FormAlert>}
        <TextField id="signin-email" name="email" type="email" label="Email" autoComplete="email" required />
        <TextField
          id="signin-password"
          name="password"
          type="password"
          label="Password"
          autoComplete="current-password"
          required
          ref={passwordRef}
          hint={<Link href="/forgot-password">Forgot password?</Link>}
        />
        <button type="submit" className={`button ${styles.submit}`} disabled={!ready || pending !== null}>
          {pending === "credentials" ? "Signing in…" : "Sign in"}
        </button>
      </form>
      {googleEnabled && (
        <>
          <p className={styles.divider}>or</p>
          <button
            type="button"
            className={`button ${styles.google}`}
            onClick={signInWithGoogle}
            disabled={!ready || pending !== null}
          >
            <GoogleMark className={styles.googleMark} />
            {pending === "google" ? "Redirecting to Google…" : "Continue with Google"}
          </button>
        </>
      )}
    </>
  );
}
