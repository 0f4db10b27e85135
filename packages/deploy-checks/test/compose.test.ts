// biome-ignore-all lint/suspicious/noTemplateCurlyInString: the strings are Compose's ${VAR} syntax
// The compose check passes on the repository's files, and refuses each kind of mistake it exists for:
// every test edits one file in memory and expects the precise finding.
import { describe, expect, it } from "vitest";
import { interpolate } from "../src/compose/env.ts";
import { readDashboards, validateCompose } from "../src/compose/validate.ts";
import type { Findings } from "../src/findings.ts";
import { unpinnedReason } from "../src/images.ts";
import { readRepoFile } from "../src/repo.ts";

type Edit = (text: string) => string;

/** Validates the repository's files with some replaced by edited copies. */
function check(edits: Record<string, Edit> = {}, envOverrides: Record<string, string> = {}): Findings {
  const readFile = (rel: string) => {
    const text = readRepoFile(rel);
    const edit = edits[rel];
    return edit && text !== undefined ? edit(text) : text;
  };
  return validateCompose({ readFile, envOverrides, dashboards: readDashboards(readFile) });
}

/** Replaces text that must be there (a fixture that no longer matches fails loudly, not silently). */
const replace =
  (from: string, to: string): Edit =>
  (text) => {
    expect(text, `fixture text not found: ${from}`).toContain(from);
    return text.replace(from, to);
  };

const compose = (edit: Edit) => ({ "docker-compose.yml": edit });

function expectError(findings: Findings, pattern: RegExp): void {
  expect(
    findings.errors.some((e) => pattern.test(e)),
    `no error matching ${pattern} in:\n${findings.errors.join("\n")}`,
  ).toBe(true);
}

describe("the repository's compose setup", () => {
  it("has no errors and no warnings", () => {
    const findings = check();
    expect(findings.errors).toEqual([]);
    expect(findings.warnings).toEqual([]);
  });
});

describe("dclint refuses", () => {
  it("a key the compose spec does not know (schema)", () => {
    const findings = check(
      compose(replace("    image: postgres:18\n", "    image: postgres:18\n    healthchek: {}\n")),
    );
    expectError(
      findings,
      /docker-compose.yml: .*"\/services\/postgres".*must NOT have additional properties.*\(invalid-schema\)/,
    );
  });

  it("a port published on every interface", () => {
    expectError(
      check(compose(replace('"127.0.0.1:${WEB_PORT:-3000}:3000"', '"${WEB_PORT:-3000}:3000"'))),
      /no-unbound-port-interfaces/,
    );
  });

  it("an image without a tag", () => {
    expectError(
      check(compose(replace("image: prom/prometheus:v3.5.0", "image: prom/prometheus"))),
      /service-image-require-explicit-tag|has no tag/,
    );
  });
});

