"use client";

import { verifyEmailInput } from "@shop/user-svc/schemas";
import { useMutation, useQueryClient } from "@tanstack/react-query";
import { type FormEvent, useState } from "react";
import { waitText } from "../../lib/auth-errors.ts";
import { useTRPC } from "../../lib/trpc.ts";
import { useHydrated } from "../../lib/use-hydrated.ts";
import { FormAlert, formStyles, TextField } from "../form/FormField.tsx";
import { bffErrorFacts, schemaCheck } from "../form/field-errors.ts";

interface VerifyEmailPanelProps {
  email: string;
  /** The submit button's words, e.g. "Verify and place order" at checkout. */
  submitLabel: string;
  /** Called once the email is verified (the caller refreshes what depends on it). */
  onVerified: () => void;
  busy?: boolean;
}

/**
 * "Enter the 6-digit code we emailed you" with a resend button. At checkout it sits in place of the
 * order button, so verifying and ordering is one step and the cart is never left.
 */
export function VerifyEmailPanel({ email, submitLabel, onVerified, busy = false }: VerifyEmailPanelProps) {
  const trpc = useTRPC();
  const queryClient = useQueryClient();
  const [code, setCode] = useState("");
  const [error, setError] = useState<string | undefined>();
  const [notice, setNotice] = useState<string | null>(null);
  const verify = useMutation(trpc.account.verifyEmail.mutationOptions());
  const resend = useMutation(trpc.account.resendVerification.mutationOptions());
  // A submit before hydration would be a plain form post; the button waits for the script.
  const hydrated = useHydrated();

  async function submit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    setNotice(null);
    // user-svc's own rule for the code's shape, so the message is the service's.
    const checked = schemaCheck(verifyEmailInput, { code });
    if (!checked.ok) {
      setError(checked.fieldErrors.code);
      return;
    }
    setError(undefined);
    try {
      await verify.mutateAsync(checked.data);
    } catch (failure) {
      const facts = bffErrorFacts(failure);
      setError(facts.fieldErrors.code ?? facts.message);
      return;
    }
    void queryClient.invalidateQueries(trpc.users.me.queryFilter());
    onVerified();
  }

  async function sendAgain() {
    setError(undefined);
    try {
      const result = await resend.mutateAsync();
      setNotice(
        result.alreadyVerified ? "Your email is already verified." : `We sent a new code to ${email}.`,
      );
      if (result.alreadyVerified) onVerified();
    } catch (failure) {
      const facts = bffErrorFacts(failure);
      setNotice(
        facts.code === "TOO_MANY_REQUESTS" && facts.retryAfterSeconds
          ? `Too many codes sent — try again in ${waitText(facts.retryAfterSeconds)}.`
          : "We could not send a new code just now. Please try again.",
      );
    }
  }

  return (
    <form className={formStyles.form} onSubmit={submit} noValidate aria-labelledby="verify-email-title">
      <h3 id="verify-email-title">Confirm your email address</h3>
      <p>
        Orders go only to a verified address. We emailed a 6-digit code to <strong>{email}</strong>.
      </p>
      {notice && <FormAlert>{notice}</FormAlert>}
      <TextField
        id="verify-email-code"
        name="code"
        label="Verification code"
        inputMode="numeric"
        autoComplete="one-time-code"
        maxLength={6}
        value={code}
        onChange={(event) => {
          setCode(event.target.value);
          setError(undefined);
        }}
        error={error}
      />
      <button type="submit" className="button" disabled={!hydrated || verify.isPending || busy}>
        {verify.isPending ? "Checking the code…" : submitLabel}
      </button>
      <button
        type="button"
        className="button button-secondary"
        onClick={sendAgain}
        disabled={resend.isPending}
      >
        {resend.isPending ? "Sending…" : "Send a new code"}
      </button>
    </form>
  );
}
