/**
 * The error the account service throws for refused requests (bad address, unknown domain, weak
 * password, …). `code` is stable for callers (CLI exit codes, HTTP status); `message` is for people.
 */

export type AccountErrorCode =
  /** Malformed input: address, domain name, tax code, quota, password, policy. */
  | 'invalid'
  /** The domain or mailbox does not exist. */
  | 'not-found'
  /** The domain or mailbox exists already. */
  | 'conflict';

export class AccountError extends Error {
  readonly code: AccountErrorCode;

  constructor(code: AccountErrorCode, message: string, options?: ErrorOptions) {
    super(message, options);
    this.name = 'AccountError';
    this.code = code;
  }
}

/** True when `error` is an AccountError, optionally with the given code. */
export function isAccountError(error: unknown, code?: AccountErrorCode): error is AccountError {
  return error instanceof AccountError && (code === undefined || error.code === code);
}