describe("project rules refuse", () => {
  it("a service without a healthcheck", () => {
    const findings = check(
      compose(replace('      test: ["CMD", "/mailpit", "readyz"]', "      disable: true")),
    );
    expectError(findings, /services.mailpit: no healthcheck/);
    expectError(findings, /notify-svc: waits for "mailpit" to be healthy, but "mailpit" has no healthcheck/);
  });

  it("a service image without HEALTHCHECK that others wait for", () => {
    const findings = check({
      "docker/service.Dockerfile": (s) => s.replace(/HEALTHCHECK[^\n]*\\\n[^\n]*\n/, ""),
    });
    expectError(findings, /services.product-svc: no healthcheck/);
    expectError(findings, /waits for "product-svc" to be healthy/);
  });

  it("depends_on naming a service that does not exist", () => {
    expectError(
      check(compose(replace("      user-svc: *healthy\n", "      users-svc: *healthy\n"))),
      /depends_on "users-svc"/,
    );
  });

  it("a literal secret and a literal password inside a URL", () => {
    const findings = check(
      compose((s) =>
        replace(
          "  INTERNAL_JWT_SECRET: ${INTERNAL_JWT_SECRET:?set INTERNAL_JWT_SECRET (32+ characters), see docker/.env.example}\n  LOG",
          "  INTERNAL_JWT_SECRET: not-so-secret-but-long-enough-0123456789\n  LOG",
        )(s).replace(
          "postgres://product_svc:${PRODUCT_DB_PASSWORD:?set PRODUCT_DB_PASSWORD}@",
          "postgres://product_svc:hunter2@",
        ),
      ),
    );
    expectError(findings, /INTERNAL_JWT_SECRET holds a literal secret/);
    expectError(findings, /product-svc: DATABASE_URL holds a literal password/);
  });

  it("a required variable left empty", () => {
    expectError(check({}, { NEXTAUTH_SECRET: "" }), /NEXTAUTH_SECRET unset/);
  });

  it("two services publishing the same host port", () => {
    expectError(check({}, { WEB_PORT: "4001" }), /host port 4001 is also published/);
  });

  it("an app port that disagrees with README.md, and a host port docker/README.md does not list", () => {
    const findings = check(
      { "README.md": replace("| web app | 3000 |", "| web app | 3005 |") },
      { GRAFANA_PORT: "3002" },
    );
    expectError(findings, /services.web: README.md gives web port 3005/);
    expectError(findings, /docker\/README.md: does not list localhost:3002 \(grafana\)/);
  });

  it("a service URL on a port the target does not listen on", () => {
    const findings = check(
      compose(
        replace(
          "PRODUCT_SVC_URL: http://product-svc:4002\n      USER_SVC_URL: http://user-svc:4001\n    ports",
          "PRODUCT_SVC_URL: http://product-svc:4999\n      USER_SVC_URL: http://user-svc:4001\n    ports",
        ),
      ),
    );
    expectError(findings, /order-svc: PRODUCT_SVC_URL points at product-svc:4999/);
  });

  it("PORT that disagrees with the published container port and the build arg", () => {
    const findings = check(compose(replace('      PORT: "4002"', '      PORT: "4012"')));
    expectError(findings, /product-svc: PORT=4012 but the service publishes 4002/);
    expectError(findings, /product-svc: build arg PORT=4002 differs/);
  });

  it("a service bound to loopback", () => {
    expectError(check(compose(replace("  HOST: 0.0.0.0", "  HOST: 127.0.0.1"))), /HOST=127.0.0.1/);
  });

  it("a database the init script does not create, or the wrong role", () => {
    const findings = check({
      "deploy/k8s/overlays/local/postgres/init-databases.sh": (s) =>
        s
          .replace("create_service_database order_svc orders", "create_service_database order_svc order_db")
          .replace("create_service_database user_svc users", "create_service_database accounts users"),
    });
    expectError(findings, /order-svc: DATABASE_URL names database "orders"/);
    expectError(findings, /user-svc: DATABASE_URL logs in as "user_svc", but "users" belongs to "accounts"/);
  });

  it("a variable missing from docker/.env.example", () => {
    const findings = check(
      { "docker/.env.example": (s) => s.replace(/^GRAFANA_ADMIN_PASSWORD=.*\n/m, "") },
      { GRAFANA_ADMIN_PASSWORD: "x".repeat(40) },
    );
    expectError(findings, /GRAFANA_ADMIN_PASSWORD is used by docker-compose.yml but not documented/);
  });

  it("a COPY source that is missing or excluded by .dockerignore", () => {
    expectError(
      check({
        "docker/service.Dockerfile": (s) =>
          s.replace("scripts/build-service.mjs", "scripts/no-such-file.mjs"),
      }),
      /COPY source scripts\/no-such-file.mjs does not exist/,
    );
    expectError(
      check({ ".dockerignore": (s) => `${s}\nprisma\n` }),
      /COPY source prisma\/product\/migrations\/ is excluded by .dockerignore/,
    );
  });

  it("a build arg the Dockerfile does not declare, and COPY --from an unknown stage", () => {
    const findings = check({
      "docker-compose.yml": replace(
        'args: { SERVICE: user, PORT: "4001" }',
        'args: { SERVICE: user, PORT: "4001", FLAVOUR: x }',
      ),
      "apps/web/Dockerfile": (s) => s.replace("COPY --from=build /web/", "COPY --from=bulid /web/"),
    });
    expectError(findings, /build arg FLAVOUR is not declared/);
    expectError(findings, /COPY --from=bulid: no such earlier stage/);
  });

  it("a Dockerfile dockerfile-utils rejects, and a final stage that runs as root", () => {
    const findings = check({ "apps/web/Dockerfile": (s) => s.replace("\nUSER node\n", "\nFROOM scratch\n") });
    expectError(findings, /apps\/web\/Dockerfile: line \d+: Unknown instruction: FROOM/);
    expectError(findings, /apps\/web\/Dockerfile: final stage runs as root/);
  });

  it("an app without its OpenTelemetry service name", () => {
    expectError(
      check(compose(replace("      OTEL_SERVICE_NAME: order-svc\n", ""))),
      /order-svc: OTEL_SERVICE_NAME should be "order-svc"/,
    );
  });

  it("a service Prometheus does not scrape, and a target that is no service port", () => {
    const findings = check({
      "docker/observability/prometheus.yml": replace(
        'targets: ["notify-svc:4004"]',
        'targets: ["notify-svc:9999"]',
      ),
    });
    expectError(findings, /prometheus.yml: does not scrape notify-svc:4004/);
    expectError(findings, /prometheus.yml: target notify-svc:9999 is not a port of a compose service/);
  });

  it("a Grafana data source pointing at no compose service", () => {
    const file = "docker/observability/grafana/provisioning/datasources/datasources.yml";
    expectError(
      check({ [file]: replace("http://jaeger:16686", "http://tempo:3200") }),
      /data source Jaeger points at tempo:3200/,
    );
  });

  it("a dashboard query on a metric no service exports", () => {
    const file = "docker/observability/grafana/dashboards/storefront-overview.json";
    expectError(
      check({ [file]: (s) => s.replaceAll("outbox_unpublished_events", "outbox_pending_events") }),
      /queries outbox_pending_events, which no service exports/,
    );
  });
});

