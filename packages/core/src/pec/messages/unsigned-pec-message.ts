/**
 * A generated PEC message before signing (pec-spec §3.0): the outer header fields, the
 * multipart/mixed entity that the provider key signs, and the boundary of the multipart/signed
 * that will wrap it. `signPecMessage` turns it into the message that goes on the wire.
 */

export interface UnsignedPecMessage {
  /**
   * Outer header fields, each ending in CRLF, without MIME-Version and Content-Type. One character
   * per byte (ISO-8859-1 code points), so that bytes copied from the original survive exactly.
   */
  readonly headerLines: string;
  /** Exact bytes of the multipart/mixed entity to sign, its own header fields included. */
  readonly content: Uint8Array;
  /** Boundary for the outer multipart/signed; it occurs nowhere in `content`. */
  readonly boundary: string;
}

/** `headerLines` followed by `content`: the message without its signature, e.g. for golden files. */
export function renderUnsignedPecMessage(message: UnsignedPecMessage): Uint8Array {
  return Uint8Array.from(Buffer.concat([Buffer.from(message.headerLines, 'latin1'), message.content]));
}
