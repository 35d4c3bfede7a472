/**
 * COPY / MOVE and their UID forms (RFC 9051 §6.4.7–6.4.8, MOVE RFC 6851): a sequence set and a
 * destination mailbox (decoded, INBOX normalised).
 */

import { ArgCursor } from '../arg-cursor.ts';
import type { ImapValue } from '../imap-value.ts';
import type { MailboxNameOptions } from '../mailbox-name.ts';
import type { SequenceSet } from '../sequence-set.ts';

export interface CopyMoveCommand {
  readonly name: 'COPY' | 'MOVE';
  readonly uid: boolean;
  readonly sequenceSet: SequenceSet;
  readonly mailbox: string;
}

export function parseCopyMove(
  name: 'COPY' | 'MOVE',
  args: readonly ImapValue[],
  uid: boolean,
  options: MailboxNameOptions,
): CopyMoveCommand {
  const cursor = new ArgCursor(args);
  const sequenceSet = cursor.sequenceSet('sequence set');
  const mailbox = cursor.mailbox('destination mailbox', options);
  cursor.end();
  return { name, uid, sequenceSet, mailbox };
}
