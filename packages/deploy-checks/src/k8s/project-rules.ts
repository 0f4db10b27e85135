// Rules about this project's manifests that the Kubernetes schemas cannot express: what a cluster
// would accept but run badly (no probes, no limits, root, unpinned images), references between
// objects (Service → pods, HPA/PDB → Deployment, ConfigMap/Secret/ServiceAccount names), and this
// project's conventions (migration Job + init container per service, OTel and AWS settings).
import type { Findings } from "../findings.ts";
import { unpinnedReason } from "../images.ts";
import { idOf, type K8sObject } from "./render.ts";

/** Workloads whose annotation names a reason may run a container as root (LocalStack, local only). */
export const ROOT_EXCEPTION = "storefront.dev/runs-as-root";
const SECRET_KEY = /(SECRET|PASSWORD|TOKEN|ACCESS_KEY)/;
const APP_COMPONENTS = new Set(["service", "web", "migration"]);

interface Probe {
  httpGet?: { path?: string; port?: string | number };
  exec?: unknown;
  tcpSocket?: unknown;
}
interface SecurityContext {
  runAsNonRoot?: boolean;
  runAsUser?: number;
  allowPrivilegeEscalation?: boolean;
  readOnlyRootFilesystem?: boolean;
  capabilities?: { drop?: string[] };
}
interface Container {
  name: string;
  image?: string;
  command?: string[];
  ports?: { name?: string; containerPort: number }[];
  envFrom?: { configMapRef?: { name: string }; secretRef?: { name: string } }[];
  readinessProbe?: Probe;
  livenessProbe?: Probe;
  resources?: { requests?: Record<string, unknown>; limits?: Record<string, unknown> };
  securityContext?: SecurityContext;
}
interface PodSpec {
  serviceAccountName?: string;
  securityContext?: SecurityContext;
  containers: Container[];
  initContainers?: Container[];
  volumes?: { configMap?: { name: string } }[];
}
interface PodTemplate {
  metadata?: { labels?: Record<string, string>; annotations?: Record<string, string> };
  spec: PodSpec;
}

/** Options that differ per overlay. */
export interface OverlayExpectations {
  /** Real AWS: no endpoint override, IRSA on every ServiceAccount of an app that talks to AWS, no root. */
  realAws: boolean;
}

const WORKLOADS = new Set(["Deployment", "StatefulSet", "Job", "DaemonSet"]);
const template = (o: K8sObject) => (o.spec as { template?: PodTemplate } | undefined)?.template;
const labelsMatch = (
  selector: Record<string, string> | undefined,
  labels: Record<string, string> | undefined,
) =>
  !!selector &&
  Object.keys(selector).length > 0 &&
  Object.entries(selector).every(([k, v]) => labels?.[k] === v);

