/**
 * Password hashing for mailbox credentials: argon2id (RFC 9106) in the PHC string format, with the
 * OWASP-recommended cost (19 MiB, 2 passes, 1 lane) and a fresh 16-byte salt per hash. Verification
 * accepts any argon2 PHC string, so older hashes keep working when the parameters are raised.
 */

/**
 * The native argon2 binding, loaded at the first hash or verification: commands that never check a
 * password (`pec mailbox list`) do not pay for loading it at start-up.
 */
function argon2(): Promise<typeof import('@node-rs/argon2')> {
  return import('@node-rs/argon2');
}

/** The argon2id parameters of new hashes. */
export const passwordHashParameters = {
  memoryCost: 19_456,
  timeCost: 2,
  parallelism: 1,
} as const;

/**
 * A PHC string `$argon2id$v=19$m=19456,t=2,p=1$…`. argon2id is the library's default algorithm
 * (its const enum cannot be referenced from isolated modules); the tests check the prefix.
 */
export async function hashPassword(password: string): Promise<string> {
  const { hash } = await argon2();
  return hash(password, { ...passwordHashParameters });
}

/** Whether `password` matches the stored hash; false (never a throw) for a malformed hash. */
export async function verifyPassword(passwordHash: string, password: string): Promise<boolean> {
  const { verify } = await argon2();
  try {
    return await verify(passwordHash, password);
  } catch {
    return false;
  }
}
