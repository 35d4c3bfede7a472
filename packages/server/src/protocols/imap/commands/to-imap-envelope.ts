/**
 * The stored envelope (ports/mailbox-store.ts `MessageEnvelope`) as the FETCH ENVELOPE value
 * (RFC 9051 §7.5.2, RFC 3501 §7.4.2): addresses split into local part and host, group markers turned
 * back into groups, and the RFC's defaults applied (an absent Sender or Reply-To is the From list).
 * Field texts are served as stored; nothing is re-read from the message bytes.
 */
import type { EnvelopeAddress, MessageEnvelope } from '../../../ports/mailbox-store.ts';
import type { ImapAddress, ImapAddressEntry, ImapEnvelope } from '../grammar/index.ts';

/** `"a b"` → `a b` with backslash escapes removed; anything else as is. */
function unquoteLocalPart(local: string): string {
  if (local.length < 2 || !local.startsWith('"') || !local.endsWith('"')) return local;
  return local.slice(1, -1).replace(/\\(.)/g, '$1');
}

function toImapAddress(address: EnvelopeAddress): ImapAddress {
  const at = address.address.lastIndexOf('@');
  return {
    name: address.name,
    ...(address.route === undefined ? {} : { adl: address.route }),
    mailbox: unquoteLocalPart(address.address.slice(0, at)),
    host: address.address.slice(at + 1),
  };
}

/**
 * Rebuilds groups from the stored markers: a start marker is an entry without `@` naming the group,
 * the end marker has an empty address (describe-stored-message's `parseEnvelopeAddresses`).
 */
export function toImapAddressList(addresses: readonly EnvelopeAddress[]): ImapAddressEntry[] {
  const entries: ImapAddressEntry[] = [];
  let group: { group: string; members: ImapAddress[] } | null = null;
  for (const address of addresses) {
    if (address.address.includes('@')) {
      const converted = toImapAddress(address);
      if (group === null) entries.push(converted);
      else group.members.push(converted);
    } else if (address.address === '') {
      if (group !== null) entries.push(group);
      group = null;
    } else {
      if (group !== null) entries.push(group);
      group = { group: address.address, members: [] };
    }
  }
  if (group !== null) entries.push(group);
  return entries;
}

function nullIfEmpty(list: ImapAddressEntry[]): ImapAddressEntry[] | null {
  return list.length === 0 ? null : list;
}

export function toImapEnvelope(envelope: MessageEnvelope): ImapEnvelope {
  const from = nullIfEmpty(toImapAddressList(envelope.from));
  // RFC 9051 §7.5.2: the server fills in sender and reply-to from the From field when absent.
  const sender = nullIfEmpty(toImapAddressList(envelope.sender)) ?? from;
  const replyTo = nullIfEmpty(toImapAddressList(envelope.replyTo)) ?? from;
  return {
    date: envelope.date,
    subject: envelope.subject,
    from,
    sender,
    replyTo,
    to: nullIfEmpty(toImapAddressList(envelope.to)),
    cc: nullIfEmpty(toImapAddressList(envelope.cc)),
    bcc: nullIfEmpty(toImapAddressList(envelope.bcc)),
    inReplyTo: envelope.inReplyTo,
    messageId: envelope.messageId,
  };
}
