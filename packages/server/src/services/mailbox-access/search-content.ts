/**
 * The raw bytes of one message while it is searched, with its searchable texts (message-search-text.ts)
 * decoded and folded once, on first use, however many keys of the criteria ask for them. Built from
 * the text index instead (`ofIndexedText`) when the criteria need no header field of the bytes.
 */
import type { MimeStructure } from '../../ports/mailbox-store.ts';
import { decodedHeaderFields, foldSearchText, messageSearchText } from './message-search-text.ts';

interface FoldedText {
  readonly header: string;
  readonly body: string;
}

export class SearchContent {
  readonly raw: Uint8Array;
  readonly #structure: MimeStructure;
  #folded: FoldedText | null = null;

  constructor(raw: Uint8Array, structure: MimeStructure) {
    this.raw = raw;
    this.#structure = structure;
  }

  /**
   * Content holding only the folded texts of the index, computed from the same bytes by
   * `messageSearchText`; for criteria without header keys (`headerValues` has no bytes to read).
   */
  static ofIndexedText(folded: FoldedText, structure: MimeStructure): SearchContent {
    const content = new SearchContent(new Uint8Array(0), structure);
    content.#folded = { header: folded.header, body: folded.body };
    return content;
  }

  /** Header and body text, folded with `foldSearchText`. */
  get folded(): FoldedText {
    if (this.#folded === null) {
      const text = messageSearchText(this.raw, this.#structure);
      this.#folded = { header: foldSearchText(text.header), body: foldSearchText(text.body) };
    }
    return this.#folded;
  }

  /** Decoded values of the top-level header fields called `name`. */
  headerValues(name: string): string[] {
    const wanted = name.toLowerCase();
    return decodedHeaderFields(this.raw, this.#structure.offsets.header, this.#structure.offsets.body)
      .filter((field) => field.name.toLowerCase() === wanted)
      .map((field) => field.value);
  }
}
