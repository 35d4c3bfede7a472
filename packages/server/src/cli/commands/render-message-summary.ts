/** The human-readable `pec inspect` output: the same facts as the JSON, one per line. */
import type { PecMessageDescription, SignatureReport } from '@pec/core';
import { describeRevocation } from './describe-revocation.ts';

const yesNo = (value: boolean | undefined): string => (value === undefined ? 'n/a' : value ? 'yes' : 'no');

/** The `Signature:` line and its details, shared with the `.p7m` summary. */
export function renderSignatureLines(s: SignatureReport): string[] {
  const lines = [
    `Signature:       ${s.present ? (s.valid ? 'valid' : 'INVALID') : 'absent'}` +
      (s.digestAlgorithm === undefined ? '' : ` (${s.digestAlgorithm})`),
  ];
  if (s.signer !== undefined) {
    lines.push(
      `  signer:        ${s.signer.subject}`,
      `  e-mail:        ${s.signer.email ?? '(none)'}`,
      `  SHA-1:         ${s.signer.sha1}`,
      `  validity:      ${s.signer.notBefore.toISOString()} – ${s.signer.notAfter.toISOString()}`,
      `  signing time:  ${s.signingTime?.toISOString() ?? '(none)'}`,
      `  cert valid then: ${yesNo(s.certificateValidAtSigningTime)}`,
      `  revocation:    ${describeRevocation(s.revocation)}`,
    );
  }
  if (s.indexProvider !== undefined) lines.push(`  index:         ${s.indexProvider}`);
  return lines;
}

export function renderMessageSummary(d: PecMessageDescription): string {
  const lines = [
    `Type:            ${d.type}`,
    `Subject:         ${d.subject ?? '(none)'}`,
    `Identificativo:  ${d.identificativo ?? '(none)'}`,
    `Original msgid:  ${d.msgid ?? '(none)'}`,
    ...renderSignatureLines(d.signature),
  ];
  const dc = d.daticert;
  if (dc !== null) {
    lines.push(
      `Daticert:        tipo=${dc.type ?? '?'} errore=${dc.error ?? '?'}${dc.wellFormed ? '' : ' (not well formed)'}`,
      `  gestore:       ${dc.issuer ?? '?'}`,
      `  data:          ${dc.date?.day ?? '?'} ${dc.date?.time ?? '?'} (${dc.date?.zone ?? '?'})`,
      `  mittente:      ${dc.sender ?? '?'}`,
      ...dc.recipients.map((r) => `  destinatario:  ${r.address} (${r.kind ?? '?'})`),
    );
    if (dc.receiptVariant !== undefined) lines.push(`  ricevuta:      ${dc.receiptVariant}`);
    if (dc.delivery !== undefined) lines.push(`  consegna:      ${dc.delivery}`);
    for (const r of dc.takenInCharge) lines.push(`  ricezione:     ${r}`);
    if (dc.extendedError !== undefined) lines.push(`  errore-esteso: ${dc.extendedError}`);
  }
  if (d.original !== null) {
    lines.push(
      `Original:        ${d.original.subject ?? '(no subject)'} from ${d.original.from?.address ?? '?'}`,
    );
    for (const a of d.original.attachments)
      lines.push(`  attachment:    ${a.filename} (${a.contentType}, ${a.size} bytes)`);
  }
  for (const e of d.errors) lines.push(`Problem:         ${e}`);
  return lines.join('\n') + '\n';
}
