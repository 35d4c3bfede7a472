/**
 * The error the box-life service throws for refused requests: `code` is stable for callers (CLI
 * exit code, HTTP status); `message` says why and what to do, for people.
 */

export type BoxLifeErrorCode =
  /** Malformed input: a plan's fields, a size, a number of years. */
  | 'invalid'
  /** The mailbox, plan or order does not exist. */
  | 'not-found'
  /** The plan exists already. */
  | 'conflict'
  /** Not allowed now: renewing a full or deactivated box, moving down to a plan its contents exceed. */
  | 'refused';

/**
 * Why a request was refused, for callers that word it for the holder (seed 000): the box is too
 * full to renew, it was deactivated, it has no expiry, or the contents exceed the chosen plan.
 */
export type BoxLifeRefusal = 'needs-space' | 'deactivated' | 'no-expiry' | 'contents-exceed-plan';

export class BoxLifeError extends Error {
  readonly code: BoxLifeErrorCode;
  readonly refusal: BoxLifeRefusal | undefined;

  constructor(
    code: BoxLifeErrorCode,
    message: string,
    options?: ErrorOptions & { readonly refusal?: BoxLifeRefusal },
  ) {
    super(message, options);
    this.name = 'BoxLifeError';
    this.code = code;
    this.refusal = options?.refusal;
  }
}

export function isBoxLifeError(error: unknown, code?: BoxLifeErrorCode): error is BoxLifeError {
  return error instanceof BoxLifeError && (code === undefined || error.code === code);
}
