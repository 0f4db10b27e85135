import { randomUUID } from "node:crypto";
import { fileURLToPath } from "node:url";
import { createLogger } from "@shop/service-kit/log";
import { callers, startTestService, type TestService } from "@shop/testing/service";
import { createTestDatabase, type TestDatabase } from "@shop/testing/test-db";
import { afterAll, beforeAll, describe, expect, inject, it } from "vitest";
import { createDb, type Db } from "../src/db.ts";
import { createMailer } from "../src/email/mailer.ts";
import { createNotificationHub, type NotificationHub } from "../src/live/notification-hub.ts";
import { type AppRouter, appRouter } from "../src/router/index.ts";

const migrationsDir = fileURLToPath(new URL("../../../prisma/notify/migrations", import.meta.url));
let database: TestDatabase;
let db: Db;
let svc: TestService<AppRouter>;
let hub: NotificationHub;

beforeAll(async () => {
  database = await createTestDatabase(inject("pgAdminUrl"), migrationsDir);
  db = createDb(database.url, 4);
  hub = createNotificationHub(database.url, createLogger("notify-test", "silent"));
  svc = await startTestService({
    name: "notify-svc",
    router: appRouter,
    // This file does not send mail; a mailer pointing nowhere proves it.
    deps: { db, hub, mailer: createMailer("smtp://127.0.0.1:9", "x@shop.test"), webUrl: "http://shop.test" },
  });
  const base = Date.now();
  await db.notification.createMany({
    data: [
      ...Array.from({ length: 5 }, (_, i) => ({
        eventId: randomUUID(),
        userId: callers.shopper.sub,
        recipient: callers.shopper.email,
        type: "order.created",
        title: `Order ${i} placed`,
        body: "Thanks!",
        payload: {},
        createdAt: new Date(base + i * 1000),
      })),
      {
        eventId: randomUUID(),
        userId: callers.otherShopper.sub,
        recipient: callers.otherShopper.email,
        type: "order.created",
        title: "Someone else's",
        body: "x",
        payload: {},
      },
    ],
  });
});
afterAll(async () => {
  await svc?.close();
  await hub?.stop();
  await db?.$disconnect();
  await database?.drop();
});

describe("notifications", () => {
  it("lists only the caller's own, newest first, page by page", async () => {
    const client = svc.as(callers.shopper).notifications;
    const first = await client.mine.query({ limit: 3 });
    expect(first.items.map((n) => n.title)).toEqual(["Order 4 placed", "Order 3 placed", "Order 2 placed"]);
    const second = await client.mine.query({ limit: 3, cursor: first.nextCursor ?? undefined });
    expect(second.items.map((n) => n.title)).toEqual(["Order 1 placed", "Order 0 placed"]);
    expect(second.nextCursor).toBeNull();
  });

  it("counts unread and marks read without touching other users' rows", async () => {
    const mine = svc.as(callers.shopper).notifications;
    expect(await mine.unreadCount.query()).toEqual({ count: 5 });
    const someoneElses = await db.notification.findFirstOrThrow({
      where: { userId: callers.otherShopper.sub },
    });
    const { items } = await mine.mine.query({ limit: 2 });
    const marked = await mine.markRead.mutate({ ids: [...items.map((n) => n.id), someoneElses.id] });
    expect(marked).toEqual({ marked: 2 });
    expect(await mine.unreadCount.query()).toEqual({ count: 3 });
    expect(await svc.as(callers.otherShopper).notifications.unreadCount.query()).toEqual({ count: 1 });
  });
});
