/**
 * THREAD / UID THREAD (RFC 5256 §4): an algorithm (REFERENCES, ORDEREDSUBJECT or an extension name,
 * upper-cased; the session rejects what it does not support), a charset and search keys.
 */

import { ArgCursor } from '../arg-cursor.ts';
import type { ImapValue } from '../imap-value.ts';
import type { SearchKey } from '../search-key.ts';
import { combineSearchKeys, readSearchKeys } from './parse-search-key.ts';

export interface ThreadCommand {
  readonly name: 'THREAD';
  readonly uid: boolean;
  readonly algorithm: string;
  readonly charset: string;
  readonly search: SearchKey;
}

export function parseThread(args: readonly ImapValue[], uid: boolean): ThreadCommand {
  const cursor = new ArgCursor(args);
  const algorithm = cursor.keyword('thread algorithm');
  const charset = cursor.astring('charset').toUpperCase();
  const search = combineSearchKeys(readSearchKeys(cursor));
  return { name: 'THREAD', uid, algorithm, charset, search };
}
