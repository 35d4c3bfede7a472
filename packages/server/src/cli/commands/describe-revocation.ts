/** One line for a signer's revocation status in `pec verify` and `pec inspect` (pec-spec §8.4 step 4). */
import type { RevocationStatus } from '@pec/core';

/** `good (crl http://…, 2026-03-10T09:00:00.000Z)`, for the human-readable outputs. */
export function describeRevocation(status: RevocationStatus | undefined): string {
  if (status === undefined) return 'not checked';
  const revoked = status.revokedAt === undefined ? '' : `, revoked at ${status.revokedAt.toISOString()}`;
  return `${status.status} (${status.source}${status.detail === undefined ? '' : ` ${status.detail}`}, ${status.checkedAt.toISOString()}${revoked})`;
}
