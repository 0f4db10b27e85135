import { orderEventSchema } from "@shop/events/order-events";
import type { Logger } from "@shop/service-kit/log";
import type { Db } from "../db.ts";
import type { Mailer, OutgoingMail } from "./mailer.ts";
import { renderOrderEvent } from "./templates.ts";

/**
 * How long a claim holds a notification before another sender may take it over; renewed every third
 * of it while the send is still running, so it only runs out when its sender is gone.
 */
export const DEFAULT_LEASE_SECONDS = 30;

/** sent: SENT now or before. failed: this attempt failed (FAILED). busy: another sender holds the claim. */
export type DeliveryOutcome = "sent" | "failed" | "busy";

interface Claim {
  id: string;
  event_id: string;
  recipient: string;
  /** Sends started so far, this one included: the claim's fencing token. */
  attempts: number;
  email_subject: string | null;
  email_html: string | null;
  email_text: string | null;
}

/**
 * Claims notifications for sending with one UPDATE … RETURNING: PENDING and FAILED rows, and SENDING
 * rows whose lease ran out (their sender crashed). Row locking makes two concurrent claims of one row
 * resolve to one winner; the loser re-reads the row as SENDING with a live lease and claims nothing.
 * The consumer claims by event (all of a batch at once), an admin retry by id and only from FAILED.
 */
function claim(
  db: Db,
  target: { eventIds: readonly string[] } | { failedId: string },
  leaseSeconds: number,
): Promise<Claim[]> {
  return "eventIds" in target
    ? db.$queryRaw<Claim[]>`
      UPDATE notifications
      SET status = 'SENDING', lease_until = now() + make_interval(secs => ${leaseSeconds}), attempts = attempts + 1
      WHERE event_id IN (SELECT jsonb_array_elements_text(${JSON.stringify(target.eventIds)}::jsonb)::uuid)
        AND channel = 'email'
        AND (status IN ('PENDING', 'FAILED') OR (status = 'SENDING' AND lease_until < now()))
      RETURNING id, event_id::text, recipient, attempts, email_subject, email_html, email_text`
    : db.$queryRaw<Claim[]>`
      UPDATE notifications
      SET status = 'SENDING', lease_until = now() + make_interval(secs => ${leaseSeconds}), attempts = attempts + 1
      WHERE id = ${target.failedId}::uuid AND status = 'FAILED'
      RETURNING id, event_id::text, recipient, attempts, email_subject, email_html, email_text`;
}

/** Rows recorded before emails were stored with them are rendered from their payload, once, here. */
async function storedMail(db: Db, row: Claim, webUrl: string): Promise<OutgoingMail> {
  if (row.email_subject !== null && row.email_html !== null && row.email_text !== null) {
    return { to: row.recipient, subject: row.email_subject, html: row.email_html, text: row.email_text };
  }
  const { payload } = await db.notification.findUniqueOrThrow({
    where: { id: row.id },
    select: { payload: true },
  });
  const message = renderOrderEvent(orderEventSchema.parse(payload), webUrl);
  return { to: row.recipient, subject: message.subject, html: message.html, text: message.text };
}

type DeliveryDeps = { db: Db; mailer: Mailer; log: Logger; webUrl: string; leaseSeconds?: number };

/**
 * Sends the emails of the given events' notifications with no transaction open across the SMTP
 * conversation: claim the rows with a lease (one statement for all), send each, then mark it SENT (or
 * FAILED with the error). Events whose row could not be claimed are "sent" (already) or "busy".
 */
export async function deliverEventEmails(
  deps: DeliveryDeps,
  eventIds: readonly string[],
): Promise<Map<string, DeliveryOutcome>> {
  const leaseSeconds = deps.leaseSeconds ?? DEFAULT_LEASE_SECONDS;
  const claimed = await claim(deps.db, { eventIds }, leaseSeconds);
  const outcomes = new Map<string, DeliveryOutcome>();
  const unclaimed = eventIds.filter((id) => !claimed.some((row) => row.event_id === id));
  if (unclaimed.length > 0) {
    const rows = await deps.db.notification.findMany({
      where: { eventId: { in: unclaimed }, channel: "email" },
      select: { eventId: true, status: true },
    });
    // Anything but SENT is another sender's to finish (or, after a race, claimable on the next look).
    for (const row of rows) outcomes.set(row.eventId, row.status === "SENT" ? "sent" : "busy");
    if (rows.length < unclaimed.length) throw new Error("an event to deliver has no notification");
  }
  await Promise.all(
    claimed.map(async (row) => outcomes.set(row.event_id, await sendClaimed(deps, row, leaseSeconds))),
  );
  return outcomes;
}

/** An admin's resend of a FAILED notification, claimed like the consumer's sends. */
export async function retryFailedEmail(
  deps: DeliveryDeps,
  id: string,
): Promise<DeliveryOutcome | "not-failed"> {
  const leaseSeconds = deps.leaseSeconds ?? DEFAULT_LEASE_SECONDS;
  const [row] = await claim(deps.db, { failedId: id }, leaseSeconds);
  return row ? sendClaimed(deps, row, leaseSeconds) : "not-failed";
}

/**
 * Sends one claimed email and marks the outcome. The lease is renewed while the send runs (also while
 * it waits for a pooled connection). The mark only applies while the claim is still this sender's
 * (same attempt number, still SENDING), so a sender that lost its lease cannot overwrite its
 * successor. Email stays at-least-once: a sender that dies after the SMTP server accepted the mail but
 * before marking it leaves a claim that runs out, and the mail is sent again.
 */
async function sendClaimed(deps: DeliveryDeps, row: Claim, leaseSeconds: number): Promise<DeliveryOutcome> {
  const { db } = deps;
  const renew = setInterval(
    () => {
      db.$executeRaw`
      UPDATE notifications SET lease_until = now() + make_interval(secs => ${leaseSeconds})
      WHERE id = ${row.id}::uuid AND status = 'SENDING' AND attempts = ${row.attempts}`.catch(
        (error: unknown) =>
          deps.log.warn({ err: error, notificationId: row.id }, "could not renew an email lease"),
      );
    },
    (leaseSeconds * 1000) / 3,
  );
  let error: unknown;
  try {
    await deps.mailer.send(await storedMail(db, row, deps.webUrl));
  } catch (caught) {
    error = caught ?? new Error("send failed");
  } finally {
    clearInterval(renew);
  }
  const marked =
    error === undefined
      ? await db.$executeRaw`
          UPDATE notifications SET status = 'SENT', sent_at = now(), lease_until = NULL, last_error = NULL
          WHERE id = ${row.id}::uuid AND status = 'SENDING' AND attempts = ${row.attempts}`
      : await db.$executeRaw`
          UPDATE notifications SET status = 'FAILED', lease_until = NULL,
                 last_error = ${String((error as Error).message ?? error).slice(0, 500)}
          WHERE id = ${row.id}::uuid AND status = 'SENDING' AND attempts = ${row.attempts}`;
  if (marked === 0) {
    deps.log.warn(
      { notificationId: row.id, attempt: row.attempts },
      "email lease was taken over during the send; this email may have been sent twice",
    );
  }
  return error === undefined ? "sent" : "failed";
}
