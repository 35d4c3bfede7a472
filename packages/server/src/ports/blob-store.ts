/**
 * Port for raw message bytes (the `.eml` as received or built), content-addressed by SHA-256.
 * Guarantees: `put` returns only after the bytes are durable (a crash afterwards cannot lose them),
 * so a metadata row committed after `put` never points at missing bytes; `get` returns exactly
 * the bytes given to `put`; putting the same bytes twice, even concurrently, yields the same key.
 */

/** Lower-case hex SHA-256 of the bytes. */
export type BlobKey = string;

export interface BlobStore {
  put(bytes: Uint8Array): Promise<BlobKey>;
  /** Throws StorageError `not-found` for an unknown key and `invalid` for a malformed one. */
  get(key: BlobKey): Promise<Buffer>;
  /**
   * The bytes of each key, in the order given: a FETCH of many messages reads them with one lookup
   * where the adapter can (the embedded database's rows). Throws as `get` does for any key.
   */
  getMany(keys: readonly BlobKey[]): Promise<Buffer[]>;
  has(key: BlobKey): Promise<boolean>;
  /** Size in bytes, or undefined for an unknown key. */
  size(key: BlobKey): Promise<number | undefined>;
  /** False when absent. Callers check references first (MailboxStore.isBlobReferenced). */
  delete(key: BlobKey): Promise<boolean>;
  /** Every stored key, in no particular order. */
  keys(): AsyncIterable<BlobKey>;
}

/** Whether `key` has the shape of a blob key. */
export function isBlobKey(key: string): boolean {
  return /^[0-9a-f]{64}$/.test(key);
}
