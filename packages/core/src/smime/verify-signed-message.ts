/**
 * Verifies the signature of a whole message as received (pec-spec §8.4): multipart/signed split on
 * raw bytes, or opaque pkcs7-mime signed-data. Unsigned or unreadable input yields `present: false`
 * (or `present: true, valid: false` when a signature blob exists but cannot be used). Never throws.
 */
import { digestAlgorithms } from './digest-algorithms.ts';
import { extractOpaqueSignedContent } from './extract-opaque-signed-content.ts';
import { absentSignatureReport } from './signature-report.ts';
import type { SignatureReport, VerifyOptions } from './signature-report.ts';
import { splitMultipartSigned } from './split-multipart-signed.ts';
import { verifyCmsSignature } from './verify-cms-signature.ts';

/** micalg spellings seen in the wild: `sha1`, `sha-1`, `sha256`, `sha-256` (pec-spec MANIFEST notes). */
function micalgMatches(micalg: string, digestAlgorithm: string): boolean {
  const entry = digestAlgorithms.find((candidate) => candidate.name === digestAlgorithm);
  return entry !== undefined && (micalg === entry.micalg || micalg.replace(/-/g, '') === entry.name);
}

async function verifyMultipart(
  message: Uint8Array,
  options: VerifyOptions,
): Promise<SignatureReport | undefined> {
  const parts = splitMultipartSigned(message);
  if (parts === undefined) return undefined;
  if (parts.signature.length === 0) {
    return absentSignatureReport(['the multipart/signed message has no signature'], parts.problems);
  }
  const { report } = await verifyCmsSignature(parts.signature, parts.signedContent, options);
  const warnings = [...parts.problems, ...report.warnings];
  if (
    parts.micalg !== undefined &&
    report.digestAlgorithm !== undefined &&
    !micalgMatches(parts.micalg, report.digestAlgorithm)
  ) {
    warnings.push(`micalg '${parts.micalg}' differs from the signature's ${report.digestAlgorithm}`);
  }
  return { ...report, warnings };
}

export async function verifySignedMessage(
  message: Uint8Array,
  options: VerifyOptions = {},
): Promise<SignatureReport> {
  try {
    const multipart = await verifyMultipart(message, options);
    if (multipart !== undefined) return multipart;
    const opaque = extractOpaqueSignedContent(message);
    if (opaque === undefined) return absentSignatureReport(['the message is not signed']);
    const { report } = await verifyCmsSignature(opaque.signature, undefined, options);
    return { ...report, warnings: [...opaque.problems, ...report.warnings] };
  } catch (error) {
    return absentSignatureReport([
      `verification failed: ${error instanceof Error ? error.message : String(error)}`,
    ]);
  }
}
