/**
 * The element tree and report of the lenient XML reader (parse-lenient-xml.ts): what it is given
 * (which elements hold only text, which are known) and what it answers (the roots, whether the
 * document is well-formed, one line per deviation, at most `maxProblems` + 1).
 */

export interface XmlAttribute {
  /** The name as written. */
  readonly name: string;
  /** The decoded, whitespace-normalised value. */
  readonly value: string;
}

export interface XmlElement {
  /** The name as written (case kept). */
  readonly name: string;
  readonly attributes: readonly XmlAttribute[];
  readonly children: readonly XmlElement[];
  /** The element's own character data, decoded and concatenated (not its children's). */
  readonly text: string;
}

export interface LenientXmlOptions {
  /**
   * Lower-case names of elements that hold only character data. Their content runs to their
   * end tag whatever it contains, so `<msgid><a@b></msgid>` reads as the text `<a@b>`.
   */
  readonly textOnly: ReadonlySet<string>;
  /**
   * Lower-case names of the document's known elements. A start tag of one of these (or any
   * end tag) ends a text-only element whose own end tag is missing.
   */
  readonly knownElements: ReadonlySet<string>;
}

export interface LenientXmlDocument {
  /** Top-level elements in document order; a well-formed document has exactly one. */
  readonly roots: readonly XmlElement[];
  /** False when any XML 1.0 well-formedness rule is broken. */
  readonly wellFormed: boolean;
  /** One line per deviation, without document content; at most `maxProblems` + 1 lines. */
  readonly problems: readonly string[];
}

/** Cap on reported problems, so hostile input cannot produce an unbounded list. */
export const maxProblems = 50;
