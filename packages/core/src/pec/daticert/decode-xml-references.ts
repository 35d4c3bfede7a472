/**
 * Decodes the only references a daticert reader may expand: the five predefined entities and
 * numeric character references (XML 1.0 §4.1, §4.6; pec-spec §4.3: never resolve other
 * entities). Anything else stays literal and is reported, so hostile input cannot expand.
 */

export interface DecodedReferences {
  readonly text: string;
  /** An `&` that does not start a predefined entity or a character reference was kept as is. */
  readonly unknownReference: boolean;
  /** A character reference to a character outside XML 1.0 `Char` was dropped. */
  readonly invalidCharacter: boolean;
}

const predefinedEntities: Readonly<Record<string, string>> = {
  amp: '&',
  lt: '<',
  gt: '>',
  quot: '"',
  apos: "'",
};
const reference = /&(?:(amp|lt|gt|quot|apos)|#([0-9]{1,8})|#x([0-9A-Fa-f]{1,8}));/y;

/** True for a code point that XML 1.0 `Char` allows. */
function isXmlCodePoint(cp: number): boolean {
  return (
    cp === 0x9 ||
    cp === 0xa ||
    cp === 0xd ||
    (cp >= 0x20 && cp <= 0xd7ff) ||
    (cp >= 0xe000 && cp <= 0xfffd) ||
    (cp >= 0x10000 && cp <= 0x10ffff)
  );
}

/** `raw` with predefined entities and character references replaced by their characters. */
export function decodeXmlReferences(raw: string): DecodedReferences {
  let text = '';
  let unknownReference = false;
  let invalidCharacter = false;
  let i = 0;
  for (;;) {
    const amp = raw.indexOf('&', i);
    if (amp < 0) return { text: text + raw.slice(i), unknownReference, invalidCharacter };
    text += raw.slice(i, amp);
    reference.lastIndex = amp;
    const m = reference.exec(raw);
    if (m === null) {
      unknownReference = true;
      text += '&';
      i = amp + 1;
      continue;
    }
    const [, named, decimal, hex] = m;
    if (named !== undefined) {
      text += predefinedEntities[named] ?? '';
    } else {
      const cp = decimal === undefined ? Number.parseInt(hex ?? '', 16) : Number.parseInt(decimal, 10);
      if (isXmlCodePoint(cp)) text += String.fromCodePoint(cp);
      else invalidCharacter = true;
    }
    i = reference.lastIndex;
  }
}
