import pg from "pg";
import type { Logger } from "../log.ts";

export interface Listener {
  stop(): Promise<void>;
}

/**
 * LISTENs on a PostgreSQL channel on a dedicated connection, reconnecting after errors. `onNotify` gets
 * each payload; after every (re)connect it is also called with `null`, because notifications sent
 * while disconnected are lost and the caller should catch up from the table itself.
 */
export function listen(
  url: string,
  channel: string,
  onNotify: (payload: string | null) => void,
  log: Logger,
): Listener {
  if (!/^[a-z_][a-z0-9_]*$/.test(channel)) throw new Error(`invalid channel name ${channel}`);
  let client: pg.Client | undefined;
  let stopped = false;
  let retry: NodeJS.Timeout | undefined;

  const reconnectSoon = (delayMs: number) => {
    if (!stopped) retry = setTimeout(() => void connect(), delayMs);
  };
  const connect = async () => {
    const c = new pg.Client({ connectionString: url, application_name: `listen:${channel}` });
    client = c;
    c.on("notification", (message) => {
      if (message.channel === channel) onNotify(message.payload ?? null);
    });
    c.on("error", (error) => {
      log.warn({ channel, err: error }, "LISTEN connection lost; reconnecting");
      c.end().catch(() => {});
      reconnectSoon(1_000);
    });
    try {
      await c.connect();
      await c.query(`LISTEN ${channel}`);
      onNotify(null);
    } catch (error) {
      log.warn({ channel, err: error }, "could not LISTEN; relying on polling until it works");
      c.end().catch(() => {});
      reconnectSoon(2_000);
    }
  };
  void connect();
  return {
    async stop() {
      stopped = true;
      if (retry) clearTimeout(retry);
      await client?.end().catch(() => {});
    },
  };
}
