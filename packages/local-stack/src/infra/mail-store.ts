import { EventEmitter } from "node:events";

/** One received mail, as the viewer and the JSON API show it. */
export interface CaughtMail {
  id: string;
  /** The From header as written ("Shop <no-reply@shop.test>"), or the envelope sender. */
  from: string;
  /** Envelope recipients: everyone the mail was actually delivered to (To, Cc and Bcc). */
  to: string[];
  subject: string;
  /** ISO timestamp: the Date header, or the time of receipt when the header is missing. */
  date: string;
  text: string;
  html: string | null;
}

export type MailPredicate = (mail: CaughtMail) => boolean;

/**
 * Keeps the most recent mails in memory. Bounded so a long-running dev stack (or a load test that
 * sends thousands of notifications) cannot grow without limit.
 */
export class MailStore {
  readonly #mails: CaughtMail[] = [];
  readonly #arrivals = new EventEmitter();
  readonly #limit: number;

  constructor(limit = 500) {
    this.#limit = limit;
    // Every pending waitFor() listens; many concurrent e2e waits are normal, not a leak.
    this.#arrivals.setMaxListeners(0);
  }

  add(mail: CaughtMail): void {
    this.#mails.push(mail);
    if (this.#mails.length > this.#limit) this.#mails.splice(0, this.#mails.length - this.#limit);
    this.#arrivals.emit("mail", mail);
  }

  /** Newest first. */
  list(): CaughtMail[] {
    return this.#mails.toReversed();
  }

  byId(id: string): CaughtMail | undefined {
    return this.#mails.find((mail) => mail.id === id);
  }

  clear(): void {
    this.#mails.length = 0;
  }

  /** Resolves with the newest stored mail matching `predicate`, or the first one to arrive later. */
  waitFor(predicate: MailPredicate, timeoutMs = 10_000): Promise<CaughtMail> {
    const existing = this.list().find(predicate);
    if (existing) return Promise.resolve(existing);
    return new Promise((resolve, reject) => {
      const onMail = (mail: CaughtMail) => {
        if (!predicate(mail)) return;
        clearTimeout(timer);
        this.#arrivals.off("mail", onMail);
        resolve(mail);
      };
      const timer = setTimeout(() => {
        this.#arrivals.off("mail", onMail);
        const seen = this.#mails.map((m) => `"${m.subject}" → ${m.to.join(", ")}`).slice(-10);
        reject(
          new Error(
            `no matching mail within ${timeoutMs} ms; ${this.#mails.length} mail(s) held` +
              (seen.length ? `, latest: ${seen.join("; ")}` : ""),
          ),
        );
      }, timeoutMs);
      this.#arrivals.on("mail", onMail);
    });
  }
}
