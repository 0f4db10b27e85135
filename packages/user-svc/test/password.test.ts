import { describe, expect, it } from "vitest";
import { hashPassword, verifyPassword } from "../src/accounts/password.ts";

const PASSWORD = "correct horse battery staple";

// Written by the `argon2` npm package (the hasher user-svc used before) with our parameters, so
// accounts created before the switch keep signing in. 0.44 wrote the parameters as m,t,p; 0.45 as m,p,t.
const WRITTEN_BY_ARGON2_PACKAGE = {
  "0.44.0":
    "$argon2id$v=19$m=19456,t=2,p=1$Jy9xryDnj+PW7QJkL9eQGg$cqCzRlVSRCaUZzmXGQzSkz19ITpcmJXglr0lxptBa/E",
  "0.45.1":
    "$argon2id$v=19$m=19456,p=1,t=2$E+NJDHM+vU+LS1/NXu3Thg$6mgAX1xfIB+ViU1QA2KaUaoYuGeR98lxBLCmJJd/02o",
};

describe("password hashing", () => {
  it.each(Object.entries(WRITTEN_BY_ARGON2_PACKAGE))(
    "verifies a hash the argon2 package %s wrote",
    async (_, stored) => {
      expect(await verifyPassword(stored, PASSWORD)).toBe(true);
      expect(await verifyPassword(stored, `${PASSWORD}!`)).toBe(false);
    },
  );

  it("writes argon2id with 19 MiB, 2 passes, 1 lane and a fresh salt each time", async () => {
    const [first, second] = await Promise.all([hashPassword(PASSWORD), hashPassword(PASSWORD)]);
    expect(first).toMatch(/^\$argon2id\$v=19\$m=19456,t=2,p=1\$[A-Za-z0-9+/]{22}\$[A-Za-z0-9+/]{43}$/);
    expect(second).not.toBe(first);
    expect(await verifyPassword(first, PASSWORD)).toBe(true);
  });

  it("answers false, without throwing, for a malformed stored hash or none at all", async () => {
    expect(await verifyPassword("$argon2id$v=19$m=19456,t=2,p=1$truncated", PASSWORD)).toBe(false);
    expect(await verifyPassword("not a hash", PASSWORD)).toBe(false);
    expect(await verifyPassword(null, PASSWORD)).toBe(false);
  });

  // The regression: argon2 0.45's prebuilt binary (Node-API 10) took the whole process down with
  // SIGSEGV on Node 20 as soon as it was loaded, which a test worker reports as a crashed file.
  it("hashes and verifies 48 passwords concurrently", async () => {
    const outcomes = await Promise.all(
      Array.from({ length: 48 }, async (_, i) => {
        const password = `password number ${i}`;
        const stored = await hashPassword(password);
        return [await verifyPassword(stored, password), await verifyPassword(stored, `${password}?`)];
      }),
    );
    expect(outcomes).toEqual(Array.from({ length: 48 }, () => [true, false]));
  });
});
