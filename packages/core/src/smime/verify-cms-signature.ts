/**
 * Verifies a CMS SignedData (RFC 5652 §5.4, §5.6) over detached or encapsulated content: the
 * messageDigest attribute, then the signature over the signed attributes with the signer's public key
 * (SHA-1 and SHA-256 alike, pec-spec §8.3), then certificate dates, optional chain to trust anchors
 * and the provider-index match (pec-spec §8.4 steps 2-4). Never throws: problems go to `errors`.
 */
import { createHash, verify as verifySignature } from 'node:crypto';
import * as asn1js from 'asn1js';
import {
  Certificate,
  CertificateChainValidationEngine,
  ContentInfo,
  IssuerAndSerialNumber,
  SignedData,
} from 'pkijs';
import type { SignerInfo } from 'pkijs';
import { canonicalizeLineBreaks, hasBareLineFeed } from './canonicalize-line-breaks.ts';
import { certificatePublicKey, describeCertificateOnce } from './certificate-cache.ts';
import { cmsOids } from './cms-oids.ts';
import { cryptoEngine } from './crypto-engine.ts';
import { digestAlgorithmByOid } from './digest-algorithms.ts';
import { checkSignerRevocation } from './check-signer-revocation.ts';
import { readSignerPath, type SignerPath } from './read-signer-path.ts';
import { absentSignatureReport } from './signature-report.ts';
import type { SignatureReport, VerifyOptions } from './signature-report.ts';

export interface CmsVerification {
  readonly report: SignatureReport;
  /** The content that was checked: the detached content given, or the encapsulated one. */
  readonly content: Uint8Array | undefined;
}

interface CmsCertificate {
  readonly certificate: Certificate;
  /** The bytes as they appear in the SignedData (what the index hashes). */
  readonly der: Uint8Array;
}

export interface ParsedSignedData {
  readonly signedData: SignedData;
  readonly certificates: readonly CmsCertificate[];
  readonly eContentType: string;
  readonly eContent: Uint8Array | undefined;
}

function message(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}

/** Parses DER/BER ContentInfo(SignedData). Throws when it is not one. */
export function parseSignedData(bytes: Uint8Array): ParsedSignedData {
  const asn1 = asn1js.fromBER(bytes);
  if (asn1.offset === -1) throw new Error('the signature is not valid BER/DER');
  const contentInfo = new ContentInfo({ schema: asn1.result });
  if (contentInfo.contentType !== cmsOids.signedData) {
    throw new Error(`the CMS content type is ${contentInfo.contentType}, not signedData`);
  }
  const signedData = new SignedData({ schema: contentInfo.content });
  // Certificates are taken from the raw [0] IMPLICIT SET so their exact bytes are kept.
  const certificates: CmsCertificate[] = [];
  const fields = (contentInfo.content as asn1js.Sequence).valueBlock.value;
  const certificateSet = fields.find(
    (field) => field.idBlock.tagClass === 3 && field.idBlock.tagNumber === 0,
  );
  const choices = (certificateSet as asn1js.Constructed | undefined)?.valueBlock.value ?? [];
  // pkijs keeps the SET's order, so the parsed certificates pair with the raw SEQUENCE choices.
  const parsed = (signedData.certificates ?? []).filter((item) => item instanceof Certificate);
  const raw = choices.filter((choice) => choice.idBlock.tagClass === 1);
  raw.forEach((choice, index) => {
    const der = new Uint8Array(choice.valueBeforeDecodeView);
    certificates.push({ certificate: parsed[index] ?? Certificate.fromBER(der), der });
  });
  const eContent = signedData.encapContentInfo.eContent;
  return {
    signedData,
    certificates,
    eContentType: signedData.encapContentInfo.eContentType,
    eContent: eContent === undefined ? undefined : new Uint8Array(eContent.getValue()),
  };
}

function findSigner(certificates: readonly CmsCertificate[], signerInfo: SignerInfo): number {
  const sid: unknown = signerInfo.sid;
  if (sid instanceof IssuerAndSerialNumber) {
    return certificates.findIndex(
      ({ certificate }) =>
        certificate.issuer.isEqual(sid.issuer) && certificate.serialNumber.isEqual(sid.serialNumber),
    );
  }
  // subjectKeyIdentifier choice: [0] IMPLICIT OCTET STRING.
  const keyId = Buffer.from(
    (sid as { valueBlock?: { valueHexView?: Uint8Array } }).valueBlock?.valueHexView ?? [],
  );
  return certificates.findIndex(({ certificate }) => {
    const extension = certificate.extensions?.find(
      (candidate) => candidate.extnID === cmsOids.subjectKeyIdentifier,
    );
    const value = extension?.parsedValue as asn1js.OctetString | undefined;
    return value !== undefined && keyId.length > 0 && keyId.equals(value.valueBlock.valueHexView);
  });
}

