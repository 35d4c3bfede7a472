/**
 * The core reader's description of stored bytes (readPecMessage, pec-spec §2.3, §4, §8.4) turned
 * into the facts the holder reads: the signature check and the daticert fields, with absent values
 * as null so that the HTTP API and the verification report can show "not checked" plainly.
 */
import {
  defaultReceiptVariant,
  readPecMessage,
  securityCheckError,
  pecHeaders,
  receiptVariants,
  type PecMessageDescription,
  type ReceiptVariant,
  type SignatureReport,
  type VerifyOptions,
} from '@pec/core';
import type { DaticertFacts, SignatureFacts } from './pec-evidence.ts';
import type { PecEvidenceDependencies } from './pec-evidence-dependencies.ts';

export function verifyOptionsOf(deps: PecEvidenceDependencies): VerifyOptions {
  return {
    index: deps.index,
    at: deps.clock.now(),
    ...(deps.trustAnchors === undefined ? {} : { trustAnchors: deps.trustAnchors }),
    ...(deps.revocation === undefined ? {} : { revocation: deps.revocation }),
  };
}

/** Reads the bytes with every check the dependencies allow; never throws on odd input. */
export function describeStoredBytes(
  deps: PecEvidenceDependencies,
  bytes: Uint8Array,
): Promise<PecMessageDescription> {
  return readPecMessage(bytes, verifyOptionsOf(deps));
}

export function signatureFacts(report: SignatureReport): SignatureFacts {
  return {
    present: report.present,
    valid: report.valid,
    signer: report.signer?.subject ?? null,
    signerEmail: report.signer?.email ?? null,
    provider: report.indexProvider ?? null,
    signingTime: report.signingTime ?? null,
    certificateValidAtSigningTime: report.certificateValidAtSigningTime ?? null,
    chainValid: report.chainValid ?? null,
    revocation:
      report.revocation === undefined
        ? null
        : {
            status: report.revocation.status,
            source: report.revocation.source,
            checkedAt: report.revocation.checkedAt,
            revokedAt: report.revocation.revokedAt ?? null,
            detail: report.revocation.detail ?? null,
          },
    digestAlgorithm: report.digestAlgorithm ?? null,
    errors: report.errors,
  };
}

export function daticertFacts(description: PecMessageDescription): DaticertFacts | null {
  const d = description.daticert;
  if (d === null) return null;
  return {
    type: d.type ?? null,
    error: d.error ?? null,
    sender: d.sender ?? null,
    recipients: d.recipients.map((r) => ({ address: r.address, kind: r.kind ?? null })),
    subject: d.subject ?? null,
    issuer: d.issuer ?? null,
    day: d.date?.day ?? null,
    time: d.date?.time ?? null,
    zone: d.date?.zone ?? null,
    identifier: d.identifier ?? null,
    msgid: d.msgid ?? null,
    receiptVariant: d.receiptVariant ?? null,
    delivery: d.delivery ?? null,
    takenInCharge: d.takenInCharge,
    extendedError: d.extendedError ?? null,
    wellFormed: d.wellFormed,
    problems: d.problems,
  };
}

/**
 * The receipt variant: daticert `<ricevuta tipo>` of a delivery receipt, else the `X-TipoRicevuta`
 * an envelope asks for (absent means completa, pec-spec §3.1).
 */
export function receiptVariantOf(description: PecMessageDescription): ReceiptVariant | null {
  const fromDaticert = description.daticert?.receiptVariant;
  if (fromDaticert !== undefined) return fromDaticert;
  if (description.type !== 'posta-certificata') return null;
  const header = description.headers[pecHeaders.receiptType]?.toLowerCase();
  return (receiptVariants as readonly string[]).includes(header ?? '')
    ? (header as ReceiptVariant)
    : defaultReceiptVariant;
}

/** A virus notice: `X-VerificaSicurezza: errore` (pec-spec §3.3) or daticert `errore="virus"`. */
export function isVirusNotice(description: PecMessageDescription): boolean {
  return (
    description.type === 'rilevazione-virus' ||
    description.daticert?.error === 'virus' ||
    description.headers[pecHeaders.securityCheck]?.toLowerCase() === securityCheckError
  );
}
