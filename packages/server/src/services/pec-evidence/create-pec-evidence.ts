/**
 * The PEC evidence service (issue "What makes it a PEC webmail"): the PEC details of any stored
 * message, the receipts dossier of a PEC the holder sent (reached from the Sent copy or from any of
 * its receipts), and the evidence pack: the original, the transport envelope and every receipt
 * byte-exact as stored, daticert.xml of each, and the verification report as JSON and PDF.
 */
import { stripAngleBrackets } from '@pec/core';
import type { StoredMessage } from '../../ports/mailbox-store.ts';
import type { TrackedMessage } from '../../ports/message-tracking-store.ts';
import { buildReceiptsDossier } from './build-receipts-dossier.ts';
import {
  daticertFacts,
  describeStoredBytes,
  isVirusNotice,
  receiptVariantOf,
  signatureFacts,
} from './describe-pec-facts.ts';
import type { PecDetails, PecEvidence, ReceiptsDossier } from './pec-evidence.ts';
import type {
  MessageLocator,
  PecEvidenceDependencies,
  PecEvidenceSettings,
} from './pec-evidence-dependencies.ts';
import {
  findReceipts,
  findSentCopy,
  isReceiptKind,
  messageLink,
  trackedSentCopy,
  type FoundReceipt,
} from './related-messages.ts';
import { renderVerificationPdf } from './render-verification-pdf.ts';
import { buildVerificationReport, extractDaticert, type EvidenceFile } from './verification-report.ts';
import { zipFiles } from './zip-files.ts';

interface Loaded {
  readonly stored: StoredMessage;
  readonly bytes: Buffer;
}

interface SentContext {
  readonly tracked: TrackedMessage;
  readonly sentCopy: StoredMessage;
  readonly receipts: readonly FoundReceipt[];
}

/** File-name-safe form of an address or identifier. */
function safeName(value: string): string {
  return value.replace(/[^A-Za-z0-9._@-]+/g, '_').slice(0, 80);
}

export function createPecEvidence(deps: PecEvidenceDependencies, settings: PecEvidenceSettings): PecEvidence {
  async function load(locator: MessageLocator): Promise<Loaded | undefined> {
    const folder = await deps.mailboxes.getFolderById(locator.folderId);
    if (folder?.mailboxId !== locator.mailboxId) return undefined;
    const stored = await deps.mailboxes.getMessage(locator.folderId, locator.uid);
    if (stored === undefined) return undefined;
    return { stored, bytes: await deps.blobs.get(stored.blobKey) };
  }

  /** The tracked message a Sent copy or a receipt belongs to, when the holder sent it. */
  async function trackedFor(
    locator: MessageLocator,
    loaded: Loaded,
    identifier: string | undefined,
  ): Promise<TrackedMessage | undefined> {
    if (!isReceiptKind(loaded.stored)) return trackedSentCopy(deps, locator.holder, loaded.stored);
    if (identifier === undefined) return undefined;
    const tracked = await deps.tracking.get(stripAngleBrackets(identifier));
    return tracked?.sender === locator.holder.toLowerCase() ? tracked : undefined;
  }

  async function sentContext(locator: MessageLocator): Promise<SentContext | undefined> {
    const loaded = await load(locator);
    if (loaded === undefined) return undefined;
    let identifier: string | undefined;
    if (isReceiptKind(loaded.stored)) {
      identifier = (await describeStoredBytes(deps, loaded.bytes)).identificativo;
    }
    const tracked = await trackedFor(locator, loaded, identifier);
    if (tracked === undefined) return undefined;
    const sentCopy = isReceiptKind(loaded.stored)
      ? await findSentCopy(deps, locator.mailboxId, tracked)
      : loaded.stored;
    if (sentCopy === undefined) return undefined;
    return { tracked, sentCopy, receipts: await findReceipts(deps, locator.mailboxId, tracked) };
  }

  function dossierOf(context: SentContext): ReceiptsDossier {
    return buildReceiptsDossier(context.tracked, context.sentCopy, context.receipts);
  }

  return {
    async details(locator) {
      const loaded = await load(locator);
      if (loaded === undefined) return undefined;
      const description = await describeStoredBytes(deps, loaded.bytes);
      const tracked = await trackedFor(locator, loaded, description.identificativo);
      let proves: PecDetails['proves'] = null;
      if (tracked !== undefined && isReceiptKind(loaded.stored)) {
        const sentCopy = await findSentCopy(deps, locator.mailboxId, tracked);
        proves = sentCopy === undefined ? null : messageLink(sentCopy);
      }
      const sent = tracked !== undefined && !isReceiptKind(loaded.stored);
      return {
        kind: description.type,
        receiptVariant: receiptVariantOf(description),
        virus: isVirusNotice(description),
        signature: signatureFacts(description.signature),
        daticert: daticertFacts(description),
        identifier: sent ? tracked.identifier : (description.identificativo ?? null),
        sent: sent ? { identifier: tracked.identifier, acceptedAt: tracked.acceptedAt } : null,
        proves,
        errors: sent ? [] : description.errors,
        checkedAt: deps.clock.now(),
      };
    },

    async dossier(locator) {
      const context = await sentContext(locator);
      return context === undefined ? undefined : dossierOf(context);
    },

    async evidencePack(locator) {
      const context = await sentContext(locator);
      if (context === undefined) return undefined;
      const dossier = dossierOf(context);
      const files: EvidenceFile[] = [];
      const addMessage = async (
        name: string,
        role: EvidenceFile['role'],
        bytes: Uint8Array,
        blobKey: string | null,
      ): Promise<void> => {
        const description = await describeStoredBytes(deps, bytes);
        files.push({ name, role, bytes, blobKey, description, extractedFrom: null });
        const daticert = extractDaticert(bytes);
        if (daticert !== undefined) {
          files.push({
            name: `daticert/${name.replace(/^.*\//, '').replace(/\.eml$/, '')}.xml`,
            role: 'daticert',
            bytes: daticert,
            blobKey: null,
            description: null,
            extractedFrom: name,
          });
        }
      };
      const sentBytes = await deps.blobs.get(context.sentCopy.blobKey);
      await addMessage('01-original.eml', 'original', sentBytes, context.sentCopy.blobKey);
      const envelopeKey = context.tracked.envelopeBlobKey;
      if (envelopeKey !== null) {
        await addMessage(
          '02-transport-envelope.eml',
          'transport-envelope',
          await deps.blobs.get(envelopeKey),
          envelopeKey,
        );
      }
      let n = 3;
      for (const receipt of context.receipts) {
        const type = receipt.stored.pecType ?? 'receipt';
        const who = receipt.delivery === undefined ? '' : `-${safeName(receipt.delivery)}`;
        const name = `receipts/${String(n).padStart(2, '0')}-${type}${who}.eml`;
        n++;
        await addMessage(name, 'receipt', receipt.bytes, receipt.stored.blobKey);
      }
      const generatedAt = deps.clock.now();
      const report = buildVerificationReport({
        provider: settings.providerName,
        holder: locator.holder,
        generatedAt,
        dossier,
        files,
      });
      const json = Buffer.from(`${JSON.stringify(report, null, 2)}\n`, 'utf8');
      const pdf = await renderVerificationPdf(report);
      const zip = await zipFiles(
        [
          ...files.map((file) => ({ name: file.name, bytes: file.bytes })),
          { name: 'verification.json', bytes: json },
          { name: 'verification.pdf', bytes: pdf },
        ],
        generatedAt,
      );
      return { fileName: `pec-evidence-${safeName(context.tracked.identifier)}.zip`, zip };
    },
  };
}
