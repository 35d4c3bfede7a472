/**
 * What the session answers when the command reader could not read a command: a line or literal
 * over the limits, or bytes that are not a command (RFC 9051 §7.1: BAD, tagged when the tag was
 * read). A non-synchronising literal over the limit ends the connection (RFC 7888 §4: the client
 * sends the bytes anyway, and they must not be read as commands); a synchronising one is refused
 * with `NO [TOOBIG]` before the client sends it.
 */
import type { ImapResponse, ReaderEvent } from './grammar/index.ts';

export type ReaderErrorEvent = Extract<ReaderEvent, { kind: 'error' }>;

export type ReaderErrorReply =
  | { readonly kind: 'close'; readonly bye: string }
  | { readonly kind: 'respond'; readonly response: ImapResponse };

export function readerErrorReply(event: ReaderErrorEvent): ReaderErrorReply {
  if (event.code === 'literal-too-large' && event.nonSyncLiteral === true) {
    return { kind: 'close', bye: `[TOOBIG] ${event.message}` };
  }
  if (event.tag === undefined) {
    return { kind: 'respond', response: { kind: 'untagged', status: 'BAD', text: event.message } };
  }
  if (event.code === 'literal-too-large') {
    return {
      kind: 'respond',
      response: {
        kind: 'tagged',
        tag: event.tag,
        status: 'NO',
        code: { kind: 'TOOBIG' },
        text: event.message,
      },
    };
  }
  return {
    kind: 'respond',
    response: { kind: 'tagged', tag: event.tag, status: 'BAD', text: event.message },
  };
}