export function checkProjectRules(
  objects: K8sObject[],
  findings: Findings,
  where: string,
  expect: OverlayExpectations,
): void {
  const byKind = (kind: string) => objects.filter((o) => o.kind === kind);
  const names = (kind: string) => new Set(byKind(kind).map((o) => o.metadata.name));
  const configMaps = new Map(
    byKind("ConfigMap").map((o) => [o.metadata.name, (o.data ?? {}) as Record<string, string>]),
  );
  const services = byKind("Service");
  const deployments = byKind("Deployment");
  const podOwners = objects.filter((o) => o.kind === "Deployment" || o.kind === "StatefulSet");
  const serviceAccounts = names("ServiceAccount");
  const at = (o: K8sObject) => `${where} ${idOf(o)}`;

  for (const o of objects) {
    if (o.kind === "Secret" && (o.data || o.stringData))
      findings.error(
        at(o),
        "a Secret with data is rendered from the repository; create it in the cluster instead",
      );
    if (o.kind === "ConfigMap") {
      for (const key of Object.keys((o.data ?? {}) as object))
        if (SECRET_KEY.test(key))
          findings.error(at(o), `${key} looks like a secret; it belongs in the app's Secret`);
    }
  }

  for (const o of objects.filter((x) => WORKLOADS.has(x.kind))) {
    const pod = template(o);
    if (!pod) continue;
    const serves = o.kind === "Deployment" || o.kind === "StatefulSet";
    const component = pod.metadata?.labels?.["app.kubernetes.io/component"] ?? "";
    const isApp =
      o.metadata.labels?.["app.kubernetes.io/part-of"] === "storefront" && APP_COMPONENTS.has(component);
    const rootReason = o.metadata.annotations?.[ROOT_EXCEPTION];
    if (rootReason !== undefined && (expect.realAws || isApp))
      findings.error(at(o), `${ROOT_EXCEPTION} is allowed only for local infrastructure`);
    const sa = pod.spec.serviceAccountName;
    if (sa && !serviceAccounts.has(sa)) findings.error(at(o), `serviceAccountName ${sa} is not rendered`);
    for (const v of pod.spec.volumes ?? [])
      if (v.configMap && !configMaps.has(v.configMap.name))
        findings.error(at(o), `volume ConfigMap ${v.configMap.name} is not rendered`);

    const all = [
      ...(pod.spec.initContainers ?? []).map((c) => ({ c, init: true })),
      ...pod.spec.containers.map((c) => ({ c, init: false })),
    ];
    for (const { c, init } of all) {
      const cid = `${at(o)} container ${c.name}`;
      if (serves && !init) {
        if (!c.readinessProbe) findings.error(cid, "no readinessProbe");
        if (!c.livenessProbe) findings.error(cid, "no livenessProbe");
      }
      for (const key of ["cpu", "memory"]) {
        if (c.resources?.limits?.[key] === undefined) findings.error(cid, `no resources.limits.${key}`);
        if (c.resources?.requests?.[key] === undefined) findings.error(cid, `no resources.requests.${key}`);
      }
      const image = c.image ?? "";
      const unpinned = unpinnedReason(image);
      if (unpinned) findings.error(cid, unpinned);
      const nonRoot = c.securityContext?.runAsNonRoot ?? pod.spec.securityContext?.runAsNonRoot;
      const user = c.securityContext?.runAsUser ?? pod.spec.securityContext?.runAsUser;
      if ((nonRoot !== true || user === 0) && !rootReason)
        findings.error(cid, "does not set runAsNonRoot: true");
      if (c.securityContext?.allowPrivilegeEscalation !== false)
        findings.error(cid, "allowPrivilegeEscalation is not false");
      if (isApp) {
        if (c.securityContext?.readOnlyRootFilesystem !== true)
          findings.error(cid, "root filesystem is not read-only");
        if (!c.securityContext?.capabilities?.drop?.includes("ALL"))
          findings.error(cid, "does not drop ALL capabilities");
      }
      for (const ref of c.envFrom ?? []) {
        if (ref.configMapRef && !configMaps.has(ref.configMapRef.name))
          findings.error(cid, `envFrom ConfigMap ${ref.configMapRef.name} is not rendered`);
      }
      for (const probe of [c.readinessProbe, c.livenessProbe]) {
        const port = probe?.httpGet?.port;
        if (typeof port === "string" && !c.ports?.some((p) => p.name === port))
          findings.error(cid, `probe port ${port} is not a named container port`);
      }
    }
    if (serves && isApp) checkAppProbes(o, pod, findings, at(o));
  }

  for (const svc of services) {
    const spec = svc.spec as {
      selector?: Record<string, string>;
      ports?: { port: number; targetPort?: string | number }[];
    };
    const owners = podOwners.filter((w) => labelsMatch(spec.selector, template(w)?.metadata?.labels));
    if (owners.length === 0) {
      findings.error(
        at(svc),
        `selector ${JSON.stringify(spec.selector ?? {})} matches no Deployment's or StatefulSet's pods`,
      );
      continue;
    }
    for (const p of spec.ports ?? []) {
      const target = p.targetPort ?? p.port;
      const served = owners.some((w) =>
        template(w)?.spec.containers.some((c) =>
          c.ports?.some((cp) => cp.name === target || cp.containerPort === target),
        ),
      );
      if (!served) findings.error(at(svc), `targetPort ${target} is not a port of the selected pods`);
    }
  }

  for (const hpa of byKind("HorizontalPodAutoscaler")) {
    const spec = hpa.spec as {
      scaleTargetRef: { kind: string; name: string };
      metrics?: { resource?: { name?: string } }[];
    };
    const ref = spec.scaleTargetRef;
    if (ref.kind !== "Deployment" || !deployments.some((d) => d.metadata.name === ref.name))
      findings.error(at(hpa), `scales ${ref.kind}/${ref.name}, which is not a rendered Deployment`);
    if (!spec.metrics?.some((m) => m.resource?.name === "cpu"))
      findings.error(at(hpa), "does not scale on CPU");
  }
  for (const pdb of byKind("PodDisruptionBudget")) {
    const selector = (pdb.spec as { selector?: { matchLabels?: Record<string, string> } }).selector
      ?.matchLabels;
    if (!deployments.some((d) => labelsMatch(selector, template(d)?.metadata?.labels)))
      findings.error(at(pdb), `selector ${JSON.stringify(selector ?? {})} matches no Deployment's pods`);
  }
  for (const app of deployments.filter(
    (d) => d.metadata.labels?.["app.kubernetes.io/part-of"] === "storefront",
  )) {
    const name = app.metadata.name;
    if (
      !byKind("HorizontalPodAutoscaler").some(
        (h) => (h.spec as { scaleTargetRef: { name: string } }).scaleTargetRef.name === name,
      )
    )
      findings.error(at(app), "no HorizontalPodAutoscaler");
    if (
      !byKind("PodDisruptionBudget").some((p) =>
        labelsMatch(
          (p.spec as { selector?: { matchLabels?: Record<string, string> } }).selector?.matchLabels,
          template(app)?.metadata?.labels,
        ),
      )
    )
      findings.error(at(app), "no PodDisruptionBudget");
  }

  checkMigrations(objects, findings, where);
  checkSettings(objects, configMaps, services, findings, where, expect);
}

