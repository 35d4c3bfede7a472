/**
 * The body preview of each listed message (the list's "preview lines" option, decision 0025),
 * computed as IMAP PREVIEW computes it (message-preview.ts, RFC 8970). A transport envelope is
 * previewed by the message it carries (postacert.eml), as the list shows its sender and subject.
 * Previews are kept by blob key: the bytes behind a key never change, so neither does the preview.
 */
import type { MimeStructure, StoredMessage } from '../../../ports/mailbox-store.ts';
import { messagePreview } from '../../../services/mailbox-access/message-preview.ts';
import type { ApiDependencies } from './api-dependencies.ts';

/** Enough for the first pages of several folders; the oldest entry leaves first. */
const cacheLimit = 20_000;
const cache = new Map<string, string>();

function carriedStructure(stored: StoredMessage): MimeStructure {
  if (stored.pecType !== 'posta-certificata') return stored.structure;
  const search = (part: MimeStructure): MimeStructure | undefined => {
    if (part.message !== null) return part.message.structure;
    for (const child of part.parts) {
      const found = search(child);
      if (found !== undefined) return found;
    }
    return undefined;
  };
  return search(stored.structure) ?? stored.structure;
}

async function previewOf(deps: ApiDependencies, stored: StoredMessage): Promise<string> {
  const known = cache.get(stored.blobKey);
  if (known !== undefined) return known;
  const read = await deps.mailboxes.reading.section(
    { folderId: stored.folderId, uid: stored.uid },
    { part: [], text: null, fields: [] },
  );
  // A message expunged meanwhile has no preview; the list still shows its row.
  if (read.kind !== 'data') return '';
  // Offsets of an embedded message's parts are offsets in the whole message.
  const preview = messagePreview(read.data, carriedStructure(stored));
  if (cache.size >= cacheLimit) {
    const oldest = cache.keys().next();
    if (oldest.done !== true) cache.delete(oldest.value);
  }
  cache.set(stored.blobKey, preview);
  return preview;
}

/** The previews of one page, in its order. */
export async function listPreviews(
  deps: ApiDependencies,
  messages: readonly StoredMessage[],
): Promise<string[]> {
  const previews: string[] = [];
  // One at a time: a page is at most 500 messages, most of them usually cached.
  for (const stored of messages) previews.push(await previewOf(deps, stored));
  return previews;
}
