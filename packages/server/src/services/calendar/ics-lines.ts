/**
 * iCalendar's text layer (RFC 5545 §3.1): unfolding and folding at 75 octets, content lines
 * `NAME;PARAM=value:value`, TEXT escaping (§3.3.11) and the BEGIN/END nesting of components.
 * Strict: a line that is not a content line, or an END that closes the wrong component, stops the
 * parse with the line's number and what is wrong.
 */

export interface ContentLine {
  readonly name: string;
  readonly params: ReadonlyMap<string, string>;
  readonly value: string;
}

export interface Component {
  readonly name: string;
  readonly properties: ContentLine[];
  readonly components: Component[];
}

export type ParsedIcs =
  | { readonly ok: true; readonly calendars: Component[] }
  | { readonly ok: false; readonly line: number; readonly reason: string };

const namePattern = /^[A-Za-z0-9-]+$/;

/** One unfolded line into name, parameters and value; undefined when it is not a content line. */
export function parseContentLine(line: string): ContentLine | undefined {
  const params = new Map<string, string>();
  let i = 0;
  const readName = (): string => {
    const start = i;
    while (i < line.length && /[A-Za-z0-9-]/.test(line.charAt(i))) i += 1;
    return line.slice(start, i);
  };
  const name = readName();
  if (!namePattern.test(name)) return undefined;
  while (line.charAt(i) === ';') {
    i += 1;
    const param = readName();
    if (param === '' || line.charAt(i) !== '=') return undefined;
    i += 1;
    let value = '';
    for (;;) {
      if (line.charAt(i) === '"') {
        const close = line.indexOf('"', i + 1);
        if (close < 0) return undefined;
        value += line.slice(i + 1, close);
        i = close + 1;
      } else {
        const start = i;
        while (i < line.length && !';:,"'.includes(line.charAt(i))) i += 1;
        value += line.slice(start, i);
      }
      if (line.charAt(i) !== ',') break;
      value += ',';
      i += 1;
    }
    params.set(param.toUpperCase(), value);
  }
  if (line.charAt(i) !== ':') return undefined;
  return { name: name.toUpperCase(), params, value: line.slice(i + 1) };
}

/** Unfolds and nests the file's components; the top level must be VCALENDAR objects. */
export function parseIcs(text: string): ParsedIcs {
  const raw = text.replace(/^\uFEFF/, '').split(/\r\n|\n|\r/);
  const lines: { text: string; number: number }[] = [];
  for (const [index, line] of raw.entries()) {
    const last = lines.at(-1);
    if ((line.startsWith(' ') || line.startsWith('\t')) && last !== undefined) last.text += line.slice(1);
    else if (line.trim() !== '') lines.push({ text: line, number: index + 1 });
  }
  const calendars: Component[] = [];
  const stack: Component[] = [];
  for (const { text: line, number } of lines) {
    const content = parseContentLine(line);
    if (content === undefined) return { ok: false, line: number, reason: 'not a content line (NAME:value)' };
    const top = stack.at(-1);
    if (content.name === 'BEGIN') {
      const component = { name: content.value.trim().toUpperCase(), properties: [], components: [] };
      if (top === undefined && component.name !== 'VCALENDAR')
        return { ok: false, line: number, reason: `BEGIN:${component.name} outside BEGIN:VCALENDAR` };
      if (top === undefined) calendars.push(component);
      else top.components.push(component);
      stack.push(component);
    } else if (content.name === 'END') {
      const name = content.value.trim().toUpperCase();
      if (top?.name !== name)
        return {
          ok: false,
          line: number,
          reason:
            top === undefined ? `END:${name} without BEGIN` : `END:${name} does not close BEGIN:${top.name}`,
        };
      stack.pop();
    } else if (top === undefined) {
      return { ok: false, line: number, reason: 'content outside BEGIN:VCALENDAR … END:VCALENDAR' };
    } else {
      top.properties.push(content);
    }
  }
  const open = stack.at(-1);
  if (open !== undefined)
    return { ok: false, line: raw.length, reason: `BEGIN:${open.name} is never closed` };
  if (calendars.length === 0) return { ok: false, line: 1, reason: 'no BEGIN:VCALENDAR' };
  return { ok: true, calendars };
}

/** TEXT value escaping (§3.3.11). */
export function escapeText(value: string): string {
  return value.replace(/\\/g, '\\\\').replace(/;/g, '\\;').replace(/,/g, '\\,').replace(/\r?\n/g, '\\n');
}

export function unescapeText(value: string): string {
  return value.replace(/\\([\\;,nN])/g, (_, c: string) => (c === 'n' || c === 'N' ? '\n' : c));
}

/** Folds a content line at 75 octets without splitting a UTF-8 sequence (§3.1). */
export function foldLine(line: string): string {
  const encoder = new TextEncoder();
  const out: string[] = [];
  let current = '';
  let octets = 0;
  for (const char of line) {
    const size = encoder.encode(char).length;
    const limit = out.length === 0 ? 75 : 74;
    if (octets + size > limit) {
      out.push(current);
      current = '';
      octets = 0;
    }
    current += char;
    octets += size;
  }
  out.push(current);
  return out.join('\r\n ');
}

/** The lines as an iCalendar text: folded, CRLF-terminated. */
export function renderLines(lines: readonly string[]): string {
  return lines.map((line) => `${foldLine(line)}\r\n`).join('');
}
