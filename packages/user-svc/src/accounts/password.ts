import { type Algorithm, hash, verify } from "@node-rs/argon2";

/**
 * argon2id at OWASP's recommended minimum (19 MiB, 2 passes, 1 lane): ~35 ms here. More memory or
 * lanes per hash (e.g. 64 MiB, 3 passes, 4 lanes: ~0.9 s on a 2-core machine) would make sign-in
 * itself a denial-of-service vector.
 *
 * Hashes are PHC strings (`$argon2id$v=19$m=19456,t=2,p=1$salt$hash`); verify() reads the parameters
 * from the string, so hashes written earlier by the `argon2` package (which orders them m,p,t) still
 * verify. We left that package because its 0.45 prebuilt binaries target Node-API 10 and crash Node
 * 20 on load — see docs/runtime.md.
 */
const ARGON2ID: Algorithm = 2;
const OPTIONS = { algorithm: ARGON2ID, memoryCost: 19_456, timeCost: 2, parallelism: 1 } as const;

export function hashPassword(password: string): Promise<string> {
  return hash(password, OPTIONS);
}

// A malformed stored hash (e.g. a truncated column) means "no match", never a crash.
const verifySafely = (stored: string, password: string) => verify(stored, password).catch(() => false);

// Verified against when the email is unknown, so "no such user" takes as long as "wrong password".
let dummyHash: Promise<string> | undefined;

export async function verifyPassword(
  storedHash: string | null | undefined,
  password: string,
): Promise<boolean> {
  if (!storedHash) {
    dummyHash ??= hashPassword("timing-equaliser-not-a-real-password");
    await verifySafely(await dummyHash, password);
    return false;
  }
  return verifySafely(storedHash, password);
}
