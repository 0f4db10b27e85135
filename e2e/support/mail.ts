import { expect } from "@playwright/test";
import { E2E_PORT_OFFSET } from "./port-offset.ts";

/**
 * The e2e stack's SMTP catcher, read through its mail viewer's JSON API (GET /api/messages, newest
 * first) on MAIL_VIEWER_PORT as playwright.config.ts sets it (E2E_PORT_OFFSET included). Override with
 * E2E_MAIL_VIEWER_URL when E2E_BASE_URL points at another stack.
 */
export const MAIL_VIEWER_URL =
  process.env.E2E_MAIL_VIEWER_URL ?? `http://127.0.0.1:${1180 + E2E_PORT_OFFSET}`;

export interface CaughtMail {
  id: string;
  to: string[];
  subject: string;
  text: string;
}

async function messages(): Promise<CaughtMail[]> {
  const response = await fetch(`${MAIL_VIEWER_URL}/api/messages`);
  if (!response.ok) throw new Error(`mail viewer answered ${response.status}`);
  return (await response.json()) as CaughtMail[];
}

/** The newest mail to `to` whose subject matches, waiting for it to arrive. */
export async function waitForMail(to: string, subject: RegExp): Promise<CaughtMail> {
  let found: CaughtMail | undefined;
  await expect
    .poll(
      async () => {
        found = (await messages()).find((m) => m.to.includes(to) && subject.test(m.subject));
        return Boolean(found);
      },
      { message: `a mail to ${to} with subject ${subject}`, timeout: 15_000 },
    )
    .toBe(true);
  return found as CaughtMail;
}

/** The 6-digit code in the newest verification mail to `email`. */
export async function verificationCode(email: string): Promise<string> {
  const mail = await waitForMail(email, /verification code/);
  const code = /code is (\d{6})/.exec(mail.text)?.[1];
  if (!code) throw new Error(`no code in "${mail.subject}"`);
  return code;
}

/** The path (with its #token fragment) of the newest password-reset link mailed to `email`. */
export async function resetLinkPath(email: string): Promise<string> {
  const mail = await waitForMail(email, /Reset your/);
  const link = /(https?:\/\/\S+\/reset-password#token=[\w-]+)/.exec(mail.text)?.[1];
  if (!link) throw new Error("no reset link in the mail");
  const url = new URL(link);
  return `${url.pathname}${url.hash}`;
}
