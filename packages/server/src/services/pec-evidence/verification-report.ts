/**
 * The evidence pack's verification report: what was checked on each file, when, with which result,
 * and the SHA-256 of each file as it is in the pack (the stored bytes, unchanged). The same object
 * is written as verification.json and rendered as verification.pdf.
 */
import { createHash } from 'node:crypto';
import {
  locatePecParts,
  parseMimeTree,
  readBodyBytes,
  type MessageKind,
  type PecMessageDescription,
} from '@pec/core';
import type { ReceiptsDossier, SignatureFacts } from './pec-evidence.ts';
import { signatureFacts } from './describe-pec-facts.ts';
import { sameMessageId } from './related-messages.ts';

export type CheckResult = 'pass' | 'fail' | 'not-checked';

export interface FileCheck {
  readonly check: string;
  readonly result: CheckResult;
  readonly detail: string;
}

export interface ReportedFile {
  readonly name: string;
  /** original, transport-envelope, receipt, or daticert (extracted from `extractedFrom`). */
  readonly role: 'original' | 'transport-envelope' | 'receipt' | 'daticert';
  readonly pecType: MessageKind | null;
  readonly sha256: string;
  readonly size: number;
  readonly extractedFrom: string | null;
  readonly checks: readonly FileCheck[];
}

export interface VerificationReport {
  readonly format: 'pec-evidence-report/1';
  readonly generatedAt: string;
  readonly provider: string;
  readonly holder: string;
  readonly identifier: string;
  readonly subject: string | null;
  readonly acceptedAt: string;
  readonly method: string;
  readonly recipients: readonly {
    readonly address: string;
    readonly kind: string;
    readonly status: string;
    readonly steps: readonly { readonly step: string; readonly at: string; readonly detail: string | null }[];
  }[];
  readonly files: readonly ReportedFile[];
  /** Every check passed (not-checked counts as neither). */
  readonly allPassed: boolean;
}

/** One file going into the pack with what the reader found in it. */
export interface EvidenceFile {
  readonly name: string;
  readonly role: ReportedFile['role'];
  readonly bytes: Uint8Array;
  /** BlobStore key the bytes were read from: their SHA-256 when stored (blob-store.ts). */
  readonly blobKey: string | null;
  readonly description: PecMessageDescription | null;
  readonly extractedFrom: string | null;
}

export const reportMethod =
  'Each .eml file is the message exactly as stored by the provider. Signatures were verified on the stored ' +
  'bytes (S/MIME multipart/signed split on raw bytes, pec-spec §8.4); the signer was looked up in the ' +
  "providers' index; daticert.xml was parsed against the pec-spec §4.1 DTD; SHA-256 is over each file as it is in this pack.";

export function sha256Hex(bytes: Uint8Array): string {
  return createHash('sha256').update(bytes).digest('hex');
}

const passFail = (ok: boolean): CheckResult => (ok ? 'pass' : 'fail');
const maybe = (value: boolean | null): CheckResult => (value === null ? 'not-checked' : passFail(value));

