/**
 * The matching messages of the selected folder for SEARCH, SORT and THREAD (RFC 9051 §6.4.4,
 * RFC 5256): the criteria mapped once (to-search-criteria.ts) and searched by the mailbox-access
 * service over the session's view of the folder. Charsets other than UTF-8 and US-ASCII are refused
 * with `NO [BADCHARSET]` (RFC 9051 §6.4.4).
 */
import type { SearchMatch } from '../../../services/mailbox-access/search-messages.ts';
import type { SearchCriteria } from '../../../services/mailbox-access/search-criteria.ts';
import { ImapCommandError, type CommandContext } from '../command-descriptor.ts';
import { searchKeyUsesEmailId, searchKeyUsesModseq, type SearchKey } from '../grammar/index.ts';
import { toUidRanges } from '../../../services/mailbox-access/uid-ranges.ts';
import { emailObjectId } from './object-ids.ts';
import { enableCondstore } from './enable-condstore.ts';
import { toSearchCriteria } from './to-search-criteria.ts';

const supportedCharsets = ['UTF-8', 'US-ASCII'];

/** Throws `NO [BADCHARSET (UTF-8 US-ASCII)]` for a charset this server does not search in. */
export function checkSearchCharset(charset: string | null): void {
  if (charset === null || supportedCharsets.includes(charset.toUpperCase())) return;
  throw new ImapCommandError('NO', `Unsupported charset ${charset}`, {
    kind: 'BADCHARSET',
    charsets: supportedCharsets,
  });
}

/** EMAILID → UIDs of the folder's messages (RFC 8474 §6), read only when a search key needs it. */
async function emailUids(ctx: CommandContext, view: readonly number[]): Promise<Map<string, number[]>> {
  const out = new Map<string, number[]>();
  if (view.length === 0) return out;
  const messages = await ctx.services.mailboxes.messages.list(
    ctx.session.selected.folderId,
    toUidRanges(view),
  );
  for (const message of messages) {
    const id = emailObjectId(message.blobKey);
    out.set(id, [...(out.get(id) ?? []), message.uid]);
  }
  return out;
}

/** The session's view of the selected folder (a copy: the live one changes as updates arrive) and the mapped criteria. */
export async function searchRequest(
  ctx: CommandContext,
  key: SearchKey,
): Promise<{ readonly scope: { folderId: number; view: number[] }; readonly criteria: SearchCriteria }> {
  const { session } = ctx;
  if (searchKeyUsesModseq(key)) enableCondstore(ctx);
  const view = [...session.selected.uids];
  const criteria = toSearchCriteria(key, {
    messageCount: view.length,
    maxUid: view[view.length - 1] ?? 0,
    savedUids: session.savedSearch,
    recentUids: session.selected.recentUids,
    ...(searchKeyUsesEmailId(key) ? { emailUids: await emailUids(ctx, view) } : {}),
  });
  return { scope: { folderId: session.selected.folderId, view }, criteria };
}

/** Every message of the selected folder matching `key`, ascending by sequence number. */
export async function runSearch(ctx: CommandContext, key: SearchKey): Promise<SearchMatch[]> {
  const { scope, criteria } = await searchRequest(ctx, key);
  return ctx.services.mailboxes.reading.search(scope, criteria);
}
