import { join } from "node:path";
import { Findings } from "../findings.ts";
import { repoRoot } from "../repo.ts";
import { checkProjectRules, type OverlayExpectations } from "./project-rules.ts";
import { type K8sObject, RenderError, render } from "./render.ts";
import { checkSchemas } from "./schema.ts";

/** Every overlay CI renders, and what each must satisfy. */
export const OVERLAYS: { name: string; dir: string; expect: OverlayExpectations }[] = [
  { name: "local", dir: "deploy/k8s/overlays/local", expect: { realAws: false } },
  { name: "aws", dir: "deploy/k8s/overlays/aws", expect: { realAws: true } },
];

/** Schema and project rules on already-rendered objects (what the tests feed edited copies to). */
export async function validateObjects(
  objects: K8sObject[],
  where: string,
  expect: OverlayExpectations,
): Promise<Findings> {
  const findings = new Findings();
  await checkSchemas(objects, findings, where);
  checkProjectRules(objects, findings, where, expect);
  return findings;
}

/** Renders one Kustomize directory (absolute, or relative to the repository) and checks it. */
export async function validateOverlay(
  dir: string,
  where: string,
  expect: OverlayExpectations,
): Promise<Findings> {
  let objects: K8sObject[];
  try {
    objects = render(dir.startsWith("/") ? dir : join(repoRoot, dir));
  } catch (error) {
    if (!(error instanceof RenderError)) throw error;
    const findings = new Findings();
    findings.error(where, error.message);
    return findings;
  }
  return validateObjects(objects, where, expect);
}
