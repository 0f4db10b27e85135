import argon2 from "argon2";

/**
 * argon2id at OWASP's recommended minimum (19 MiB, 2 passes, 1 lane): ~35 ms here. The library's
 * default (64 MiB, 3 passes, 4 lanes) costs ~0.9 s on a 2-core machine, which would make sign-in
 * itself a denial-of-service vector.
 */
const OPTIONS = { type: argon2.argon2id, memoryCost: 19_456, timeCost: 2, parallelism: 1 } as const;

export function hashPassword(password: string): Promise<string> {
  return argon2.hash(password, OPTIONS);
}

// Verified against when the email is unknown, so "no such user" takes as long as "wrong password".
let dummyHash: Promise<string> | undefined;

export async function verifyPassword(hash: string | null | undefined, password: string): Promise<boolean> {
  if (!hash) {
    dummyHash ??= hashPassword("timing-equaliser-not-a-real-password");
    await argon2.verify(await dummyHash, password).catch(() => false);
    return false;
  }
  return argon2.verify(hash, password).catch(() => false);
}
