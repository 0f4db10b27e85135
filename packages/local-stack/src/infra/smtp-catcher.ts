import { randomUUID } from "node:crypto";
import type { AddressInfo } from "node:net";
import { type AddressObject, simpleParser } from "mailparser";
import { SMTPServer, type SMTPServerSession } from "smtp-server";
import { type CaughtMail, type MailPredicate, MailStore } from "./mail-store.ts";
import { startMailViewer } from "./mail-viewer.ts";

export type { CaughtMail, MailPredicate } from "./mail-store.ts";

export interface SmtpCatcherOptions {
  /** 0 (the default) picks a free port. */
  smtpPort?: number;
  viewerPort?: number;
  /** How many mails to keep; older ones are dropped. */
  limit?: number;
  /** Called for every mail received, e.g. to print a line in the dev console. */
  onMail?: (mail: CaughtMail) => void;
}

export interface SmtpCatcherHandle {
  /** smtp://127.0.0.1:<port> — what SMTP_URL should be. */
  smtpUrl: string;
  /** http://127.0.0.1:<port> — HTML viewer at /, JSON at /api/messages. */
  viewerUrl: string;
  /** Newest first. */
  messages(): CaughtMail[];
  clear(): void;
  waitFor(predicate: MailPredicate, timeoutMs?: number): Promise<CaughtMail>;
  stop(): Promise<void>;
}

const MAX_MAIL_BYTES = 10 * 1024 * 1024;

/**
 * A local SMTP server that accepts every mail (no TLS, any or no credentials) and keeps it in memory
 * for people (the viewer) and tests (messages()/waitFor() or the JSON API). Loopback only.
 */
export async function startSmtpCatcher(opts: SmtpCatcherOptions = {}): Promise<SmtpCatcherHandle> {
  const store = new MailStore(opts.limit);
  const smtp = new SMTPServer({
    // Plain SMTP on loopback: without STARTTLS advertised, clients deliver unencrypted; accepting any
    // AUTH lets services configured with credentials (as for a real relay) work unchanged.
    disabledCommands: ["STARTTLS"],
    authOptional: true,
    allowInsecureAuth: true,
    onAuth: (_auth, _session, callback) => callback(null, { user: "local" }),
    disableReverseLookup: true,
    size: MAX_MAIL_BYTES,
    logger: false,
    onData(stream, session, callback) {
      simpleParser(stream)
        .then((parsed) => {
          const mail = toCaughtMail(parsed, session);
          store.add(mail);
          opts.onMail?.(mail);
          callback();
        })
        .catch((error: Error) => callback(error));
    },
  });
  // smtp-server emits 'error' for client misbehaviour (resets, bad commands); it must not crash us.
  smtp.on("error", () => {});
  await new Promise<void>((resolve, reject) => {
    smtp.server.once("error", reject);
    smtp.listen(opts.smtpPort ?? 0, "127.0.0.1", () => resolve());
  });
  const smtpPort = (smtp.server.address() as AddressInfo).port;

  let viewer: Awaited<ReturnType<typeof startMailViewer>>;
  try {
    viewer = await startMailViewer(store, opts.viewerPort ?? 0);
  } catch (error) {
    await new Promise<void>((resolve) => smtp.close(() => resolve()));
    throw error;
  }

  return {
    smtpUrl: `smtp://127.0.0.1:${smtpPort}`,
    viewerUrl: viewer.url,
    messages: () => store.list(),
    clear: () => store.clear(),
    waitFor: (predicate, timeoutMs) => store.waitFor(predicate, timeoutMs),
    async stop() {
      await Promise.all([viewer.stop(), new Promise<void>((resolve) => smtp.close(() => resolve()))]);
    },
  };
}

type ParsedMail = Awaited<ReturnType<typeof simpleParser>>;

function toCaughtMail(parsed: ParsedMail, session: SMTPServerSession): CaughtMail {
  const envelopeFrom = session.envelope.mailFrom ? session.envelope.mailFrom.address : "";
  const headerTo = addressesOf(parsed.to);
  const envelopeTo = session.envelope.rcptTo.map((rcpt) => rcpt.address);
  return {
    id: randomUUID(),
    from: parsed.from?.text || envelopeFrom,
    to: envelopeTo.length ? envelopeTo : headerTo,
    subject: parsed.subject ?? "",
    date: (parsed.date ?? new Date()).toISOString(),
    text: parsed.text ?? "",
    html: typeof parsed.html === "string" ? parsed.html : null,
  };
}

function addressesOf(field: AddressObject | AddressObject[] | undefined): string[] {
  const groups = field === undefined ? [] : Array.isArray(field) ? field : [field];
  return groups.flatMap((group) => group.value.map((entry) => entry.address ?? "").filter(Boolean));
}