function attributeValue(signerInfo: SignerInfo, type: string): unknown {
  return signerInfo.signedAttrs?.attributes.find((attribute) => attribute.type === type)?.values[0];
}

function readSigningTime(signerInfo: SignerInfo): Date | undefined {
  const value = attributeValue(signerInfo, cmsOids.signingTimeAttribute);
  if (value instanceof asn1js.UTCTime || value instanceof asn1js.GeneralizedTime) {
    const date = value.toDate();
    return Number.isNaN(date.getTime()) ? undefined : date;
  }
  return undefined;
}

/** The bytes the signature covers: the DER of the signed attributes as a SET (RFC 5652 §5.4). */
function signedAttributesBytes(signerInfo: SignerInfo): Uint8Array | undefined {
  const encoded = signerInfo.signedAttrs?.encodedValue;
  if (encoded === undefined || encoded.byteLength === 0) return undefined;
  const bytes = new Uint8Array(encoded.slice(0));
  bytes[0] = 0x31;
  return bytes;
}

/** The same view as the lean reader's, from the full pkijs parse (BER, subjectKeyIdentifier, ...). */
export function signerPathFromPkijs(parsed: ParsedSignedData): SignerPath {
  const signerInfos = parsed.signedData.signerInfos;
  const signerInfo = signerInfos[0];
  const base = {
    certificates: parsed.certificates.map((entry) => entry.der),
    eContentType: parsed.eContentType,
    eContent: parsed.eContent,
    signerInfoCount: signerInfos.length,
  };
  if (signerInfo === undefined) return { ...base, signerInfo: undefined, signerIndex: undefined };
  const index = findSigner(parsed.certificates, signerInfo);
  const digest = attributeValue(signerInfo, cmsOids.messageDigestAttribute);
  const contentType = attributeValue(signerInfo, cmsOids.contentTypeAttribute);
  return {
    ...base,
    signerInfo: {
      digestAlgorithmOid: signerInfo.digestAlgorithm.algorithmId,
      signedAttributes: signedAttributesBytes(signerInfo),
      contentType: contentType instanceof asn1js.ObjectIdentifier ? contentType.getValue() : undefined,
      messageDigest: digest instanceof asn1js.OctetString ? digest.valueBlock.valueHexView : undefined,
      signingTime: readSigningTime(signerInfo),
      signatureAlgorithmOid: signerInfo.signatureAlgorithm.algorithmId,
      signature: signerInfo.signature.valueBlock.valueHexView,
    },
    signerIndex: index === -1 ? undefined : index,
  };
}

type PathSignerInfo = NonNullable<SignerPath['signerInfo']>;

function verifySignatureValue(
  signer: Uint8Array,
  signerInfo: PathSignerInfo,
  hashName: string,
  data: Uint8Array,
): Promise<boolean> {
  if (signerInfo.signatureAlgorithmOid === cmsOids.rsaPss) {
    return Promise.reject(new Error('RSASSA-PSS signatures are not supported'));
  }
  const key = certificatePublicKey(signer);
  // With a callback node:crypto verifies on the libuv thread pool, off the event loop.
  return new Promise((resolve, reject) => {
    verifySignature(hashName, data, key, signerInfo.signature, (error, valid) => {
      if (error === null) resolve(valid);
      else reject(error);
    });
  });
}

interface ContentCheck {
  readonly valid: boolean;
  readonly canonicalized: boolean;
}

/** Checks the raw bytes first, then their CRLF canonical form when they hold bare LFs. */
async function checkContent(
  content: Uint8Array,
  matches: (candidate: Uint8Array) => boolean | Promise<boolean>,
): Promise<ContentCheck> {
  if (await matches(content)) return { valid: true, canonicalized: false };
  if (hasBareLineFeed(content) && (await matches(canonicalizeLineBreaks(content)))) {
    return { valid: true, canonicalized: true };
  }
  return { valid: false, canonicalized: false };
}

async function checkChain(
  signer: Uint8Array,
  others: readonly Uint8Array[],
  trustAnchors: readonly Uint8Array[],
  at: Date,
): Promise<{ valid: boolean; reason: string }> {
  const engine = new CertificateChainValidationEngine({
    trustedCerts: trustAnchors.map((der) => Certificate.fromBER(der)),
    // pkijs takes the last certificate as the end entity.
    certs: [...others, signer].map((der) => Certificate.fromBER(der)),
    checkDate: at,
  });
  const result = await engine.verify({}, cryptoEngine);
  return { valid: result.result, reason: result.resultMessage };
}

