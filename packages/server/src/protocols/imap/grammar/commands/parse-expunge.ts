/**
 * EXPUNGE (RFC 9051 §6.4.3) and UID EXPUNGE (RFC 9051 §6.4.9, UIDPLUS RFC 4315 §2.1), which limits
 * the expunge to a UID set.
 */

import { ArgCursor } from '../arg-cursor.ts';
import type { ImapValue } from '../imap-value.ts';
import type { SequenceSet } from '../sequence-set.ts';

export interface ExpungeCommand {
  readonly name: 'EXPUNGE';
  readonly uid: boolean;
  /** The UID set of UID EXPUNGE; null for plain EXPUNGE. */
  readonly uidSet: SequenceSet | null;
}

export function parseExpunge(args: readonly ImapValue[], uid: boolean): ExpungeCommand {
  const cursor = new ArgCursor(args);
  const uidSet = uid ? cursor.sequenceSet('UID set') : null;
  cursor.end();
  return { name: 'EXPUNGE', uid, uidSet };
}
