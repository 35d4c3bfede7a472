/**
 * Whether a signer certificate was revoked at signing time (pec-spec §2.3 step 3, §8.4 step 4): the
 * status, the source that said so (a CRL, RFC 5280 §5, or an OCSP responder, RFC 6960) and when that
 * source produced it. Obtaining the status is I/O, so the verifier receives a `RevocationCheck`.
 */

/** good: not revoked at the time asked; revoked: revoked at or before it; unknown: no answer. */
export type RevocationState = 'good' | 'revoked' | 'unknown';
export type RevocationSource = 'crl' | 'ocsp' | 'none';

export interface RevocationStatus {
  readonly status: RevocationState;
  readonly source: RevocationSource;
  /** When the answer was produced: the CRL's thisUpdate, the OCSP thisUpdate, or the check time for unknown. */
  readonly checkedAt: Date;
  /** The revocation time the source gives, also when it is after the signing time (then `good`). */
  readonly revokedAt?: Date;
  /** Why the status is unknown, or which responder or URL answered. */
  readonly detail?: string;
}

export interface RevocationRequest {
  /** DER of the certificate to check. */
  readonly certificate: Uint8Array;
  /** DER of its issuer (needed to verify the CRL or OCSP signature); undefined when not at hand. */
  readonly issuer: Uint8Array | undefined;
  /** The time the certificate must not have been revoked at: the signing time. */
  readonly at: Date;
}

/** Finds the revocation status; must not throw (failures are `unknown`). */
export type RevocationCheck = (request: RevocationRequest) => Promise<RevocationStatus>;

/** Applies a source's revocation time to the time asked: revoked after `at` means good at `at`. */
export function revocationAt(
  revokedAt: Date | undefined,
  at: Date,
  source: RevocationSource,
  checkedAt: Date,
  detail?: string,
): RevocationStatus {
  const base = { source, checkedAt, ...(detail === undefined ? {} : { detail }) };
  if (revokedAt === undefined) return { status: 'good', ...base };
  return {
    status: revokedAt.getTime() <= at.getTime() ? 'revoked' : 'good',
    revokedAt,
    ...base,
  };
}
