// Tests for scripts/validate-compose.mjs: the real files pass, and each kind of mistake the
// validator exists for is reported. Run: node --test scripts/validate-compose.test.mjs
// (installs the validator's pinned tools on first use, like the script itself).
// biome-ignore-all lint/suspicious/noTemplateCurlyInString: the strings are Compose's ${VAR} syntax
import assert from "node:assert/strict";
import { existsSync, readFileSync, statSync } from "node:fs";
import { join } from "node:path";
import { before, describe, test } from "node:test";
import {
  dockerignoreMatcher,
  interpolate,
  loadTools,
  parsePort,
  repoRoot,
  validate,
} from "./validate-compose.mjs";

const read = (rel) => {
  const file = join(repoRoot, rel);
  return existsSync(file) && statSync(file).isFile() ? readFileSync(file, "utf8") : undefined;
};

let tools;
before(() => {
  tools = loadTools({ quiet: true });
});

/** Validates the repository's files with some of them replaced or edited. */
function run({ compose = (s) => s, files = {}, env = {} } = {}) {
  const readFile = (rel) => (rel in files ? files[rel](read(rel)) : read(rel));
  return validate({
    composeText: compose(read("docker-compose.yml")),
    envExampleText: readFile("docker/.env.example"),
    initText: readFile("docker/postgres/init-databases.sh"),
    envOverrides: new Map(Object.entries(env)),
    readFile,
    tools,
  });
}

const replace = (from, to) => (s) => {
  assert.ok(s.includes(from), `fixture text not found: ${from}`);
  return s.replace(from, to);
};

const assertError = (findings, pattern) =>
  assert.ok(
    findings.errors.some((e) => pattern.test(e)),
    `expected an error matching ${pattern}, got:\n${findings.errors.join("\n") || "(none)"}`,
  );

describe("the repository's compose setup", () => {
  test("has no errors and no warnings", () => {
    const findings = run();
    assert.deepEqual(findings.errors, []);
    assert.deepEqual(findings.warnings, []);
  });
});

describe("reports", () => {
  test("a key the compose spec does not know", () => {
    assertError(
      run({
        compose: replace(
          "    restart: unless-stopped\n",
          "    restart: unless-stopped\n    healthchek: {}\n",
        ),
      }),
      /schema: .*healthchek/,
    );
  });

  test("waiting for a service that has no healthcheck", () => {
    const compose = replace('      test: ["CMD", "/mailpit", "readyz"]', "      disable: true");
    assertError(
      run({ compose }),
      /notify-svc: waits for "mailpit" to be healthy, but "mailpit" has no healthcheck/,
    );
  });

  test("a service image without HEALTHCHECK that others wait for", () => {
    const files = { "docker/service.Dockerfile": (s) => s.replace(/HEALTHCHECK[^\n]*\\\n[^\n]*\n/, "") };
    assertError(run({ files }), /waits for "product-svc" to be healthy/);
  });

  test("depends_on naming a service that does not exist", () => {
    assertError(
      run({ compose: replace("      user-svc: *healthy\n", "      users-svc: *healthy\n") }),
      /depends_on "users-svc"/,
    );
  });

  test("a literal secret and a literal password inside a URL", () => {
    const compose = (s) =>
      replace(
        "INTERNAL_JWT_SECRET: ${INTERNAL_JWT_SECRET:?set INTERNAL_JWT_SECRET (32+ characters), see docker/.env.example}\n  MIGRATE",
        "INTERNAL_JWT_SECRET: not-so-secret-but-long-enough-0123456789\n  MIGRATE",
      )(s).replace(
        "postgres://product_svc:${PRODUCT_DB_PASSWORD:?set PRODUCT_DB_PASSWORD}@",
        "postgres://product_svc:hunter2@",
      );
    const findings = run({ compose });
    assertError(findings, /INTERNAL_JWT_SECRET holds a literal secret/);
    assertError(findings, /product-svc: DATABASE_URL holds a literal password/);
  });

  test("a required variable left empty", () => {
    assertError(run({ env: { NEXTAUTH_SECRET: "" } }), /NEXTAUTH_SECRET unset/);
  });

  test("two services publishing the same host port", () => {
    assertError(run({ env: { WEB_PORT: "4001" } }), /host port 4001 is also published/);
  });

  test("a service URL on a port the target does not listen on", () => {
    assertError(
      run({
        compose: replace(
          "PRODUCT_SVC_URL: http://product-svc:4002\n      USER",
          "PRODUCT_SVC_URL: http://product-svc:4999\n      USER",
        ),
      }),
      /order-svc: PRODUCT_SVC_URL points at product-svc:4999/,
    );
  });

  test("PORT that disagrees with the published container port and the build arg", () => {
    const findings = run({ compose: replace('      PORT: "4002"', '      PORT: "4012"') });
    assertError(findings, /product-svc: PORT=4012 but the service publishes 4002/);
    assertError(findings, /product-svc: build arg PORT=4002 differs/);
  });

  test("a service bound to loopback", () => {
    assertError(run({ compose: replace("  HOST: 0.0.0.0", "  HOST: 127.0.0.1") }), /HOST=127.0.0.1/);
  });

  test("a database the init script does not create, or the wrong role", () => {
    const findings = run({
      files: {
        "docker/postgres/init-databases.sh": (s) =>
          s
            .replace("create_service_database order_svc orders", "create_service_database order_svc order_db")
            .replace("create_service_database user_svc users", "create_service_database accounts users"),
      },
    });
    assertError(findings, /order-svc: DATABASE_URL names database "orders"/);
    assertError(findings, /user-svc: DATABASE_URL logs in as "user_svc", but "users" belongs to "accounts"/);
  });

  test("a variable missing from docker/.env.example", () => {
    const files = { "docker/.env.example": (s) => s.replace(/^NEXTAUTH_SECRET=.*\n/m, "") };
    assertError(
      run({ files, env: { NEXTAUTH_SECRET: "x".repeat(40) } }),
      /NEXTAUTH_SECRET is used by docker-compose.yml but not documented/,
    );
  });

  test("a COPY source that is missing or excluded by .dockerignore", () => {
    const missing = run({
      files: {
        "docker/service.Dockerfile": (s) =>
          s.replace("scripts/build-service.mjs", "scripts/no-such-file.mjs"),
      },
    });
    assertError(missing, /COPY source scripts\/no-such-file.mjs does not exist/);
    const ignored = run({ files: { ".dockerignore": (s) => `${s}\nprisma\n` } });
    assertError(ignored, /COPY source prisma\/product\/migrations\/ is excluded by .dockerignore/);
  });

  test("a build arg the Dockerfile does not declare, and COPY --from an unknown stage", () => {
    const findings = run({
      compose: replace(
        'args: { SERVICE: user, PORT: "4001" }',
        'args: { SERVICE: user, PORT: "4001", FLAVOUR: x }',
      ),
      files: {
        "apps/web/Dockerfile": (s) => s.replace("COPY --from=build /web/", "COPY --from=bulid /web/"),
      },
    });
    assertError(findings, /build arg FLAVOUR is not declared/);
    assertError(findings, /COPY --from=bulid: no such earlier stage/);
  });

  test("a final stage that runs as root", () => {
    assertError(
      run({ files: { "apps/web/Dockerfile": (s) => s.replace("\nUSER node\n", "\n") } }),
      /apps\/web\/Dockerfile: final stage runs as root/,
    );
  });
});

