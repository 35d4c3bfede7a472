/**
 * Untagged mailbox data (RFC 9051 §7.3–7.4, RFC 3501 §7.2–7.4): EXISTS, RECENT, EXPUNGE, FLAGS,
 * LIST/LSUB (with LIST-EXTENDED CHILDINFO/OLDNAME, RFC 5258 §3.5, RFC 9051 §7.3.1), STATUS and
 * VANISHED (RFC 7162 §3.2.10). Mailbox names are encoded for the wire (modified UTF-7 unless UTF-8).
 */

import { encodeMailboxName } from '../mailbox-name.ts';
import { compressSequenceSet } from '../sequence-set.ts';
import type { StatusItem } from '../commands/parse-status.ts';
import type { WireWriter } from './wire-writer.ts';

export type MailboxDataResponse =
  | { readonly kind: 'exists'; readonly count: number }
  | { readonly kind: 'recent'; readonly count: number }
  | { readonly kind: 'expunge'; readonly sequence: number }
  /** `* VANISHED [(EARLIER)] uids` (QRESYNC). */
  | { readonly kind: 'vanished'; readonly earlier: boolean; readonly uids: readonly number[] }
  | { readonly kind: 'flags'; readonly flags: readonly string[] }
  | {
      readonly kind: 'list' | 'lsub';
      readonly attributes: readonly string[];
      /** Hierarchy delimiter, or null for a flat namespace (NIL). */
      readonly delimiter: string | null;
      /** Unicode name; encoded on output. */
      readonly mailbox: string;
      /** LIST-EXTENDED CHILDINFO values, e.g. ['SUBSCRIBED']. */
      readonly childInfo?: readonly string[];
      /** RFC 9051 OLDNAME after a RENAME, Unicode. */
      readonly oldName?: string;
    }
  | {
      readonly kind: 'status';
      readonly mailbox: string;
      /** A string value is an object id, written in parentheses (RFC 8474 §4.2 MAILBOXID). */
      readonly items: readonly { readonly item: StatusItem; readonly value: number | string }[];
    };

function writeMailbox(out: WireWriter, name: string, utf8: boolean): void {
  out.astring(encodeMailboxName(name, { utf8 }));
}

function writeList(
  out: WireWriter,
  response: Extract<MailboxDataResponse, { kind: 'list' | 'lsub' }>,
  utf8: boolean,
): void {
  out.text(`* ${response.kind.toUpperCase()} `).atomList(response.attributes).text(' ');
  if (response.delimiter === null) out.text('NIL');
  else out.string(response.delimiter);
  out.text(' ');
  writeMailbox(out, response.mailbox, utf8);
  const extended: string[] = [];
  if (response.childInfo !== undefined && response.childInfo.length > 0) {
    extended.push(`"CHILDINFO" (${response.childInfo.map((c) => `"${c}"`).join(' ')})`);
  }
  if (extended.length > 0 || response.oldName !== undefined) {
    out.text(' (').text(extended.join(' '));
    if (response.oldName !== undefined) {
      out.text(extended.length > 0 ? ' "OLDNAME" (' : '"OLDNAME" (');
      writeMailbox(out, response.oldName, utf8);
      out.text(')');
    }
    out.text(')');
  }
  out.text('\r\n');
}

export function writeMailboxData(out: WireWriter, response: MailboxDataResponse, utf8: boolean): void {
  switch (response.kind) {
    case 'exists':
      out.text(`* ${response.count} EXISTS\r\n`);
      return;
    case 'recent':
      out.text(`* ${response.count} RECENT\r\n`);
      return;
    case 'expunge':
      out.text(`* ${response.sequence} EXPUNGE\r\n`);
      return;
    case 'vanished':
      out.text(`* VANISHED ${response.earlier ? '(EARLIER) ' : ''}${compressSequenceSet(response.uids)}\r\n`);
      return;
    case 'flags':
      out.text('* FLAGS ').atomList(response.flags).text('\r\n');
      return;
    case 'list':
    case 'lsub':
      writeList(out, response, utf8);
      return;
    case 'status':
      out.text('* STATUS ');
      writeMailbox(out, response.mailbox, utf8);
      out.text(
        ` (${response.items
          .map((i) => (typeof i.value === 'number' ? `${i.item} ${i.value}` : `${i.item} (${i.value})`))
          .join(' ')})\r\n`,
      );
      return;
  }
}
