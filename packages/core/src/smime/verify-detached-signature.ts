/**
 * Verifies a detached S/MIME signature over exact content bytes (pec-spec §8.4 steps 2-4): raw bytes
 * first, then the CRLF canonical form when the content holds bare LFs (how LF-stored real messages
 * verify). Never throws.
 */
import type { SignatureReport, VerifyOptions } from './signature-report.ts';
import { verifyCmsSignature } from './verify-cms-signature.ts';

export async function verifyDetachedSignature(
  content: Uint8Array,
  signature: Uint8Array,
  options: VerifyOptions = {},
): Promise<SignatureReport> {
  return (await verifyCmsSignature(signature, content, options)).report;
}
