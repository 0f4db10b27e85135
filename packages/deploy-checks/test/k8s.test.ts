// Every overlay renders with `kubectl kustomize` and passes the Kubernetes schemas and this project's
// rules; each rule refuses a broken copy (a rendered overlay edited in memory, or a fixture overlay).
import { fileURLToPath } from "node:url";
import { beforeAll, describe, expect, it } from "vitest";
import type { Findings } from "../src/findings.ts";
import type { OverlayExpectations } from "../src/k8s/project-rules.ts";
import { type K8sObject, kubectlVersion, render } from "../src/k8s/render.ts";
import { OVERLAYS, validateObjects, validateOverlay } from "../src/k8s/validate.ts";
import { repoRoot } from "../src/repo.ts";

// biome-ignore lint/suspicious/noExplicitAny: the edits reach into arbitrary manifest fields
type Obj = any;
const rendered = new Map<string, K8sObject[]>();
const LOCAL: OverlayExpectations = { realAws: false };
const AWS: OverlayExpectations = { realAws: true };

beforeAll(() => {
  // Fails here, with an install hint, when kubectl is missing: the overlays are then unchecked.
  expect(kubectlVersion()).toMatch(/Kustomize Version: v(4\.[5-9]|5)\./);
  for (const o of OVERLAYS) rendered.set(o.name, render(`${repoRoot}/${o.dir}`));
});

/** Checks a copy of an overlay's rendered objects after `edit`. */
async function checkEdited(overlay: "local" | "aws", edit: (objects: Obj[]) => void): Promise<Findings> {
  const objects = structuredClone(rendered.get(overlay) ?? []);
  edit(objects);
  return validateObjects(objects, overlay, overlay === "aws" ? AWS : LOCAL);
}

const find = (objects: Obj[], kind: string, name: string): Obj => {
  const o = objects.find((x) => x.kind === kind && x.metadata.name === name);
  expect(o, `${kind}/${name} rendered`).toBeDefined();
  return o;
};
const main = (objects: Obj[], name: string): Obj =>
  find(objects, "Deployment", name).spec.template.spec.containers.find((c: Obj) => c.name === name);
const configOf = (objects: Obj[], app: string): Record<string, string> =>
  objects.find((o) => o.kind === "ConfigMap" && o.metadata.name.startsWith(`${app}-config`)).data;

function expectError(findings: Findings, pattern: RegExp): void {
  expect(
    findings.errors.some((e) => pattern.test(e)),
    `no error matching ${pattern} in:\n${findings.errors.join("\n")}`,
  ).toBe(true);
}

describe("the repository's overlays", () => {
  for (const overlay of OVERLAYS) {
    it(`${overlay.name} renders and passes the schemas and the project rules`, async () => {
      const findings = await validateOverlay(overlay.dir, overlay.name, overlay.expect);
      expect(findings.errors).toEqual([]);
      expect(findings.warnings).toEqual([]);
      const kinds = new Set(rendered.get(overlay.name)?.map((o) => o.kind));
      for (const kind of [
        "Deployment",
        "Service",
        "PodDisruptionBudget",
        "HorizontalPodAutoscaler",
        "Job",
        "ConfigMap",
        "ServiceAccount",
      ])
        expect(kinds).toContain(kind);
    });
  }

  it("local runs PostgreSQL, LocalStack and Mailpit in the cluster; aws none of them", () => {
    const names = (overlay: string) => new Set(rendered.get(overlay)?.map((o) => o.metadata.name));
    for (const infra of ["postgres", "localstack", "mailpit"]) {
      expect(names("local")).toContain(infra);
      expect(names("aws")).not.toContain(infra);
    }
  });
});

describe("the Kubernetes schemas refuse", () => {
  it("a value of the wrong type", async () => {
    const findings = await checkEdited("local", (o) => {
      main(o, "web").ports[0].containerPort = "three thousand";
    });
    expectError(findings, /Deployment\/web: schema: .*containerPort/);
  });

  it("a misspelt field the schema does not have", async () => {
    const findings = await checkEdited("local", (o) => {
      const c = main(o, "order-svc");
      c.readinesProbe = c.readinessProbe;
      delete c.readinessProbe;
    });
    expectError(
      findings,
      /Deployment\/order-svc: schema: unknown field \/spec\/template\/spec\/containers\/0\/readinesProbe/,
    );
  });
});

