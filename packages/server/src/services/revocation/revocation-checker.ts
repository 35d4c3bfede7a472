/**
 * What the reception point and the CLI receive to check a signer's revocation (pec-spec §2.3 step 3,
 * §8.4 step 4): the check itself (for `readPecMessage`'s `revocation` option) and the policy for an
 * `unknown` answer: `strict` treats the signature as unverifiable (anomaly envelope), `lenient`
 * accepts it and logs a warning (decision 0009).
 */
import type { RevocationCheck, SignatureReport } from '@pec/core';

export type RevocationPolicy = 'strict' | 'lenient';

export interface RevocationChecker {
  readonly policy: RevocationPolicy;
  readonly check: RevocationCheck;
}

/** Why a verified signature must not be accepted on revocation grounds; undefined when it may be. */
export function revocationProblem(
  report: Pick<SignatureReport, 'revocation'>,
  policy: RevocationPolicy,
): 'revoked' | 'unknown' | undefined {
  const status = report.revocation?.status;
  if (status === 'revoked') return 'revoked';
  if (status === 'unknown' && policy === 'strict') return 'unknown';
  return undefined;
}

/** Italian reasons for the anomaly envelope (pec-spec §3.9 "the error"). */
export const revocationAnomalyReasons = {
  revoked: 'certificato di firma revocato alla data della firma',
  unknown: 'impossibile verificare lo stato di revoca del certificato di firma',
} as const;

/** The anomaly reason for a signature the revocation policy refuses; undefined when it passes. */
export function revocationAnomalyReason(
  report: Pick<SignatureReport, 'revocation'>,
  checker: RevocationChecker | undefined,
): string | undefined {
  if (checker === undefined) return undefined;
  const problem = revocationProblem(report, checker.policy);
  return problem === undefined ? undefined : revocationAnomalyReasons[problem];
}
