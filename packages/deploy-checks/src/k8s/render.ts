// Renders a Kustomize directory with `kubectl kustomize` (kubectl's built-in Kustomize, offline)
// and parses the output into plain objects.
import { spawnSync } from "node:child_process";
import { parseAllDocuments } from "yaml";

export interface K8sObject {
  apiVersion: string;
  kind: string;
  metadata: {
    name: string;
    namespace?: string;
    labels?: Record<string, string>;
    annotations?: Record<string, string>;
  };
  [key: string]: unknown;
}

export class RenderError extends Error {}

/** kubectl's client and Kustomize versions, for the report. */
export function kubectlVersion(): string {
  const run = spawnSync("kubectl", ["version", "--client"], { encoding: "utf8" });
  if (run.error || run.status !== 0)
    throw new RenderError(
      "kubectl is not installed: install it (Debian: apt-get install kubectl or kubernetes-client; .ci/run does)",
    );
  return run.stdout.trim().replace(/\n/g, ", ");
}

export function render(dir: string): K8sObject[] {
  const run = spawnSync("kubectl", ["kustomize", dir], { encoding: "utf8", maxBuffer: 64 * 1024 * 1024 });
  if (run.error) throw new RenderError(`kubectl kustomize ${dir}: ${run.error.message}`);
  if (run.status !== 0) throw new RenderError(`kubectl kustomize ${dir} failed: ${run.stderr.trim()}`);
  return parseAllDocuments(run.stdout)
    .map((doc) => {
      if (doc.errors.length) throw new RenderError(`unparsable output: ${doc.errors[0]?.message}`);
      return doc.toJS() as K8sObject | null;
    })
    .filter((o): o is K8sObject => o !== null);
}

export const idOf = (o: K8sObject) => `${o.kind}/${o.metadata?.name}`;
