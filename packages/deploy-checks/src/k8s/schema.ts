// Every rendered object against the Kubernetes OpenAPI schemas, in process: kubernetes-models ships
// a compiled validator per kind (Kubernetes 1.36 in 5.x). The schemas do not forbid unknown fields
// (a misspelt `readinesProbe` would pass, and the API server would drop or refuse it), so the
// validator runs on a proxy that records every field it reads: a field it never looked at, in an
// object it did not enumerate as a map, is a field the schema does not have.
import type { Findings } from "../findings.ts";
import { idOf, type K8sObject } from "./render.ts";

interface Validatable {
  prototype: { validate(this: unknown): void };
}

async function modelFor(apiVersion: string, kind: string): Promise<Validatable | undefined> {
  try {
    // One module per kind (the package exports `<group>/<version>/<Kind>`), loaded on first use.
    const mod = (await import(/* @vite-ignore */ `kubernetes-models/${apiVersion}/${kind}`)) as Record<
      string,
      Validatable
    >;
    return mod[kind];
  } catch {
    return undefined;
  }
}

/** Wraps `root` so reads are recorded; `unknownFields` lists what was never read afterwards. */
function recordReads(root: object) {
  const reads = new WeakMap<object, { keys: Set<string>; enumerated: boolean; path: string }>();
  const proxies = new WeakMap<object, object>();
  const wrap = (value: unknown, path: string): unknown => {
    if (!value || typeof value !== "object") return value;
    const existing = proxies.get(value);
    if (existing) return existing;
    const info = { keys: new Set<string>(), enumerated: false, path };
    reads.set(value, info);
    const proxy = new Proxy(value, {
      get(target, key, receiver) {
        const child = Reflect.get(target, key, receiver);
        if (typeof key !== "string") return child;
        info.keys.add(key);
        return Object.hasOwn(target, key) ? wrap(child, `${path}/${key}`) : child;
      },
      has(target, key) {
        if (typeof key === "string") info.keys.add(key);
        return Reflect.has(target, key);
      },
      ownKeys(target) {
        info.enumerated = true;
        return Reflect.ownKeys(target);
      },
    });
    proxies.set(value, proxy);
    return proxy;
  };
  const unknownFields = () => {
    const out: string[] = [];
    const walk = (value: unknown) => {
      if (!value || typeof value !== "object") return;
      const info = reads.get(value);
      if (!info) return;
      for (const [key, child] of Object.entries(value)) {
        if (!Array.isArray(value) && !info.enumerated && !info.keys.has(key)) out.push(`${info.path}/${key}`);
        walk(child);
      }
    };
    walk(root);
    return out;
  };
  return { proxy: wrap(root, ""), unknownFields };
}

export async function checkSchemas(objects: K8sObject[], findings: Findings, where: string): Promise<void> {
  for (const object of objects) {
    const id = `${where} ${idOf(object)}`;
    const model = await modelFor(object.apiVersion, object.kind);
    if (!model) {
      findings.error(id, `no Kubernetes schema for ${object.apiVersion} ${object.kind}`);
      continue;
    }
    const copy = structuredClone(object);
    const { proxy, unknownFields } = recordReads(copy);
    try {
      model.prototype.validate.call(proxy);
    } catch (error) {
      findings.error(id, `schema: ${(error as Error).message.replace(/\s+/g, " ")}`);
      continue;
    }
    for (const field of unknownFields()) findings.error(id, `schema: unknown field ${field}`);
  }
}
