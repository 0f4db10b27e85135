import { randomUUID } from "node:crypto";
import { createLogger } from "@shop/service-kit/log";
import { startTestService, type TestService } from "@shop/testing/service";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { recordNotifications } from "../src/consumer/notification-store.ts";
import { createNotificationHub, type NotificationHub } from "../src/live/notification-hub.ts";
import { type AppRouter, appRouter } from "../src/router/index.ts";
import {
  type NotifyStack,
  orderCreated,
  startNotifyStack,
  statusUpdated,
  WEB_URL,
  waitFor,
} from "./notify-stack.ts";

let stack: NotifyStack;
/** A second notify-svc replica: its own server and its own LISTEN connection, same database. */
let replicaB: TestService<AppRouter>;
let hubB: NotificationHub;
beforeAll(async () => {
  stack = await startNotifyStack();
  hubB = createNotificationHub(stack.database.url, createLogger("replica-b", "silent"));
  replicaB = await startTestService({
    name: "notify-svc",
    router: appRouter,
    deps: { db: stack.db, hub: hubB, mailer: stack.mailer, webUrl: WEB_URL },
  });
});
afterAll(async () => {
  await replicaB?.close();
  await hubB?.stop();
  await stack?.close();
});

interface Received {
  id: string;
  title: string;
  orderStatus: string | null;
}

/** Subscribes through the real HTTP/SSE path and collects what arrives. */
function subscribe(svc: TestService<AppRouter>, user: { id: string; email: string }, lastEventId?: string) {
  const received: Received[] = [];
  const subscription = svc
    .as({ sub: user.id, role: "SHOPPER", email: user.email })
    .notifications.onEvent.subscribe(lastEventId ? { lastEventId } : undefined, {
      onData: (event) => {
        received.push({ id: event.id, title: event.data.title, orderStatus: event.data.orderStatus });
      },
    });
  return { received, stop: () => subscription.unsubscribe() };
}

type Event = Parameters<typeof recordNotifications>[1][number];
const record = (...events: Event[]) => recordNotifications(stack.db, events, WEB_URL);
const shopper = () => ({ id: randomUUID(), email: `live-${randomUUID().slice(0, 6)}@example.test` });

/**
 * The end marker of a stream: records one more notification for the user and waits until the
 * subscriber has it. Rows commit and stream in seq order, so once the marker is in, everything
 * recorded before it has arrived too, and nothing else will; returns what came before the marker.
 */
async function untilMarker(sub: ReturnType<typeof subscribe>, user: { id: string; email: string }) {
  const marker = statusUpdated(user.id, user.email, randomUUID(), "DELIVERED");
  await record(marker);
  const ref = marker.orderId.slice(0, 8).toUpperCase();
  await waitFor(async () => sub.received.some((r) => r.title.endsWith(ref)), 5_000);
  sub.stop();
  const at = sub.received.findIndex((r) => r.title.endsWith(ref));
  expect(at).toBe(sub.received.length - 1); // nothing after the marker
  return sub.received.slice(0, at);
}

describe("notifications.onEvent (SSE)", () => {
  it("a subscriber on replica B receives events consumed by replica A, only its own", async () => {
    const me = shopper();
    const someoneElse = shopper();
    // "0": replay from the beginning, so the test does not depend on when the stream opens.
    const sub = subscribe(replicaB, me, "0");
    const created = orderCreated(me.id, me.email);
    await record(created);
    await record(orderCreated(someoneElse.id, someoneElse.email));
    await record(statusUpdated(me.id, me.email, created.order.id, "SHIPPED"));
    const received = await untilMarker(sub, me);
    expect(received.map((r) => r.orderStatus)).toEqual(["PENDING", "SHIPPED"]);
    expect(received.every((r) => /^\d+$/.test(r.id))).toBe(true);
  });

  it("a client that disconnects and resumes with lastEventId misses nothing and gets nothing twice", async () => {
    const me = shopper();
    const first = subscribe(stack.svc, me, "0");
    const order = orderCreated(me.id, me.email);
    await record(order);
    await record(statusUpdated(me.id, me.email, order.order.id, "CONFIRMED"));
    await waitFor(async () => first.received.length >= 2, 5_000);
    first.stop();
    const lastSeen = first.received.at(-1)?.id;

    // Offline: three more things happen.
    for (const to of ["SHIPPED", "DELIVERED"] as const)
      await record(statusUpdated(me.id, me.email, order.order.id, to));
    await record(orderCreated(me.id, me.email));

    const resumed = subscribe(replicaB, me, lastSeen);
    const replayed = await untilMarker(resumed, me);
    expect(replayed.map((r) => r.orderStatus)).toEqual(["SHIPPED", "DELIVERED", "PENDING"]);
    const ids = [...first.received, ...replayed].map((r) => BigInt(r.id));
    expect(ids).toEqual([...ids].sort((a, b) => (a < b ? -1 : 1)));
    expect(new Set(ids).size).toBe(5);
  });

  it("batches recorded concurrently, several users each, stream every row to its user once and in order", async () => {
    const users = [shopper(), shopper(), shopper()];
    const subs = users.map((u) => subscribe(stack.svc, u, "0"));
    // 12 batches at once, each with all three users in a different order (so batches contend for the
    // same per-user locks in different orders) and two events per user.
    const batches = Array.from({ length: 12 }, (_, b) =>
      [...users.slice(b % 3), ...users.slice(0, b % 3)].flatMap((u) => [
        orderCreated(u.id, u.email),
        statusUpdated(u.id, u.email, randomUUID(), "CONFIRMED"),
      ]),
    );
    await Promise.all(batches.map((events) => record(...events)));
    for (const [i, u] of users.entries()) {
      const received = await untilMarker(subs[i] as ReturnType<typeof subscribe>, u);
      expect(received).toHaveLength(24);
      const seqs = received.map((r) => BigInt(r.id));
      expect(seqs).toEqual([...seqs].sort((a, b) => (a < b ? -1 : 1)));
      expect(new Set(seqs).size).toBe(24);
    }
  });

  it("refuses anonymous subscribers", async () => {
    const errors: string[] = [];
    const subscription = stack.svc
      .as({ sub: "web-bff", role: "GUEST" })
      .notifications.onEvent.subscribe(undefined, {
        onError: (error) => errors.push((error as { data?: { code?: string } }).data?.code ?? "?"),
      });
    await waitFor(async () => errors.length > 0, 5_000);
    subscription.unsubscribe();
    expect(errors[0]).toBe("UNAUTHORIZED");
  });
});
