/**
 * What arrived at the MX, decided on the raw bytes in the order of pec-spec §2.3 and §8.4: signature
 * existence, signer in the providers' index (SHA-1 and bytes), signature validity, certificate dates
 * (at signing time and now), chain when trust anchors are given, SAN e-mail = `From:`, then the
 * format (a PEC type from the headers, daticert well formed and complete, postacert.eml for an
 * envelope). Mail with no PEC header, no daticert and no index-listed signer is ordinary mail.
 */
import {
  daticertFromFields,
  locatePecParts,
  originalFactsFromDaticert,
  parseMimeTree,
  readBodyBytes,
  readerTypes,
  readPecMessage,
  summarizeMessage,
  transportValues,
  type Daticert,
  type OriginalFacts,
  type PecMessageDescription,
  type ProviderIndex,
  type ProviderRecord,
} from '@pec/core';
import { revocationAnomalyReason, type RevocationChecker } from '../../revocation/revocation-checker.ts';

export type ReceptionVerdict =
  | {
      readonly kind: 'transport-envelope';
      readonly provider: ProviderRecord;
      readonly description: PecMessageDescription;
      readonly daticert: Daticert;
      /** The envelope's facts (daticert, Cc from the copied header fields: pec-spec §3.5). */
      readonly facts: OriginalFacts;
      /** The postacert.eml bytes, for completa and breve delivery receipts. */
      readonly carriedOriginal: Uint8Array;
    }
  | {
      /** A receipt or notice (daticert complete), or an anomaly envelope (no daticert). */
      readonly kind: 'pec-notice';
      readonly provider: ProviderRecord;
      readonly description: PecMessageDescription;
      readonly daticert: Daticert | undefined;
    }
  | {
      readonly kind: 'invalid-pec';
      /** Italian, for the anomaly envelope's text (pec-spec §3.9). */
      readonly reason: string;
      /** English details for the legal log and operators. */
      readonly problems: readonly string[];
      /** The listed provider whose certificate signed it, when there is one. */
      readonly provider: ProviderRecord | undefined;
    }
  | { readonly kind: 'ordinary' };

export interface ClassifyOptions {
  readonly index: ProviderIndex;
  /** The transaction's time reference (pec-spec §6.2). */
  readonly now: Date;
  /** DER trust anchors; when given, the signer's chain must lead to one (pec-spec §8.4 step 4). */
  readonly trustAnchors?: readonly Uint8Array[] | undefined;
  /** Revocation of the signer at signing time (pec-spec §8.4 step 4); not checked when absent. */
  readonly revocation?: RevocationChecker | undefined;
}

/** Italian reasons shown in the anomaly envelope (pec-spec §3.9 "the error"). */
export const anomalyReasons = {
  unsigned: 'messaggio con intestazioni di posta certificata ma privo della firma del gestore',
  unknownSigner: "firma apposta con un certificato non presente nell'indice dei gestori di posta certificata",
  badSignature: 'firma non valida: il messaggio è stato alterato dopo la firma',
  certificateDates: 'certificato di firma non valido alla data della firma o alla data di ricezione',
  untrustedChain: 'certificato di firma non emesso da un certificatore riconosciuto',
  senderMismatch: "l'indirizzo del certificato di firma non corrisponde al mittente (From)",
  notPec: 'messaggio firmato da un gestore ma privo delle intestazioni di posta certificata',
  malformed: 'struttura del messaggio di posta certificata non conforme',
  daticert: 'dati di certificazione (daticert.xml) assenti o non validi',
} as const;

/** PEC header fields, a daticert or an index-listed signer; S/MIME mail signed by a person is ordinary. */
function looksLikePec(description: PecMessageDescription, provider: ProviderRecord | undefined): boolean {
  return description.type !== readerTypes.ordinary || description.daticert !== null || provider !== undefined;
}

function withinValidity(description: PecMessageDescription, now: Date): boolean {
  const { signer, certificateValidAtSigningTime } = description.signature;
  if (signer === undefined || certificateValidAtSigningTime !== true) return false;
  return signer.notBefore.getTime() <= now.getTime() && now.getTime() <= signer.notAfter.getTime();
}

function firstFailure(
  description: PecMessageDescription,
  provider: ProviderRecord | undefined,
  options: ClassifyOptions,
): string | undefined {
  const { signature } = description;
  if (!signature.present) return anomalyReasons.unsigned;
  if (provider === undefined) return anomalyReasons.unknownSigner;
  if (!signature.valid) return anomalyReasons.badSignature;
  if (!withinValidity(description, options.now)) return anomalyReasons.certificateDates;
  if (options.trustAnchors !== undefined && signature.chainValid !== true)
    return anomalyReasons.untrustedChain;
  const revocation = revocationAnomalyReason(signature, options.revocation);
  if (revocation !== undefined) return revocation;
  const san = signature.signer?.email?.toLowerCase();
  if (san === undefined || san !== description.from?.toLowerCase()) return anomalyReasons.senderMismatch;
  if (description.type === readerTypes.ordinary) return anomalyReasons.notPec;
  if (description.errors.length > 0) return anomalyReasons.malformed;
  return undefined;
}

export async function classifyReception(
  raw: Uint8Array,
  options: ClassifyOptions,
): Promise<ReceptionVerdict> {
  const description = await readPecMessage(raw, {
    index: options.index,
    at: options.now,
    ...(options.trustAnchors === undefined ? {} : { trustAnchors: options.trustAnchors }),
    ...(options.revocation === undefined ? {} : { revocation: options.revocation.check }),
  });
  const certificate = description.signature.signerCertificate;
  const provider =
    certificate === undefined ? undefined : options.index.findProviderByCertificate(certificate);
  if (!looksLikePec(description, provider)) return { kind: 'ordinary' };

  const invalid = (reason: string, extra: readonly string[] = []) =>
    ({
      kind: 'invalid-pec',
      reason,
      problems: [...description.errors, ...extra],
      provider,
    }) as const;
  const failure = firstFailure(description, provider, options);
  if (failure !== undefined || provider === undefined)
    return invalid(failure ?? anomalyReasons.unknownSigner);

  // pec-spec §3.9: an anomaly envelope carries no daticert; it is filed unchanged like a notice.
  if (description.type === readerTypes.anomaly)
    return { kind: 'pec-notice', provider, description, daticert: undefined };
  const daticert = description.daticert === null ? undefined : daticertFromFields(description.daticert);
  if (daticert === undefined || description.daticert?.wellFormed !== true) {
    return invalid(anomalyReasons.daticert, ['daticert.xml missing, not well formed or incomplete']);
  }
  if (description.type !== transportValues.certified) {
    return { kind: 'pec-notice', provider, description, daticert };
  }
  const located = locatePecParts(parseMimeTree(raw));
  if (located.original === undefined) return invalid(anomalyReasons.malformed, ['no postacert.eml']);
  const summary = summarizeMessage(raw);
  const facts = originalFactsFromDaticert(daticert, {
    to: summary.to.map((entry) => entry.address),
    cc: summary.cc.map((entry) => entry.address),
  });
  return {
    kind: 'transport-envelope',
    provider,
    description,
    daticert,
    facts,
    carriedOriginal: readBodyBytes(raw, located.original),
  };
}
