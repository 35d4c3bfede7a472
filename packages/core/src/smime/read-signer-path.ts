/**
 * A lean read of a DER ContentInfo(SignedData) (RFC 5652 §5): only what verification of the first
 * signer needs — the certificates as raw bytes, the encapsulated content, the SignerInfo's digest
 * algorithm, signed attributes (their DER re-tagged as a SET, the bytes the signature covers, §5.4),
 * contentType, signingTime, messageDigest, signature algorithm and value — and the signer certificate
 * found by issuer and serial number. Returns undefined for anything outside that common shape
 * (indefinite lengths, a subjectKeyIdentifier signer, an unmatched or odd attribute), and the caller
 * falls back to the full pkijs parser, so the lean path never decides differently from it.
 */
import { cmsOids } from './cms-oids.ts';
import { issuerAndSerialNumber } from './create-software-signer.ts';
import {
  derBytes,
  derChildren,
  derTags,
  derValue,
  readDer,
  readDerTime,
  readOid,
  type DerElement,
} from './der.ts';

/** What the verifier checks, from either the lean reader or pkijs. */
export interface SignerPath {
  /** Every certificate in the SignedData, exact bytes, in order. */
  readonly certificates: readonly Uint8Array[];
  readonly eContentType: string;
  readonly eContent: Uint8Array | undefined;
  readonly signerInfoCount: number;
  readonly signerInfo:
    | {
        readonly digestAlgorithmOid: string;
        /** DER of the signed attributes as a SET; undefined when there are none. */
        readonly signedAttributes: Uint8Array | undefined;
        readonly contentType: string | undefined;
        readonly messageDigest: Uint8Array | undefined;
        readonly signingTime: Date | undefined;
        readonly signatureAlgorithmOid: string;
        readonly signature: Uint8Array;
      }
    | undefined;
  /** Index in `certificates` of the signer's certificate. */
  readonly signerIndex: number | undefined;
}

function children(bytes: Uint8Array, element: DerElement | undefined, tag: number): DerElement[] {
  if (element?.tag !== tag) throw new Error('unexpected element');
  return derChildren(bytes, element);
}

function oidOf(bytes: Uint8Array, element: DerElement | undefined): string {
  if (element?.tag !== derTags.oid) throw new Error('expected an OBJECT IDENTIFIER');
  return readOid(derValue(bytes, element));
}

interface Attributes {
  contentType?: string;
  messageDigest?: Uint8Array;
  signingTime?: Date;
}

function readAttributes(bytes: Uint8Array, signedAttrs: DerElement): Attributes {
  const found: Attributes = {};
  for (const attribute of derChildren(bytes, signedAttrs)) {
    const [type, values] = children(bytes, attribute, derTags.sequence);
    const value = children(bytes, values, derTags.set)[0];
    if (value === undefined) throw new Error('an attribute without a value');
    switch (oidOf(bytes, type)) {
      // The first attribute of each type counts, as in the pkijs path.
      case cmsOids.contentTypeAttribute:
        found.contentType ??= oidOf(bytes, value);
        break;
      case cmsOids.messageDigestAttribute:
        if (value.tag !== derTags.octetString) throw new Error('messageDigest is not an OCTET STRING');
        found.messageDigest ??= derValue(bytes, value);
        break;
      case cmsOids.signingTimeAttribute: {
        const time = readDerTime(value.tag, derValue(bytes, value));
        if (time === undefined) throw new Error('signingTime in an unusual form');
        found.signingTime ??= time;
        break;
      }
      default:
    }
  }
  return found;
}

function equalBytes(a: Uint8Array, b: Uint8Array): boolean {
  return a.length === b.length && Buffer.from(a.buffer, a.byteOffset, a.length).equals(b);
}

/** The lean read, or undefined when the input needs the full parser. */
export function readSignerPath(bytes: Uint8Array): SignerPath | undefined {
  try {
    const [type, explicit] = children(bytes, readDer(bytes, 0), derTags.sequence);
    if (oidOf(bytes, type) !== cmsOids.signedData) return undefined;
    const fields = children(bytes, children(bytes, explicit, derTags.context0)[0], derTags.sequence);
    const [, , encap, ...rest] = fields;
    const [eType, eExplicit] = children(bytes, encap, derTags.sequence);
    let eContent: Uint8Array | undefined;
    if (eExplicit !== undefined) {
      const octets = children(bytes, eExplicit, derTags.context0)[0];
      if (octets?.tag !== derTags.octetString) return undefined;
      eContent = derValue(bytes, octets);
    }
    const certificateSet = rest.find((field) => field.tag === derTags.context0);
    const certificates = (certificateSet === undefined ? [] : derChildren(bytes, certificateSet))
      .filter((choice) => choice.tag === derTags.sequence)
      .map((choice) => derBytes(bytes, choice));
    const signerInfos = children(bytes, rest[rest.length - 1], derTags.set);
    const path = {
      certificates,
      eContentType: oidOf(bytes, eType),
      eContent,
      signerInfoCount: signerInfos.length,
    };
    const first = signerInfos[0];
    if (first === undefined) return { ...path, signerInfo: undefined, signerIndex: undefined };

    const [, sid, digestAlgorithm, ...tail] = children(bytes, first, derTags.sequence);
    if (sid?.tag !== derTags.sequence) return undefined;
    const signedAttrs = tail[0]?.tag === derTags.context0 ? tail.shift() : undefined;
    const [signatureAlgorithm, signatureValue] = tail;
    if (signatureValue?.tag !== derTags.octetString) return undefined;
    const attributes = signedAttrs === undefined ? {} : readAttributes(bytes, signedAttrs);
    let signedAttributes: Uint8Array | undefined;
    if (signedAttrs !== undefined) {
      signedAttributes = derBytes(bytes, signedAttrs).slice();
      signedAttributes[0] = derTags.set;
    }
    const sidBytes = derBytes(bytes, sid);
    const signerIndex = certificates.findIndex((der) => equalBytes(issuerAndSerialNumber(der), sidBytes));
    if (signerIndex === -1) return undefined;
    return {
      ...path,
      signerInfo: {
        digestAlgorithmOid: oidOf(bytes, children(bytes, digestAlgorithm, derTags.sequence)[0]),
        signedAttributes,
        contentType: attributes.contentType,
        messageDigest: attributes.messageDigest,
        signingTime: attributes.signingTime,
        signatureAlgorithmOid: oidOf(bytes, children(bytes, signatureAlgorithm, derTags.sequence)[0]),
        signature: derValue(bytes, signatureValue),
      },
      signerIndex,
    };
  } catch {
    return undefined;
  }
}
