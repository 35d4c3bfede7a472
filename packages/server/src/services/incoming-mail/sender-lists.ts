/**
 * The holder's allow and block lists of ordinary senders (decision 0026): each entry an address
 * (`name@example.com`) or a domain (`example.com`, which also covers its subdomains). The more
 * specific entry wins (an address over a domain, a longer domain over a shorter one); between an
 * allow and a block entry equally specific, block wins.
 */

import type { SenderListEntry, SenderListKind } from '../../ports/incoming-settings-store.ts';

const addressPattern = /^[^\s@]+@[a-z0-9.-]+\.[a-z]{2,}$/i;
const domainPattern = /^(?=.{1,253}$)([a-z0-9]([a-z0-9-]{0,61}[a-z0-9])?\.)+[a-z]{2,63}$/i;

/** The canonical form of a list entry, or undefined when it is neither an address nor a domain. */
export function normalizeSenderEntry(value: string): string | undefined {
  const trimmed = value.trim().toLowerCase().replace(/^@/, '');
  if (addressPattern.test(trimmed) || domainPattern.test(trimmed)) return trimmed;
  return undefined;
}

function specificity(entry: string, sender: string): number {
  if (entry.includes('@')) return entry === sender ? 1000 : -1;
  const domain = sender.slice(sender.lastIndexOf('@') + 1);
  return domain === entry || domain.endsWith(`.${entry}`) ? entry.length : -1;
}

/** Which list decides for `sender` (its envelope or header address), if any. */
export function senderListVerdict(
  entries: readonly SenderListEntry[],
  sender: string,
): SenderListKind | undefined {
  const address = sender.trim().toLowerCase();
  if (address === '') return undefined;
  let best: { readonly score: number; readonly list: SenderListKind } | undefined;
  for (const entry of entries) {
    const score = specificity(entry.value, address);
    if (score < 0) continue;
    if (best === undefined || score > best.score || (score === best.score && entry.list === 'block'))
      best = { score, list: entry.list };
  }
  return best?.list;
}
