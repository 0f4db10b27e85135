import type { OutgoingMail } from "./mailer.ts";
import { escapeHtml } from "./templates.ts";

/**
 * Account mail: verification codes and password-reset links. Unlike order mail these are not stored as
 * notifications (the row would hold a live secret), their bodies are never logged, and the secret is
 * kept out of the subject line, which mail tooling does show and log.
 */
export type AccountMailContent =
  | { kind: "verify-email"; to: string; name: string; code: string }
  | { kind: "password-reset"; to: string; name: string; token: string };

/** Minutes the secrets stay valid, as user-svc enforces them; said in the mail. */
const CODE_MINUTES = 30;
const RESET_MINUTES = 30;

function layout(heading: string, inner: string): string {
  return `<!doctype html><html><body style="margin:0;background:#f6f5f2;font-family:system-ui,sans-serif;color:#1f2328">
<div style="max-width:560px;margin:24px auto;background:#fff;border-radius:10px;padding:24px">
<h1 style="font-size:20px;margin:0 0 16px">${escapeHtml(heading)}</h1>${inner}
<p style="color:#6b7280;font-size:12px;margin-top:24px">Storefront · You receive this email because someone used this address on our shop. If it was not you, ignore it.</p>
</div></body></html>`;
}

/**
 * The reset link carries its token in the URL fragment (#token=…): browsers never send a fragment to
 * the server, so the token stays out of access logs, proxies and Referer headers.
 */
export function resetLink(webUrl: string, token: string): string {
  return `${webUrl.replace(/\/$/, "")}/reset-password#token=${encodeURIComponent(token)}`;
}

export function renderAccountMail(mail: AccountMailContent, webUrl: string): OutgoingMail {
  const hello = `Hello ${mail.name},`;
  if (mail.kind === "verify-email") {
    return {
      to: mail.to,
      // Never the code itself: subjects are shown and logged by mail tooling (the dev stack prints them).
      subject: "Your Storefront verification code",
      html: layout(
        "Confirm your email address",
        `<p>${escapeHtml(hello)}</p><p>Enter this code on the shop to confirm your email address:</p>
<p style="font-size:28px;letter-spacing:6px;font-weight:700;margin:16px 0">${escapeHtml(mail.code)}</p>
<p>It works for ${CODE_MINUTES} minutes.</p>`,
      ),
      text: `${hello}\n\nYour Storefront verification code is ${mail.code}\n\nIt works for ${CODE_MINUTES} minutes.`,
    };
  }
  const link = resetLink(webUrl, mail.token);
  return {
    to: mail.to,
    subject: "Reset your Storefront password",
    html: layout(
      "Reset your password",
      `<p>${escapeHtml(hello)}</p><p>Someone asked to reset the password of your Storefront account. If it was you, choose a new one:</p>
<p style="margin:20px 0"><a href="${escapeHtml(link)}" style="background:#1f6f5c;color:#fff;padding:10px 16px;border-radius:6px;text-decoration:none">Choose a new password</a></p>
<p>The link works once, for ${RESET_MINUTES} minutes. Setting a new password signs you out everywhere.</p>`,
    ),
    text: `${hello}\n\nSomeone asked to reset the password of your Storefront account. If it was you, choose a new one here:\n${link}\n\nThe link works once, for ${RESET_MINUTES} minutes. Setting a new password signs you out everywhere.`,
  };
}
