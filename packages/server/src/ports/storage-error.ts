/**
 * The one error type every storage port throws for expected failures (missing rows, name clashes,
 * invalid arguments). Callers branch on `code`; anything else thrown by an adapter is a server fault.
 */

export type StorageErrorCode =
  /** The row addressed by id, name or key does not exist. */
  | 'not-found'
  /** A unique name or key is already taken (domain, address, folder name, identificativo). */
  | 'conflict'
  /** The request breaks a rule of the port (renaming INBOX, a folder into itself, a bad key). */
  | 'invalid';

export class StorageError extends Error {
  readonly code: StorageErrorCode;

  constructor(code: StorageErrorCode, message: string, options?: ErrorOptions) {
    super(message, options);
    this.name = 'StorageError';
    this.code = code;
  }
}

/** True when `error` is a StorageError, optionally with the given code. */
export function isStorageError(error: unknown, code?: StorageErrorCode): error is StorageError {
  return error instanceof StorageError && (code === undefined || error.code === code);
}
