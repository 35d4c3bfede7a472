/**
 * The stable JSON shape of `pec inspect --json` (README "pec inspect --json fields"): dates as
 * ISO 8601, certificates as descriptions (never raw bytes). External checks rely on these fields.
 */
import type { PecMessageDescription, SignatureReport } from '@pec/core';

/** The `signature` object, shared with the `.p7m` description. */
export function describeSignatureJson(s: SignatureReport): Record<string, unknown> {
  return {
    present: s.present,
    valid: s.valid,
    digestAlgorithm: s.digestAlgorithm ?? null,
    signingTime: s.signingTime?.toISOString() ?? null,
    signer:
      s.signer === undefined
        ? null
        : {
            subject: s.signer.subject,
            issuer: s.signer.issuer,
            email: s.signer.email ?? null,
            sha1: s.signer.sha1,
            serialNumber: s.signer.serialNumber,
            notBefore: s.signer.notBefore.toISOString(),
            notAfter: s.signer.notAfter.toISOString(),
          },
    certificateValidAtSigningTime: s.certificateValidAtSigningTime ?? null,
    chainValid: s.chainValid ?? null,
    revocation:
      s.revocation === undefined
        ? null
        : {
            status: s.revocation.status,
            source: s.revocation.source,
            checkedAt: s.revocation.checkedAt.toISOString(),
            revokedAt: s.revocation.revokedAt?.toISOString() ?? null,
            detail: s.revocation.detail ?? null,
          },
    indexProvider: s.indexProvider ?? null,
    canonicalized: s.canonicalized,
    errors: s.errors,
    warnings: s.warnings,
  };
}

export function describeMessageJson(d: PecMessageDescription): Record<string, unknown> {
  return {
    type: d.type,
    subject: d.subject ?? null,
    from: d.from ?? null,
    messageId: d.messageId ?? null,
    headers: d.headers,
    identificativo: d.identificativo ?? null,
    msgid: d.msgid ?? null,
    signature: describeSignatureJson(d.signature),
    daticert: d.daticert,
    original:
      d.original === null
        ? null
        : {
            from: d.original.from ?? null,
            to: d.original.to,
            cc: d.original.cc,
            subject: d.original.subject ?? null,
            messageId: d.original.messageId ?? null,
            date: d.original.date?.toISOString() ?? null,
            attachments: d.original.attachments,
          },
    parts: d.parts,
    errors: d.errors,
  };
}
