import type { AppRouter as NotifyRouter } from "@shop/notify-svc/router";
import { createServiceClient } from "@shop/service-kit/client";
import type { Logger } from "@shop/service-kit/log";

/**
 * Account mail (verification codes, reset links) goes out through notify-svc, which owns email: its
 * SMTP transport, sender address, templates and the storefront's public URL for links. user-svc only
 * says what to send to whom. The code or token travels in the body of one authenticated service call
 * and is never logged on either side (procedure logs carry path, duration and error code only).
 */
export type AccountMail =
  | { kind: "verify-email"; to: string; name: string; code: string }
  | { kind: "password-reset"; to: string; name: string; token: string };

export interface AccountMailer {
  send(mail: AccountMail): Promise<void>;
}

export function createAccountMailer(opts: { notifyUrl: string; secret: string }): AccountMailer {
  const notify = createServiceClient<NotifyRouter>({
    audience: "notify-svc",
    url: opts.notifyUrl,
    secret: opts.secret,
    caller: { sub: "user-svc", role: "SERVICE" },
  });
  return {
    async send(mail) {
      await notify.accountMail.send.mutate(mail);
    },
  };
}

/**
 * Sends without making the caller wait: a slow or unreachable notify-svc must not fail a registration
 * or make "forgot password" answer slower for a real account than for an unknown one. A lost mail is
 * recovered by the "resend" / "forgot password" buttons; the failure is logged without the secret.
 */
export function sendInBackground(mailer: AccountMailer, mail: AccountMail, log: Logger): void {
  mailer.send(mail).catch((error: unknown) => {
    log.warn(
      { kind: mail.kind, err: error instanceof Error ? error.message : String(error) },
      "account mail not sent",
    );
  });
}
