/**
 * Stored messages as the API shows them. A transport envelope (pec-spec §3.1) is shown as the
 * message it carries: sender, subject, recipients, text and attachments come from postacert.eml,
 * while the date, size and flags are the envelope's. Receipts, notices and ordinary mail are
 * shown as they are. Text is decoded (RFC 2045 transfer encodings, RFC 2046 charsets, RFC 2047
 * words); the HTML part is returned as sent, for the client to sanitise and sandbox.
 */
import {
  decodeEncodedWords,
  getHeader,
  locatePecParts,
  parseMailDate,
  parseMimeTree,
  readTextBody,
  summarizeMessage,
  type MailAddress,
  type MessageKind,
  type MimeNode,
} from '@pec/core';
import type { z } from 'zod';
import type {
  EnvelopeAddress,
  MessageEnvelope,
  MimeStructure,
  StoredMessage,
} from '../../../ports/mailbox-store.ts';
import { hasRemoteContent } from './mail-html-document.ts';
import type { messageFlagSchema, messageSchema, messageSummarySchema, pecTypeSchema } from './api-schemas.ts';

type MessageSummaryBody = z.output<typeof messageSummarySchema>;
type MessageBody = z.output<typeof messageSchema>;
type PecType = z.output<typeof pecTypeSchema>;
type MessageFlag = z.output<typeof messageFlagSchema>;

const flagNames: Readonly<Record<string, MessageFlag>> = {
  '\\seen': 'seen',
  '\\answered': 'answered',
  '\\flagged': 'flagged',
  '\\draft': 'draft',
  '\\deleted': 'deleted',
  // The spam filter's label (decision 0034).
  $junk: 'junk',
};

/** The core's vocabulary, with the reader's `ordinaria` spelt as the API's `ordinary`. */
export function pecTypeOf(kind: MessageKind | null): PecType {
  return kind === null || kind === 'ordinaria' ? 'ordinary' : kind;
}

function decodedAddress(address: EnvelopeAddress | undefined): { name: string; address: string } {
  if (address === undefined) return { name: '', address: '' };
  return {
    name: address.name === null ? '' : decodeEncodedWords(address.name).trim(),
    address: address.address,
  };
}

function mailAddress(address: MailAddress): { name: string; address: string } {
  return { name: address.name, address: address.address };
}

function isAttachment(part: MimeStructure): boolean {
  return (
    part.disposition?.type === 'attachment' ||
    part.disposition?.params['filename'] !== undefined ||
    part.params['name'] !== undefined
  );
}

function hasAttachment(structure: MimeStructure): boolean {
  return structure.parts.some(
    (part) => (isAttachment(part) && part.parts.length === 0) || hasAttachment(part),
  );
}

/** The message a transport envelope carries (its message/rfc822 part), else undefined. */
function carriedMessage(
  stored: StoredMessage,
): { readonly envelope: MessageEnvelope; readonly structure: MimeStructure } | undefined {
  if (stored.pecType !== 'posta-certificata') return undefined;
  const search = (part: MimeStructure): MimeStructure['message'] | undefined => {
    if (part.message !== null) return part.message;
    for (const child of part.parts) {
      const found = search(child);
      if (found !== undefined) return found;
    }
    return undefined;
  };
  return search(stored.structure) ?? undefined;
}

export function messageSummary(stored: StoredMessage): MessageSummaryBody {
  const carried = carriedMessage(stored);
  const envelope = carried?.envelope ?? stored.envelope;
  const date = parseMailDate(stored.envelope.date ?? undefined) ?? stored.internalDate;
  return {
    uid: stored.uid,
    from: decodedAddress(envelope.from[0]),
    subject: envelope.subject === null ? '' : decodeEncodedWords(envelope.subject).trim(),
    date: date.toISOString(),
    size: stored.size,
    flags: stored.flags.flatMap((flag) => {
      const name = flagNames[flag.toLowerCase()];
      return name === undefined ? [] : [name];
    }),
    // The holder's Sent copy is the original of a PEC, which carries `X-Riferimento-Message-ID`
    // (pec-spec §2.2 step 5) and no PEC header of its own: listed as PEC, not as ordinary mail.
    pecType:
      stored.pecType === 'ordinaria' && stored.pecReference !== null
        ? 'posta-certificata'
        : pecTypeOf(stored.pecType),
    hasAttachments: hasAttachment(carried?.structure ?? stored.structure),
  };
}

/** The first text/plain and text/html leaves that are not attachments, outside embedded messages. */
function bodyParts(node: MimeNode): { text?: MimeNode; html?: MimeNode } {
  const found: { text?: MimeNode; html?: MimeNode } = {};
  const visit = (current: MimeNode, top: boolean): void => {
    if (!top && current.contentType.type === 'message') return;
    if (current.children.length > 0) {
      for (const child of current.children) visit(child, false);
      return;
    }
    const attached = current.disposition?.value === 'attachment' || current.filename !== undefined;
    if (attached || current.contentType.type !== 'text') return;
    if (current.contentType.subtype === 'plain') found.text ??= current;
    if (current.contentType.subtype === 'html') found.html ??= current;
  };
  visit(node, true);
  return found;
}

/** The msg-ids of a field (RFC 5322 §3.6.4), space-separated; null when it holds none. */
function messageIds(value: string | undefined): string[] {
  return value?.match(/<[^<>\s]+>/g) ?? [];
}

/**
 * What a reply to `node` threads on (RFC 5322 §3.6.4): its Message-ID, and its References — or,
 * when it has none, its In-Reply-To when that holds exactly one msg-id.
 */
function threadOf(node: MimeNode): { messageId: string | null; references: string | null } {
  const [messageId] = messageIds(getHeader(node.headers, 'message-id'));
  const references = messageIds(getHeader(node.headers, 'references'));
  const inReplyTo = messageIds(getHeader(node.headers, 'in-reply-to'));
  const parents = references.length > 0 ? references : inReplyTo.length === 1 ? inReplyTo : [];
  return { messageId: messageId ?? null, references: parents.length > 0 ? parents.join(' ') : null };
}

/** The whole view of one message from its stored record and raw bytes. */
export function messageView(
  folderId: string,
  stored: StoredMessage,
  bytes: Uint8Array,
  pecType: MessageKind,
): MessageBody {
  const root = parseMimeTree(bytes);
  const original = pecType === 'posta-certificata' ? locatePecParts(root).original : undefined;
  const content = original?.children[0] ?? root;
  const summary = summarizeMessage(bytes, original);
  const parts = bodyParts(content);
  const html = parts.html === undefined ? null : readTextBody(bytes, parts.html);
  return {
    ...messageSummary(stored),
    pecType: pecTypeOf(pecType),
    folderId,
    to: summary.to.map(mailAddress),
    cc: summary.cc.map(mailAddress),
    text: parts.text === undefined ? '' : readTextBody(bytes, parts.text),
    html,
    htmlUrl: html === null ? null : `/api/v1/messages/${folderId}/${String(stored.uid)}/html`,
    remoteContent: html !== null && hasRemoteContent(html),
    attachments: summary.attachments.map((attachment) => ({
      id: attachment.path,
      name: attachment.filename,
      contentType: attachment.contentType,
      size: attachment.size,
    })),
    ...threadOf(content),
  };
}