function messageChecks(file: EvidenceFile, identifier: string): FileCheck[] {
  const checks: FileCheck[] = [];
  if (file.blobKey !== null) {
    checks.push({
      check: 'byte-exact',
      result: passFail(sha256Hex(file.bytes) === file.blobKey),
      detail: 'SHA-256 of the file equals the content address of the stored message',
    });
  }
  const d = file.description;
  if (d === null) return checks;
  const signature = signatureFacts(d.signature);
  if (!signature.present) {
    checks.push({
      check: 'signature',
      result: file.role === 'original' ? 'not-checked' : 'fail',
      detail:
        file.role === 'original'
          ? 'the original as accepted is not signed; the transport envelope carries it signed'
          : 'no S/MIME signature',
    });
  } else {
    checks.push({
      check: 'signature',
      result: passFail(signature.valid),
      detail: signature.valid
        ? `valid, ${signature.digestAlgorithm ?? 'unknown digest'}, signed by ${signature.signer ?? 'unknown'}`
        : signature.errors.join('; ') || 'invalid',
    });
    checks.push({
      check: 'signer-in-providers-index',
      result: passFail(signature.provider !== null),
      detail: signature.provider ?? "the signer certificate is not in the providers' index",
    });
    checks.push({
      check: 'certificate-valid-at-signing-time',
      result: maybe(signature.certificateValidAtSigningTime),
      detail:
        signature.signingTime === null
          ? 'no signing time'
          : `signed at ${signature.signingTime.toISOString()}`,
    });
    checks.push({
      check: 'certificate-chain',
      result: maybe(signature.chainValid),
      detail:
        signature.chainValid === null
          ? 'no trust anchors configured'
          : signature.chainValid
            ? 'path to a trust anchor'
            : 'no path to a configured trust anchor',
    });
    checks.push({
      check: 'revocation',
      result:
        signature.revocation === null
          ? 'not-checked'
          : signature.revocation.status === 'good'
            ? 'pass'
            : signature.revocation.status === 'revoked'
              ? 'fail'
              : 'not-checked',
      detail:
        signature.revocation === null
          ? 'no revocation source configured'
          : revocationDetail(signature.revocation),
    });
  }
  if (d.daticert !== null) {
    checks.push({
      check: 'daticert',
      result: passFail(d.daticert.wellFormed),
      detail: d.daticert.wellFormed ? `tipo ${d.daticert.type ?? '?'}` : d.daticert.problems.join('; '),
    });
  }
  const names = d.identificativo ?? (file.role === 'original' ? (d.messageId ?? undefined) : undefined);
  checks.push({
    check: 'identificativo',
    result: passFail(sameMessageId(names, identifier)),
    detail: `names ${names ?? 'nothing'}`,
  });
  return checks;
}

export function buildVerificationReport(input: {
  readonly provider: string;
  readonly holder: string;
  readonly generatedAt: Date;
  readonly dossier: ReceiptsDossier;
  readonly files: readonly EvidenceFile[];
}): VerificationReport {
  const { dossier } = input;
  const files: ReportedFile[] = input.files.map((file) => ({
    name: file.name,
    role: file.role,
    pecType: file.description?.type ?? null,
    sha256: sha256Hex(file.bytes),
    size: file.bytes.length,
    extractedFrom: file.extractedFrom,
    checks:
      file.role === 'daticert'
        ? [
            {
              check: 'extracted',
              result: 'pass',
              detail: `daticert.xml of ${file.extractedFrom ?? ''}, decoded`,
            },
          ]
        : messageChecks(file, dossier.identifier),
  }));
  return {
    format: 'pec-evidence-report/1',
    generatedAt: input.generatedAt.toISOString(),
    provider: input.provider,
    holder: input.holder,
    identifier: dossier.identifier,
    subject: dossier.subject,
    acceptedAt: dossier.acceptedAt.toISOString(),
    method: reportMethod,
    recipients: dossier.recipients.map((r) => ({
      address: r.address,
      kind: r.kind,
      status: r.status,
      steps: r.steps.map((s) => ({ step: s.step, at: s.at.toISOString(), detail: s.detail })),
    })),
    files,
    allPassed: files.every((f) => f.checks.every((c) => c.result !== 'fail')),
  };
}

/** daticert.xml of a PEC message, decoded from its transfer encoding; undefined when there is none. */
export function extractDaticert(bytes: Uint8Array): Uint8Array | undefined {
  const located = locatePecParts(parseMimeTree(bytes));
  return located.daticert === undefined ? undefined : readBodyBytes(bytes, located.daticert);
}

/** "good (crl http://…/ca.crl, 2026-…)": the status, the source and URL that said so, and when. */
function revocationDetail(r: NonNullable<SignatureFacts['revocation']>): string {
  const where = [r.source, r.detail].filter((part) => part !== null).join(' ');
  const revoked = r.revokedAt === null ? '' : `, revoked at ${r.revokedAt.toISOString()}`;
  return `${r.status} (${where}, ${r.checkedAt.toISOString()}${revoked})`;
}
