/**
 * Reads an index document before anything is applied (pec-spec §7.3): plain LDIF, or the signed
 * `.p7m` (DER, base64 or PEM) whose signature must verify. The signer must also be trusted: it
 * chains to a configured trust anchor, or, without anchors, its certificate is one the document or
 * the current local index publishes for a provider (a provider signs its own record with its PEC
 * key). A document with no provider entry is refused too.
 */
import {
  createProviderIndex,
  openSignedLdif,
  parseLdif,
  type CertificateInfo,
  type ProviderIndex,
} from '@pec/core';

export interface IndexDocument {
  readonly ldif: string;
  readonly signed: boolean;
  /** The signer, for signed documents. */
  readonly signer?: CertificateInfo;
  /** Names of the providers the document lists. */
  readonly providers: readonly string[];
}

export interface DecodeIndexOptions {
  /** DER trust anchors; when given, a signed document's signer must chain to one of them. */
  readonly trustAnchors?: readonly Uint8Array[];
  /** Refuse plain LDIF (a refresh accepts only the signed form). */
  readonly requireSignature?: boolean;
  /** Without trust anchors, a signer listed here is accepted too. */
  readonly knownIndex?: ProviderIndex;
  /** Evaluation time for a signature without signingTime. */
  readonly at?: Date;
}

export class IndexDocumentError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'IndexDocumentError';
  }
}

/** Whether the bytes are LDIF text rather than CMS (DER, base64 or PEM). */
export function isLdifText(bytes: Uint8Array): boolean {
  const head = Buffer.from(bytes.subarray(0, 512))
    .toString('latin1')
    .replace(/^\uFEFF|^ï»¿/, '');
  return /^(#.*\r?\n|\s)*(version:|dn:)/i.test(head);
}

function providerNames(ldif: string): { index: ProviderIndex; names: string[] } {
  const index = createProviderIndex(parseLdif(ldif));
  return { index, names: [...new Set(index.providers.map((p) => p.name))] };
}

export async function decodeIndexDocument(
  bytes: Uint8Array,
  options: DecodeIndexOptions = {},
): Promise<IndexDocument> {
  if (isLdifText(bytes)) {
    if (options.requireSignature === true)
      throw new IndexDocumentError('not signed: a signed .p7m is required');
    const ldif = Buffer.from(bytes)
      .toString('utf8')
      .replace(/^\uFEFF/, '');
    const { names } = providerNames(ldif);
    if (names.length === 0) throw new IndexDocumentError('no provider entry in the LDIF');
    return { ldif, signed: false, providers: names };
  }
  const anchors = options.trustAnchors ?? [];
  let opened: Awaited<ReturnType<typeof openSignedLdif>>;
  try {
    opened = await openSignedLdif(bytes, {
      ...(anchors.length === 0 ? {} : { trustAnchors: anchors }),
      ...(options.at === undefined ? {} : { at: options.at }),
    });
  } catch (error) {
    throw new IndexDocumentError(error instanceof Error ? error.message : String(error));
  }
  const { ldif, report } = opened;
  if (report.certificateValidAtSigningTime === false) {
    throw new IndexDocumentError(
      'signed LDIF rejected: the signer certificate was not valid at signing time',
    );
  }
  const { index, names } = providerNames(ldif);
  if (names.length === 0) throw new IndexDocumentError('no provider entry in the signed LDIF');
  if (anchors.length === 0) {
    const signerDer = report.signerCertificate;
    const listed =
      signerDer !== undefined &&
      (index.findProviderByCertificate(signerDer) !== undefined ||
        options.knownIndex?.findProviderByCertificate(signerDer) !== undefined);
    if (!listed) {
      throw new IndexDocumentError(
        'signed LDIF rejected: the signer is not a certificate the index publishes; configure index.trustAnchorFiles',
      );
    }
  }
  return {
    ldif,
    signed: true,
    ...(report.signer === undefined ? {} : { signer: report.signer }),
    providers: names,
  };
}
