/**
 * A minimal DER reader and writer (ITU-T X.690 §8, §10) for the few fixed structures the lean CMS
 * signer and verifier handle (RFC 5652 SignedData, X.509 TBSCertificate). Definite lengths only: the
 * reader throws on anything else (indefinite-length BER, truncated input), and callers fall back to the
 * full asn1js/pkijs parser.
 */

/** One TLV inside `bytes`: the tag byte, where the value starts and ends, where the whole TLV starts. */
export interface DerElement {
  readonly tag: number;
  readonly start: number;
  readonly valueStart: number;
  readonly end: number;
}

/** Reads the TLV at `offset`. Single-byte tags and definite lengths only (X.690 §8.1.2–8.1.3). */
export function readDer(bytes: Uint8Array, offset: number, limit = bytes.length): DerElement {
  const tag = bytes[offset];
  const first = bytes[offset + 1];
  if (tag === undefined || first === undefined || (tag & 0x1f) === 0x1f) {
    throw new Error('DER: truncated or multi-byte tag');
  }
  let length = first;
  let valueStart = offset + 2;
  if (first & 0x80) {
    const count = first & 0x7f;
    if (count === 0 || count > 4) throw new Error('DER: indefinite or oversized length');
    length = 0;
    for (let i = 0; i < count; i++) length = length * 256 + (bytes[valueStart + i] ?? 0);
    valueStart += count;
  }
  const end = valueStart + length;
  if (end > limit) throw new Error('DER: element runs past its container');
  return { tag, start: offset, valueStart, end };
}

/** The children of a constructed element, in order. */
export function derChildren(bytes: Uint8Array, parent: DerElement): DerElement[] {
  const children: DerElement[] = [];
  for (let at = parent.valueStart; at < parent.end;) {
    const child = readDer(bytes, at, parent.end);
    children.push(child);
    at = child.end;
  }
  return children;
}

/** The bytes of a whole TLV (tag and length included). */
export function derBytes(bytes: Uint8Array, element: DerElement): Uint8Array {
  return bytes.subarray(element.start, element.end);
}

/** The value octets of a TLV. */
export function derValue(bytes: Uint8Array, element: DerElement): Uint8Array {
  return bytes.subarray(element.valueStart, element.end);
}

function lengthOctets(length: number): number[] {
  if (length < 0x80) return [length];
  const out: number[] = [];
  for (let rest = length; rest > 0; rest = Math.floor(rest / 256)) out.unshift(rest % 256);
  return [0x80 | out.length, ...out];
}

/** Encodes one TLV whose value is the concatenation of `parts`. */
export function derEncode(tag: number, ...parts: readonly Uint8Array[]): Uint8Array {
  let length = 0;
  for (const part of parts) length += part.length;
  const head = lengthOctets(length);
  const out = new Uint8Array(1 + head.length + length);
  out[0] = tag;
  out.set(head, 1);
  let at = 1 + head.length;
  for (const part of parts) {
    out.set(part, at);
    at += part.length;
  }
  return out;
}

/** The content octets of an OBJECT IDENTIFIER (X.690 §8.19). */
function oidContent(oid: string): number[] {
  const arcs = oid.split('.').map(Number);
  const [first = 0, second = 0, ...rest] = arcs;
  const out: number[] = [];
  for (const arc of [first * 40 + second, ...rest]) {
    const septets: number[] = [arc & 0x7f];
    for (let value = Math.floor(arc / 128); value > 0; value = Math.floor(value / 128)) {
      septets.unshift((value & 0x7f) | 0x80);
    }
    out.push(...septets);
  }
  return out;
}

export function derOid(oid: string): Uint8Array {
  return derEncode(0x06, new Uint8Array(oidContent(oid)));
}

/** Decodes the content octets of an OBJECT IDENTIFIER to dotted form. */
export function readOid(content: Uint8Array): string {
  const arcs: number[] = [];
  let value = 0;
  for (const byte of content) {
    value = value * 128 + (byte & 0x7f);
    if ((byte & 0x80) === 0) {
      if (arcs.length === 0)
        arcs.push(value < 80 ? Math.floor(value / 40) : 2, value < 80 ? value % 40 : value - 80);
      else arcs.push(value);
      value = 0;
    }
  }
  return arcs.join('.');
}

export const derTags = {
  integer: 0x02,
  octetString: 0x04,
  null: 0x05,
  oid: 0x06,
  utcTime: 0x17,
  generalizedTime: 0x18,
  sequence: 0x30,
  set: 0x31,
  /** [0] IMPLICIT, constructed (RFC 5652 certificates and signedAttrs). */
  context0: 0xa0,
  /** [1] IMPLICIT, constructed (RFC 5652 crls). */
  context1: 0xa1,
} as const;

const two = (n: number): string => String(n).padStart(2, '0');

/** CMS Time (RFC 5652 §11.3): UTCTime for 1950–2049, GeneralizedTime otherwise, whole seconds, Z. */
export function derTime(date: Date): Uint8Array {
  const year = date.getUTCFullYear();
  const rest =
    two(date.getUTCMonth() + 1) +
    two(date.getUTCDate()) +
    two(date.getUTCHours()) +
    two(date.getUTCMinutes()) +
    two(date.getUTCSeconds()) +
    'Z';
  return year >= 1950 && year < 2050
    ? derEncode(derTags.utcTime, Buffer.from(two(year % 100) + rest, 'latin1'))
    : derEncode(derTags.generalizedTime, Buffer.from(String(year).padStart(4, '0') + rest, 'latin1'));
}

/** Reads a UTCTime or GeneralizedTime in the DER forms (`YYMMDDHHMMSSZ`, `YYYYMMDDHHMMSS[.f]Z`). */
export function readDerTime(tag: number, content: Uint8Array): Date | undefined {
  const text = Buffer.from(content).toString('latin1');
  const match =
    tag === derTags.utcTime
      ? /^(\d{2})(\d{2})(\d{2})(\d{2})(\d{2})(\d{2})Z$/.exec(text)
      : tag === derTags.generalizedTime
        ? /^(\d{4})(\d{2})(\d{2})(\d{2})(\d{2})(\d{2})(?:\.(\d+))?Z$/.exec(text)
        : null;
  if (match === null) return undefined;
  let year = Number(match[1]);
  if (tag === derTags.utcTime) year += year < 50 ? 2000 : 1900;
  const millis = match[7] === undefined ? 0 : Math.floor(Number(`0.${match[7]}`) * 1000);
  const date = new Date(
    Date.UTC(
      year,
      Number(match[2]) - 1,
      Number(match[3]),
      Number(match[4]),
      Number(match[5]),
      Number(match[6]),
      millis,
    ),
  );
  return Number.isNaN(date.getTime()) ? undefined : date;
}
