import type { Metadata } from "next";
import { NotificationList } from "../../components/notifications/NotificationList.tsx";
import { requireSignedInUser } from "../../server/require-user.ts";

export const metadata: Metadata = { title: "Notifications" };

export default async function NotificationsPage() {
  await requireSignedInUser("/notifications");
  return (
    <>
      <h1>Notifications</h1>
      <NotificationList />
    </>
  );
}