describe("interpolate", () => {
  const env = new Map([
    ["SET", "value"],
    ["EMPTY", ""],
  ]);
  it("follows Compose's forms", () => {
    expect(interpolate("a $$b ${SET} $SET", env)).toBe("a $b value value");
    expect(interpolate("${EMPTY:-d} ${EMPTY-d} ${UNSET-d}", env)).toBe("d  d");
    expect(interpolate("${UNSET:-${SET}}", env)).toBe("value");
    expect(interpolate("${SET:+alt}${EMPTY:+alt}${EMPTY+alt}", env)).toBe("altalt");
  });
  it("reports required variables and rejects a lone $", () => {
    const missing: string[] = [];
    interpolate("${EMPTY:?needed} ${EMPTY?fine} ${UNSET?gone}", env, {
      onMissing: (n, m) => missing.push(`${n}: ${m}`),
    });
    expect(missing).toEqual(["EMPTY: needed", "UNSET: gone"]);
    expect(() => interpolate("cost $5", env)).toThrow(/write \$\$ for a literal \$/);
  });
});

it("unpinnedReason accepts tags and digests, refuses none and latest", () => {
  expect(unpinnedReason("postgres:18")).toBeUndefined();
  expect(unpinnedReason("registry.local:5000/shop/web:1.2.3")).toBeUndefined();
  expect(unpinnedReason(`busybox@sha256:${"a".repeat(64)}`)).toBeUndefined();
  expect(unpinnedReason("registry.local:5000/shop/web")).toMatch(/has no tag/);
  expect(unpinnedReason("node:latest")).toMatch(/latest/);
});
