"use client";

import { requestPasswordResetInput } from "@shop/user-svc/schemas";
import { useMutation } from "@tanstack/react-query";
import { type FormEvent, useState } from "react";
import { FormAlert, formStyles, TextField } from "../../../components/form/FormField.tsx";
import { bffErrorFacts, schemaCheck } from "../../../components/form/field-errors.ts";
import { waitText } from "../../../lib/auth-errors.ts";
import { useTRPC } from "../../../lib/trpc.ts";
import { useHydrated } from "../../../lib/use-hydrated.ts";
import styles from "../auth.module.css";

/**
 * The answer is the same whether or not the email has an account (user-svc makes sure of that), so
 * this page never tells anyone which addresses are registered.
 */
export function ForgotPasswordForm() {
  const [email, setEmail] = useState("");
  const [error, setError] = useState<string | undefined>();
  const [formError, setFormError] = useState<string | null>(null);
  const [sentTo, setSentTo] = useState<string | null>(null);
  const trpc = useTRPC();
  const request = useMutation(trpc.auth.requestPasswordReset.mutationOptions());
  // A submit before hydration would be a plain form post; the button waits for the script.
  const hydrated = useHydrated();

  async function submit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    setFormError(null);
    const checked = schemaCheck(requestPasswordResetInput, { email });
    if (!checked.ok) {
      setError(checked.fieldErrors.email);
      return;
    }
    setError(undefined);
    try {
      await request.mutateAsync(checked.data);
      setSentTo(checked.data.email);
    } catch (failure) {
      const facts = bffErrorFacts(failure);
      setFormError(
        facts.code === "TOO_MANY_REQUESTS" && facts.retryAfterSeconds
          ? `Too many requests — try again in ${waitText(facts.retryAfterSeconds)}.`
          : "We could not send the email just now. Please try again.",
      );
    }
  }

  if (sentTo) {
    return (
      <p role="status">
        If an account exists for <strong>{sentTo}</strong>, we have sent it a link to reset the password. The
        link works once, for 30 minutes.
      </p>
    );
  }
  return (
    <form className={formStyles.form} onSubmit={submit} noValidate>
      {formError && <FormAlert>{formError}</FormAlert>}
      <TextField
        id="forgot-email"
        name="email"
        type="email"
        label="Email"
        autoComplete="email"
        required
        value={email}
        onChange={(e) => {
          setEmail(e.target.value);
          setError(undefined);
        }}
        error={error}
      />
      <button type="submit" className={`button ${styles.submit}`} disabled={!hydrated || request.isPending}>
        {request.isPending ? "Sending…" : "Send reset link"}
      </button>
    </form>
  );
}