describe("interpolate", () => {
  const env = new Map([
    ["SET", "value"],
    ["EMPTY", ""],
  ]);
  test("follows Compose's forms", () => {
    assert.equal(interpolate("a $$b ${SET} $SET", env), "a $b value value");
    assert.equal(interpolate("${EMPTY:-d} ${EMPTY-d} ${UNSET-d}", env), "d  d");
    assert.equal(interpolate("${UNSET:-${SET}}", env), "value");
    assert.equal(interpolate("${SET:+alt}${EMPTY:+alt}${EMPTY+alt}", env), "altalt");
  });
  test("reports required variables", () => {
    const missing = [];
    const onMissing = (name, message) => missing.push(`${name}: ${message}`);
    interpolate("${EMPTY:?needed} ${EMPTY?fine} ${UNSET?gone}", env, { onMissing });
    assert.deepEqual(missing, ["EMPTY: needed", "UNSET: gone"]);
  });
  test("rejects a lone $", () => {
    assert.throws(() => interpolate("cost $5", env), /write \$\$ for a literal \$/);
  });
});

describe("dockerignoreMatcher", () => {
  const ignored = dockerignoreMatcher("**/node_modules\n.env.*\n**/dist\n!keep/dist\n");
  test("matches folders at any depth and everything below them", () => {
    assert.equal(ignored("node_modules/x/index.js"), true);
    assert.equal(ignored("packages/a/node_modules"), true);
    assert.equal(ignored("packages/a/dist/main.js"), true);
    assert.equal(ignored("packages/a/src/main.ts"), false);
  });
  test("anchors plain patterns at the root and honours exceptions", () => {
    assert.equal(ignored(".env.local"), true);
    assert.equal(ignored("docker/.env.example"), false);
    assert.equal(ignored("keep/dist/file"), false);
  });
});

test("parsePort reads the short and long syntax", () => {
  assert.deepEqual(parsePort("127.0.0.1:3000:3000"), { container: 3000, host: "3000" });
  assert.deepEqual(parsePort("8080:80/tcp"), { container: 80, host: "8080" });
  assert.deepEqual(parsePort("5432"), { container: 5432, host: undefined });
  assert.deepEqual(parsePort({ target: 80, published: 8080 }), { container: 80, host: "8080" });
});
