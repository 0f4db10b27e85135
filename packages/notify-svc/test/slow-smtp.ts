import type { AddressInfo } from "node:net";
import { SMTPServer } from "smtp-server";

export interface AcceptedMail {
  to: string[];
  acceptedAt: number;
}

/**
 * A real SMTP listener that takes `replyDelayMs` to answer each message (after DATA), like a relay that
 * scans mail before accepting it. A mail counts as delivered only when its 250 reply went out on a
 * connection that was still open: a client that hung up while waiting did not get it delivered.
 */
export async function startSlowSmtp(replyDelayMs: number) {
  const accepted: AcceptedMail[] = [];
  const closed = new Set<string>();
  let waiting = 0;
  const server = new SMTPServer({
    disabledCommands: ["STARTTLS", "AUTH"],
    disableReverseLookup: true,
    logger: false,
    onData(stream, session, callback) {
      stream.resume();
      stream.on("end", () => {
        const to = session.envelope.rcptTo.map((rcpt) => rcpt.address);
        waiting += 1;
        setTimeout(() => {
          waiting -= 1;
          if (closed.has(session.id)) return callback(new Error("client gone"));
          accepted.push({ to, acceptedAt: Date.now() });
          callback();
        }, replyDelayMs);
      });
    },
    onClose(session) {
      closed.add(session.id);
    },
  });
  server.on("error", () => {}); // client resets are expected (processes are killed mid-send)
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", () => resolve()));
  const port = (server.server.address() as AddressInfo).port;
  return {
    smtpUrl: `smtp://127.0.0.1:${port}`,
    accepted: () => [...accepted],
    /** Mails whose content arrived and whose reply is still being held back. */
    waiting: () => waiting,
    stop: () => new Promise<void>((resolve) => server.close(() => resolve())),
  };
}
