/**
 * The matching messages of the selected folder for SEARCH, SORT and THREAD (RFC 9051 §6.4.4,
 * RFC 5256): criteria evaluated in sequence order over the session's view of the folder, metadata
 * first and message bytes only for messages the metadata leaves undecided (BODY, TEXT, HEADER).
 * Charsets other than UTF-8 and US-ASCII are refused with `NO [BADCHARSET]` (RFC 9051 §6.4.4).
 */
import { italianOffsetMinutes } from '@pec/core';
import type { StoredMessage } from '../../../ports/mailbox-store.ts';
import { ImapCommandError, type CommandContext } from '../command-descriptor.ts';
import { searchKeyUsesModseq, type SearchKey } from '../grammar/index.ts';
import { enableCondstore } from './enable-condstore.ts';
import { evaluateSearch, SearchContent, type SearchContext } from './evaluate-search.ts';
import { mapWithConcurrency } from './map-with-concurrency.ts';
import { chunked, toUidRanges } from './uid-ranges.ts';

export interface SearchMatch {
  readonly seq: number;
  readonly message: StoredMessage;
}

const supportedCharsets = ['UTF-8', 'US-ASCII'];
const chunkSize = 1000;
/** Message bytes read at the same time while searching. */
const contentConcurrency = 8;

/** Throws `NO [BADCHARSET (UTF-8 US-ASCII)]` for a charset this server does not search in. */
export function checkSearchCharset(charset: string | null): void {
  if (charset === null || supportedCharsets.includes(charset.toUpperCase())) return;
  throw new ImapCommandError('NO', `Unsupported charset ${charset}`, {
    kind: 'BADCHARSET',
    charsets: supportedCharsets,
  });
}

/** Every message of the selected folder matching `criteria`, ascending by sequence number. */
export async function runSearch(ctx: CommandContext, criteria: SearchKey): Promise<SearchMatch[]> {
  const { session } = ctx;
  const selected = session.selected;
  const access = ctx.services.mailboxes.messages;
  if (searchKeyUsesModseq(criteria)) enableCondstore(ctx);
  const uids = [...selected.uids];
  const context: SearchContext = {
    messageCount: uids.length,
    maxUid: uids[uids.length - 1] ?? 0,
    savedUids: session.savedSearch,
    now: ctx.services.clock.now(),
    zoneOffsetMinutes: italianOffsetMinutes,
  };
  const matches: SearchMatch[] = [];
  let seq = 0;
  for (const chunk of chunked(uids, chunkSize)) {
    const stored = new Map(
      (await access.list(selected.folderId, toUidRanges(chunk))).map((message) => [message.uid, message]),
    );
    // Metadata first; the bytes only of the messages it leaves undecided, read in parallel.
    const views = chunk.flatMap((uid) => {
      seq++;
      const message = stored.get(uid);
      return message === undefined ? [] : [{ ...message, sequence: seq, recent: false }];
    });
    const results = await mapWithConcurrency(views, contentConcurrency, async (view) => {
      const result = evaluateSearch(criteria, view, context);
      if (result !== undefined) return result;
      const content = new SearchContent(await access.content(view), view.structure);
      return evaluateSearch(criteria, view, context, content) === true;
    });
    views.forEach((view, index) => {
      if (results[index] === true) matches.push({ seq: view.sequence, message: view });
    });
  }
  return matches;
}
