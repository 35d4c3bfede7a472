/**
 * The text SEARCH FROM/TO/CC/BCC match a needle against (RFC 9051 §6.4.4: a substring of the
 * field): the stored envelope's addresses as `Name <local@domain>` (display names with encoded
 * words decoded) or a bare address, joined with `, `. Shared by the matcher and by the text index,
 * which checks that its header column holds every run of this text (decision 0049).
 */
import { decodeEncodedWords } from '@pec/core';
import type { EnvelopeAddress } from '../../ports/mailbox-store.ts';

export function envelopeAddressText(list: readonly EnvelopeAddress[]): string {
  return list
    .map((a) => (a.name === null ? a.address : `${decodeEncodedWords(a.name)} <${a.address}>`))
    .join(', ');
}
