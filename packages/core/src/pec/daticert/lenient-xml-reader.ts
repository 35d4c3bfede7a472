/**
 * The reader behind parseLenientXml (pec-spec §4.3: parse leniently, never resolve entities or
 * DTDs): one pass over the text building the element tree, decoding only the predefined entities
 * and numeric character references, skipping DOCTYPEs unread, and recovering from common breakage
 * (unescaped `<` or `&`, unclosed or stray tags, bad attributes) while noting each deviation.
 * Linear time; never throws.
 */
import { decodeXmlReferences } from './decode-xml-references.ts';
import { hasInvalidXmlChars } from './sanitize-xml-text.ts';
import { maxProblems, type LenientXmlOptions, type XmlAttribute } from './lenient-xml-document.ts';

interface MutableElement {
  readonly name: string;
  readonly attributes: XmlAttribute[];
  readonly children: MutableElement[];
  text: string;
}

const xmlName = /[A-Za-z_:\u00C0-\uFFFF][A-Za-z0-9_:.\-\u00B7\u00C0-\uFFFF]*/y;
const nameChar = /[A-Za-z0-9_:.\-\u00B7\u00C0-\uFFFF]/;
const whitespace = /[ \t\r\n]*/y;
const endOfEndTag = /[ \t\r\n]*>/y;
const unquotedValue = /[^ \t\r\n>]*/y;
const declaration = /^<\?xml[ \t\r\n]/;
const declarationVersion = /\bversion[ \t\n]*=[ \t\n]*(["'])1\.[0-9]+\1/;

const label = (name: string): string => (name.length > 40 ? `${name.slice(0, 40)}…` : name);

/** Reads one document in one pass; `read()` fills `roots`, `wellFormed` and `problems`. */
export class LenientXmlReader {
  readonly #text: string;
  /** `#text` with only A–Z lower-cased, so indexes match; used to find end tags. */
  readonly #lower: string;
  readonly #textOnly: ReadonlySet<string>;
  readonly #problems: string[] = [];
  /** Finds `</` or the start tag of a known element, in `#lower`. */
  readonly #boundary: RegExp;
  #boundaryMemo: { readonly from: number; readonly index: number } | undefined;
  readonly #stack: MutableElement[] = [];
  /** Open elements per lower-case name. */
  readonly #openCount = new Map<string, number>();
  readonly roots: MutableElement[] = [];
  #pos = 0;
  wellFormed = true;

  constructor(text: string, options: LenientXmlOptions) {
    // XML 1.0 §2.11: CRLF and lone CR are read as LF before anything else.
    this.#text = text.replace(/\r\n?/g, '\n');
    this.#lower = this.#text.replace(/[A-Z]+/g, (s) => s.toLowerCase());
    this.#textOnly = options.textOnly;
    const names = [...options.knownElements].map((n) => n.replace(/[.*+?^${}()|[\]\\]/g, '\\$&'));
    const startTags = names.length === 0 ? '' : `|<(?:${names.join('|')})(?=[ \\t\\n/>])`;
    this.#boundary = new RegExp(`</${startTags}`, 'g');
  }

  get problems(): readonly string[] {
    return this.#problems;
  }

  /** Records a deviation; `breaksXml` also clears `wellFormed`. */
  note(problem: string, breaksXml: boolean): void {
    if (breaksXml) this.wellFormed = false;
    if (this.#problems.length < maxProblems) this.#problems.push(problem);
    else if (this.#problems.length === maxProblems) this.#problems.push('further problems omitted');
  }

  read(): void {
    const text = this.#text;
    if (hasInvalidXmlChars(text)) this.note('the document contains characters XML 1.0 does not allow', true);
    if (declaration.test(text)) this.#readDeclaration();
    while (this.#pos < text.length) {
      const lt = text.indexOf('<', this.#pos);
      const textEnd = lt < 0 ? text.length : lt;
      if (textEnd > this.#pos) {
        this.#characterData(text.slice(this.#pos, textEnd));
        this.#pos = textEnd;
      } else {
        this.#markup();
      }
    }
    for (const open of this.#stack.reverse()) this.note(`<${label(open.name)}> is not closed`, true);
    if (this.roots.length === 0) this.note('no root element', true);
  }

  #readDeclaration(): void {
    const end = this.#text.indexOf('?>');
    const body = this.#text.slice(0, end < 0 ? this.#text.length : end);
    if (end < 0) this.note('the XML declaration is not terminated', true);
    else if (!declarationVersion.test(body)) this.note('the XML declaration has no valid version', true);
    this.#pos = end < 0 ? this.#text.length : end + 2;
  }

  #markup(): void {
    const text = this.#text;
    const at = this.#pos;
    if (text.startsWith('<!--', at)) {
      this.#pos = this.#skipPast('-->', at + 4, 'a comment is not terminated');
    } else if (text.startsWith('<![CDATA[', at)) {
      const end = text.indexOf(']]>', at + 9);
      if (end < 0) this.note('a CDATA section is not terminated', true);
      this.#append(text.slice(at + 9, end < 0 ? text.length : end));
      this.#pos = end < 0 ? text.length : end + 3;
    } else if (text.startsWith('<?', at)) {
      if (/^<\?xml(?![A-Za-z0-9_.:-])/i.test(text.slice(at, at + 6))) {
        this.note('an XML declaration appears after the start of the document', true);
      }
      this.#pos = this.#skipPast('?>', at + 2, 'a processing instruction is not terminated');
    } else if (this.#lower.startsWith('<!doctype', at)) {
      this.#skipDoctype();
    } else if (text.startsWith('<!', at)) {
      this.note('unknown markup declaration skipped', true);
      this.#pos = this.#skipPast('>', at + 2, 'unknown markup is not terminated');
    } else if (text.startsWith('</', at)) {
      this.#endTag();
    } else if (!this.#startTag()) {
      this.note(`unescaped '<' ${this.#context()}`, true);
      this.#characterData('<');
      this.#pos = at + 1;
    }
  }

  #skipPast(terminator: string, from: number, problem: string): number {
    const end = this.#text.indexOf(terminator, from);
    if (end >= 0) return end + terminator.length;
    this.note(problem, true);
    return this.#text.length;
  }

  /** Skips `<!DOCTYPE …>` with its internal subset; nothing in it is read or resolved. */
  #skipDoctype(): void {
    const text = this.#text;
    if (this.roots.length > 0) this.note('a DOCTYPE appears after the root element', true);
    this.note('DOCTYPE ignored: entities and DTDs are never resolved', false);
    let quote = '';
    let depth = 0;
    for (let i = this.#pos + 9; i < text.length; i += 1) {
      const ch = text[i];
      if (quote !== '') {
        if (ch === quote) quote = '';
      } else if (ch === '"' || ch === "'") quote = ch;
      else if (ch === '[') depth += 1;
      else if (ch === ']') depth = Math.max(0, depth - 1);
      else if (ch === '>' && depth === 0) {
        this.#pos = i + 1;
        return;
      }
    }
    this.note('the DOCTYPE is not terminated', true);
    this.#pos = text.length;
  }

  /** Where the reader is, for problem messages: `in <name>` or `outside the root element`. */
  #context(): string {
    const top = this.#stack.at(-1);
    return top === undefined ? 'outside the root element' : `in <${label(top.name)}>`;
  }

  /** Character data between markup: decoded and added to the open element. */
  #characterData(raw: string): void {
    if (raw.includes(']]>')) this.note(`']]>' in character data ${this.#context()}`, true);
    this.#append(this.#decode(raw, this.#context()));
  }

  #append(data: string): void {
    const top = this.#stack.at(-1);
    if (top !== undefined) top.text += data;
    else if (/[^ \t\n]/.test(data)) this.note('text outside the root element', true);
  }

  /** Decodes predefined entities and character references; anything else stays literal. */
  #decode(raw: string, where: string): string {
    const decoded = decodeXmlReferences(raw);
    if (decoded.unknownReference) {
      this.note(`unescaped '&' or an entity XML does not predefine ${where}`, true);
    }
    if (decoded.invalidCharacter) {
      this.note(`a character reference to a character XML does not allow ${where}`, true);
    }
    return decoded.text;
  }

  #name(at: number): string | undefined {
    xmlName.lastIndex = at;
    return xmlName.exec(this.#text)?.[0];
  }

  #skipWhitespace(at: number): number {
    whitespace.lastIndex = at;
    whitespace.exec(this.#text);
    return whitespace.lastIndex;
  }

  #endTag(): void {
    const name = this.#name(this.#pos + 2);
    if (name === undefined) {
      this.note(`a malformed end tag ${this.#context()}`, true);
      this.#characterData('</');
      this.#pos += 2;
      return;
    }
    endOfEndTag.lastIndex = this.#pos + 2 + name.length;
    const closed = endOfEndTag.exec(this.#text) !== null;
    if (!closed) this.note(`the end tag </${label(name)}> is malformed`, true);
    this.#pos = closed ? endOfEndTag.lastIndex : this.#pos + 2 + name.length;
    this.#close(name);
  }

  #push(element: MutableElement): void {
    this.#stack.push(element);
    const lname = element.name.toLowerCase();
    this.#openCount.set(lname, (this.#openCount.get(lname) ?? 0) + 1);
  }

  /** Closes the innermost open element called `name`, and any left open inside it. */
  #close(name: string): void {
    const stack = this.#stack;
    const lname = name.toLowerCase();
    // The count keeps stray end tags from scanning a deep stack: linear time overall.
    if ((this.#openCount.get(lname) ?? 0) === 0) {
      this.note(`the end tag </${label(name)}> has no start tag`, true);
      return;
    }
    let index = stack.findLastIndex((e) => e.name === name);
    if (index < 0) {
      index = stack.findLastIndex((e) => e.name.toLowerCase() === lname);
      this.note(`the end tag </${label(name)}> does not match the start tag's case`, true);
    }
    const closed = stack.splice(index);
    closed.forEach((open, k) => {
      const openName = open.name.toLowerCase();
      this.#openCount.set(openName, (this.#openCount.get(openName) ?? 1) - 1);
      if (k > 0) this.note(`<${label(open.name)}> is not closed`, true);
    });
  }

  /** Reads a start tag at `#pos`; false when `<` does not start one. */
  #startTag(): boolean {
    const text = this.#text;
    const name = this.#name(this.#pos + 1);
    if (name === undefined) return false;
    let i = this.#pos + 1 + name.length;
    const next = text[i];
    if (next !== undefined && !/[ \t\n/>]/.test(next)) return false;

    const element: MutableElement = { name, attributes: [], children: [], text: '' };
    let selfClosing = false;
    let terminated = false;
    while (i < text.length) {
      i = this.#skipWhitespace(i);
      if (text[i] === '>') {
        i += 1;
        terminated = true;
        break;
      }
      if (text.startsWith('/>', i)) {
        i += 2;
        selfClosing = terminated = true;
        break;
      }
      if (text[i] === '<' || i >= text.length) break;
      i = this.#attribute(element, i);
    }
    if (!terminated) {
      this.note(`the start tag <${label(name)}> is not terminated`, true);
      selfClosing = true;
    }
    this.#pos = i;

    const parent = this.#stack.at(-1);
    if (parent !== undefined) parent.children.push(element);
    else {
      if (this.roots.length > 0) this.note('more than one root element', true);
      this.roots.push(element);
    }
    if (selfClosing) return true;
    if (this.#textOnly.has(name.toLowerCase())) this.#textOnlyContent(element);
    else this.#push(element);
    return true;
  }

  /** Reads one attribute at `i` into `element`; returns the position after it. */
  #attribute(element: MutableElement, start: number): number {
    const text = this.#text;
    const tag = `<${label(element.name)}>`;
    const name = this.#name(start);
    if (name === undefined) {
      this.note(`malformed attribute syntax in ${tag}`, true);
      return start + 1;
    }
    let i = this.#skipWhitespace(start + name.length);
    let value = '';
    if (text[i] !== '=') {
      this.note(`attribute ${label(name)} in ${tag} has no value`, true);
    } else {
      i = this.#skipWhitespace(i + 1);
      const quote = text[i];
      if (quote === '"' || quote === "'") {
        let end = text.indexOf(quote, i + 1);
        if (end < 0) {
          this.note(`attribute ${label(name)} in ${tag} is not terminated`, true);
          const gt = text.indexOf('>', i + 1);
          end = gt < 0 ? text.length : gt;
          value = text.slice(i + 1, end);
          i = end;
        } else {
          value = text.slice(i + 1, end);
          i = end + 1;
          const after = text[i];
          if (after !== undefined && !/[ \t\n/>]/.test(after)) {
            this.note(`missing white space after attribute ${label(name)} in ${tag}`, true);
          }
        }
      } else {
        this.note(`attribute ${label(name)} in ${tag} is not quoted`, true);
        unquotedValue.lastIndex = i;
        value = unquotedValue.exec(text)?.[0] ?? '';
        i += value.length;
      }
    }
    if (value.includes('<')) this.note(`'<' in the value of attribute ${label(name)} in ${tag}`, true);
    if (element.attributes.some((a) => a.name === name)) {
      this.note(`duplicate attribute ${label(name)} in ${tag}`, true);
    }
    // XML 1.0 §3.3.3: literal white space in a value reads as a space.
    element.attributes.push({
      name,
      value: this.#decode(value.replace(/[\t\n]/g, ' '), `in attribute ${label(name)} of ${tag}`),
    });
    return i;
  }

  /**
   * Content of a text-only element: everything up to its end tag, `<` included, as long as no
   * other end tag or known start tag comes first; then the element counts as unclosed and
   * ends there, so a missing end tag does not swallow its siblings.
   */
  #textOnlyContent(element: MutableElement): void {
    const text = this.#text;
    const lname = element.name.toLowerCase();
    const start = this.#pos;
    const stop = this.#nextBoundary(start);
    const nameEnd = stop + 2 + lname.length;
    const closes =
      stop >= 0 && this.#lower.startsWith(`</${lname}`, stop) && !nameChar.test(text[nameEnd] ?? '>');
    if (!closes) {
      this.note(`<${label(element.name)}> is not closed`, true);
      this.#pos = stop < 0 ? text.length : stop;
      element.text = this.#textOnlyData(text.slice(start, this.#pos), element);
      return;
    }
    const written = text.slice(stop + 2, nameEnd);
    if (written !== element.name) {
      this.note(`the end tag </${label(written)}> does not match its start tag`, true);
    }
    endOfEndTag.lastIndex = nameEnd;
    const ok = endOfEndTag.exec(text) !== null;
    if (!ok) this.note(`the end tag </${label(written)}> is malformed`, true);
    this.#pos = ok ? endOfEndTag.lastIndex : nameEnd;
    element.text = this.#textOnlyData(text.slice(start, stop), element);
  }

  /** The first end tag or known start tag at or after `from`, or -1 (memoised: linear). */
  #nextBoundary(from: number): number {
    const hit = this.#boundaryMemo;
    if (hit !== undefined && hit.from <= from && (hit.index < 0 || hit.index >= from)) return hit.index;
    this.#boundary.lastIndex = from;
    const index = this.#boundary.exec(this.#lower)?.index ?? -1;
    this.#boundaryMemo = { from, index };
    return index;
  }

  /** Decodes text-only content: comments dropped, CDATA kept, stray `<` kept literally. */
  #textOnlyData(raw: string, element: MutableElement): string {
    const tag = `<${label(element.name)}>`;
    let out = '';
    let i = 0;
    for (;;) {
      const lt = raw.indexOf('<', i);
      if (lt < 0) return out + this.#decode(raw.slice(i), `in ${tag}`);
      out += this.#decode(raw.slice(i, lt), `in ${tag}`);
      if (raw.startsWith('<!--', lt)) {
        const end = raw.indexOf('-->', lt + 4);
        if (end < 0) this.note(`a comment in ${tag} is not terminated`, true);
        i = end < 0 ? raw.length : end + 3;
      } else if (raw.startsWith('<![CDATA[', lt)) {
        const end = raw.indexOf(']]>', lt + 9);
        if (end < 0) this.note(`a CDATA section in ${tag} is not terminated`, true);
        out += raw.slice(lt + 9, end < 0 ? raw.length : end);
        i = end < 0 ? raw.length : end + 3;
      } else {
        this.note(`unescaped '<' in ${tag}`, true);
        out += '<';
        i = lt + 1;
      }
    }
  }
}
