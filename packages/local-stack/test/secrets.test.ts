import { mkdtemp, readFile, rm, stat } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { generatePassword, loadOrCreateSecrets } from "../src/cli/secrets.ts";

describe("stack secrets", () => {
  let dataDir: string;
  beforeEach(async () => {
    dataDir = await mkdtemp(join(tmpdir(), "local-stack-secrets-test-"));
  });
  afterEach(() => rm(dataDir, { recursive: true, force: true }));

  it("generates secrets once, stores them privately and returns the same ones later", async () => {
    const first = await loadOrCreateSecrets(dataDir, {});
    expect(first.generated).toEqual(["INTERNAL_JWT_SECRET", "NEXTAUTH_SECRET", "ADMIN_PASSWORD"]);
    expect(first.secrets.INTERNAL_JWT_SECRET.length).toBeGreaterThanOrEqual(32);
    expect(first.secrets.NEXTAUTH_SECRET).not.toBe(first.secrets.INTERNAL_JWT_SECRET);
    expect((await stat(first.file)).mode & 0o777).toBe(0o600);

    const second = await loadOrCreateSecrets(dataDir, {});
    expect(second.generated).toEqual([]);
    expect(second.secrets).toEqual(first.secrets);
  });

  it("prefers the environment and does not write it to disk", async () => {
    const loaded = await loadOrCreateSecrets(dataDir, { ADMIN_PASSWORD: "from-the-environment" });
    expect(loaded.secrets.ADMIN_PASSWORD).toBe("from-the-environment");
    expect(loaded.generated).not.toContain("ADMIN_PASSWORD");
    expect(await readFile(loaded.file, "utf8")).not.toContain("from-the-environment");
  });

  it("makes passwords that are long, varied and easy to read", () => {
    const passwords = new Set(Array.from({ length: 50 }, generatePassword));
    expect(passwords.size).toBe(50);
    for (const password of passwords)
      expect(password).toMatch(/^[a-km-zA-HJ-NP-Z2-9]{4}(-[a-km-zA-HJ-NP-Z2-9]{4}){3}$/);
  });
});
