import "server-only";
import type { RouterInputs, RouterOutputs } from "@shop/notify-svc/router";
import { fromService, router, signedInProcedure } from "../init.ts";
import { relayTrackedSubscription } from "../subscription-relay.ts";

type NotificationInputs = RouterInputs["notifications"];
/** One live event as notify-svc streams it (the data of its tracked items). */
type LiveNotification =
  RouterOutputs["notifications"]["onEvent"] extends AsyncIterable<infer Item>
    ? Item extends { data: infer Data }
      ? Data
      : never
    : never;

/** The signed-in user's own notifications (the admin-wide list and retry stay service-side for now). */
export const notificationsRouter = router({
  mine: signedInProcedure
    .input((raw) => (raw ?? {}) as NotificationInputs["mine"])
    .query(({ ctx, input }) => fromService(ctx.services.notify.notifications.mine.query(input))),

  unreadCount: signedInProcedure.query(({ ctx }) =>
    fromService(ctx.services.notify.notifications.unreadCount.query()),
  ),

  markRead: signedInProcedure
    .input((raw) => (raw ?? {}) as NotificationInputs["markRead"])
    .mutation(({ ctx, input }) => fromService(ctx.services.notify.notifications.markRead.mutate(input))),

  /**
   * Live notifications for the signed-in user, relayed from notify-svc's SSE stream. On a reconnect the
   * browser sends the last id it saw as `lastEventId`; forwarding it lets notify-svc replay what was
   * missed in between.
   */
  onEvent: signedInProcedure
    .input((raw) => (raw ?? {}) as { lastEventId?: string | null })
    .subscription(({ ctx, input, signal }) =>
      relayTrackedSubscription<LiveNotification>(
        (observer) =>
          ctx.services.notify.notifications.onEvent.subscribe(
            { lastEventId: input.lastEventId ?? null },
            observer,
          ),
        signal,
      ),
    ),
});
