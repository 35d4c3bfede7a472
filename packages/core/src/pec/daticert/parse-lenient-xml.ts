/**
 * A small, tolerant XML reader for flat documents such as daticert.xml (pec-spec §4.3: parse
 * leniently, never resolve entities or DTDs). It builds an element tree, decodes only the
 * predefined entities and numeric character references, skips DOCTYPEs unread, and recovers
 * from common breakage (unescaped `<` or `&`, unclosed or stray tags, bad attributes) while
 * recording each deviation. Linear time; never throws.
 */
import type { LenientXmlDocument, LenientXmlOptions } from './lenient-xml-document.ts';
import { LenientXmlReader } from './lenient-xml-reader.ts';

/** Reads `text` (already decoded, without a byte-order mark) into an element tree. */
export function parseLenientXml(text: string, options: LenientXmlOptions): LenientXmlDocument {
  const reader = new LenientXmlReader(text, options);
  reader.read();
  return { roots: reader.roots, wellFormed: reader.wellFormed, problems: reader.problems };
}
