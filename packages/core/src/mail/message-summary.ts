/**
 * Envelope-level summary of a message (RFC 5322 §3.6 originator, destination and identification
 * fields) and its attachment list, for IMAP ENVELOPE, webmail listings and the PEC builders
 * (pec-spec §3.1 copies To, Cc and Reply-To from the original). Never throws.
 */
import { decodeEncodedWords } from './decode-encoded-words.ts';
import { getHeader, getHeaders } from './header-block.ts';
import type { HeaderBlock } from './header-block.ts';
import { parseAddressList } from './parse-address-list.ts';
import type { MailAddress } from './parse-address-list.ts';
import { parseMailDate } from './parse-mail-date.ts';
import { parseMimeTree } from './parse-mime-tree.ts';
import type { MimeNode } from './parse-mime-tree.ts';
import { readBodyBytes } from './read-text-body.ts';

export interface AttachmentSummary {
  /** IMAP part number of the attachment (see MimeNode.path). */
  readonly path: string;
  readonly filename: string;
  /** Lower-cased media type, e.g. `application/xml`. */
  readonly contentType: string;
  /** Size in bytes after transfer decoding (for an attached message: its raw size). */
  readonly size: number;
}

export interface MessageSummary {
  readonly from: MailAddress | undefined;
  readonly to: readonly MailAddress[];
  readonly cc: readonly MailAddress[];
  readonly bcc: readonly MailAddress[];
  readonly replyTo: readonly MailAddress[];
  /** RFC 2047-decoded subject; undefined when the field is absent. */
  readonly subject: string | undefined;
  /** Raw Message-ID value, trimmed, angle brackets kept. */
  readonly messageId: string | undefined;
  readonly date: Date | undefined;
  /**
   * Parts of this message that carry a file name, in depth-first order. An attached message is
   * listed itself; the parts inside it belong to that message and are not listed.
   */
  readonly attachments: readonly AttachmentSummary[];
}

/** Every occurrence of an address field, joined, without repeated entries. */
function addresses(headers: HeaderBlock, name: string): MailAddress[] {
  const seen = new Set<string>();
  const out: MailAddress[] = [];
  for (const value of getHeaders(headers, name)) {
    for (const entry of parseAddressList(value)) {
      const key = `${entry.name}\u0000${entry.address}`;
      if (seen.has(key)) continue;
      seen.add(key);
      out.push(entry);
    }
  }
  return out;
}

function isEmbeddedMessage(node: MimeNode): boolean {
  return node.contentType.type === 'message' && node.children.length === 1;
}

function collectAttachments(bytes: Uint8Array, message: MimeNode): AttachmentSummary[] {
  const out: AttachmentSummary[] = [];
  const visit = (node: MimeNode): void => {
    if (node !== message && node.filename !== undefined && node.filename !== '') {
      const embedded = isEmbeddedMessage(node);
      if (embedded || node.children.length === 0) {
        out.push({
          path: node.path,
          filename: node.filename,
          contentType: node.contentType.value,
          size: embedded ? node.bodyEnd - node.bodyStart : readBodyBytes(bytes, node).length,
        });
        return;
      }
    }
    if (node !== message && isEmbeddedMessage(node)) return;
    for (const child of node.children) visit(child);
  };
  visit(message);
  return out;
}

/**
 * Summarises the message at `node` (default: the whole input). Given a message/rfc822 part such as
 * postacert.eml, it summarises the embedded message inside it.
 */
export function summarizeMessage(bytes: Uint8Array, node?: MimeNode): MessageSummary {
  let message = node ?? parseMimeTree(bytes);
  const inner = message.children[0];
  if (isEmbeddedMessage(message) && inner !== undefined) message = inner;
  const { headers } = message;
  const subject = getHeader(headers, 'subject');
  const messageId = getHeader(headers, 'message-id');
  return {
    from: addresses(headers, 'from')[0],
    to: addresses(headers, 'to'),
    cc: addresses(headers, 'cc'),
    bcc: addresses(headers, 'bcc'),
    replyTo: addresses(headers, 'reply-to'),
    subject: subject === undefined ? undefined : decodeEncodedWords(subject).trim(),
    messageId: messageId?.trim(),
    date: parseMailDate(getHeader(headers, 'date')),
    attachments: collectAttachments(bytes, message),
  };
}
