import { useQueryClient } from "@tanstack/react-query";
import { useSubscription } from "@trpc/tanstack-react-query";
import { useTRPC } from "../../lib/trpc.ts";
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
  const trpc = useTRPC();
  const queryClient = useQueryClient();
  return useSubscription(
    trpc.notifications.onEvent.subscriptionOptions(
      {},
      {
        onData: ({ data: event }) => {
          // Bump the count at once; the refetch then brings the exact number.
          queryClient.setQueryData(trpc.notifications.unreadCount.queryKey(), (old) => ({
            count: (old?.count ?? 0) + 1,
          }));
          void queryClient.invalidateQueries(trpc.notifications.unreadCount.queryFilter());
          void queryClient.invalidateQueries(trpc.notifications.mine.pathFilter());
          if (event.orderId) {
            void queryClient.invalidateQueries(trpc.orders.byId.queryFilter({ orderId: event.orderId }));
            void queryClient.invalidateQueries(trpc.orders.mine.pathFilter());
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
    ),
  );
}
