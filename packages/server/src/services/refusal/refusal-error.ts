/**
 * A refusal thrown rather than returned, where a service reports refusals by throwing (folder
 * operations, the submission checks at end of DATA). Adapters catch it and map `refusal`; anything
 * else thrown is a fault of ours.
 */
import type { Refusal } from './refusal.ts';

export class RefusalError<R extends Refusal = Refusal> extends Error {
  readonly refusal: R;

  constructor(refusal: R, options?: ErrorOptions) {
    super(`refused: ${refusal.reason}`, options);
    this.name = 'RefusalError';
    this.refusal = refusal;
  }
}

/** True when `error` carries a refusal, optionally with the given reason. */
export function isRefusalError(error: unknown, reason?: Refusal['reason']): error is RefusalError {
  if (!(error instanceof RefusalError)) return false;
  const refusal: Refusal = (error as RefusalError).refusal;
  return reason === undefined || refusal.reason === reason;
}
