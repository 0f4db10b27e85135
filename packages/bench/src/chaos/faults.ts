import pg from "pg";
import { sleep } from "../measure/open-loop.ts";
import type { StackTarget } from "../stack/target.ts";
import type { ServiceProcess } from "./service-process.ts";
import type { SwitchableProxy } from "./switchable-proxy.ts";

export type Log = (message: string) => void;

/** kill -9 notify-svc `times` times while orders flow, restarting it after a short pause each time. */
export async function killNotifyRepeatedly(notify: ServiceProcess, times: number, log: Log): Promise<void> {
  for (let i = 1; i <= times; i++) {
    await sleep(6_000);
    notify.killHard();
    log(`notify-svc killed with SIGKILL (${i}/${times})`);
    await sleep(2_000);
    await notify.start();
    log("notify-svc restarted");
  }
}

/**
 * Kills order-svc between commit and publish: an order-svc with its outbox relay switched off accepts
 * orders for a while (they commit with their events unpublished), is killed with SIGKILL, and a normal
 * order-svc takes over — its relay must publish what the dead one left behind, once.
 */
export async function killOrderSvcBeforePublish(
  orders: ServiceProcess,
  target: StackTarget,
  log: Log,
): Promise<void> {
  orders.killHard();
  await orders.start({ OUTBOX_RELAY_ENABLED: "false" });
  log("order-svc replaced by one with its outbox relay off");
  await sleep(10_000);
  const unpublished = await outboxBacklog(target);
  orders.killHard();
  log(`order-svc (relay off) killed with SIGKILL, leaving ${unpublished} unpublished events`);
  await sleep(1_000);
  await orders.start();
  log("normal order-svc started");
  await sleep(5_000);
}

/** The emulator unreachable (connections refused and cut) for `seconds`. */
export async function stopEmulator(
  proxy: SwitchableProxy,
  target: StackTarget,
  seconds: number,
  log: Log,
): Promise<void> {
  await proxy.down();
  log(`SNS/SQS emulator unreachable for ${seconds} s`);
  await sleep(seconds * 1000);
  const backlog = await outboxBacklog(target);
  await proxy.up();
  log(`SNS/SQS emulator reachable again; ${backlog} events were waiting in the outbox`);
  await sleep(5_000);
}

/** Terminates every connection to the services' databases, `times` times, a few seconds apart. */
export async function dropDatabaseConnections(target: StackTarget, times: number, log: Log): Promise<void> {
  for (let i = 1; i <= times; i++) {
    await sleep(4_000);
    const admin = new pg.Client({ connectionString: target.adminDatabaseUrl });
    await admin.connect();
    try {
      const { rowCount } = await admin.query(
        `SELECT pg_terminate_backend(pid) FROM pg_stat_activity
         WHERE datname IN ('users', 'products', 'orders', 'notifications') AND pid <> pg_backend_pid()`,
      );
      log(`terminated ${rowCount} database connections (${i}/${times})`);
    } finally {
      await admin.end();
    }
  }
}

async function outboxBacklog(target: StackTarget): Promise<number> {
  const client = new pg.Client({ connectionString: target.databaseUrls["order-svc"] });
  await client.connect();
  try {
    const { rows } = await client.query<{ n: string }>(
      "SELECT count(*) AS n FROM outbox WHERE published_at IS NULL",
    );
    return Number(rows[0]?.n ?? 0);
  } finally {
    await client.end();
  }
}
