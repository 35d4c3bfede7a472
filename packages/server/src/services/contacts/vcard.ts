/**
 * vCard (RFC 6350, version 4.0; 3.0 of RFC 2426 tolerated on import) to and from contact fields.
 * Read: FN (or N when FN is missing), EMAIL (TYPE=x-pec, a vendor type per RFC 6350 §5.6, marks a
 * PEC address), TEL, NOTE, CATEGORIES as groups. Written: the same properties, text escaped
 * (§3.4) and lines folded at 75 octets (§3.2). Other properties are ignored.
 */
import type { ContactFields } from './contacts.ts';

/** The vendor TYPE value that files an EMAIL among the PEC addresses. */
export const pecType = 'x-pec';

export type ParsedCard =
  | { readonly kind: 'card'; readonly fields: ContactFields }
  | {
      readonly kind: 'rejected';
      readonly name: string | null;
      readonly reason: 'unsupported-version' | 'not-closed' | 'no-name-or-address';
    };

interface Property {
  readonly name: string;
  readonly types: readonly string[];
  readonly value: string;
}

/** RFC 6350 §3.2: a line starting with a space or tab continues the previous one. */
function unfold(text: string): string[] {
  return text
    .replace(/\r\n|\r/g, '\n')
    .replace(/\n[ \t]/g, '')
    .split('\n');
}

/** RFC 6350 §3.4: \n, \, , \; and \\ in text values. */
function unescapeText(value: string): string {
  return value.replace(/\\([nN,;\\])/g, (_, c: string) => (c === 'n' || c === 'N' ? '\n' : c));
}

/** Splits on `separator` not preceded by a backslash, then unescapes each piece. */
function splitText(value: string, separator: ',' | ';'): string[] {
  const parts: string[] = [];
  let current = '';
  for (let i = 0; i < value.length; i++) {
    const c = value.charAt(i);
    if (c === '\\' && i + 1 < value.length) {
      current += c + value.charAt(i + 1);
      i++;
    } else if (c === separator) {
      parts.push(current);
      current = '';
    } else current += c;
  }
  parts.push(current);
  return parts.map(unescapeText);
}

function parseLine(line: string): Property | undefined {
  const colon = line.indexOf(':');
  if (colon < 0) return undefined;
  const [head = '', ...params] = line.slice(0, colon).split(';');
  // A property may carry a group prefix (`item1.EMAIL`, §3.3).
  const name = head.slice(head.lastIndexOf('.') + 1).toUpperCase();
  const types: string[] = [];
  for (const param of params) {
    const eq = param.indexOf('=');
    // vCard 3.0 allows a bare type (`EMAIL;INTERNET;PREF:`).
    const key = eq < 0 ? 'TYPE' : param.slice(0, eq).toUpperCase();
    const value = eq < 0 ? param : param.slice(eq + 1);
    if (key === 'TYPE')
      types.push(
        ...value
          .replace(/"/g, '')
          .split(',')
          .map((t) => t.toLowerCase()),
      );
  }
  return { name, types, value: line.slice(colon + 1) };
}

function cardOf(properties: readonly Property[]): ParsedCard {
  const version = properties.find((p) => p.name === 'VERSION')?.value.trim();
  let name = properties.find((p) => p.name === 'FN')?.value;
  name = name === undefined ? undefined : unescapeText(name).trim();
  if (name === undefined || name === '') {
    const n = properties.find((p) => p.name === 'N');
    if (n !== undefined) {
      const [family = '', given = '', additional = '', prefix = '', suffix = ''] = splitText(n.value, ';');
      name = [prefix, given, additional, family, suffix]
        .map((s) => s.trim())
        .filter(Boolean)
        .join(' ');
    }
  }
  if (version !== '4.0' && version !== '3.0') {
    return { kind: 'rejected', name: name ?? null, reason: 'unsupported-version' };
  }
  const pec: string[] = [];
  const emails: string[] = [];
  const phones: string[] = [];
  const notes: string[] = [];
  const groups: string[] = [];
  for (const property of properties) {
    const value = unescapeText(property.value).trim();
    if (property.name === 'EMAIL' && value !== '') {
      if (property.types.includes(pecType)) pec.push(value);
      else emails.push(value);
    } else if (property.name === 'TEL' && value !== '') phones.push(value.replace(/^tel:/i, ''));
    else if (property.name === 'NOTE' && value !== '') notes.push(value);
    else if (property.name === 'CATEGORIES')
      groups.push(...splitText(property.value, ',').map((g) => g.trim()));
  }
  if ((name === undefined || name === '') && pec.length === 0 && emails.length === 0) {
    return { kind: 'rejected', name: null, reason: 'no-name-or-address' };
  }
  return {
    kind: 'card',
    fields: { name: name ?? '', pec, emails, phones, notes: notes.join('\n'), groups },
  };
}

/** Every card of a .vcf file, in order, each read or rejected with its reason. */
export function parseVcards(text: string): ParsedCard[] {
  const cards: ParsedCard[] = [];
  let current: Property[] | undefined;
  for (const line of unfold(text)) {
    if (line.trim() === '') continue;
    const property = parseLine(line);
    if (property === undefined) continue;
    const value = property.value.trim().toUpperCase();
    if (property.name === 'BEGIN' && value === 'VCARD') {
      if (current !== undefined) cards.push({ kind: 'rejected', name: null, reason: 'not-closed' });
      current = [];
    } else if (property.name === 'END' && value === 'VCARD') {
      if (current !== undefined) cards.push(cardOf(current));
      current = undefined;
    } else current?.push(property);
  }
  if (current !== undefined) cards.push({ kind: 'rejected', name: null, reason: 'not-closed' });
  return cards;
}

function escapeText(value: string): string {
  return value.replace(/\\/g, '\\\\').replace(/,/g, '\\,').replace(/;/g, '\\;').replace(/\r?\n/g, '\\n');
}

/** RFC 6350 §3.2: lines of at most 75 octets, continued with CRLF and one space; never splits a character. */
function fold(line: string): string {
  const out: string[] = [];
  let current = '';
  let octets = 0;
  for (const char of line) {
    const size = Buffer.byteLength(char);
    if (octets + size > 75) {
      out.push(current);
      current = ' ';
      octets = 1;
    }
    current += char;
    octets += size;
  }
  out.push(current);
  return out.join('\r\n');
}

/** One vCard 4.0 of the fields. */
export function renderVcard(fields: ContactFields): string {
  const lines = ['BEGIN:VCARD', 'VERSION:4.0', `FN:${escapeText(fields.name)}`];
  for (const address of fields.pec) lines.push(`EMAIL;TYPE=${pecType}:${address}`);
  for (const address of fields.emails) lines.push(`EMAIL:${address}`);
  for (const phone of fields.phones) lines.push(`TEL;VALUE=text:${escapeText(phone)}`);
  if (fields.notes !== '') lines.push(`NOTE:${escapeText(fields.notes)}`);
  if (fields.groups.length > 0) lines.push(`CATEGORIES:${fields.groups.map(escapeText).join(',')}`);
  lines.push('END:VCARD');
  return lines.map(fold).join('\r\n') + '\r\n';
}
