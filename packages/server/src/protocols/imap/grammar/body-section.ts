/**
 * FETCH body sections (RFC 9051 §6.4.5 `section-spec`, RFC 3501 §6.4.5): `[1.2.HEADER.FIELDS (A B)]`
 * parsed into a typed value and rendered back in the form a FETCH response must echo
 * (RFC 9051 §7.5.2: the response names the section as requested, without `.PEEK`).
 */

import { valueText } from './arg-cursor.ts';
import { tokenizeText } from './command-tokenizer.ts';

export type SectionText = 'HEADER' | 'HEADER.FIELDS' | 'HEADER.FIELDS.NOT' | 'TEXT' | 'MIME';

export interface BodySection {
  /** Part path, e.g. [1, 2] for `1.2`; empty for the whole message. */
  readonly part: readonly number[];
  readonly text: SectionText | null;
  /** Header names for HEADER.FIELDS(.NOT), as sent (compare case-insensitively); empty otherwise. */
  readonly fields: readonly string[];
}

const fieldNamePattern = /^[\x21-\x39\x3b-\x7e]+$/;

/** Parses the text between the brackets; null when invalid. */
export function parseSectionSpec(spec: string): BodySection | null {
  const part: number[] = [];
  let rest = spec;
  let afterDot = false;
  for (;;) {
    const match = /^([1-9][0-9]{0,9})(\.?)/.exec(rest);
    if (match === null) break;
    const next = rest.slice(match[0].length);
    if (match[2] === '' && next !== '') return null;
    part.push(Number(match[1]));
    rest = next;
    afterDot = match[2] === '.';
    if (!afterDot) break;
  }
  if (afterDot && rest === '') return null;
  if (rest === '') return { part, text: null, fields: [] };
  const upper = rest.toUpperCase();
  if (upper === 'HEADER' || upper === 'TEXT') return { part, text: upper, fields: [] };
  if (upper === 'MIME') return part.length > 0 ? { part, text: 'MIME', fields: [] } : null;
  const fieldsMatch = /^(HEADER\.FIELDS(?:\.NOT)?) +(\(.*\))$/is.exec(rest);
  if (fieldsMatch === null) return null;
  const tokens = tokenizeText(fieldsMatch[2] ?? '');
  const list = tokens?.[0];
  if (tokens?.length !== 1 || list?.kind !== 'list' || list.items.length === 0) return null;
  const fields: string[] = [];
  for (const item of list.items) {
    const name = valueText(item);
    if (name === null || !fieldNamePattern.test(name)) return null;
    fields.push(name);
  }
  const text =
    (fieldsMatch[1] ?? '').toUpperCase() === 'HEADER.FIELDS' ? 'HEADER.FIELDS' : 'HEADER.FIELDS.NOT';
  return { part, text, fields };
}

/** Renders the text between the brackets, e.g. `1.HEADER.FIELDS (From To)`. */
export function renderSectionSpec(section: BodySection): string {
  const part = section.part.join('.');
  if (section.text === null) return part;
  const prefix = part === '' ? '' : `${part}.`;
  if (section.text === 'HEADER.FIELDS' || section.text === 'HEADER.FIELDS.NOT') {
    return `${prefix}${section.text} (${section.fields.join(' ')})`;
  }
  return `${prefix}${section.text}`;
}
