/**
 * Everything the mailbox index keeps about a message besides its bytes: the IMAP envelope and MIME
 * structure (served without re-parsing), the PEC type of pec-spec §3.10 as `pec inspect` names it,
 * and `X-Riferimento-Message-ID` (pec-spec §6.1) to group a message with its receipts.
 * The signature is not checked here; storing never depends on it.
 */
import { getHeader, parseMimeTree, pecHeaders, readPecMessage, type MessageKind } from '@pec/core';
import type { MessageEnvelope, MimeStructure } from '../../ports/mailbox-store.ts';
import { describeMessageEnvelope } from './describe-message-envelope.ts';
import { describeMimeStructure } from './describe-mime-structure.ts';

export interface StoredMessageDescription {
  readonly envelope: MessageEnvelope;
  readonly structure: MimeStructure;
  readonly pecType: MessageKind;
  readonly pecReference: string | null;
}

export async function describeStoredMessage(bytes: Uint8Array): Promise<StoredMessageDescription> {
  const root = parseMimeTree(bytes);
  const { type } = await readPecMessage(bytes, { skipSignature: true });
  const reference = getHeader(root.headers, pecHeaders.referenceMessageId)?.trim();
  return {
    envelope: describeMessageEnvelope(root.headers),
    structure: describeMimeStructure(bytes, root),
    pecType: type,
    pecReference: reference === undefined || reference === '' ? null : reference,
  };
}
