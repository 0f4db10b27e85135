import net from "node:net";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { embeddedDatabaseServices, readConfig } from "../src/cli/config.ts";
import { checkPortsFree, portsToOpen } from "../src/cli/preflight.ts";

const options = { help: false, verbose: false, ephemeral: false, exitOnCrash: false };

describe("stack configuration", () => {
  it("uses the documented defaults", () => {
    const config = readConfig({}, options, "/repo");
    expect(config.dataDir).toBe("/repo/.data");
    expect(config.adminEmail).toBe("admin@storefront.local");
    expect(config.logLevel).toBe("info");
    expect(
      Object.fromEntries(Object.entries(config.ports).map(([name, setting]) => [name, setting.port])),
    ).toEqual({
      web: 3000,
      "user-svc": 4001,
      "product-svc": 4002,
      "order-svc": 4003,
      "notify-svc": 4004,
      postgres: 5433,
      emulator: 4566,
      smtp: 1025,
      mailViewer: 1080,
    });
    expect(portsToOpen(config)).toHaveLength(9);
  });

  it("names the variable of a bad port", () => {
    expect(() => readConfig({ PG_PORT: "54x" }, options, "/repo")).toThrow(/PG_PORT must be a port number/);
    expect(() => readConfig({ WEB_PORT: "70000" }, options, "/repo")).toThrow(/WEB_PORT/);
  });

  it("uses given infrastructure and starts only what is missing", () => {
    const config = readConfig(
      {
        DATABASE_URL_USER: "postgres://u:p@db:5432/users",
        DATABASE_URL_ORDER: "postgresql://u:p@db:5432/orders",
        AWS_ENDPOINT_URL: "http://localstack:4566",
        SMTP_URL: "smtp://mail:25",
      },
      options,
      "/repo",
    );
    expect(embeddedDatabaseServices(config)).toEqual(["product-svc", "notify-svc"]);
    expect(portsToOpen(config)).toEqual([
      "web",
      "user-svc",
      "product-svc",
      "order-svc",
      "notify-svc",
      "postgres",
    ]);

    const allExternal = readConfig(
      {
        DATABASE_URL_USER: "postgres://db/users",
        DATABASE_URL_PRODUCT: "postgres://db/products",
        DATABASE_URL_ORDER: "postgres://db/orders",
        DATABASE_URL_NOTIFY: "postgres://db/notifications",
      },
      options,
      "/repo",
    );
    expect(portsToOpen(allExternal)).not.toContain("postgres");
  });

  it("rejects a database URL that is not PostgreSQL", () => {
    expect(() => readConfig({ DATABASE_URL_USER: "mysql://db/users" }, options, "/repo")).toThrow(
      /DATABASE_URL_USER has an unexpected scheme/,
    );
  });

  describe("port check", () => {
    const blocker = net.createServer();
    let port = 0;
    beforeAll(async () => {
      await new Promise<void>((resolve) => blocker.listen(0, "127.0.0.1", resolve));
      port = (blocker.address() as net.AddressInfo).port;
    });
    afterAll(() => new Promise<void>((resolve) => blocker.close(() => resolve())));

    it("fails fast and names the variable to change", async () => {
      const config = readConfig({ MAIL_VIEWER_PORT: String(port), SMTP_URL: "" }, options, "/repo");
      // Only the taken port matters here; the others may or may not be free on this machine.
      await expect(checkPortsFree(config)).rejects.toThrow(
        new RegExp(`port ${port} \\(mail viewer\\) is in use: .* set MAIL_VIEWER_PORT=`),
      );
    });
  });
});
