/**
 * Turns the bytes of an XML document into text, leniently (XML 1.0 §4.3.3 and Appendix F):
 * a byte-order mark wins, then the UTF-16 `<?` pattern, then the `encoding` of the XML
 * declaration, then UTF-8. Labels are resolved like the WHATWG Encoding Standard, so
 * `iso-8859-1` decodes as windows-1252. Never throws; every deviation is reported.
 */

export interface DecodedXml {
  /** The document text, without a byte-order mark. */
  readonly text: string;
  /** The WHATWG name of the encoding used, e.g. `utf-8`, `utf-16be`, `windows-1252`. */
  readonly encoding: string;
  /** Deviations found while decoding. */
  readonly problems: readonly string[];
  /** True when the bytes break XML well-formedness (bad bytes, a conflicting declaration). */
  readonly malformed: boolean;
}

const declaredEncoding = /^<\?xml\s[^>]*?\bencoding\s*=\s*(["'])([A-Za-z][A-Za-z0-9._:-]*)\1/;

/** The encoding named in the document's XML declaration, if any (read as ASCII). */
function readDeclaredEncoding(text: string): string | undefined {
  return declaredEncoding.exec(text.slice(0, 512))?.[2];
}

/** The WHATWG encoding name for a label, or undefined when the label is unknown. */
function resolveLabel(label: string): string | undefined {
  try {
    return new TextDecoder(label).encoding;
  } catch {
    return undefined;
  }
}

function sniff(bytes: Uint8Array): { readonly encoding: string; readonly skip: number } | undefined {
  const [b0, b1, b2, b3] = bytes;
  if (b0 === 0xef && b1 === 0xbb && b2 === 0xbf) return { encoding: 'utf-8', skip: 3 };
  if (b0 === 0xfe && b1 === 0xff) return { encoding: 'utf-16be', skip: 2 };
  if (b0 === 0xff && b1 === 0xfe) return { encoding: 'utf-16le', skip: 2 };
  if (b0 === 0x3c && b1 === 0x00 && b2 === 0x3f && b3 === 0x00) return { encoding: 'utf-16le', skip: 0 };
  if (b0 === 0x00 && b1 === 0x3c && b2 === 0x00 && b3 === 0x3f) return { encoding: 'utf-16be', skip: 0 };
  return undefined;
}

/** Decodes; bad byte sequences become U+FFFD and are reported. */
function decodeWith(encoding: string, bytes: Uint8Array, problems: string[]): { text: string; bad: boolean } {
  try {
    return { text: new TextDecoder(encoding, { fatal: true, ignoreBOM: true }).decode(bytes), bad: false };
  } catch {
    problems.push(`bytes that are not valid ${encoding} were replaced by U+FFFD`);
    return { text: new TextDecoder(encoding, { ignoreBOM: true }).decode(bytes), bad: true };
  }
}

const isUtf16 = (encoding: string): boolean => encoding.startsWith('utf-16');

/** Decodes an XML document's bytes (see the module comment). */
export function decodeXmlBytes(bytes: Uint8Array): DecodedXml {
  const problems: string[] = [];
  let malformed = false;
  const sniffed = sniff(bytes);
  if (sniffed !== undefined) {
    const { text, bad } = decodeWith(sniffed.encoding, bytes.subarray(sniffed.skip), problems);
    const declared = readDeclaredEncoding(text);
    const resolved = declared === undefined ? undefined : resolveLabel(declared);
    const conflict =
      resolved !== undefined && (sniffed.encoding === 'utf-8' ? resolved !== 'utf-8' : !isUtf16(resolved));
    if (conflict || (declared !== undefined && resolved === undefined)) {
      problems.push(
        `the declared encoding ${JSON.stringify(declared)} does not match the ${sniffed.encoding} bytes`,
      );
      malformed = true;
    }
    return { text, encoding: sniffed.encoding, problems, malformed: malformed || bad };
  }

  const head = new TextDecoder('windows-1252').decode(bytes.subarray(0, 512));
  const declared = readDeclaredEncoding(head);
  let encoding = 'utf-8';
  if (declared !== undefined) {
    const resolved = resolveLabel(declared);
    if (resolved === undefined) {
      problems.push(`unknown declared encoding ${JSON.stringify(declared)}; decoded as UTF-8`);
      malformed = true;
    } else if (isUtf16(resolved)) {
      problems.push(
        `declared encoding ${JSON.stringify(declared)} but the bytes are not UTF-16; decoded as UTF-8`,
      );
      malformed = true;
    } else {
      encoding = resolved;
    }
  }
  const { text, bad } = decodeWith(encoding, bytes, problems);
  return { text, encoding, problems, malformed: malformed || bad };
}
