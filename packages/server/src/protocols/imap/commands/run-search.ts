/**
 * The matching messages of the selected folder for SEARCH, SORT and THREAD (RFC 9051 §6.4.4,
 * RFC 5256): the criteria mapped once (to-search-criteria.ts) and searched by the mailbox-access
 * service over the session's view of the folder. Charsets other than UTF-8 and US-ASCII are refused
 * with `NO [BADCHARSET]` (RFC 9051 §6.4.4).
 */
import type { SearchMatch } from '../../../services/mailbox-access/search-messages.ts';
import type { SearchCriteria } from '../../../services/mailbox-access/search-criteria.ts';
import { ImapCommandError, type CommandContext } from '../command-descriptor.ts';
import { searchKeyUsesModseq, type SearchKey } from '../grammar/index.ts';
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

/** The session's view of the selected folder (a copy: the live one changes as updates arrive) and the mapped criteria. */
export function searchRequest(
  ctx: CommandContext,
  key: SearchKey,
): { readonly scope: { folderId: number; view: number[] }; readonly criteria: SearchCriteria } {
  const { session } = ctx;
  if (searchKeyUsesModseq(key)) enableCondstore(ctx);
  const view = [...session.selected.uids];
  const criteria = toSearchCriteria(key, {
    messageCount: view.length,
    maxUid: view[view.length - 1] ?? 0,
    savedUids: session.savedSearch,
    recentUids: session.selected.recentUids,
  });
  return { scope: { folderId: session.selected.folderId, view }, criteria };
}

/** Every message of the selected folder matching `key`, ascending by sequence number. */
export async function runSearch(ctx: CommandContext, key: SearchKey): Promise<SearchMatch[]> {
  const { scope, criteria } = searchRequest(ctx, key);
  return ctx.services.mailboxes.reading.search(scope, criteria);
}
