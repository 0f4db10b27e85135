import { randomBytes, randomInt } from "node:crypto";
import { chmod, mkdir, readFile, writeFile } from "node:fs/promises";
import { join } from "node:path";

export interface StackSecrets {
  INTERNAL_JWT_SECRET: string;
  NEXTAUTH_SECRET: string;
  ADMIN_PASSWORD: string;
}

const SECRET_NAMES = ["INTERNAL_JWT_SECRET", "NEXTAUTH_SECRET", "ADMIN_PASSWORD"] as const;

export interface LoadedSecrets {
  secrets: StackSecrets;
  /** Names generated during this call (first start, or a secret added later). */
  generated: string[];
  file: string;
}

/**
 * Secrets come from the environment when set there; otherwise from <data dir>/secrets.json, generated
 * on first start. Keeping them across restarts keeps sessions valid and the admin password stable;
 * generating them means no checkout ever runs with a well-known secret or password.
 */
export async function loadOrCreateSecrets(dataDir: string, env: NodeJS.ProcessEnv): Promise<LoadedSecrets> {
  const file = join(dataDir, "secrets.json");
  const stored = await readStored(file);
  const generated: string[] = [];
  for (const name of SECRET_NAMES) {
    if (typeof stored[name] === "string" && stored[name]) continue;
    stored[name] = name === "ADMIN_PASSWORD" ? generatePassword() : randomBytes(32).toString("base64url");
    generated.push(name);
  }
  if (generated.length) {
    await mkdir(dataDir, { recursive: true });
    await writeFile(file, `${JSON.stringify(stored, null, 2)}\n`, { mode: 0o600 });
  }
  // writeFile's mode applies only when it creates the file; tighten one copied in with looser rights.
  await chmod(file, 0o600).catch(() => {});

  const pick = (name: (typeof SECRET_NAMES)[number]) => env[name]?.trim() || (stored[name] as string);
  return {
    secrets: {
      INTERNAL_JWT_SECRET: pick("INTERNAL_JWT_SECRET"),
      NEXTAUTH_SECRET: pick("NEXTAUTH_SECRET"),
      ADMIN_PASSWORD: pick("ADMIN_PASSWORD"),
    },
    generated: generated.filter((name) => !env[name]?.trim()),
    file,
  };
}

async function readStored(file: string): Promise<Record<string, unknown>> {
  let text: string;
  try {
    text = await readFile(file, "utf8");
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === "ENOENT") return {};
    throw error;
  }
  try {
    const parsed: unknown = JSON.parse(text);
    if (parsed && typeof parsed === "object" && !Array.isArray(parsed))
      return parsed as Record<string, unknown>;
  } catch {
    // fall through to the error below
  }
  throw new Error(`${file} is not a JSON object; fix or delete it (a new one is generated)`);
}

// No look-alikes (0/O, 1/l/I) so the password can be read off the terminal and typed.
const PASSWORD_ALPHABET = "abcdefghijkmnopqrstuvwxyzABCDEFGHJKLMNPQRSTUVWXYZ23456789";

/** 4 groups of 4 characters (~93 bits), e.g. "k7Qm-x2Rt-9bWz-Lp4D". */
export function generatePassword(): string {
  const groups = Array.from({ length: 4 }, () =>
    Array.from({ length: 4 }, () => PASSWORD_ALPHABET[randomInt(PASSWORD_ALPHABET.length)]).join(""),
  );
  return groups.join("-");
}
