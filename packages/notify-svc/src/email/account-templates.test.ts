import { describe, expect, it } from "vitest";
import { renderAccountMail, resetLink } from "./account-templates.ts";

const TOKEN = "A".repeat(20) + "b-_".repeat(7) + "Z".repeat(2);

describe("account mail", () => {
  it("puts the verification code in the body only, never in the subject", () => {
    const mail = renderAccountMail(
      { kind: "verify-email", to: "ann@example.test", name: "Ann <b>", code: "042917" },
      "http://shop.test",
    );
    expect(mail.subject).not.toContain("042917");
    expect(mail.text).toContain("Your Storefront verification code is 042917");
    expect(mail.html).toContain("042917");
    expect(mail.html).toContain("Ann &lt;b&gt;");
  });

  it("carries the reset token in the link's fragment, which browsers never send to a server", () => {
    expect(TOKEN).toHaveLength(43);
    const mail = renderAccountMail(
      { kind: "password-reset", to: "ann@example.test", name: "Ann", token: TOKEN },
      "http://shop.test/",
    );
    expect(resetLink("http://shop.test/", TOKEN)).toBe(`http://shop.test/reset-password#token=${TOKEN}`);
    expect(mail.text).toContain(`http://shop.test/reset-password#token=${TOKEN}`);
    expect(mail.subject).not.toContain(TOKEN);
    expect(new URL(resetLink("http://shop.test", TOKEN)).search).toBe("");
  });
});
