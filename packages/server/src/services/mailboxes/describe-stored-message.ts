/**
 * Everything the mailbox index keeps about a message besides its bytes: the IMAP envelope and MIME
 * structure (served without re-parsing), the PEC type of pec-spec §3.10 as `pec inspect` names it,
 * and `X-Riferimento-Message-ID` (pec-spec §6.1) to group a message with its receipts.
 * The signature is not checked here; storing never depends on it.
 */
import { getHeader, parseMimeTree, pecHeaders, readPecType, type MessageKind } from '@pec/core';
import type { MessageEnvelope, MimeStructure } from '../../ports/mailbox-store.ts';
import { describeMessageEnvelope } from './describe-message-envelope.ts';
import { describeMimeStructure } from './describe-mime-structure.ts';

export interface StoredMessageDescription {
  readonly envelope: MessageEnvelope;
  readonly structure: MimeStructure;
  readonly pecType: MessageKind;
  readonly pecReference: string | null;
}

// eslint-disable-next-line @typescript-eslint/require-await -- async so that a parse failure rejects, as callers expect
export async function describeStoredMessage(bytes: Uint8Array): Promise<StoredMessageDescription> {
  // One parse of the bytes for all four (readPecMessage would parse them again for the type).
  const root = parseMimeTree(bytes);
  const type = readPecType(bytes, root);
  const reference = getHeader(root.headers, pecHeaders.referenceMessageId)?.trim();
  return {
    envelope: describeMessageEnvelope(root.headers),
    structure: describeMimeStructure(bytes, root),
    pecType: type,
    pecReference: reference === undefined || reference === '' ? null : reference,
  };
}
