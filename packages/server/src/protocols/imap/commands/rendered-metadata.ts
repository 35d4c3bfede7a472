/**
 * FETCH ENVELOPE, BODY and BODYSTRUCTURE (RFC 9051 §7.5.2) rendered once per message and then
 * served as text: a client's header listing (`FETCH 1:* (UID FLAGS ENVELOPE BODYSTRUCTURE)`) asks for
 * them for every message of a folder, again at each resynchronisation, and turning the stored JSON
 * into the typed value and the typed value into protocol text cost most of that FETCH (decision 0057).
 *
 * - Keyed by the blob key, in one cache shared by the sessions of this process: blobs are
 *   content-addressed, and a row's envelope and structure are what `describeStoredMessage` read from
 *   those bytes, so every row of the same blob (copies, other folders, other boxes) renders the same.
 *   The rendering mode is part of the key: with UTF-8 enabled (RFC 6855 §3, RFC 9051 §4.3) a
 *   non-ASCII value is a quoted string, otherwise a literal.
 * - The text is the exact output of `writeEnvelope` / `writeBodyStructure` (literals included, as
 *   UTF-8 text: every value is a JavaScript string, so decoding and encoding again gives the same
 *   bytes), so a remembered answer and a fresh one are byte-identical.
 * - Bounded by characters (`maxChars`, about 24 MiB of text, some 30,000 messages of ordinary
 *   mail); the blobs rendered first go first.
 */
import type { StoredMessage } from '../../../ports/mailbox-store.ts';
import { WireWriter, writeBodyStructure, writeEnvelope, type FetchItem } from '../grammar/index.ts';
import { toImapBodyStructure } from './to-imap-body-structure.ts';
import { toImapEnvelope } from './to-imap-envelope.ts';

export type RenderedName = 'ENVELOPE' | 'BODY' | 'BODYSTRUCTURE';

/** Characters kept at most (JavaScript strings of these texts are one byte per character). */
const maxChars = 24 * 1024 * 1024;
const decoder = new TextDecoder();

/** The renderings of one blob, by item name and mode (`+` UTF-8 enabled, `-` not). */
type Renderings = Partial<Record<`${RenderedName}${'+' | '-'}`, string>>;

const cache = new Map<string, Renderings>();
let cachedChars = 0;

function render(message: StoredMessage, name: RenderedName, utf8: boolean): string {
  const out = new WireWriter({ utf8 });
  if (name === 'ENVELOPE') writeEnvelope(out, toImapEnvelope(message.envelope));
  else writeBodyStructure(out, toImapBodyStructure(message.structure), name === 'BODYSTRUCTURE');
  return decoder.decode(out.finish());
}

/** The remembered rendering of `name` for the blob, undefined when it is not in the cache. */
export function cachedMetadata(blobKey: string, name: RenderedName, utf8: boolean): string | undefined {
  return cache.get(blobKey)?.[`${name}${utf8 ? '+' : '-'}`];
}

/** The rendered value of `name` for `message`, from the cache or rendered now and remembered. */
export function renderedMetadata(message: StoredMessage, name: RenderedName, utf8: boolean): string {
  const variant = `${name}${utf8 ? '+' : '-'}` as const;
  let renderings = cache.get(message.blobKey);
  const found = renderings?.[variant];
  if (found !== undefined) return found;
  const text = render(message, name, utf8);
  if (renderings === undefined) {
    renderings = {};
    cache.set(message.blobKey, renderings);
    cachedChars += message.blobKey.length;
  }
  renderings[variant] = text;
  cachedChars += text.length;
  // The oldest blobs go first (insertion order); a folder larger than the bound is served by
  // rendering, as before the cache.
  for (const [oldKey, old] of cache) {
    if (cachedChars <= maxChars) break;
    cache.delete(oldKey);
    cachedChars -= oldKey.length;
    for (const oldText of Object.values(old)) cachedChars -= oldText.length;
  }
  return text;
}

/** The FETCH item of `name` for `message`, rendered in the session's mode when written. */
export function renderedMetadataItem(message: StoredMessage, name: RenderedName): FetchItem {
  return { kind: 'RENDERED', name, text: (utf8) => renderedMetadata(message, name, utf8) };
}
