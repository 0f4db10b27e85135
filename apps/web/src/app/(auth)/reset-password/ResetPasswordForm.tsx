"use client";

import { resetPasswordInput } from "@shop/user-svc/schemas";
import { useMutation } from "@tanstack/react-query";
import Link from "next/link";
import { type FormEvent, useEffect, useState } from "react";
import { FormAlert, formStyles, TextField } from "../../../components/form/FormField.tsx";
import { bffErrorFacts, schemaCheck } from "../../../components/form/field-errors.ts";
import { passwordHint } from "../../../lib/password-hint.ts";
import { useTRPC } from "../../../lib/trpc.ts";
import { useHydrated } from "../../../lib/use-hydrated.ts";
import styles from "../auth.module.css";

/** Reads the token from `#token=…` once, then removes it from the address bar and history. */
function useResetToken(): string | null | undefined {
  const [token, setToken] = useState<string | null | undefined>(undefined);
  useEffect(() => {
    const found = new URLSearchParams(window.location.hash.slice(1)).get("token");
    setToken(found);
    if (found) window.history.replaceState(null, "", window.location.pathname);
  }, []);
  return token;
}

export function ResetPasswordForm() {
  const token = useResetToken();
  const [password, setPassword] = useState("");
  const [error, setError] = useState<string | undefined>();
  const [formError, setFormError] = useState<string | null>(null);
  const [doneFor, setDoneFor] = useState<string | null>(null);
  const trpc = useTRPC();
  const reset = useMutation(trpc.auth.resetPassword.mutationOptions());
  // A submit before hydration would be a plain form post; the button waits for the script.
  const hydrated = useHydrated();

  async function submit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    setFormError(null);
    // The same strength rule as sign-up, from user-svc's schema.
    const checked = schemaCheck(resetPasswordInput, { token, password });
    if (!checked.ok) {
      if (checked.fieldErrors.password) setError(checked.fieldErrors.password);
      else setFormError("This reset link is not valid. Ask for a new one.");
      return;
    }
    setError(undefined);
    try {
      const { email } = await reset.mutateAsync(checked.data);
      setDoneFor(email);
    } catch (failure) {
      const facts = bffErrorFacts(failure);
      if (facts.fieldErrors.password) setError(facts.fieldErrors.password);
      else
        setFormError(facts.code === "PRECONDITION_FAILED" ? facts.message : "Please try again in a moment.");
    }
  }

  if (token === undefined) return <p aria-busy="true">Reading your reset link…</p>;
  if (doneFor) {
    return (
      <div role="status">
        <p>Your password is changed and every earlier session has ended.</p>
        <p>
          <Link className="button" href="/signin">
            Sign in
          </Link>
        </p>
      </div>
    );
  }
  if (!token) {
    return (
      <p>
        This page needs the link from your reset email.{" "}
        <Link href="/forgot-password">Ask for a new link</Link>.
      </p>
    );
  }
  return (
    <form className={formStyles.form} onSubmit={submit} noValidate>
      {formError && (
        <FormAlert>
          {formError} <Link href="/forgot-password">Ask for a new link</Link>
        </FormAlert>
      )}
      <TextField
        id="reset-password"
        name="password"
        type="password"
        label="New password"
        autoComplete="new-password"
        required
        value={password}
        onChange={(e) => {
          setPassword(e.target.value);
          setError(undefined);
        }}
        error={error}
        hint={passwordHint(password.length)}
      />
      <button type="submit" className={`button ${styles.submit}`} disabled={!hydrated || reset.isPending}>
        {reset.isPending ? "Saving…" : "Set new password"}
      </button>
    </form>
  );
}
