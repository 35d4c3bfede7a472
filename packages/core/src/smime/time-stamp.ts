/**
 * RFC 3161 time-stamping for the daily seal of the log register (pec-spec §6.4, §8.5): the
 * TimeStampReq for a SHA-256 imprint, the token out of a TimeStampResp, and the check of a stored
 * token: a CMS SignedData over a TSTInfo (RFC 3161 §2.4.2) whose signature verifies, whose signer is
 * the configured TSA certificate and whose messageImprint is the expected digest.
 */
import { randomBytes } from 'node:crypto';
import * as asn1js from 'asn1js';
import { AlgorithmIdentifier, MessageImprint, TimeStampReq, TimeStampResp, TSTInfo } from 'pkijs';
import { parseSignedData, verifyCmsSignature } from './verify-cms-signature.ts';

const oids = {
  sha256: '2.16.840.1.101.3.4.2.1',
  tstInfo: '1.2.840.113549.1.9.16.1.4',
} as const;

/**
 * The nonce as the content of a DER INTEGER that is positive (top bit clear) and minimal (X.690
 * §8.3.2: no leading 0x00 before a byte under 0x80). A first byte of 0x00 or 0x80 would otherwise
 * give an illegal padding that OpenSSL-based TSAs reject with status 2.
 */
function positiveMinimalInteger(nonce: Uint8Array): Uint8Array {
  const head = nonce[0];
  if (head === undefined) throw new Error('a nonce needs at least one byte');
  const first = head & 0x7f;
  return Uint8Array.from(nonce, (byte, i) => (i === 0 ? first || 0x01 : byte));
}

/** DER TimeStampReq (version 1, SHA-256 imprint, certReq so the token carries the TSA certificate). */
export function buildTimeStampRequest(sha256: Uint8Array, nonce: Uint8Array = randomBytes(8)): Uint8Array {
  if (sha256.length !== 32) throw new Error('a SHA-256 imprint is 32 bytes');
  const request = new TimeStampReq({
    version: 1,
    messageImprint: new MessageImprint({
      hashAlgorithm: new AlgorithmIdentifier({ algorithmId: oids.sha256 }),
      hashedMessage: new asn1js.OctetString({ valueHex: sha256 }),
    }),
    nonce: new asn1js.Integer({ valueHex: positiveMinimalInteger(nonce) }),
    certReq: true,
  });
  return new Uint8Array(request.toSchema().toBER());
}

/** The token (DER ContentInfo) of a granted response; throws when the TSA refused (RFC 3161 §2.4.2). */
export function readTimeStampResponse(response: Uint8Array): Uint8Array {
  const parsed = TimeStampResp.fromBER(response);
  const status: number = parsed.status.status;
  // granted (0) or grantedWithMods (1).
  if (status !== 0 && status !== 1) throw new Error(`the TSA refused the request (status ${status})`);
  if (parsed.timeStampToken === undefined) throw new Error('the TSA response carries no token');
  return new Uint8Array(parsed.timeStampToken.toSchema().toBER());
}

export interface TimeStampCheck {
  readonly valid: boolean;
  /** The TSA's time (TSTInfo genTime), when the token was readable. */
  readonly genTime: Date | undefined;
  readonly errors: readonly string[];
}

/** Checks `token` seals `sha256` and was signed by `tsaCertificate` (DER). Never throws. */
export async function verifyTimeStampToken(
  token: Uint8Array,
  sha256: Uint8Array,
  tsaCertificate: Uint8Array,
): Promise<TimeStampCheck> {
  const errors: string[] = [];
  let genTime: Date | undefined;
  try {
    const parsed = parseSignedData(token);
    if (parsed.eContentType !== oids.tstInfo || parsed.eContent === undefined) {
      return { valid: false, genTime, errors: ['the token does not carry a TSTInfo'] };
    }
    const info = TSTInfo.fromBER(parsed.eContent);
    genTime = info.genTime;
    const imprint = info.messageImprint;
    if (imprint.hashAlgorithm.algorithmId !== oids.sha256) {
      errors.push(`the imprint uses ${imprint.hashAlgorithm.algorithmId}, not SHA-256`);
    } else if (!Buffer.from(imprint.hashedMessage.valueBlock.valueHexView).equals(Buffer.from(sha256))) {
      errors.push('the imprint differs from the expected digest');
    }
    const { report } = await verifyCmsSignature(token, undefined, {});
    if (!report.valid) errors.push(`the token signature does not verify: ${report.errors.join('; ')}`);
    const signer = report.signerCertificate;
    if (signer === undefined || !Buffer.from(signer).equals(Buffer.from(tsaCertificate))) {
      errors.push('the token was not signed with the configured TSA certificate');
    }
  } catch (error) {
    errors.push(`unreadable token: ${error instanceof Error ? error.message : String(error)}`);
  }
  return { valid: errors.length === 0, genTime, errors };
}
