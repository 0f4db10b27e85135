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

/** sent: SENT now or before. failed: this attempt failed (FAILED). busy: another sender holds the lease. */
export type DeliveryOutcome = "sent" | "failed" | "busy";

/** Which row to deliver: the consumer's by event, an admin retry's by id (and only from FAILED). */
export type DeliveryTarget = { eventId: string } | { id: string; onlyFailed: true };

interface Claim {
  id: string;
  recipient: string;
  /** Sends started so far, this one included: the claim's fencing token. */
  attempts: number;
  email_subject: string | null;
  email_html: string | null;
  email_text: string | null;
}

/**
 * Claims a notification for sending with one UPDATE … RETURNING: PENDING and FAILED rows, and SENDING
 * rows whose lease ran out (their sender crashed). Row locking makes two concurrent claims of one row
 * resolve to one winner; the loser re-reads the row as SENDING with a live lease and claims nothing.
 */
function claim(db: Db, target: DeliveryTarget, leaseSeconds: number): Promise<Claim[]> {
  return "eventId" in target
    ? db.$queryRaw<Claim[]>`
      UPDATE notifications
      SET status = 'SENDING', lease_until = now() + make_interval(secs => ${leaseSeconds}), attempts = attempts + 1
      WHERE event_id = ${target.eventId}::uuid AND channel = 'email'
        AND (status IN ('PENDING', 'FAILED') OR (status = 'SENDING' AND lease_until < now()))
      RETURNING id, recipient, attempts, email_subject, email_html, email_text`
    : db.$queryRaw<Claim[]>`
      UPDATE notifications
      SET status = 'SENDING', lease_until = now() + make_interval(secs => ${leaseSeconds}), attempts = attempts + 1
      WHERE id = ${target.id}::uuid AND status = 'FAILED'
      RETURNING id, recipient, attempts, email_subject, email_html, email_text`;
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

/**
 * Sends one notification's email with no transaction open across the SMTP conversation: claim the row
 * with a lease, send, then mark it SENT (or FAILED with the error). The mark only applies while the
 * claim is still this sender's (same attempt number, still SENDING), so a sender that lost its lease
 * cannot overwrite its successor. Email stays at-least-once: a sender that dies after the SMTP server
 * accepted the mail but before marking it leaves a claim that runs out and is sent again.
 */
export async function deliverEmail(
  deps: { db: Db; mailer: Mailer; log: Logger; webUrl: string; leaseSeconds?: number },
  target: DeliveryTarget,
): Promise<DeliveryOutcome> {
  const { db } = deps;
  const leaseSeconds = deps.leaseSeconds ?? DEFAULT_LEASE_SECONDS;
  const [row] = await claim(db, target, leaseSeconds);
  if (!row) return currentOutcome(db, target);
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

async function currentOutcome(db: Db, target: DeliveryTarget): Promise<DeliveryOutcome> {
  const row = await db.notification.findFirst({
    where: "eventId" in target ? { eventId: target.eventId, channel: "email" } : { id: target.id },
    select: { status: true },
  });
  if (!row) throw new Error("notification to deliver does not exist");
  // FAILED here means an admin retry's target was not FAILED when claimed and has failed again since.
  return row.status === "SENT" ? "sent" : row.status === "FAILED" ? "failed" : "busy";
}
