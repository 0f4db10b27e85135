import nodemailer from "nodemailer";
import type SMTPPool from "nodemailer/lib/smtp-pool";

export interface OutgoingMail {
  to: string;
  subject: string;
  html: string;
  text: string;
}

export interface Mailer {
  send(mail: OutgoingMail): Promise<void>;
  close(): void;
}

/**
 * SMTP via nodemailer over a bounded pool of kept-open connections (a new connection per mail costs a
 * TCP + SMTP handshake each time), with bounded timeouts so a hung mail server fails a send instead of
 * stalling the consumer. Sends beyond `maxConnections` queue inside the pool.
 */
export function createMailer(smtpUrl: string, from: string, opts: { maxConnections?: number } = {}): Mailer {
  const url = new URL(smtpUrl);
  // maxRequeues is a pool option nodemailer has and its type definitions lack.
  const options: SMTPPool.Options & { maxRequeues: number } = {
    pool: true,
    maxConnections: opts.maxConnections, // unset: nodemailer's default (5)
    // Recycles a connection now and then, as relays limit messages per session.
    maxMessages: 100,
    // A connection lost mid-send fails that send (the default re-queues it without end, also while the
    // server refuses every connection); the delivery records FAILED and SQS brings the event back.
    maxRequeues: 0,
    host: url.hostname,
    port: Number(url.port || 25),
    secure: url.protocol === "smtps:",
    auth: url.username
      ? { user: decodeURIComponent(url.username), pass: decodeURIComponent(url.password) }
      : undefined,
    connectionTimeout: 5_000,
    greetingTimeout: 5_000,
    socketTimeout: 10_000,
    // Local catchers speak plain SMTP; real relays are reached with STARTTLS when they offer it.
    ignoreTLS: url.hostname === "127.0.0.1" || url.hostname === "localhost",
  };
  const transport = nodemailer.createTransport(options);
  return {
    async send(mail) {
      await transport.sendMail({
        from,
        to: mail.to,
        subject: mail.subject,
        html: mail.html,
        text: mail.text,
      });
    },
    close: () => transport.close(),
  };
}
