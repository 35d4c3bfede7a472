/**
 * Session-scoped response serialiser: remembers whether UTF-8 was enabled (UTF8=ACCEPT RFC 6855,
 * IMAP4rev2 RFC 9051) and renders typed `ImapResponse` values to the exact bytes to send. Pure: the
 * session writes the returned bytes to its socket.
 */

import { renderResponse, type ImapResponse } from './responses/render-response.ts';
import type { WireOptions } from './responses/wire-writer.ts';

export interface ResponseWriter {
  /** Bytes for one response, or for several concatenated in order. */
  render(response: ImapResponse | readonly ImapResponse[]): Uint8Array;
  /** Switches to UTF-8 mailbox names and quoted strings after `ENABLE UTF8=ACCEPT` / `IMAP4rev2`. */
  enableUtf8(): void;
  readonly utf8: boolean;
}

export function createResponseWriter(options: WireOptions = {}): ResponseWriter {
  let utf8 = options.utf8 === true;
  return {
    render: (response) => renderResponse(response, { utf8 }),
    enableUtf8: () => {
      utf8 = true;
    },
    get utf8() {
      return utf8;
    },
  };
}
