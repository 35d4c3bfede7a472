/**
 * Runs the caller's revocation check for a signer (pec-spec §8.4 step 4): finds the issuer among the
 * certificates at hand (the SignedData's, then the trust anchors) by name and signature, and turns a
 * failing check into `unknown` so that verification never throws.
 */
import { createHash } from 'node:crypto';
import { Certificate } from 'pkijs';
import { cryptoEngine } from './crypto-engine.ts';
import type { RevocationCheck, RevocationStatus } from './revocation-status.ts';

export interface SignerRevocationInput {
  readonly signer: Uint8Array;
  /** DER certificates that may have issued the signer. */
  readonly candidates: readonly Uint8Array[];
  readonly at: Date;
}

/**
 * Issuer lookups, remembered: a provider's every message names the same signer and candidates, and the
 * lookup (two certificate parses and a signature check through pkijs) would otherwise run each time.
 * Keyed by the SHA-256 of the exact bytes of the certificate and of every candidate; bounded.
 */
const issuers = new Map<string, number>();
const issuerLimit = 512;

function lookupKey(certificate: Uint8Array, candidates: readonly Uint8Array[]): string {
  return [certificate, ...candidates]
    .map((der) => createHash('sha256').update(der).digest('base64'))
    .join(' ');
}

/** The DER of the certificate among `candidates` whose key signed `certificate`, if any. */
export async function findIssuer(
  certificate: Uint8Array,
  candidates: readonly Uint8Array[],
): Promise<Uint8Array | undefined> {
  const key = lookupKey(certificate, candidates);
  const known = issuers.get(key);
  if (known !== undefined) return known === -1 ? undefined : candidates[known];
  const found = await searchIssuer(certificate, candidates);
  if (issuers.size >= issuerLimit) issuers.clear();
  issuers.set(key, found === undefined ? -1 : candidates.indexOf(found));
  return found;
}

async function searchIssuer(
  certificate: Uint8Array,
  candidates: readonly Uint8Array[],
): Promise<Uint8Array | undefined> {
  const subject = Certificate.fromBER(certificate);
  for (const der of candidates) {
    try {
      const candidate = Certificate.fromBER(der);
      if (!candidate.subject.isEqual(subject.issuer)) continue;
      if (await subject.verify(candidate, cryptoEngine)) return der;
    } catch {
      // An unreadable candidate is simply not the issuer.
    }
  }
  return undefined;
}

export async function checkSignerRevocation(
  check: RevocationCheck,
  input: SignerRevocationInput,
): Promise<RevocationStatus> {
  try {
    const issuer = await findIssuer(input.signer, input.candidates);
    return await check({ certificate: input.signer, issuer, at: input.at });
  } catch (error) {
    return {
      status: 'unknown',
      source: 'none',
      checkedAt: input.at,
      detail: `revocation check failed: ${error instanceof Error ? error.message : String(error)}`,
    };
  }
}
