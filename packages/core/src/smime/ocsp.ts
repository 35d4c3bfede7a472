/**
 * OCSP (RFC 6960) for the signer certificate (pec-spec §8.4 step 4): builds the request for one
 * certificate, and reads a response: successful, a BasicOCSPResponse whose signature verifies with
 * the issuer's key or with a responder certificate the issuer delegated (id-kp-OCSPSigning,
 * RFC 6960 §4.2.2.2), and a SingleResponse for this certificate's CertID.
 */
import * as asn1js from 'asn1js';
import { BasicOCSPResponse, Certificate, CertID, ExtKeyUsage, OCSPRequest, OCSPResponse } from 'pkijs';
import { cryptoEngine } from './crypto-engine.ts';

export interface OcspAnswer {
  readonly status: 'good' | 'revoked' | 'unknown';
  readonly producedAt: Date;
  readonly thisUpdate: Date;
  readonly nextUpdate: Date | undefined;
  readonly revokedAt: Date | undefined;
}

const oids = {
  basicResponse: '1.3.6.1.5.5.7.48.1.1',
  extKeyUsage: '2.5.29.37',
  ocspSigning: '1.3.6.1.5.5.7.3.9',
} as const;

/** DER OCSPRequest for `certificate` (CertID with SHA-1, the form every responder accepts). */
export async function buildOcspRequest(certificate: Uint8Array, issuer: Uint8Array): Promise<Uint8Array> {
  const request = new OCSPRequest();
  await request.createForCertificate(
    Certificate.fromBER(certificate),
    { hashAlgorithm: 'SHA-1', issuerCertificate: Certificate.fromBER(issuer) },
    cryptoEngine,
  );
  return new Uint8Array(request.toSchema(true).toBER());
}

function isDelegatedResponder(candidate: Certificate): boolean {
  const extension = candidate.extensions?.find((entry) => entry.extnID === oids.extKeyUsage);
  const usage: unknown = extension?.parsedValue;
  return usage instanceof ExtKeyUsage && usage.keyPurposes.includes(oids.ocspSigning);
}

async function signatureVerifies(basic: BasicOCSPResponse, key: Certificate): Promise<boolean> {
  try {
    return await cryptoEngine.verifyWithPublicKey(
      basic.tbsResponseData.tbsView,
      basic.signature,
      key.subjectPublicKeyInfo,
      basic.signatureAlgorithm,
    );
  } catch {
    return false;
  }
}

/** The issuer itself, or a certificate it issued for OCSP signing, whose key signed the response. */
async function checkResponder(basic: BasicOCSPResponse, issuer: Certificate): Promise<void> {
  if (await signatureVerifies(basic, issuer)) return;
  for (const candidate of basic.certs ?? []) {
    if (!candidate.issuer.isEqual(issuer.subject) || !isDelegatedResponder(candidate)) continue;
    if (!(await candidate.verify(issuer, cryptoEngine))) continue;
    if (await signatureVerifies(basic, candidate)) return;
  }
  throw new Error('the OCSP response is not signed by the issuer or a responder it delegated');
}

function generalizedTime(value: unknown): Date | undefined {
  if (value instanceof asn1js.GeneralizedTime) return value.toDate();
  return undefined;
}

const hashNames: ReadonlyMap<string, string> = new Map([
  ['1.3.14.3.2.26', 'SHA-1'],
  ['2.16.840.1.101.3.4.2.1', 'SHA-256'],
  ['2.16.840.1.101.3.4.2.2', 'SHA-384'],
  ['2.16.840.1.101.3.4.2.3', 'SHA-512'],
]);

/** Throws when the response is unusable (not successful, unsigned, or not about `certificate`). */
export async function readOcspResponse(
  response: Uint8Array,
  certificate: Uint8Array,
  issuer: Uint8Array,
): Promise<OcspAnswer> {
  const parsed = OCSPResponse.fromBER(response);
  const status = parsed.responseStatus.valueBlock.valueDec;
  if (status !== 0) throw new Error(`the OCSP responder answered with status ${status}, not successful`);
  if (parsed.responseBytes?.responseType !== oids.basicResponse) {
    throw new Error('the OCSP response is not a basic response');
  }
  const basic = BasicOCSPResponse.fromBER(parsed.responseBytes.response.valueBlock.valueHexView);
  const issuerCertificate = Certificate.fromBER(issuer);
  const subject = Certificate.fromBER(certificate);
  await checkResponder(basic, issuerCertificate);
  for (const single of basic.tbsResponseData.responses) {
    const hashAlgorithm = hashNames.get(single.certID.hashAlgorithm.algorithmId);
    if (hashAlgorithm === undefined) continue;
    const ours = await CertID.create(subject, { hashAlgorithm, issuerCertificate }, cryptoEngine);
    if (!single.certID.isEqual(ours)) continue;
    // CertStatus (RFC 6960 §4.2.1): [0] good, [1] revoked (RevokedInfo: revocationTime first), [2] unknown.
    const certStatus = single.certStatus as {
      idBlock: { tagNumber: number };
      valueBlock?: { value?: unknown[] };
    };
    const tag = certStatus.idBlock.tagNumber;
    const revokedAt = tag === 1 ? generalizedTime(certStatus.valueBlock?.value?.[0]) : undefined;
    if (tag === 1 && revokedAt === undefined) throw new Error('the OCSP revoked status has no time');
    return {
      status: tag === 0 ? 'good' : tag === 1 ? 'revoked' : 'unknown',
      producedAt: basic.tbsResponseData.producedAt,
      thisUpdate: single.thisUpdate,
      nextUpdate: single.nextUpdate,
      revokedAt,
    };
  }
  throw new Error('the OCSP response does not cover this certificate');
}
