/**
 * PEM armour (RFC 7468) for certificates, keys and CMS blobs: the text form our configuration files
 * and `pec init` use. Lenient on input (any line breaks, surrounding text); strict on output (64-column
 * base64, LF line breaks, trailing newline).
 */

/** Returns the DER bytes of the first PEM block (with `label`, when given). Throws when there is none. */
export function pemToDer(pem: string, label?: string): Uint8Array {
  const wanted = label === undefined ? '[A-Z0-9 ]+' : label.replace(/[^A-Za-z0-9 ]/g, '');
  const match = new RegExp(`-----BEGIN (${wanted})-----([\\s\\S]*?)-----END \\1-----`).exec(pem);
  if (match === null) {
    throw new Error(label === undefined ? 'no PEM block found' : `no PEM block labelled ${label} found`);
  }
  const body = (match[2] ?? '').replace(/[^A-Za-z0-9+/=]/g, '');
  return new Uint8Array(Buffer.from(body, 'base64'));
}

/** Every PEM block with `label` (or any label), in order, as DER. */
export function pemBlocksToDer(pem: string, label?: string): Uint8Array[] {
  const wanted = label === undefined ? '[A-Z0-9 ]+' : label.replace(/[^A-Za-z0-9 ]/g, '');
  const blocks: Uint8Array[] = [];
  for (const match of pem.matchAll(
    new RegExp(`-----BEGIN (${wanted})-----([\\s\\S]*?)-----END \\1-----`, 'g'),
  )) {
    const body = (match[2] ?? '').replace(/[^A-Za-z0-9+/=]/g, '');
    blocks.push(new Uint8Array(Buffer.from(body, 'base64')));
  }
  return blocks;
}

export function derToPem(der: Uint8Array, label: string): string {
  const base64 = Buffer.from(der).toString('base64');
  const lines = base64.match(/.{1,64}/g) ?? [];
  return `-----BEGIN ${label}-----\n${lines.join('\n')}\n-----END ${label}-----\n`;
}

/** Accepts DER bytes or PEM text (as a string, or as bytes that hold PEM text) and returns DER. */
export function toDer(input: Uint8Array | string, label?: string): Uint8Array {
  if (typeof input === 'string') return pemToDer(input, label);
  if (input[0] === 0x30) return input;
  return pemToDer(new TextDecoder('latin1').decode(input), label);
}
