/**
 * What signature verification found (pec-spec §8.4): cryptographic validity of the signed bytes,
 * kept apart from certificate validity, chain trust and the provider-index match so that each
 * caller (reception point, `pec inspect`, receipts verifier) applies its own policy.
 */
import type { ProviderIndex } from '../pec/index/provider-index.ts';
import type { CertificateInfo } from './certificate-info.ts';
import type { RevocationCheck, RevocationStatus } from './revocation-status.ts';

export interface SignatureReport {
  /** A signature blob was found (it may still be unparseable: see `errors`). */
  readonly present: boolean;
  /** messageDigest and the signature over the signed attributes both check out. Ignores expiry. */
  readonly valid: boolean;
  /** node:crypto name ('sha1', 'sha256', ...) or the OID when unknown. */
  readonly digestAlgorithm: string | undefined;
  readonly signingTime: Date | undefined;
  readonly signer: CertificateInfo | undefined;
  /** DER of the signer certificate, for index lookups and display. */
  readonly signerCertificate: Uint8Array | undefined;
  /** Signer certificate validity at signingTime (or at `at` when the signature has no signingTime). */
  readonly certificateValidAtSigningTime: boolean | undefined;
  /** Path to one of the trust anchors, at signing time; only when trust anchors were given. */
  readonly chainValid: boolean | undefined;
  /**
   * Whether the signer certificate was revoked at signing time, from which source and when; only when
   * a revocation check was given and the signature is valid (and, with an index, by a listed signer).
   */
  readonly revocation: RevocationStatus | undefined;
  /** providerName of the index record whose certificate matches the signer (SHA-1 and bytes). */
  readonly indexProvider: string | undefined;
  /** True when only the LF→CRLF canonical form of the content verified. */
  readonly canonicalized: boolean;
  /** Why `valid` is false, or why a check could not be made. */
  readonly errors: string[];
  /** Oddities that do not affect validity (micalg mismatch, missing closing delimiter, ...). */
  readonly warnings: string[];
}

export interface VerifyOptions {
  /** DER trust anchors; when given, `chainValid` is evaluated. */
  readonly trustAnchors?: readonly Uint8Array[];
  readonly index?: ProviderIndex;
  /** Evaluation time used when the signature carries no signingTime. */
  readonly at?: Date;
  /**
   * Looks up the signer's revocation status at signing time (CRL or OCSP, pec-spec §8.4 step 4).
   * With an index, only signers listed in it are looked up, so unknown senders cause no fetches.
   */
  readonly revocation?: RevocationCheck;
}

/** The report for input that carries no usable signature. */
export function absentSignatureReport(errors: string[], warnings: string[] = []): SignatureReport {
  return {
    present: false,
    valid: false,
    digestAlgorithm: undefined,
    signingTime: undefined,
    signer: undefined,
    signerCertificate: undefined,
    certificateValidAtSigningTime: undefined,
    chainValid: undefined,
    revocation: undefined,
    indexProvider: undefined,
    canonicalized: false,
    errors,
    warnings,
  };
}
