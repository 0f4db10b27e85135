import {
  changePasswordInput,
  PASSWORD_MIN_LENGTH,
  registerInput,
  resetPasswordInput,
} from "@shop/user-svc/schemas";
import { describe, expect, it } from "vitest";
import { passwordHint } from "../../lib/password-hint.ts";
import { schemaCheck } from "./field-errors.ts";

describe("forms validate with user-svc's own schemas", () => {
  it("sign-up shows the service's message for each field", () => {
    expect(schemaCheck(registerInput, { name: " ", email: "nope", password: "short" })).toEqual({
      ok: false,
      fieldErrors: {
        name: "Enter your name",
        email: "Enter a valid email address",
        password: `Password must be at least ${PASSWORD_MIN_LENGTH} characters`,
      },
    });
    const ok = schemaCheck(registerInput, {
      name: "Ann",
      email: " Ann@Example.COM ",
      password: "long enough pw",
    });
    expect(ok).toEqual({
      ok: true,
      data: { name: "Ann", email: "ann@example.com", password: "long enough pw" },
    });
  });

  it("reset and change of password apply the sign-up strength rule", () => {
    const short = `Password must be at least ${PASSWORD_MIN_LENGTH} characters`;
    expect(schemaCheck(resetPasswordInput, { token: "x".repeat(43), password: "short" })).toEqual({
      ok: false,
      fieldErrors: { password: short },
    });
    expect(schemaCheck(changePasswordInput, { currentPassword: "", newPassword: "short" })).toEqual({
      ok: false,
      fieldErrors: { currentPassword: "Enter your current password", newPassword: short },
    });
  });

  it("the password hint counts from the service's minimum", () => {
    expect(passwordHint(PASSWORD_MIN_LENGTH - 3)).toContain("3 more to go");
    expect(passwordHint(PASSWORD_MIN_LENGTH)).toContain("Long enough");
  });
});
