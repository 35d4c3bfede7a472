/**
 * The FETCH ENVELOPE structure (RFC 9051 §7.5.2 `envelope`, RFC 3501 §7.4.2) as a typed value a later
 * layer fills from stored header metadata, and its exact serialisation. Field values are the raw
 * header texts (encoded-words stay encoded); groups use the RFC's start/end marker addresses.
 */

import type { WireWriter } from './wire-writer.ts';

export interface ImapAddress {
  /** Display name (phrase), raw. */
  readonly name: string | null;
  /** Source route (obsolete); normally null. */
  readonly adl?: string | null;
  /** Local part. */
  readonly mailbox: string | null;
  readonly host: string | null;
}

/** An RFC 5322 group: written as `(NIL NIL "name" NIL)` members `(NIL NIL NIL NIL)`. */
export interface ImapAddressGroup {
  readonly group: string;
  readonly members: readonly ImapAddress[];
}

export type ImapAddressEntry = ImapAddress | ImapAddressGroup;

/**
 * Envelope fields; null or an empty list is written NIL. The filler applies RFC 9051 §7.5.2's
 * defaults (sender and reply-to fall back to from).
 */
export interface ImapEnvelope {
  readonly date: string | null;
  readonly subject: string | null;
  readonly from: readonly ImapAddressEntry[] | null;
  readonly sender: readonly ImapAddressEntry[] | null;
  readonly replyTo: readonly ImapAddressEntry[] | null;
  readonly to: readonly ImapAddressEntry[] | null;
  readonly cc: readonly ImapAddressEntry[] | null;
  readonly bcc: readonly ImapAddressEntry[] | null;
  readonly inReplyTo: string | null;
  readonly messageId: string | null;
}

function writeAddress(out: WireWriter, address: ImapAddress): void {
  out
    .text('(')
    .nstring(address.name)
    .text(' ')
    .nstring(address.adl ?? null)
    .text(' ');
  out.nstring(address.mailbox).text(' ').nstring(address.host).text(')');
}

function writeAddressList(out: WireWriter, list: readonly ImapAddressEntry[] | null): void {
  if (list === null || list.length === 0) {
    out.text('NIL');
    return;
  }
  out.text('(');
  for (const entry of list) {
    if ('group' in entry) {
      writeAddress(out, { name: null, mailbox: entry.group, host: null });
      for (const member of entry.members) writeAddress(out, member);
      writeAddress(out, { name: null, mailbox: null, host: null });
    } else {
      writeAddress(out, entry);
    }
  }
  out.text(')');
}

/** Writes `(date subject from sender reply-to to cc bcc in-reply-to message-id)`. */
export function writeEnvelope(out: WireWriter, envelope: ImapEnvelope): void {
  out.text('(').nstring(envelope.date).text(' ').nstring(envelope.subject);
  for (const list of [
    envelope.from,
    envelope.sender,
    envelope.replyTo,
    envelope.to,
    envelope.cc,
    envelope.bcc,
  ]) {
    out.text(' ');
    writeAddressList(out, list);
  }
  out.text(' ').nstring(envelope.inReplyTo).text(' ').nstring(envelope.messageId).text(')');
}