/** Services: readiness on /ready, liveness on /health; the web app: /api/health. */
function checkAppProbes(o: K8sObject, pod: PodTemplate, findings: Findings, at: string) {
  const web = pod.metadata?.labels?.["app.kubernetes.io/component"] === "web";
  const [ready, live] = web ? ["/api/health", "/api/health"] : ["/ready", "/health"];
  const main = pod.spec.containers.find((c) => c.name === o.metadata.name);
  if (!main) {
    findings.error(at, `no container named ${o.metadata.name}`);
    return;
  }
  if (main.readinessProbe?.httpGet?.path !== ready) findings.error(at, `readinessProbe should GET ${ready}`);
  if (main.livenessProbe?.httpGet?.path !== live) findings.error(at, `livenessProbe should GET ${live}`);
}

/**
 * Each service (a Deployment with component=service) has a migration Job running `migrate` with the
 * same image and settings, and its pods wait for it with the `wait-for-migrations` init container.
 */
function checkMigrations(objects: K8sObject[], findings: Findings, where: string) {
  const jobs = objects.filter((o) => o.kind === "Job");
  for (const d of objects.filter(
    (o) =>
      o.kind === "Deployment" && template(o)?.metadata?.labels?.["app.kubernetes.io/component"] === "service",
  )) {
    const at = `${where} ${idOf(d)}`;
    const pod = template(d) as PodTemplate;
    const main = pod.spec.containers.find((c) => c.name === d.metadata.name);
    const job = jobs.find((j) => j.metadata.name === `${d.metadata.name}-migrate`);
    const jobContainer = job && template(job)?.spec.containers[0];
    if (!jobContainer) {
      findings.error(at, `no migration Job ${d.metadata.name}-migrate`);
    } else {
      if (!jobContainer.command?.includes("migrate"))
        findings.error(at, "the migration Job does not run `migrate`");
      if (jobContainer.image !== main?.image)
        findings.error(at, `the migration Job runs ${jobContainer.image}, the pods ${main?.image}`);
      if (JSON.stringify(jobContainer.envFrom) !== JSON.stringify(main?.envFrom))
        findings.error(at, "the migration Job does not read the same ConfigMap and Secret as the pods");
    }
    const wait = pod.spec.initContainers?.find((c) => c.command?.includes("wait-for-migrations"));
    if (!wait)
      findings.error(
        at,
        "no wait-for-migrations init container: pods could start before the migration Job ran",
      );
    else if (wait.image !== main?.image)
      findings.error(at, `wait-for-migrations runs ${wait.image}, the pods ${main?.image}`);
  }
}

