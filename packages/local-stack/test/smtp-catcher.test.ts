import net from "node:net";
import { afterAll, beforeAll, beforeEach, describe, expect, it } from "vitest";
import { type SmtpCatcherHandle, startSmtpCatcher } from "../src/infra/smtp-catcher.ts";

/** Sends one mail with a plain SMTP dialogue, waiting for each reply like a real client. */
async function sendRawMail(smtpUrl: string, from: string, to: string[], message: string): Promise<void> {
  const { hostname, port } = new URL(smtpUrl);
  const socket = net.connect(Number(port), hostname);
  socket.setEncoding("utf8");
  let buffered = "";
  const replies: string[] = [];
  let wake: (() => void) | undefined;
  socket.on("data", (chunk: string) => {
    buffered += chunk;
    // A reply is complete at a line "NNN text" (a space, not a dash, after the code).
    for (let end = buffered.search(/^\d{3} .*\r\n/m); end !== -1; end = buffered.search(/^\d{3} .*\r\n/m)) {
      const lineEnd = buffered.indexOf("\r\n", end) + 2;
      replies.push(buffered.slice(end, lineEnd));
      buffered = buffered.slice(lineEnd);
      wake?.();
    }
  });
  const expectReply = async (code: string) => {
    while (replies.length === 0) await new Promise<void>((resolve) => (wake = resolve));
    const reply = replies.shift() ?? "";
    if (!reply.startsWith(code)) throw new Error(`expected ${code}, got ${reply}`);
  };
  const command = async (line: string, code: string) => {
    socket.write(`${line}\r\n`);
    await expectReply(code);
  };
  await expectReply("220");
  await command("EHLO test.local", "250");
  await command(`MAIL FROM:<${from}>`, "250");
  for (const rcpt of to) await command(`RCPT TO:<${rcpt}>`, "250");
  await command("DATA", "354");
  await command(`${message.replaceAll(/\r?\n/g, "\r\n")}\r\n.`, "250");
  await command("QUIT", "221");
  socket.end();
}

const MULTIPART_MAIL = `From: Storefront <no-reply@storefront.test>
To: alice@example.test
Subject: Your order #42 is confirmed
Date: Tue, 24 Nov 2026 10:00:00 +0000
MIME-Version: 1.0
Content-Type: multipart/alternative; boundary="b1"

--b1
Content-Type: text/plain; charset=utf-8

Thanks for your order.
--b1
Content-Type: text/html; charset=utf-8

<p>Thanks for your <b>order</b>.</p><script>alert(1)</script>
--b1--`;

describe("SMTP catcher", () => {
  let catcher: SmtpCatcherHandle;

  beforeAll(async () => {
    catcher = await startSmtpCatcher({ smtpPort: 0, viewerPort: 0 });
  });
  afterAll(() => catcher.stop());
  beforeEach(() => catcher.clear());

  it("receives a mail over SMTP and exposes it over /api/messages", async () => {
    const arrived = catcher.waitFor((mail) => mail.to.includes("alice@example.test"), 5_000);
    await sendRawMail(catcher.smtpUrl, "no-reply@storefront.test", ["alice@example.test"], MULTIPART_MAIL);
    const mail = await arrived;
    expect(mail).toMatchObject({
      from: '"Storefront" <no-reply@storefront.test>',
      to: ["alice@example.test"],
      subject: "Your order #42 is confirmed",
      date: "2026-11-24T10:00:00.000Z",
    });
    expect(mail.text.trim()).toBe("Thanks for your order.");
    expect(mail.html).toContain("<b>order</b>");

    const response = await fetch(`${catcher.viewerUrl}/api/messages`);
    expect(response.status).toBe(200);
    const listed = (await response.json()) as unknown[];
    expect(listed).toEqual([mail]);
  });

  it("lists mails newest first in the HTML page and serves bodies sandboxed", async () => {
    for (const subject of ["first", "second <script>"]) {
      await sendRawMail(
        catcher.smtpUrl,
        "a@x.test",
        ["b@x.test"],
        `Subject: ${subject}\n\nbody of ${subject}`,
      );
    }
    await sendRawMail(catcher.smtpUrl, "a@x.test", ["c@x.test"], MULTIPART_MAIL);
    const page = await (await fetch(catcher.viewerUrl)).text();
    expect(page.indexOf("Your order #42")).toBeLessThan(page.indexOf("second &lt;script&gt;"));
    expect(page.indexOf("second &lt;script&gt;")).toBeLessThan(page.indexOf("first"));
    expect(page).not.toContain("<script>");

    const newest = catcher.messages()[0];
    const body = await fetch(`${catcher.viewerUrl}/messages/${newest?.id}/html`);
    expect(body.headers.get("content-security-policy")).toMatch(/^sandbox /);
    expect(await body.text()).toContain("<b>order</b>");
  });

  it("forgets all mails on DELETE /api/messages", async () => {
    await sendRawMail(catcher.smtpUrl, "a@x.test", ["b@x.test"], "Subject: hi\n\nhello");
    expect(catcher.messages()).toHaveLength(1);
    const response = await fetch(`${catcher.viewerUrl}/api/messages`, { method: "DELETE" });
    expect(response.status).toBe(204);
    expect(catcher.messages()).toEqual([]);
  });

  it("waitFor rejects with a helpful message when nothing matches", async () => {
    await expect(catcher.waitFor((mail) => mail.subject === "never", 200)).rejects.toThrow(
      /no matching mail within 200 ms/,
    );
  });
});
