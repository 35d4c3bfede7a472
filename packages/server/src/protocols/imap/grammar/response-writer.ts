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

/** The wire options of the two modes, shared by every session instead of one object per render. */
const asciiWire: WireOptions = { utf8: false };
const utf8Wire: WireOptions = { utf8: true };

/**
 * A class rather than an object literal: a literal with a getter was kept by V8 as a property
 * dictionary (about 280 bytes per session); the class's instances are one small object.
 */
class SessionResponseWriter implements ResponseWriter {
  #wire: WireOptions;

  constructor(utf8: boolean) {
    this.#wire = utf8 ? utf8Wire : asciiWire;
  }

  render(response: ImapResponse | readonly ImapResponse[]): Uint8Array {
    return renderResponse(response, this.#wire);
  }

  enableUtf8(): void {
    this.#wire = utf8Wire;
  }

  get utf8(): boolean {
    return this.#wire === utf8Wire;
  }
}

export function createResponseWriter(options: WireOptions = {}): ResponseWriter {
  return new SessionResponseWriter(options.utf8 === true);
}
