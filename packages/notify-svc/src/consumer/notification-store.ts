import type { OrderEvent } from "@shop/events/order-events";
import type { Db } from "../db.ts";
import { renderOrderEvent } from "../email/templates.ts";
import type { Prisma } from "../generated/prisma/client.ts";

/** Gives up redelivering after this many failed emails; the row stays FAILED for an admin retry. */
export const MAX_EMAIL_ATTEMPTS = 5;

function facts(event: OrderEvent) {
  return event.type === "order.created"
    ? {
        userId: event.order.userId,
        email: event.order.email,
        orderId: event.order.id,
        orderStatus: event.order.status,
      }
    : { userId: event.userId, email: event.email, orderId: event.orderId, orderStatus: event.to };
}

/**
 * Records the notification for an event exactly once. The insert and the live-push NOTIFY share one
 * transaction, so subscribers hear only about committed rows; a per-user advisory lock makes each
 * user's `seq` values commit in order, so a stream resuming "after seq N" never skips a late commit.
 */
export async function recordNotification(db: Db, event: OrderEvent, webUrl: string) {
  const { userId, email, orderId, orderStatus } = facts(event);
  const message = renderOrderEvent(event, webUrl);
  await db.$transaction(async (tx) => {
    await tx.$executeRaw`SELECT pg_advisory_xact_lock(hashtext(${userId}))`;
    const inserted = await tx.$executeRaw`
      INSERT INTO notifications (id, event_id, user_id, type, channel, recipient, order_id, order_status, title, body, payload)
      VALUES (gen_random_uuid(), ${event.eventId}::uuid, ${userId}::uuid, ${event.type}, 'email', ${email},
              ${orderId}::uuid, ${orderStatus}, ${message.title}, ${message.body}, ${JSON.stringify(event)}::jsonb)
      ON CONFLICT (event_id, channel) DO NOTHING`;
    if (inserted === 1) {
      await tx.$executeRaw`SELECT pg_notify('notifications', ${JSON.stringify({ userId })})`;
    }
  });
  return db.notification.findUniqueOrThrow({
    where: { eventId_channel: { eventId: event.eventId, channel: "email" } },
    select: { id: true, status: true, attempts: true },
  });
}

export type DeliveryOutcome = "sent" | "failed" | "busy";

/**
 * Sends the email for a notification and records the outcome (SENT, or FAILED with the error and the
 * attempt count). The row is locked for the duration of the send (FOR UPDATE SKIP LOCKED), so two
 * copies of one event handled at the same moment — a duplicate in the same batch, two replicas, an
 * admin retry — cannot both send: the loser gets "busy" and its message comes back later to find SENT.
 */
export async function deliverEmail(
  db: Db,
  send: (mail: { to: string; subject: string; html: string; text: string }) => Promise<void>,
  notificationId: string,
  webUrl: string,
): Promise<DeliveryOutcome> {
  return db.$transaction(
    async (tx) => {
      const rows = await tx.$queryRaw<{ status: string; recipient: string; payload: Prisma.JsonValue }[]>`
        SELECT status::text, recipient, payload FROM notifications WHERE id = ${notificationId}::uuid
        FOR UPDATE SKIP LOCKED`;
      const row = rows[0];
      if (!row) return "busy";
      if (row.status === "SENT") return "sent";
      const message = renderOrderEvent(row.payload as unknown as OrderEvent, webUrl);
      try {
        await send({ to: row.recipient, subject: message.subject, html: message.html, text: message.text });
      } catch (error) {
        await tx.notification.update({
          where: { id: notificationId },
          data: {
            status: "FAILED",
            attempts: { increment: 1 },
            lastError: String((error as Error).message ?? error).slice(0, 500),
          },
        });
        return "failed";
      }
      await tx.notification.update({
        where: { id: notificationId },
        data: { status: "SENT", attempts: { increment: 1 }, lastError: null, sentAt: new Date() },
      });
      return "sent";
    },
    { timeout: 30_000, maxWait: 10_000 },
  );
}