export async function verifyCmsSignature(
  signature: Uint8Array,
  detachedContent: Uint8Array | undefined,
  options: VerifyOptions = {},
): Promise<CmsVerification> {
  let parsed = readSignerPath(signature);
  if (parsed === undefined) {
    try {
      parsed = signerPathFromPkijs(parseSignedData(signature));
    } catch (error) {
      const report = absentSignatureReport([`unreadable signature: ${message(error)}`]);
      return { report: { ...report, present: signature.length > 0 }, content: undefined };
    }
  }
  const errors: string[] = [];
  const warnings: string[] = [];
  const content = detachedContent ?? parsed.eContent;
  const { signerInfo } = parsed;
  if (parsed.signerInfoCount > 1) {
    warnings.push(`only the first of ${parsed.signerInfoCount} signers was checked`);
  }
  const digest = signerInfo === undefined ? undefined : digestAlgorithmByOid(signerInfo.digestAlgorithmOid);
  const signer = parsed.signerIndex === undefined ? undefined : parsed.certificates[parsed.signerIndex];
  const signingTime = signerInfo?.signingTime;

  let contentCheck: ContentCheck = { valid: false, canonicalized: false };
  let signatureValid = false;
  if (content === undefined) errors.push('no content to check: detached signature given without content');
  if (signerInfo === undefined) errors.push('the SignedData has no SignerInfo');
  else if (digest === undefined) errors.push(`unknown digest algorithm ${signerInfo.digestAlgorithmOid}`);
  if (signerInfo !== undefined && signer === undefined)
    errors.push('the signer certificate is not in the SignedData');

  if (content !== undefined && signerInfo !== undefined && digest !== undefined && signer !== undefined) {
    try {
      const attributes = signerInfo.signedAttributes;
      if (attributes === undefined) {
        // No signed attributes: the signature is over the content itself (RFC 5652 §5.4).
        contentCheck = await checkContent(content, (candidate) =>
          verifySignatureValue(signer, signerInfo, digest.name, candidate),
        );
        signatureValid = contentCheck.valid;
        if (!signatureValid) errors.push('the signature does not match the content');
      } else {
        const expectedDigest = signerInfo.messageDigest;
        if (signerInfo.contentType !== undefined && signerInfo.contentType !== parsed.eContentType) {
          errors.push('the contentType attribute differs from the encapsulated content type');
        }
        if (expectedDigest === undefined) errors.push('no messageDigest attribute');
        else {
          const expected = Buffer.from(expectedDigest);
          contentCheck = await checkContent(content, (candidate) =>
            expected.equals(createHash(digest.name).update(candidate).digest()),
          );
          if (!contentCheck.valid) errors.push('messageDigest does not match the content');
        }
        signatureValid = await verifySignatureValue(signer, signerInfo, digest.name, attributes);
        if (!signatureValid) errors.push('the signature over the signed attributes is not valid');
      }
    } catch (error) {
      errors.push(`signature check failed: ${message(error)}`);
      signatureValid = false;
    }
  }

  const valid = contentCheck.valid && signatureValid && errors.length === 0;
  const at = signingTime ?? options.at;
  let signerInfoText: SignatureReport['signer'];
  let certificateValidAtSigningTime: boolean | undefined;
  let chainValid: boolean | undefined;
  let indexProvider: string | undefined;
  let revocation: SignatureReport['revocation'];
  if (signer !== undefined) {
    try {
      signerInfoText = describeCertificateOnce(signer);
      if (at !== undefined) {
        certificateValidAtSigningTime = signerInfoText.notBefore <= at && at <= signerInfoText.notAfter;
      }
    } catch (error) {
      errors.push(`unreadable signer certificate: ${message(error)}`);
    }
    indexProvider = options.index?.findProviderByCertificate(signer)?.name;
    const others = parsed.certificates.filter((_, index) => index !== parsed.signerIndex);
    if (options.trustAnchors !== undefined) {
      if (at === undefined) errors.push('no signingTime and no evaluation time: chain not checked');
      else {
        try {
          const chain = await checkChain(signer, others, options.trustAnchors, at);
          chainValid = chain.valid;
          if (!chain.valid) errors.push(`certificate chain not valid: ${chain.reason}`);
        } catch (error) {
          chainValid = false;
          errors.push(`certificate chain not valid: ${message(error)}`);
        }
      }
    }
    if (
      options.revocation !== undefined &&
      valid &&
      at !== undefined &&
      (options.index === undefined || indexProvider !== undefined)
    ) {
      revocation = await checkSignerRevocation(options.revocation, {
        signer,
        candidates: [...others, ...(options.trustAnchors ?? [])],
        at,
      });
      if (revocation.status === 'revoked') {
        errors.push(
          `the signer certificate was revoked at ${revocation.revokedAt?.toISOString() ?? '?'}, ` +
            `not after the signing time (${revocation.source})`,
        );
      }
    }
  }
  return {
    report: {
      present: true,
      valid,
      digestAlgorithm: digest?.name ?? signerInfo?.digestAlgorithmOid,
      signingTime,
      signer: signerInfoText,
      signerCertificate: signer,
      certificateValidAtSigningTime,
      chainValid,
      revocation,
      indexProvider,
      canonicalized: contentCheck.valid && contentCheck.canonicalized,
      errors,
      warnings,
    },
    content,
  };
}
