import { trpc } from "../../lib/trpc.ts";
import { showToast } from "./toast-store.ts";

/**
 * Keeps this tab in step with the signed-in user's notifications, pushed over SSE. Every page that
 * shows something an event changes reads it through a query, so an event only has to invalidate
 * those queries: the bell's count, the notification list, and the order it is about (the order page
 * then shows the new status and timeline without a reload). Status changes also get a toast.
 *
 * The browser's EventSource reconnects by itself and sends the last event id it saw; the BFF passes
 * it to notify-svc, which replays what was missed.
 */
export function useLiveNotifications() {
  const utils = trpc.useUtils();
  return trpc.notifications.onEvent.useSubscription(
    {},
    {
      onData: ({ data: event }) => {
        // Bump the count at once; the refetch then brings the exact number.
        utils.notifications.unreadCount.setData(undefined, (old) => ({ count: (old?.count ?? 0) + 1 }));
        void utils.notifications.unreadCount.invalidate();
        void utils.notifications.mine.invalidate();
        if (event.orderId) {
          void utils.orders.byId.invalidate({ orderId: event.orderId });
          void utils.orders.mine.invalidate();
        }
        if (event.type === "order.status.updated") {
          showToast({
            id: event.id,
            title: event.title,
            body: event.body,
            href: event.orderId ? `/orders/${event.orderId}` : undefined,
          });
        }
      },
    },
  );
}
