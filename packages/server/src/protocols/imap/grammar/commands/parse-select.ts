/**
 * SELECT and EXAMINE (RFC 9051 §6.3.2–6.3.3) with their parameters: CONDSTORE (RFC 7162 §3.1.8) and
 * QRESYNC (RFC 7162 §3.2.5: uidvalidity, modseq, known UIDs, sequence match data).
 */

import { ArgCursor } from '../arg-cursor.ts';
import { ImapParseError } from '../imap-parse-error.ts';
import type { ImapValue } from '../imap-value.ts';
import type { MailboxNameOptions } from '../mailbox-name.ts';
import type { SequenceSet } from '../sequence-set.ts';

export interface QresyncParameters {
  readonly uidValidity: number;
  readonly modseq: number;
  readonly knownUids: SequenceSet | null;
  readonly sequenceMatch: { readonly sequences: SequenceSet; readonly uids: SequenceSet } | null;
}

export interface SelectCommand {
  readonly name: 'SELECT' | 'EXAMINE';
  readonly mailbox: string;
  readonly condstore: boolean;
  readonly qresync: QresyncParameters | null;
}

function parseQresync(list: ArgCursor): QresyncParameters {
  const uidValidity = list.nzNumber('QRESYNC uidvalidity');
  const modseq = list.number64('QRESYNC modseq');
  let knownUids: SequenceSet | null = null;
  let sequenceMatch: QresyncParameters['sequenceMatch'] = null;
  if (list.peek()?.kind === 'atom') knownUids = list.sequenceSet('QRESYNC known UIDs');
  if (!list.done) {
    const match = list.list('QRESYNC sequence match data');
    const sequences = match.sequenceSet('known sequence set');
    const uids = match.sequenceSet('known UID set');
    match.end();
    sequenceMatch = { sequences, uids };
  }
  list.end();
  return { uidValidity, modseq, knownUids, sequenceMatch };
}

export function parseSelect(
  name: 'SELECT' | 'EXAMINE',
  args: readonly ImapValue[],
  options: MailboxNameOptions,
): SelectCommand {
  const cursor = new ArgCursor(args);
  const mailbox = cursor.mailbox('mailbox', options);
  let condstore = false;
  let qresync: QresyncParameters | null = null;
  if (!cursor.done) {
    const params = cursor.list('select parameters');
    while (!params.done) {
      const param = params.keyword('select parameter');
      if (param === 'CONDSTORE') condstore = true;
      else if (param === 'QRESYNC') qresync = parseQresync(params.list('QRESYNC parameters'));
      else throw new ImapParseError(`unknown select parameter ${param}`);
    }
  }
  cursor.end();
  return { name, mailbox, condstore, qresync };
}
