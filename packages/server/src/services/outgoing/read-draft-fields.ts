/**
 * A saved draft back as the fields it was written from (compose-holder-message.ts in reverse):
 * To, Cc, Subject, `X-TipoRicevuta`, In-Reply-To and References from the header, the first text
 * and HTML parts as the body, and every attachment transfer-decoded to its exact bytes (a
 * message/rfc822 attachment is its verbatim body), so reopening and saving again loses nothing.
 * Pure.
 */
import {
  getHeader,
  parseMimeTree,
  readBodyBytes,
  readTextBody,
  receiptVariants,
  summarizeMessage,
  type MimeNode,
  type ReceiptVariant,
} from '@pec/core';
import type { ComposedAttachment } from './compose-holder-message.ts';
import type { OutgoingFields } from './outgoing-mail.ts';

function isReceiptVariant(value: string): value is ReceiptVariant {
  return (receiptVariants as readonly string[]).includes(value);
}

/** A header's msg-ids (RFC 5322 §3.6.4), or undefined when it holds none. */
function messageIds(value: string | undefined): string | undefined {
  const ids = value?.match(/<[^<>\s]+>/g);
  return ids === undefined || ids === null ? undefined : ids.join(' ');
}

export function readDraftFields(bytes: Uint8Array): OutgoingFields {
  const root = parseMimeTree(bytes);
  const summary = summarizeMessage(bytes);
  let text: MimeNode | undefined;
  let html: MimeNode | undefined;
  const attachments: ComposedAttachment[] = [];
  const visit = (node: MimeNode, top: boolean): void => {
    const type = `${node.contentType.type}/${node.contentType.subtype}`;
    if (!top && type === 'message/rfc822') {
      attachments.push({
        name: node.filename ?? 'message.eml',
        contentType: type,
        bytes: readBodyBytes(bytes, node),
      });
      return;
    }
    if (node.contentType.type === 'multipart') {
      for (const child of node.children) visit(child, false);
      return;
    }
    const attached = node.disposition?.value === 'attachment' || node.filename !== undefined;
    if (!attached && type === 'text/plain' && text === undefined) text = node;
    else if (!attached && type === 'text/html' && html === undefined) html = node;
    else
      attachments.push({
        name: node.filename ?? 'attachment',
        contentType: type,
        bytes: readBodyBytes(bytes, node),
      });
  };
  visit(root, true);
  const receipt = getHeader(root.headers, 'x-tiporicevuta')?.trim().toLowerCase() ?? 'completa';
  const inReplyTo = messageIds(getHeader(root.headers, 'in-reply-to'));
  const references = messageIds(getHeader(root.headers, 'references'));
  return {
    to: summary.to.map((a) => a.address),
    cc: summary.cc.map((a) => a.address),
    subject: summary.subject ?? '',
    text: text === undefined ? '' : readTextBody(bytes, text).replace(/\r\n/g, '\n').replace(/\n$/, ''),
    ...(html === undefined
      ? {}
      : { html: readTextBody(bytes, html).replace(/\r\n/g, '\n').replace(/\n$/, '') }),
    receiptType: isReceiptVariant(receipt) ? receipt : 'completa',
    attachments,
    ...(inReplyTo === undefined ? {} : { inReplyTo }),
    ...(references === undefined ? {} : { references }),
  };
}
