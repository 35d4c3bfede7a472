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

export class BoxLifeError extends Error {
  readonly code: BoxLifeErrorCode;

  constructor(code: BoxLifeErrorCode, message: string, options?: ErrorOptions) {
    super(message, options);
    this.name = 'BoxLifeError';
    this.code = code;
  }
}

export function isBoxLifeError(error: unknown, code?: BoxLifeErrorCode): error is BoxLifeError {
  return error instanceof BoxLifeError && (code === undefined || error.code === code);
}
