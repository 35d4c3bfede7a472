/**
 * The Signer port: whatever holds the provider's PEC key (a PEM/PKCS#12 file today, an HSM
 * later, pec-spec §8.1) produces a detached CMS SignedData over exact bytes.
 */

/** Digest algorithms we sign with. SHA-256 by default; SHA-1 for peers that need it (pec-spec §8.3). */
export type DigestAlgorithm = 'sha1' | 'sha256';

export interface Signer {
  readonly digestAlgorithm: DigestAlgorithm;
  /**
   * Returns a DER-encoded detached CMS SignedData over exactly `content`, with signed attributes
   * contentType, signingTime (= `signingTime`) and messageDigest, and the signer certificate (plus
   * any chain) included.
   */
  sign(content: Uint8Array, signingTime: Date): Promise<Uint8Array>;
}