/** Settings in the apps' ConfigMaps: OTel names, URLs that point at Services, AWS per overlay. */
function checkSettings(
  objects: K8sObject[],
  configMaps: Map<string, Record<string, string>>,
  services: K8sObject[],
  findings: Findings,
  where: string,
  expect: OverlayExpectations,
) {
  const servicePorts = new Map(
    services.map((s) => [
      s.metadata.name,
      new Set(((s.spec as { ports?: { port: number }[] }).ports ?? []).map((p) => p.port)),
    ]),
  );
  const accounts = new Map(
    objects.filter((o) => o.kind === "ServiceAccount").map((o) => [o.metadata.name, o]),
  );
  for (const d of objects.filter(
    (o) => o.kind === "Deployment" && o.metadata.labels?.["app.kubernetes.io/part-of"] === "storefront",
  )) {
    const at = `${where} ${idOf(d)}`;
    const pod = template(d) as PodTemplate;
    const main = pod.spec.containers.find((c) => c.name === d.metadata.name);
    const env: Record<string, string> = {};
    for (const ref of main?.envFrom ?? [])
      Object.assign(env, ref.configMapRef ? configMaps.get(ref.configMapRef.name) : {});
    if (env.OTEL_SERVICE_NAME !== d.metadata.name)
      findings.error(
        at,
        `OTEL_SERVICE_NAME should be "${d.metadata.name}" (got ${env.OTEL_SERVICE_NAME ?? "none"})`,
      );
    if (!env.OTEL_EXPORTER_OTLP_ENDPOINT) findings.error(at, "no OTEL_EXPORTER_OTLP_ENDPOINT");
    if (env.PORT && !main?.ports?.some((p) => p.containerPort === Number(env.PORT)))
      findings.error(at, `PORT=${env.PORT} is not a container port`);
    const scrapePort = pod.metadata?.annotations?.["prometheus.io/port"];
    if (scrapePort && !main?.ports?.some((p) => p.containerPort === Number(scrapePort)))
      findings.error(at, `prometheus.io/port ${scrapePort} is not a container port`);
    for (const [key, value] of Object.entries(env)) {
      const m = /^[a-z][a-z0-9+.-]*:\/\/(?:[^@/]*@)?([a-z0-9-]+):(\d+)/.exec(value);
      const host = m?.[1];
      // localhost: URLs for the browser (NEXTAUTH_URL, PUBLIC_WEB_URL through a port-forward).
      if (!host || host === "localhost") continue;
      const ports = servicePorts.get(host);
      if (!ports) findings.error(at, `${key} points at ${host}, which is not a rendered Service`);
      else if (!ports.has(Number(m[2])))
        findings.error(at, `${key} points at ${host}:${m[2]}, but ${host} serves ${[...ports].join(", ")}`);
    }
    const usesAws = "AWS_REGION" in env;
    if (expect.realAws) {
      if (env.AWS_ENDPOINT_URL) findings.error(at, "AWS_ENDPOINT_URL is set: real AWS needs none");
      const sa = accounts.get(pod.spec.serviceAccountName ?? "");
      if (usesAws && !sa?.metadata.annotations?.["eks.amazonaws.com/role-arn"])
        findings.error(at, "talks to AWS but its ServiceAccount has no eks.amazonaws.com/role-arn (IRSA)");
    } else if (usesAws && !env.AWS_ENDPOINT_URL) {
      findings.error(at, "talks to AWS without AWS_ENDPOINT_URL in a local overlay");
    }
  }
}
