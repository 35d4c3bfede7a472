/**
 * Assembles a CATENATE message (RFC 4469 §5) from its parts: TEXT literals as sent, URL parts
 * resolved against this session's own mailbox only, in the relative form
 * `/mailbox;UIDVALIDITY=n/;UID=m[/;SECTION=x]` (RFC 5092 §6, mailbox name percent-encoded modified
 * UTF-7). A URL that does not parse, names another server or user, a folder that does not exist, a
 * stale UIDVALIDITY, a missing UID or section is `NO [BADURL url]` (§6); an assembled message above
 * the command limit is `NO [TOOBIG]`.
 */
import type { MessageAccess } from '../../../services/mailbox-access/message-access.ts';
import type { FolderAccess } from '../../../services/mailbox-access/folder-access.ts';
import { messageSectionBytes } from '../../../services/mailbox-access/message-section-bytes.ts';
import { ImapCommandError } from '../command-descriptor.ts';
import { parseSectionSpec, type BodySection } from '../grammar/body-section.ts';
import type { CatenatePart } from '../grammar/commands/parse-append.ts';
import { decodeMailboxName } from '../grammar/mailbox-name.ts';

export interface CatenateUrl {
  readonly mailbox: string;
  readonly uidValidity: number;
  readonly uid: number;
  readonly section: BodySection | null;
}

const urlPattern =
  /^\/([^;/?#]+(?:\/[^;/?#]+)*);UIDVALIDITY=([1-9][0-9]{0,9})\/;UID=([1-9][0-9]{0,9})(?:\/;SECTION=([^/;?#]+))?$/i;

function percentDecode(text: string): string | null {
  if (/%(?![0-9A-Fa-f]{2})/.test(text)) return null;
  const bytes = Buffer.from(
    text.replace(/%([0-9A-Fa-f]{2})/g, (_m, hex: string) => String.fromCharCode(parseInt(hex, 16))),
    'latin1',
  );
  // Modified UTF-7 is 7-bit: any octet above 0x7f is not a mailbox name of RFC 5092 §6.
  if (bytes.some((byte) => byte > 0x7f)) return null;
  return bytes.toString('latin1');
}

/** The relative IMAP URL of a CATENATE part, or null when it is not one this server resolves. */
export function parseCatenateUrl(url: string): CatenateUrl | null {
  const match = urlPattern.exec(url);
  if (match === null) return null;
  const [, encodedMailbox = '', validity = '', uid = '', sectionText] = match;
  const wire = percentDecode(encodedMailbox);
  if (wire === null) return null;
  const mailbox = decodeMailboxName(wire);
  if (mailbox === null) return null;
  const uidValidity = Number(validity);
  const uidNumber = Number(uid);
  if (uidValidity > 0xffffffff || uidNumber > 0xffffffff) return null;
  let section: BodySection | null = null;
  if (sectionText !== undefined) {
    const decoded = percentDecode(sectionText);
    section = decoded === null ? null : parseSectionSpec(decoded.toUpperCase());
    if (section === null) return null;
  }
  return { mailbox, uidValidity, uid: uidNumber, section };
}

function badUrl(url: string): ImapCommandError {
  // url-resp-text (RFC 4469 §6) excludes CR, LF, `[` and `]`.
  const shown = url.replace(/[\r\n[\]]/g, '');
  return new ImapCommandError('NO', 'Bad URL', { kind: 'other', text: `BADURL ${shown}` });
}

function tooBig(): ImapCommandError {
  return new ImapCommandError('NO', 'Message too big', { kind: 'TOOBIG' });
}

export interface CatenateDeps {
  readonly folders: FolderAccess;
  readonly messages: MessageAccess;
}

/** The assembled bytes, or throws `NO [BADURL]` / `NO [TOOBIG]`. */
export async function assembleCatenate(
  deps: CatenateDeps,
  mailboxId: number,
  parts: readonly CatenatePart[],
  maxBytes: number,
): Promise<Uint8Array> {
  const chunks: Uint8Array[] = [];
  let total = 0;
  for (const part of parts) {
    let bytes: Uint8Array;
    if (part.kind === 'text') {
      bytes = part.bytes;
    } else {
      const url = parseCatenateUrl(part.url);
      if (url === null) throw badUrl(part.url);
      const folder = await deps.folders.find(mailboxId, url.mailbox);
      if (folder === undefined || folder.uidValidity !== url.uidValidity) throw badUrl(part.url);
      const [message] = await deps.messages.list(folder.id, [{ from: url.uid, to: url.uid }]);
      if (message === undefined) throw badUrl(part.url);
      // A section is never larger than its message: refuse before reading a blob that cannot fit.
      if (url.section === null && total + message.size > maxBytes) throw tooBig();
      const raw = await deps.messages.content(message);
      const found = url.section === null ? raw : messageSectionBytes(raw, message.structure, url.section);
      // RFC 4469 §5: a URL that would fetch NIL (no such section) makes the APPEND fail.
      if (found === null) throw badUrl(part.url);
      bytes = found;
    }
    total += bytes.length;
    if (total > maxBytes) throw tooBig();
    chunks.push(bytes);
  }
  return Buffer.concat(chunks);
}