describe("project rules refuse", () => {
  it("a container without probes (rendered from a fixture overlay)", async () => {
    const dir = fileURLToPath(new URL("./fixtures/k8s/no-readiness-probe", import.meta.url));
    const findings = await validateOverlay(dir, "fixture", LOCAL);
    expectError(findings, /Deployment\/web container web: no readinessProbe/);
  });

  it("an overlay that does not render (fixture naming a missing file)", async () => {
    const dir = fileURLToPath(new URL("./fixtures/k8s/missing-resource", import.meta.url));
    expectError(
      await validateOverlay(dir, "fixture", AWS),
      /fixture: kubectl kustomize .* failed: .*hpa-for-a-typo.yaml/,
    );
  });

  it("a container without a liveness probe, and probes on the wrong paths", async () => {
    const findings = await checkEdited("aws", (o) => {
      delete main(o, "user-svc").livenessProbe;
      main(o, "product-svc").readinessProbe.httpGet.path = "/health";
    });
    expectError(findings, /Deployment\/user-svc container user-svc: no livenessProbe/);
    expectError(findings, /Deployment\/product-svc: readinessProbe should GET \/ready/);
  });

  it("a container without resource limits", async () => {
    const findings = await checkEdited("aws", (o) => {
      delete find(o, "Job", "order-svc-migrate").spec.template.spec.containers[0].resources.limits;
    });
    expectError(findings, /Job\/order-svc-migrate container migrate: no resources.limits.memory/);
  });

  it("a container that may run as root, and a root exception outside local infrastructure", async () => {
    const findings = await checkEdited("aws", (o) => {
      delete find(o, "Deployment", "notify-svc").spec.template.spec.securityContext.runAsNonRoot;
      find(o, "Deployment", "web").metadata.annotations = { "storefront.dev/runs-as-root": "because" };
    });
    expectError(findings, /Deployment\/notify-svc container notify-svc: does not set runAsNonRoot: true/);
    expectError(findings, /Deployment\/notify-svc container wait-for-migrations: does not set runAsNonRoot/);
    expectError(
      findings,
      /Deployment\/web: storefront.dev\/runs-as-root is allowed only for local infrastructure/,
    );
  });

  it("LocalStack without its root exception", async () => {
    const findings = await checkEdited("local", (o) => {
      delete find(o, "Deployment", "localstack").metadata.annotations;
    });
    expectError(findings, /Deployment\/localstack container localstack: does not set runAsNonRoot/);
  });

  it("an app container with a writable root filesystem or privilege escalation", async () => {
    const findings = await checkEdited("local", (o) => {
      main(o, "web").securityContext.readOnlyRootFilesystem = false;
      main(o, "user-svc").securityContext.allowPrivilegeEscalation = true;
    });
    expectError(findings, /Deployment\/web container web: root filesystem is not read-only/);
    expectError(findings, /Deployment\/user-svc container user-svc: allowPrivilegeEscalation is not false/);
  });

  it("a Service that selects no Deployment's pods, or targets a port they do not have", async () => {
    const findings = await checkEdited("aws", (o) => {
      find(o, "Service", "order-svc").spec.selector = { "app.kubernetes.io/name": "orders-svc" };
      find(o, "Service", "web").spec.ports[0].targetPort = "https";
    });
    expectError(findings, /Service\/order-svc: selector .*orders-svc.* matches no Deployment/);
    expectError(findings, /Service\/web: targetPort https is not a port of the selected pods/);
  });

  it("an HPA or PDB that targets no Deployment, and a Deployment left without them", async () => {
    const findings = await checkEdited("aws", (o) => {
      find(o, "HorizontalPodAutoscaler", "web").spec.scaleTargetRef.name = "webb";
      find(o, "PodDisruptionBudget", "user-svc").spec.selector.matchLabels = {
        "app.kubernetes.io/name": "users",
      };
    });
    expectError(
      findings,
      /HorizontalPodAutoscaler\/web: scales Deployment\/webb, which is not a rendered Deployment/,
    );
    expectError(findings, /PodDisruptionBudget\/user-svc: selector .*users.* matches no Deployment/);
    expectError(findings, /Deployment\/web: no HorizontalPodAutoscaler/);
    expectError(findings, /Deployment\/user-svc: no PodDisruptionBudget/);
  });

  it("an image on `latest` or without a tag", async () => {
    const findings = await checkEdited("local", (o) => {
      main(o, "web").image = "storefront/web:latest";
      find(o, "Deployment", "mailpit").spec.template.spec.containers[0].image = "axllent/mailpit";
    });
    expectError(
      findings,
      /Deployment\/web container web: image storefront\/web:latest uses the tag "latest"/,
    );
    expectError(findings, /Deployment\/mailpit container mailpit: image axllent\/mailpit has no tag/);
  });

  it("a secret rendered from the repository, or kept in a ConfigMap", async () => {
    const findings = await checkEdited("aws", (o) => {
      o.push({
        apiVersion: "v1",
        kind: "Secret",
        metadata: { name: "web-secrets" },
        stringData: { NEXTAUTH_SECRET: "x" },
      });
      configOf(o, "notify-svc").SMTP_PASSWORD = "hunter2";
    });
    expectError(findings, /Secret\/web-secrets: a Secret with data is rendered from the repository/);
    expectError(findings, /ConfigMap\/notify-svc-config-\w+: SMTP_PASSWORD looks like a secret/);
  });

  it("a service without its migration Job, or pods that do not wait for it", async () => {
    const findings = await checkEdited("aws", (o) => {
      o.splice(o.indexOf(find(o, "Job", "product-svc-migrate")), 1);
      delete find(o, "Deployment", "order-svc").spec.template.spec.initContainers;
      find(o, "Job", "user-svc-migrate").spec.template.spec.containers[0].image = "storefront/user-svc:0.0.9";
    });
    expectError(findings, /Deployment\/product-svc: no migration Job product-svc-migrate/);
    expectError(findings, /Deployment\/order-svc: no wait-for-migrations init container/);
    expectError(findings, /Deployment\/user-svc: the migration Job runs storefront\/user-svc:0.0.9/);
  });

  it("references to a ConfigMap or ServiceAccount that is not rendered", async () => {
    const findings = await checkEdited("local", (o) => {
      main(o, "web").envFrom[0].configMapRef.name = "web-config";
      find(o, "Deployment", "user-svc").spec.template.spec.serviceAccountName = "users";
    });
    expectError(findings, /Deployment\/web container web: envFrom ConfigMap web-config is not rendered/);
    expectError(findings, /Deployment\/user-svc: serviceAccountName users is not rendered/);
  });

  it("an app without its OpenTelemetry service name, and a URL on a port the Service does not serve", async () => {
    const findings = await checkEdited("local", (o) => {
      delete configOf(o, "notify-svc").OTEL_SERVICE_NAME;
      configOf(o, "order-svc").PRODUCT_SVC_URL = "http://product-svc:4999";
      configOf(o, "notify-svc").SMTP_URL = "smtp://mail:1025";
    });
    expectError(findings, /Deployment\/notify-svc: OTEL_SERVICE_NAME should be "notify-svc"/);
    expectError(
      findings,
      /Deployment\/order-svc: PRODUCT_SVC_URL points at product-svc:4999, but product-svc serves 4002/,
    );
    expectError(findings, /Deployment\/notify-svc: SMTP_URL points at mail, which is not a rendered Service/);
  });

  it("aws: an endpoint override, and an AWS client without an IRSA role", async () => {
    const findings = await checkEdited("aws", (o) => {
      configOf(o, "order-svc").AWS_ENDPOINT_URL = "http://localstack:4566";
      delete find(o, "ServiceAccount", "notify-svc").metadata.annotations;
    });
    expectError(findings, /Deployment\/order-svc: AWS_ENDPOINT_URL is set: real AWS needs none/);
    expectError(
      findings,
      /Deployment\/notify-svc: talks to AWS but its ServiceAccount has no eks.amazonaws.com\/role-arn/,
    );
  });

  it("local: an AWS client without the LocalStack endpoint", async () => {
    const findings = await checkEdited("local", (o) => {
      delete configOf(o, "order-svc").AWS_ENDPOINT_URL;
    });
    expectError(findings, /Deployment\/order-svc: talks to AWS without AWS_ENDPOINT_URL in a local overlay/);
  });
});
